"""Socket.IO events of voting: phones cast and take back dots and rate practices here,
and get their own remaining dots in the ack. The tally reaches screens on the tick."""

from __future__ import annotations

from typing import Any

from ..errors import DomainError, Unauthorized
from ..extensions import socketio
from ..validation import given, parse
from ..workshops.sockets import ack_error, current_viewer
from . import dots as voting
from . import ratings
from .schemas import CastVote, RatePractice, WithdrawVote


def _participant_id() -> int:
    viewer = current_viewer()
    if viewer.participant_id is None:
        raise Unauthorized()
    return viewer.participant_id


def on_cast_vote(data: Any = None) -> dict[str, Any]:
    """A phone puts a dot on a practice: {"key", "practice_id"}, or on a story where the
    room votes on the stories: {"key", "story_id"}; a replayed key changes nothing.

    The ack carries the dots the participant has left; nobody else is sent the vote.
    """
    try:
        participant_id = _participant_id()
        dot = parse(CastVote, data)
        result, created = voting.cast_vote(participant_id, dot.key, dot.practice_id, dot.story_id)
        return {"ok": True, "created": created, **result}
    except DomainError as error:
        return ack_error(error)


def on_withdraw_vote(data: Any = None) -> dict[str, Any]:
    """A phone takes a dot back: {"key"}."""
    try:
        key = parse(WithdrawVote, data).key
        return {"ok": True, **voting.withdraw_vote(_participant_id(), key)}
    except DomainError as error:
        return ack_error(error)


def on_rate_practice(data: Any = None) -> dict[str, Any]:
    """A phone rates a practice: {"practice_id", "agency", "ease"}."""
    try:
        scores = given(RatePractice, data)
        rating = ratings.rate(_participant_id(), scores.get("practice_id"), scores)
        return {"ok": True, **rating}
    except DomainError as error:
        return ack_error(error)


def register() -> None:
    """Bind the voting handlers to the Socket.IO server."""
    socketio.on_event("cast_vote", on_cast_vote)
    socketio.on_event("withdraw_vote", on_withdraw_vote)
    socketio.on_event("rate_practice", on_rate_practice)
