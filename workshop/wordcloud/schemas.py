"""Shapes of what the word cloud takes: a word, and a facilitator's hiding and merging."""

from __future__ import annotations

from pydantic import Field

from ..validation import Key, Shape, Text
from .models import TEXT_MAX


class NewWord(Shape):
    """A word or a short phrase; a replayed key, or the same word again, answers 200."""

    text: Text = Field(max_length=TEXT_MAX)
    key: Key | None = None


class HiddenWord(Shape):
    """A word to hide from the room (or, with hidden false, bring back)."""

    word: Text
    hidden: bool = True


class WordMerge(Shape):
    """Count one word as another."""

    word: Text
    into: Text
