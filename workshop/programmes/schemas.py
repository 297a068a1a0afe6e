"""Shapes of what the programmes' API takes: a title, a workshop to add, an address to
share with, and two practices to link."""

from __future__ import annotations

from pydantic import Field

from ..validation import Id, Shape, Text
from .models import TITLE_MAX


class ProgrammeTitle(Shape):
    """A programme's title: the client and the round ("Kauppaketju X, kevät 2027")."""

    title: Text = Field(max_length=TITLE_MAX)


class ProgrammeWorkshopChoice(Shape):
    """A workshop the caller runs, by its id or by its join code (the open one first, else
    the newest closed one with that code)."""

    workshop_id: Id | None = None
    code: Text | None = Field(default=None, max_length=16)


class ProgrammeSharing(Shape):
    """Another facilitator's account, by its email."""

    email: Text = Field(max_length=254)


class PracticeLinking(Shape):
    """Two practices of two of the programme's workshops that are the same idea."""

    practice_ids: list[Id] = Field(min_length=2, max_length=2)
