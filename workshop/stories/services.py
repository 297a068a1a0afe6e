"""Stories: post (idempotent), edit, delete, hide, reveal; and who may read which."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from flask_babel import lazy_gettext as _l
from flask_babel import ngettext
from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from .. import realtime, writes
from ..errors import Conflict, Forbidden, NotFound, ValidationFailed
from ..extensions import db
from ..markdown import render
from ..participants.models import Participant
from ..posting import keys, reading
from ..posting import spotlight as spotlights
from ..posting.reactions import Reactions
from ..realtime import Audience
from ..text import multi_line, single_line
from ..timeutil import isoformat, utcnow
from ..validation import ascii_number
from ..workshops import services as workshops
from ..workshops import timer
from ..workshops.models import Phase, Workshop
from ..workshops.services import Viewer
from .models import (
    MANNER_MAX,
    PART_MAX,
    PLACE_MAX,
    TITLE_MAX,
    Channel,
    Reaction,
    Story,
    StoryLens,
)

MARKDOWN_PARTS = ("happened", "staff_did", "could_do", "manner")
#: Reactions to stories, in their own table (the posting core toggles and counts them).
REACTIONS = Reactions(Reaction, "story", "stories", Story)


class StoriesClosed(Conflict):
    code = "stories_closed"
    message = _l("Stories can be written only while the workshop is in the stories phase.")


class TooManyStories(Conflict):
    code = "too_many_stories"

    def __init__(self, cap: int) -> None:
        # Raised while a request is answered: its language is the reader's.
        super().__init__(
            ngettext(
                "You have already told %(num)d story, the most this workshop takes.",
                "You have already told %(num)d stories, the most this workshop takes.",
                cap,
            )
        )


def _agency(value: object) -> int:
    if isinstance(value, str) and (number := ascii_number(value)) is not None:
        value = number
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 5:
        raise ValidationFailed(fields={"agency": _l("Choose a number from 1 to 5.")})
    return value


def _channel(value: object) -> Channel:
    try:
        if not isinstance(value, str):
            raise ValueError(value)
        return Channel(value)
    except ValueError:
        raise ValidationFailed(fields={"channel": _l("Choose the channel.")}) from None


_FIELDS: dict[str, Callable[[object], Any]] = {
    "title": lambda v: single_line(v, field="title", max_length=TITLE_MAX, required=True),
    "happened": lambda v: multi_line(v, field="happened", max_length=PART_MAX, required=True),
    "staff_did": lambda v: multi_line(v, field="staff_did", max_length=PART_MAX),
    "could_do": lambda v: multi_line(v, field="could_do", max_length=PART_MAX),
    # How it was said, how it felt: the attitude in the encounter (optional).
    "manner": lambda v: multi_line(v, field="manner", max_length=MANNER_MAX),
    "agency": _agency,
    "channel": _channel,
    "place": lambda v: single_line(v, field="place", max_length=PLACE_MAX),
}


def parse_story(data: Mapping[str, Any], *, partial: bool = False) -> dict[str, Any]:
    """Return cleaned story fields; raise ValidationFailed naming every bad one.

    With ``partial`` (an edit) only the fields present are checked and returned.
    """
    values: dict[str, Any] = {}
    errors: dict[str, Any] = {}
    for name, parse in _FIELDS.items():
        if partial and name not in data:
            continue
        try:
            values[name] = parse(data.get(name))
        except ValidationFailed as error:
            errors.update(error.fields)
    if errors:
        raise ValidationFailed(fields=errors)
    return values


def apply_values(story: Story, values: Mapping[str, Any]) -> None:
    """Set a story's cleaned fields, rendering its Markdown parts once."""
    for name, value in values.items():
        setattr(story, name, value)
        if name in MARKDOWN_PARTS:
            html = render(value) if value else None
            setattr(story, f"{name}_html", html if name != "happened" else html or "")


def _by_key(participant_id: int, key: str) -> Story | None:
    query = select(Story).where(Story.participant_id == participant_id, Story.key == key)
    return db.session.scalar(query)


def _ensure_writing_open(workshop: Workshop) -> None:
    # A participant writes only in the stories phase, and not once its time is up (if it locks).
    if workshop.phase != Phase.STORIES:
        raise StoriesClosed()
    timer.ensure_time_left(workshop)


def post_story(participant_id: int, data: Mapping[str, Any], key: object) -> tuple[Story, bool]:
    """Post a story; return it and whether it is new. A replayed key returns the first story."""
    clean = keys.clean_key(key)
    values: dict[str, Any] = {}

    def prepare() -> int:
        values.update(parse_story(data))
        participant = db.session.get(Participant, participant_id)
        if participant is None:
            raise NotFound()
        return participant.workshop_id

    def create(unit: writes.Unit) -> Story:
        workshop = unit.workshop
        _ensure_writing_open(workshop)
        _ensure_under_cap(workshop, participant_id)
        # Anonymity is decided now, on the row: no later setting puts a name back on it.
        story = Story(
            workshop_id=workshop.id,
            participant_id=participant_id,
            key=clean,
            is_anonymous=workshop.writes_anonymously,
        )
        apply_values(story, values)
        db.session.add(story)
        _publish(unit, realtime.STORY_POSTED, story)
        return story

    return keys.post_by_key(
        lambda: _by_key(participant_id, clean), prepare, create, open_only=False
    )


def _ensure_under_cap(workshop: Workshop, participant_id: int) -> None:
    # Counted under the workshop's lock: two posts at once cannot both take the last place.
    query = select(func.count(Story.id)).where(Story.participant_id == participant_id)
    if (db.session.scalar(query) or 0) >= workshop.stories_per_participant:
        raise TooManyStories(workshop.stories_per_participant)


def _story_for_change(unit: writes.Unit, actor: Viewer, story_id: int) -> Story:
    """Return the story in the unit's (locked) workshop, if the actor may change it."""
    story = db.session.get(Story, story_id)
    if story is None or story.workshop_id != unit.workshop_id:
        raise NotFound()
    if actor.audience is Audience.FACILITATORS:
        return story
    if actor.participant_id != story.participant_id:
        raise Forbidden()
    _ensure_writing_open(unit.workshop)
    return story


def edit_story(actor: Viewer, story_id: int, data: Mapping[str, Any]) -> Story:
    """Change some fields of a story: its author while writing is open, or a facilitator."""
    values = parse_story(data, partial=True)
    with writes.change(actor.workshop_id, open_only=False) as unit:
        story = _story_for_change(unit, actor, story_id)
        apply_values(story, values)
        _publish(unit, realtime.STORY_UPDATED, story)
        workshop = unit.workshop
        spotlights.changed(unit, spotlights.STORY, story.id, lambda: story_json(story, workshop))
    return story


def delete_story(actor: Viewer, story_id: int) -> None:
    """Delete a story: its author while writing is open, or a facilitator."""
    with writes.change(actor.workshop_id, open_only=False) as unit:
        story = _story_for_change(unit, actor, story_id)
        db.session.delete(story)
        _leaves_room(unit, realtime.STORY_DELETED, None, story_id=story_id)


def set_hidden(facilitator_id: int, story_id: int, *, hidden: bool) -> Story:
    """Hide a story from phones and the projector, or bring it back (facilitator). Where
    the room votes on the stories, the dots on a hidden one go back to their owners."""
    from ..voting.dots import return_dots_on_story

    story = db.session.get(Story, story_id)
    if story is None:
        raise NotFound()
    with writes.change(story.workshop_id, facilitator_id=facilitator_id, open_only=False) as unit:
        story.hidden_at = reading.hidden_at(hidden)
        event = realtime.STORY_HIDDEN if hidden else realtime.STORY_RESTORED
        _leaves_room(unit, event, story, story_id=story.id)
        if hidden:
            return_dots_on_story(story.workshop_id, story.id, reason="hidden").queue(unit)
    return story


def _leaves_room(unit: writes.Unit, event: str, story: Story | None, story_id: int) -> None:
    """Publish a story leaving the room (or coming back); end its spotlight if it had one."""
    _publish(unit, event, story, story_id=story_id)
    if story is None or story.is_hidden:
        spotlights.leaves(unit, spotlights.STORY, story_id)


def reveal(facilitator_id: int, workshop_id: int) -> Workshop:
    """Show everyone's stories to everyone at once (facilitator)."""
    from .paging import window  # paging builds on this module

    with writes.change(workshop_id, facilitator_id=facilitator_id) as unit:
        workshop = unit.workshop
        revealed_at = workshop.stories_revealed_at or utcnow()
        workshop.stories_revealed_at = revealed_at
        unit.publish(
            realtime.STORIES_REVEALED,
            public=lambda: window(workshop, None),
            facilitators={"revealed_at": isoformat(revealed_at)},
        )
    return workshop


def stories_json(
    workshop: Workshop, viewer: Viewer | None, *, for_facilitators: bool = False
) -> list[dict]:
    """Return the stories a viewer may read, as JSON; reactions and lenses loaded in bulk."""
    return cards_json(
        visible_stories(workshop, viewer), workshop, for_facilitators=for_facilitators
    )


def cards_json(
    rows: list[Story], workshop: Workshop, *, for_facilitators: bool = False
) -> list[dict]:
    """Return these stories as JSON, their reactions and lenses loaded in bulk."""
    ids = [s.id for s in rows]
    counts, tagged = reaction_counts(ids), lens_ids_by_story(ids)
    return [
        story_json(
            s,
            workshop,
            for_facilitators=for_facilitators,
            reactions=counts[s.id],
            lens_ids=tagged[s.id],
        )
        for s in rows
    ]


def can_read(story: Story, workshop: Workshop, viewer: Viewer | None) -> bool:
    """Whether a viewer (None: the public, as the projector) may read a story now."""
    return reading.can_read(
        viewer,
        is_hidden=story.is_hidden,
        is_public=workshop.stories_are_public,
        is_own=lambda: viewer is not None and viewer.participant_id == story.participant_id,
    )


def visible_stories(workshop: Workshop, viewer: Viewer | None) -> list[Story]:
    """Return the stories of a workshop that a viewer may read, oldest first."""
    query = (
        select(Story)
        .where(Story.workshop_id == workshop.id)
        .options(selectinload(Story.participant))  # author names: one query, not one per card
        .order_by(Story.id)
    )
    return [s for s in db.session.scalars(query) if can_read(s, workshop, viewer)]


def reaction_counts(story_ids: list[int]) -> dict[int, dict[str, int]]:
    """Return each story's reaction counts by kind (every kind present, zeros included)."""
    return REACTIONS.counts(story_ids)


def lens_ids_by_story(story_ids: list[int]) -> dict[int, list[int]]:
    """Return the lenses each story is tagged with."""
    tagged: dict[int, list[int]] = {story_id: [] for story_id in story_ids}
    if story_ids:
        query = select(StoryLens.story_id, StoryLens.lens_id).where(
            StoryLens.story_id.in_(story_ids)
        )
        for story_id, lens_id in db.session.execute(query):
            tagged[story_id].append(lens_id)
    return tagged


def story_json(
    story: Story,
    workshop: Workshop,
    *,
    for_facilitators: bool = False,
    reactions: dict[str, int] | None = None,
    lens_ids: list[int] | None = None,
) -> dict:
    """Return a story as clients see it; the author's name only where names are shown
    (never for a story written while the workshop was anonymous)."""
    if lens_ids is None:
        lens_ids = lens_ids_by_story([story.id])[story.id]
    body = {
        "id": story.id,
        "title": story.title,
        "agency": story.agency,
        "channel": story.channel.value,
        "place": story.place,
        "author": story.participant.display_name
        if workshops.shows_name(workshop, written_anonymously=story.is_anonymous)
        else None,
        "created_at": isoformat(story.created_at),
        "updated_at": isoformat(story.updated_at),
    }
    for part in MARKDOWN_PARTS:
        body[part] = getattr(story, part)
        body[f"{part}_html"] = getattr(story, f"{part}_html")
    body["reactions"] = (
        reactions if reactions is not None else reaction_counts([story.id])[story.id]
    )
    body["lens_ids"] = lens_ids
    return reading.view(body, is_hidden=story.is_hidden, for_facilitators=for_facilitators)


def story_stats(workshop_id: int) -> dict[str, int]:
    """Return how many stories are on the wall (not hidden) and from how many people."""
    query = select(func.count(Story.id), func.count(func.distinct(Story.participant_id))).where(
        Story.workshop_id == workshop_id, Story.hidden_at.is_(None)
    )
    stories, authors = db.session.execute(query).one()
    return {"story_count": stories, "author_count": authors}


def own_story_ids(participant_id: int) -> list[int]:
    """Return the ids of a participant's own stories (how a phone knows which are its)."""
    query = select(Story.id).where(Story.participant_id == participant_id).order_by(Story.id)
    return list(db.session.scalars(query))


def publish_story(unit: writes.Unit, event: str, story: Story) -> None:
    """Queue a change to one story (lenses use it when they tag)."""
    _publish(unit, event, story)


def _publish(unit: writes.Unit, event: str, story: Story | None, *, story_id: int = 0) -> None:
    """Queue a story change: the story where the audience may read it, else its id."""
    workshop = unit.workshop
    reading.publish_item(
        unit,
        event,
        name="story",
        item_id=story.id if story is not None else story_id,
        public=lambda: (
            story_json(story, workshop) if story and can_read(story, workshop, None) else None
        ),
        facilitators=lambda: story_json(story, workshop, for_facilitators=True) if story else None,
        common=lambda: story_stats(workshop.id),
    )
