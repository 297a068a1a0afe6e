"""The spotlight: one posted item per workshop, large on the projector and as a banner on
phones. A story or a practice: spotlighting one ends the other's (one spotlight per
room, whatever the kind). Hiding, deleting or merging the item ends it.

Where it is kept: ``workshops.spotlight_story_id`` or ``workshops.spotlight_practice_id``,
never both (this module is the only writer). Every screen hears ``spotlight_changed``
with ``{"story": ..., "practice": ...}``: the item in the spotlight under its kind, None
under the other.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from .. import realtime, writes
from ..workshops.models import Workshop

STORY = "story"
PRACTICE = "practice"
KINDS = (STORY, PRACTICE)
#: Where each kind's spotlight is kept on the workshop's row.
COLUMNS = {STORY: "spotlight_story_id", PRACTICE: "spotlight_practice_id"}

Body = Callable[[], dict[str, Any] | None]


def current(workshop: Workshop) -> tuple[str, int] | None:
    """Return the kind and id of the item in the spotlight, or None."""
    for kind in KINDS:
        item_id = getattr(workshop, COLUMNS[kind])
        if item_id is not None:
            return kind, item_id
    return None


def shown_id(workshop: Workshop, kind: str) -> int | None:
    """Return the id of the item of this kind in the spotlight, or None."""
    return getattr(workshop, COLUMNS[kind])


def show(unit: writes.Unit, kind: str, item_id: int | None, body: Body) -> None:
    """Put an item in the spotlight (None: end it), ending any other; queue the news.

    ``body`` makes the item's public JSON after the commit.
    """
    for each in KINDS:
        setattr(unit.workshop, COLUMNS[each], item_id if each == kind else None)
    _publish(unit, kind if item_id is not None else None, body)


def end(unit: writes.Unit) -> None:
    """End the spotlight, whatever is in it."""
    show(unit, STORY, None, lambda: None)


def leaves(unit: writes.Unit, kind: str, item_id: int) -> None:
    """An item left the room (hidden, deleted, merged away): end its spotlight, if any."""
    if shown_id(unit.workshop, kind) == item_id:
        end(unit)


def changed(unit: writes.Unit, kind: str, item_id: int, body: Body) -> None:
    """An item was edited: if it is in the spotlight, show it again as it is now (while
    writing is private, its own change event reaches only the facilitators)."""
    if shown_id(unit.workshop, kind) == item_id:
        _publish(unit, kind, body)


def _publish(unit: writes.Unit, kind: str | None, body: Body) -> None:
    unit.publish(
        realtime.SPOTLIGHT_CHANGED,
        public=lambda: {each: body() if each == kind else None for each in KINDS},
    )
