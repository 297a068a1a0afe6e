"""The shape of an import: an export of this app, checked whole by imports.parse_export
before anything is written."""

from __future__ import annotations

from ..validation import Shape


class WorkshopExport(Shape, extra="allow"):
    """A workshop as GET /workshops/{code}/export.json gave it."""
