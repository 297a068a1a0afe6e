"""The shape of an export, and so of an import: checked whole by imports.parse_export
(which knows the activities and how rows refer to each other) before anything is written."""

from __future__ import annotations

from typing import Any

from pydantic import Field

from ..validation import Int, Shape, Text
from .exchange import FORMAT, VERSION

_ROWS = "Rows; they refer to each other by position"


class WorkshopExport(Shape, extra="allow"):
    """See docs/api.md: rows refer to each other by position. Stories carry is_anonymous
    and practices anonymous_authors (written while the workshop was anonymous); a
    participant who wrote anything anonymously has no display_name."""

    format: Text | None = Field(default=None, description=f'Always "{FORMAT}"')
    version: Int | None = Field(default=None, description=f"Always {VERSION}")
    exported_at: Text | None = Field(default=None, description="date-time")
    workshop: dict[str, Any] | None = None
    design: dict[str, Any] | None = None
    participants: list[dict[str, Any]] | None = Field(default=None, description=_ROWS)
    stories: list[dict[str, Any]] | None = Field(default=None, description=_ROWS)
    practices: list[dict[str, Any]] | None = Field(default=None, description=_ROWS)
    votes: list[dict[str, Any]] | None = Field(default=None, description=_ROWS)
    ratings: list[dict[str, Any]] | None = Field(default=None, description=_ROWS)
