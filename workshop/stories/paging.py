"""The room's stories in pages, so that what phones and the projector download on every
(re)connect does not grow with the room: a snapshot carries the newest stories (at most
SNAPSHOT_STORIES) and a phone's own; older ones are fetched on demand, a page at a time
(GET /api/v1/workshops/<code>/stories?before=<id>). Facilitators get every story: they
moderate them all.
"""

from __future__ import annotations

from typing import Any

from flask import current_app
from sqlalchemy import Select, false, func, select
from sqlalchemy.orm import selectinload

from ..extensions import db
from ..posting import reading
from ..workshops.models import Workshop
from ..workshops.services import Viewer
from . import services as stories
from .models import Story

#: The most stories one page of the API holds.
PAGE_MAX = 100


def window_size() -> int:
    """Return how many of the room's newest stories a snapshot carries."""
    return int(current_app.config["SNAPSHOT_STORIES"])


def _readable(workshop: Workshop, viewer: Viewer | None) -> Select[Any]:
    """The stories a viewer may read, as a query (posting.reading.can_read's rules)."""
    query = select(Story).where(Story.workshop_id == workshop.id)
    if reading.is_facilitator(viewer):
        return query
    query = query.where(Story.hidden_at.is_(None))
    if workshop.stories_are_public:
        return query
    own = viewer.participant_id if viewer is not None else None
    return query.where(Story.participant_id == own) if own is not None else query.where(false())


def page(
    workshop: Workshop, viewer: Viewer | None, *, limit: int, before: int | None = None
) -> tuple[list[dict], bool]:
    """Return the newest ``limit`` stories a viewer may read (older than ``before``, when
    given), oldest first, and whether older ones remain."""
    query = _readable(workshop, viewer).options(selectinload(Story.participant))
    if before is not None:
        query = query.where(Story.id < before)
    rows = list(db.session.scalars(query.order_by(Story.id.desc()).limit(limit + 1)))
    shown = list(reversed(rows[:limit]))
    for_facilitators = reading.is_facilitator(viewer)
    return stories.cards_json(shown, workshop, for_facilitators=for_facilitators), len(rows) > limit


def window(workshop: Workshop, viewer: Viewer | None) -> dict[str, Any]:
    """Return the stories a snapshot (or an event to the room) carries: every one for
    facilitators, else the newest that the viewer may read, whether there are more, and how
    all of those the viewer may read spread from object (1) to subject (5): the projector's
    bars count the whole wall, not the window."""
    if reading.is_facilitator(viewer):
        return {"stories": stories.stories_json(workshop, viewer, for_facilitators=True)}
    shown, more = page(workshop, viewer, limit=window_size())
    spread = [0, 0, 0, 0, 0]
    if more:  # else the window is the wall: the screen counts it itself
        readable = _readable(workshop, viewer).subquery()
        query = select(readable.c.agency, func.count()).group_by(readable.c.agency)
        for agency, count in db.session.execute(query):
            spread[agency - 1] = count
    return {"stories": shown, "stories_more": more, "stories_agency": spread if more else None}


def with_own(
    room: dict[str, Any], workshop: Workshop, viewer: Viewer, own_ids: list[int]
) -> dict[str, Any]:
    """Return a phone's stories: the room's window and, wherever they are, its own
    (``own_ids``); only those outside the window are read (none, in most rooms)."""
    shown = {story["id"] for story in room["stories"]}
    missing = [story_id for story_id in own_ids if story_id not in shown]
    if not missing:
        return {"stories": room["stories"], "stories_more": room.get("stories_more", False)}
    query = _readable(workshop, viewer).where(Story.id.in_(missing))
    rows: list[Story] = list(db.session.scalars(query.options(selectinload(Story.participant))))
    merged = sorted([*room["stories"], *stories.cards_json(rows, workshop)], key=_id)
    return {"stories": merged, "stories_more": room.get("stories_more", False)}


def _id(story: dict[str, Any]) -> int:
    return story["id"]
