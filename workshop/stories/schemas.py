"""Shapes of what the stories take: a story (posted or changed) and a lens."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field

from ..validation import Int, Key, Shape, Text
from .models import LENS_NAME_MAX, MANNER_MAX, PART_MAX, PLACE_MAX, TITLE_MAX

_MARKDOWN = "Markdown"
#: A form may send the number as text: ASCII digits only ("²" is no number).
Digits = Annotated[str, Field(strict=True, pattern=r"^\s*[0-9]{1,2}\s*$")]


class StoryChange(Shape):
    """A story's fields; on a change, only those given are changed."""

    title: Text | None = Field(default=None, max_length=TITLE_MAX)
    happened: Text | None = Field(default=None, max_length=PART_MAX, description=_MARKDOWN)
    staff_did: Text | None = Field(default=None, max_length=PART_MAX, description=_MARKDOWN)
    could_do: Text | None = Field(default=None, max_length=PART_MAX, description=_MARKDOWN)
    manner: Text | None = Field(
        default=None,
        max_length=MANNER_MAX,
        description="Markdown: how it was said, how it felt (optional)",
    )
    agency: Int | Digits | None = Field(
        default=None,
        description="1 = handled like an object, 5 = a subject who could act (1 to 5)",
    )
    channel: Literal["in_person", "phone", "online", "social", "other"] | None = None
    place: Text | None = Field(default=None, max_length=PLACE_MAX)


class NewStory(StoryChange):
    """A story to post; a replayed key returns the first story."""

    title: Text = Field(max_length=TITLE_MAX)
    happened: Text = Field(max_length=PART_MAX, description=_MARKDOWN)
    agency: Int | Digits = Field(
        description="1 = handled like an object, 5 = a subject who could act (1 to 5)"
    )
    channel: Literal["in_person", "phone", "online", "social", "other"]
    key: Key | None = Field(
        default=None, description="Idempotency key: a replay returns the first story with 200."
    )


class LensName(Shape):
    """A lens's name."""

    name: Text = Field(max_length=LENS_NAME_MAX)
