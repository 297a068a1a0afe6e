"""Reactions to stories: one of each kind per person per story, on other people's stories
(the posting core toggles and counts them)."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from ..errors import Forbidden, NotFound
from ..extensions import db
from ..participants.models import Participant
from ..posting.reactions import parse_kind
from ..workshops.models import Workshop
from ..workshops.services import Viewer
from .models import Story
from .services import REACTIONS, can_read


class OwnStory(Forbidden):
    code = "own_story"
    message = _l("Reactions are for other people's stories.")


def set_reaction(participant_id: int, story_id: int, kind: object, *, on: bool) -> dict:
    """Switch one of a participant's reactions to another person's story on or off.

    Return the story's counts and the participant's own kinds.
    """
    reaction = parse_kind(kind)
    story = db.session.get(Story, story_id)
    participant = db.session.get(Participant, participant_id)
    if story is None or participant is None or story.workshop_id != participant.workshop_id:
        raise NotFound()

    def may_react(workshop: Workshop, reader: Viewer) -> None:
        if not can_read(story, workshop, reader):
            raise NotFound()
        if story.participant_id == participant_id:
            raise OwnStory()

    return REACTIONS.react(
        story.workshop_id, story_id, participant_id, reaction, on=on, may_react=may_react
    )


def my_reactions(participant_id: int) -> dict[int, list[str]]:
    """Return the kinds a participant has given, by story."""
    return REACTIONS.mine(participant_id)
