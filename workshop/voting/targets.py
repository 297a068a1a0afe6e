"""What the dots go on: the practices, or, where the voting step says so, the stories.

A voting step's setting `on_stories` (see activity.py) makes it a vote on the story wall
with no practices at all. Everything that counts, checks or ranks dots asks here which
it is, and by which column of `votes` the dots are kept.
"""

from __future__ import annotations

from typing import Any

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select

from ..errors import Conflict, ValidationFailed
from ..extensions import db
from ..practices.models import Practice
from ..practices.reading import author_ids, can_read
from ..realtime import Audience
from ..stories import services as stories
from ..stories.models import Story
from ..workshops.models import Workshop
from ..workshops.services import Viewer
from .models import Vote

PRACTICES = "practices"
STORIES = "stories"


class PracticeUnavailable(Conflict):
    code = "practice_unavailable"
    message = _l("That practice is no longer on the wall: it was hidden or merged.")


class StoryUnavailable(Conflict):
    code = "story_unavailable"
    message = _l("That story is no longer on the wall: it was hidden.")


class OwnPractice(Conflict):
    code = "own_practice"
    message = _l("In this workshop you cannot vote for a practice you wrote.")


class OwnStory(Conflict):
    code = "own_story"
    message = _l("In this workshop you cannot vote for a story you wrote.")


def round_of(workshop: Workshop) -> int | None:
    """Return the step index of the voting round that counts now: the one running, else
    the last one run, else the first one to come; None in a plan without voting. Each
    voting step is a round of its own, with its own dots."""
    here = -1 if workshop.step_index is None else workshop.step_index
    found = [i for i, step in enumerate(workshop.steps) if step["activity"] == "voting"]
    if not found:
        return None
    before = [i for i in found if i <= here]
    return before[-1] if before else found[0]


def voting_step(workshop: Workshop) -> dict[str, Any] | None:
    """Return the voting step that counts now (see round_of)."""
    index = round_of(workshop)
    return None if index is None else workshop.steps[index]


def in_round(workshop: Workshop) -> Any:
    """A condition on `votes`: the dots of the round that counts now."""
    return Vote.step_index == (round_of(workshop) or 0)


def target_of(workshop: Workshop) -> str:
    """Return what the dots go on in this workshop: PRACTICES or STORIES."""
    step = voting_step(workshop)
    on_stories = step is not None and (step.get("settings") or {}).get("on_stories")
    return STORIES if on_stories else PRACTICES


def column(target: str) -> Any:
    """The column of `votes` that names the item a dot is on."""
    return Vote.story_id if target == STORIES else Vote.practice_id


def field(target: str) -> str:
    """The name of the item's id in requests and answers: story_id or practice_id."""
    return "story_id" if target == STORIES else "practice_id"


def item_of(vote: Vote) -> int:
    """The id of what a dot is on."""
    return vote.story_id if vote.story_id is not None else vote.practice_id  # type: ignore[return-value]


def on_wall(workshop_id: int, target: str) -> Any:
    """A query of the ids of the items that can take dots: not hidden (or merged away)."""
    if target == STORIES:
        return select(Story.id).where(Story.workshop_id == workshop_id, Story.hidden_at.is_(None))
    return select(Practice.id).where(
        Practice.workshop_id == workshop_id,
        Practice.hidden_at.is_(None),
        Practice.merged_into_id.is_(None),
    )


def item_count(workshop: Workshop) -> int:
    """How many items can take dots (the budget's suggestion follows it)."""
    ids = on_wall(workshop.id, target_of(workshop))
    return db.session.scalar(select(func.count()).select_from(ids.subquery())) or 0


def votable(
    workshop: Workshop, participant_id: int, target: str, item_id: object, *, own_ok: bool = False
) -> int:
    """Check that a participant may put a dot on (or rate) this item now; return its id.
    Their own item is refused unless `own_ok` (a rating, or a round allowing self-votes)."""
    name = field(target)
    if isinstance(item_id, bool) or not isinstance(item_id, int):
        choose = _l("Choose a story.") if target == STORIES else _l("Choose a practice.")
        raise ValidationFailed(fields={name: choose})
    reader = Viewer(workshop.id, Audience.PARTICIPANTS, participant_id=participant_id)
    if target == STORIES:
        story = db.session.get(Story, item_id)
        if story is None or story.workshop_id != workshop.id:
            raise ValidationFailed(fields={name: _l("No such story in this workshop.")})
        if story.is_hidden or not stories.can_read(story, workshop, reader):
            raise StoryUnavailable()
        if not own_ok and story.participant_id == participant_id:
            raise OwnStory()
        return story.id
    practice = db.session.get(Practice, item_id)
    if practice is None or practice.workshop_id != workshop.id:
        raise ValidationFailed(fields={name: _l("No such practice in this workshop.")})
    if practice.is_merged or not can_read(practice, workshop, reader):
        raise PracticeUnavailable()
    if not own_ok and participant_id in author_ids(practice.id):
        raise OwnPractice()
    return practice.id


def authors(target: str, item_id: int) -> set[int]:
    """The participants who wrote an item (their own dots on it are refused)."""
    if target == STORIES:
        story = db.session.get(Story, item_id)
        return {story.participant_id} if story is not None and story.participant_id else set()
    return author_ids(item_id)
