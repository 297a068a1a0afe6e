"""Socket.IO events of voting: phones cast and take back dots and rate practices here,
and get their own remaining dots in the ack. The tally reaches screens on the tick."""

from __future__ import annotations

from typing import Any

from ..errors import DomainError, Unauthorized
from ..extensions import socketio
from ..workshops.sockets import ack_error, current_viewer
from . import dots as voting
from . import ratings


def _participant_id() -> int:
    viewer = current_viewer()
    if viewer.participant_id is None:
        raise Unauthorized()
    return viewer.participant_id


def _field(data: Any, name: str) -> Any:
    return data.get(name) if isinstance(data, dict) else None


def on_cast_vote(data: Any = None) -> dict[str, Any]:
    """A phone puts a dot on a practice: {"key", "practice_id"}, or on a story where the
    room votes on the stories: {"key", "story_id"}; a replayed key changes nothing.

    The ack carries the dots the participant has left; nobody else is sent the vote.
    """
    try:
        participant_id = _participant_id()
        result, created = voting.cast_vote(
            participant_id,
            _field(data, "key"),
            _field(data, "practice_id"),
            _field(data, "story_id"),
        )
        return {"ok": True, "created": created, **result}
    except DomainError as error:
        return ack_error(error)


def on_withdraw_vote(data: Any = None) -> dict[str, Any]:
    """A phone takes a dot back: {"key"}."""
    try:
        return {"ok": True, **voting.withdraw_vote(_participant_id(), _field(data, "key"))}
    except DomainError as error:
        return ack_error(error)


def on_rate_practice(data: Any = None) -> dict[str, Any]:
    """A phone rates a practice: {"practice_id", "agency", "ease"}."""
    try:
        scores = data if isinstance(data, dict) else {}
        rating = ratings.rate(_participant_id(), _field(data, "practice_id"), scores)
        return {"ok": True, **rating}
    except DomainError as error:
        return ack_error(error)


def register() -> None:
    """Bind the voting handlers to the Socket.IO server."""
    socketio.on_event("cast_vote", on_cast_vote)
    socketio.on_event("withdraw_vote", on_withdraw_vote)
    socketio.on_event("rate_practice", on_rate_practice)
