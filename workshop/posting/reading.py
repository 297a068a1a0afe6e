"""Who may read a posted item, and the item as each audience sees it."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from .. import writes
from ..realtime import Audience
from ..timeutil import utcnow
from ..workshops.services import Viewer


def is_facilitator(viewer: Viewer | None) -> bool:
    return viewer is not None and viewer.audience is Audience.FACILITATORS


def can_read(
    viewer: Viewer | None, *, is_hidden: bool, is_public: bool, is_own: Callable[[], bool]
) -> bool:
    """Whether a viewer (None: the public, as the projector) may read an item now.

    Facilitators read everything; nobody else a hidden item; everyone a public one
    (revealed, or never private); otherwise only its own people (``is_own``, asked last:
    it may cost a query).
    """
    if is_facilitator(viewer):
        return True
    if is_hidden:
        return False
    if is_public:
        return True
    return viewer is not None and viewer.participant_id is not None and is_own()


def hidden_at(hidden: bool) -> datetime | None:
    """The ``hidden_at`` of an item a facilitator hides (now) or brings back (None)."""
    return utcnow() if hidden else None


def view(body: dict[str, Any], *, is_hidden: bool, for_facilitators: bool) -> dict[str, Any]:
    """Return an item's public JSON, or the facilitators' (which also say if it is hidden)."""
    if for_facilitators:
        body["is_hidden"] = is_hidden
    return body


def publish_item(
    unit: writes.Unit,
    event: str,
    *,
    name: str,
    item_id: int,
    public: Callable[[], dict[str, Any] | None],
    facilitators: Callable[[], dict[str, Any] | None],
    common: Callable[[], dict[str, Any]],
) -> None:
    """Queue a change to one item: ``{name}_id``, ``name`` (the item as the audience may
    read it, else None) and what both audiences share (``common``, made once)."""
    made: dict[str, Any] = {}

    def shared() -> dict[str, Any]:
        if not made:
            made.update(common())
        return made

    unit.publish(
        event,
        public=lambda: {f"{name}_id": item_id, name: public(), **shared()},
        facilitators=lambda: {f"{name}_id": item_id, name: facilitators(), **shared()},
    )
