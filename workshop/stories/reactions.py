"""Reactions: one of each kind per person per story, on other people's stories."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from .. import realtime, writes
from ..errors import Forbidden, NotFound, ValidationFailed
from ..extensions import db
from ..participants.models import Participant
from ..realtime import Audience
from ..workshops.services import Viewer
from .models import Reaction, ReactionKind, Story
from .services import can_read, reaction_counts


class OwnStory(Forbidden):
    code = "own_story"
    message = _l("Reactions are for other people's stories.")


def set_reaction(participant_id: int, story_id: int, kind: object, *, on: bool) -> dict:
    """Switch one of a participant's reactions to another person's story on or off.

    One of each kind per person per story, however many taps arrive at once (the
    workshop's write lock orders them; a unique constraint backs it). Return the
    story's counts and the participant's own kinds.
    """
    try:
        if not isinstance(kind, str):
            raise ValueError(kind)
        kind = ReactionKind(kind)
    except ValueError:
        raise ValidationFailed(fields={"kind": _l("Unknown reaction.")}) from None
    story = db.session.get(Story, story_id)
    participant = db.session.get(Participant, participant_id)
    if story is None or participant is None or story.workshop_id != participant.workshop_id:
        raise NotFound()
    with writes.change(story.workshop_id, open_only=False) as unit:
        workshop = unit.workshop
        reader = Viewer(workshop.id, Audience.PARTICIPANTS, participant_id=participant_id)
        if not can_read(story, workshop, reader):
            raise NotFound()
        if story.participant_id == participant_id:
            raise OwnStory()
        query = select(Reaction).where(
            Reaction.story_id == story_id,
            Reaction.participant_id == participant_id,
            Reaction.kind == kind,
        )
        existing = db.session.scalar(query)
        if on and existing is None:
            db.session.add(Reaction(story_id=story_id, participant_id=participant_id, kind=kind))
        elif not on and existing is not None:
            db.session.delete(existing)
        if (existing is None) == on:  # changed
            unit.publish(
                realtime.REACTIONS_CHANGED,
                public=lambda: {
                    "story_id": story_id,
                    "reactions": reaction_counts([story_id])[story_id],
                },
            )
    return {
        "story_id": story_id,
        "reactions": reaction_counts([story_id])[story_id],
        "mine": my_reactions(participant_id).get(story_id, []),
    }


def my_reactions(participant_id: int) -> dict[int, list[str]]:
    """Return the kinds a participant has given, by story."""
    query = select(Reaction.story_id, Reaction.kind).where(
        Reaction.participant_id == participant_id
    )
    mine: dict[int, list[str]] = {}
    for story_id, kind in db.session.execute(query):
        mine.setdefault(story_id, []).append(kind.value)
    return mine
