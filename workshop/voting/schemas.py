"""Shapes of what voting takes, over HTTP and over the socket: a dot, a rating, the rules."""

from __future__ import annotations

from pydantic import Field

from ..validation import Id, Int, Key, Shape
from .rounds import BUDGET_MAX

_SCORE = "1 to 5"


class DotTarget(Shape):
    """What a dot goes on: a practice, or a story where the room votes on the stories."""

    practice_id: Id | None = None
    story_id: Id | None = None


class CastVote(DotTarget):
    """A phone's dot under its key (socket cast_vote); a replayed key changes nothing."""

    key: Key | None = None


class WithdrawVote(Shape):
    """A phone takes a dot back (socket withdraw_vote)."""

    key: Key | None = None


class Scores(Shape):
    """A rating: customer agency and ease, 1 to 5 each."""

    agency: Int | None = Field(default=None, description=_SCORE)
    ease: Int | None = Field(default=None, description=_SCORE)


class RatePractice(Scores):
    """A phone rates a practice (socket rate_practice)."""

    practice_id: Id | None = None


class VotingRules(Shape, extra="forbid"):
    """Any subset. Dots that the new rules no longer allow go back to their owners,
    newest first (dots_returned)."""

    budget: Int | None = Field(default=None, ge=1, le=BUDGET_MAX)
    per_practice_cap: Int | None = Field(
        default=None, ge=1, le=BUDGET_MAX, description="null: the whole budget."
    )
    self_votes: bool | None = None
    hide_tally: bool | None = None
