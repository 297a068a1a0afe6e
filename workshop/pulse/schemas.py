"""Shapes of what the pulse takes: a phone's rating, and a check-in's answers."""

from __future__ import annotations

from pydantic import Field

from ..validation import Int, Shape, Text


class PulseRating(Shape):
    """One statement's rating (statement 0 is the first); rating it again changes it."""

    statement: Int
    rating: Int


class CheckInAnswers(Shape):
    """A phone's answers to a check-in: one rating per statement, in order, and the
    phone's own random token (each phone answers once)."""

    phone: Text = Field(max_length=128)
    ratings: list[Int] = Field(max_length=5)
