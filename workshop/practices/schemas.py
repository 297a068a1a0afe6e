"""Shapes of what the practices take: a practice (proposed or changed), a merge, a
commitment, and what to reveal."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from ..validation import Id, Int, Key, Shape, Text
from .models import DESCRIPTION_MAX, EMAIL_MAX, FIRST_STEP_MAX, OWNER_MAX, TITLE_MAX
from .services import STORY_LINKS_MAX


class PracticeChange(Shape):
    """A practice's fields; on a change, only those given are changed."""

    title: Text | None = Field(default=None, max_length=TITLE_MAX)
    description: Text | None = Field(
        default=None, max_length=DESCRIPTION_MAX, description="Markdown"
    )
    story_ids: list[Id] | None = Field(
        default=None,
        max_length=STORY_LINKS_MAX,
        description="Stories of this workshop that the caller may read now; repeats count "
        "once. On PATCH the list replaces the links.",
    )


class NewPractice(PracticeChange):
    """A practice to propose."""

    title: Text = Field(max_length=TITLE_MAX)
    key: Key | None = Field(
        default=None,
        description="Idempotency key, one per practice in the workshop: a replay by the same "
        "proposer returns the practice with 200, anyone else's use is 409 key_in_use. "
        "Without a key every post is a new practice.",
    )


class MergeInto(Shape):
    """The practice that takes this one's links, authors, dots and ratings."""

    into: Id


class CommitmentChange(Shape):
    """Any subset of a commitment's fields; other fields are ignored."""

    owner: Text | None = Field(
        default=None,
        max_length=OWNER_MAX,
        description="Who in the organisation carries it; empty or null clears it.",
    )
    first_step: Text | None = Field(default=None, max_length=FIRST_STEP_MAX)
    due_on: Text | None = Field(
        default=None,
        description="YYYY-MM-DD, today or later (an unchanged past date is kept); "
        "empty or null clears it. May change after the workshop closes.",
    )
    owner_email: Text | None = Field(
        default=None,
        max_length=EMAIL_MAX,
        description="Where check-ins mail the owner's link; never shown to the room.",
    )
    position: Int | None = Field(
        default=None,
        ge=0,
        description="Place in the order; past the end means last. A new commitment "
        "without one goes last; the others shift to make room.",
    )


class Reveal(Shape):
    """What to reveal; by default what the phase holds."""

    what: Literal["stories", "practices", "votes"] | None = None
