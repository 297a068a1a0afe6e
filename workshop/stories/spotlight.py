"""The spotlight: one story large on the projector and as a banner on phones.

Hiding or deleting the story ends it (see services._commit_and_publish).
"""

from __future__ import annotations

from ..errors import NotFound
from ..extensions import db
from ..workshops import services as workshops
from ..workshops.models import Workshop
from . import services as stories
from .models import Story


def spotlight(facilitator_id: int, workshop_id: int, story_id: int | None) -> Workshop:
    """Show one story large on the projector and as a banner on phones; None ends it.

    A spotlight is the facilitator's choice to show a story to the room, so it
    shows it even while writing is private; a hidden story cannot be shown.
    """
    workshops.facilitated_workshop(facilitator_id, workshop_id)
    workshop = workshops.lock_workshop(workshop_id)
    story = None
    if story_id is not None:
        story = db.session.get(Story, story_id)
        if story is None or story.workshop_id != workshop_id or story.is_hidden:
            db.session.rollback()
            raise NotFound()
    workshop.spotlight_story_id = story.id if story else None
    workshop.touch()
    db.session.commit()
    stories.publish_spotlight(workshop, story)
    return workshop


def spotlight_json(workshop: Workshop) -> dict | None:
    """Return the story in the spotlight, as everyone sees it, or None."""
    if workshop.spotlight_story_id is None:
        return None
    story = db.session.get(Story, workshop.spotlight_story_id)
    return stories.story_json(story, workshop) if story else None
