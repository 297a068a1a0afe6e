"""The spotlight: one story large on the projector and as a banner on phones.

Hiding or deleting the story ends it (see services._leaves_room).
"""

from __future__ import annotations

from .. import writes
from ..errors import NotFound
from ..extensions import db
from ..workshops.models import Workshop
from . import services as stories
from .models import Story


def spotlight(facilitator_id: int, workshop_id: int, story_id: int | None) -> Workshop:
    """Show one story large on the projector and as a banner on phones; None ends it.

    A spotlight is the facilitator's choice to show a story to the room, so it
    shows it even while writing is private; a hidden story cannot be shown.
    """
    with writes.change(workshop_id, facilitator_id=facilitator_id, open_only=False) as unit:
        story = None
        if story_id is not None:
            story = db.session.get(Story, story_id)
            if story is None or story.workshop_id != workshop_id or story.is_hidden:
                raise NotFound()
        unit.workshop.spotlight_story_id = story.id if story else None
        stories.publish_spotlight(unit, story)
    return unit.workshop


def spotlight_json(workshop: Workshop) -> dict | None:
    """Return the story in the spotlight, as everyone sees it, or None."""
    if workshop.spotlight_story_id is None:
        return None
    story = db.session.get(Story, workshop.spotlight_story_id)
    return stories.story_json(story, workshop) if story else None
