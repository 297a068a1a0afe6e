"""The spotlight on a story: large on the projector and as a banner on phones (the posting
core keeps one spotlight per workshop, a story's or a practice's).

Hiding or deleting the story ends it (see services._leaves_room).
"""

from __future__ import annotations

from .. import writes
from ..errors import NotFound
from ..extensions import db
from ..posting import spotlight as spotlights
from ..workshops.models import Workshop
from . import services as stories
from .models import Story


def spotlight(facilitator_id: int, workshop_id: int, story_id: int | None) -> Workshop:
    """Show one story large on the projector and as a banner on phones; None ends any
    spotlight (a practice's too). A story in the spotlight ends a practice's.

    A spotlight is the facilitator's choice to show a story to the room, so it
    shows it even while writing is private; a hidden story cannot be shown.
    """
    with writes.change(workshop_id, facilitator_id=facilitator_id, open_only=False) as unit:
        if story_id is None:
            spotlights.end(unit)
            return unit.workshop
        story = db.session.get(Story, story_id)
        if story is None or story.workshop_id != workshop_id or story.is_hidden:
            raise NotFound()
        workshop = unit.workshop
        spotlights.show(
            unit, spotlights.STORY, story.id, lambda: stories.story_json(story, workshop)
        )
    return unit.workshop


def spotlight_json(workshop: Workshop) -> dict | None:
    """Return the story in the spotlight, as everyone sees it, or None."""
    story_id = spotlights.shown_id(workshop, spotlights.STORY)
    if story_id is None:
        return None
    story = db.session.get(Story, story_id)
    return stories.story_json(story, workshop) if story else None
