"""Practices: propose (idempotent), edit, delete, hide, reveal, and publish the changes
(who may read which is in reading.py)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from .. import realtime, writes
from ..errors import Conflict, Forbidden, NotFound, ValidationFailed
from ..extensions import db
from ..markdown import render
from ..posting import keys, reading
from ..posting import spotlight as spotlights
from ..realtime import Audience
from ..stories import services as stories
from ..stories.models import Story
from ..text import multi_line, single_line
from ..timeutil import utcnow
from ..voting.models import Vote
from ..workshops import timer
from ..workshops.models import Phase, Workshop
from ..workshops.services import Viewer
from .models import DESCRIPTION_MAX, TITLE_MAX, Practice, PracticeAuthor
from .reading import (
    REACTIONS,
    active_practice_count,
    author_ids,
    author_names,
    can_read,
    practice_json,
    practices_json,
)

#: More links than this is not a trace any more.
STORY_LINKS_MAX = 50


class PracticesClosed(Conflict):
    code = "practices_closed"
    message = _l("Practices can be proposed only while the workshop is in the practices phase.")


class PracticeHasDots(Conflict):
    code = "practice_has_dots"
    message = _l("Dots were placed on this practice: hide it instead, and they go back to people.")


class KeyInUse(Conflict):
    code = "key_in_use"
    message = _l("That key was already used for something else. Send a new key.")


def parse_practice(data: Mapping[str, Any], *, partial: bool = False) -> dict[str, Any]:
    """Return the cleaned title and description; raise ValidationFailed naming each bad one."""
    values: dict[str, Any] = {}
    errors: dict[str, Any] = {}
    for name, parse in (
        ("title", lambda v: single_line(v, field="title", max_length=TITLE_MAX, required=True)),
        ("description", lambda v: multi_line(v, field="description", max_length=DESCRIPTION_MAX)),
    ):
        if partial and name not in data:
            continue
        try:
            values[name] = parse(data.get(name))
        except ValidationFailed as error:
            errors.update(error.fields)
    if "story_ids" in data or not partial:
        ids = data.get("story_ids", [])
        if (
            not isinstance(ids, list)
            or len(ids) > STORY_LINKS_MAX
            or not all(isinstance(i, int) and not isinstance(i, bool) for i in ids)
        ):
            errors["story_ids"] = _l("Pick at most %(max)d stories.", max=STORY_LINKS_MAX)
        else:
            values["story_ids"] = list(dict.fromkeys(ids))
    if errors:
        raise ValidationFailed(fields=errors)
    return values


def _linkable_stories(workshop: Workshop, actor: Viewer, story_ids: list[int]) -> list[Story]:
    """Return the stories to link, if the actor may read every one of them now."""
    if not story_ids:
        return []
    query = select(Story).where(Story.id.in_(story_ids), Story.workshop_id == workshop.id)
    found = {s.id: s for s in db.session.scalars(query)}
    if len(found) != len(story_ids) or not all(
        stories.can_read(s, workshop, actor) for s in found.values()
    ):
        raise ValidationFailed(fields={"story_ids": _l("Pick stories from this workshop's wall.")})
    return [found[i] for i in story_ids]


def apply_values(practice: Practice, values: Mapping[str, Any], linked: list[Story] | None) -> None:
    """Set a practice's cleaned title and description (rendered once), and its links."""
    if "title" in values:
        practice.title = values["title"]
    if "description" in values:
        practice.description = values["description"]
        practice.description_html = render(values["description"]) if values["description"] else None
    if linked is not None:
        practice.stories = linked


def _by_key(workshop_id: int, key: str) -> Practice | None:
    query = select(Practice).where(Practice.workshop_id == workshop_id, Practice.key == key)
    return db.session.scalar(query)


def _replay(existing: Practice, actor: Viewer) -> tuple[Practice, bool]:
    if existing.participant_id != actor.participant_id:
        raise KeyInUse()
    return existing, False


def post_practice(actor: Viewer, data: Mapping[str, Any], key: object) -> tuple[Practice, bool]:
    """Propose a practice: a participant in the practices phase, or a facilitator while
    the workshop is open. Return it and whether it is new; a replayed key returns the first."""
    if actor.audience is Audience.PROJECTOR:
        raise Forbidden()
    clean = keys.clean_key(key)
    values: dict[str, Any] = {}

    def prepare() -> int:
        values.update(parse_practice(data))
        return actor.workshop_id

    def create(unit: writes.Unit) -> Practice:
        workshop = unit.workshop
        if actor.audience is Audience.PARTICIPANTS:
            if workshop.phase != Phase.PRACTICES:
                raise PracticesClosed()
            timer.ensure_time_left(workshop)
        linked = _linkable_stories(workshop, actor, values.pop("story_ids"))
        practice = Practice(workshop_id=workshop.id, participant_id=actor.participant_id, key=clean)
        apply_values(practice, values, linked)
        db.session.add(practice)
        db.session.flush()
        if actor.participant_id is not None:
            # Anonymity is decided now, on the authorship: no later setting undoes it.
            author = PracticeAuthor(
                practice_id=practice.id,
                participant_id=actor.participant_id,
                is_anonymous=workshop.writes_anonymously,
            )
            db.session.add(author)
        publish_practice(unit, realtime.PRACTICE_POSTED, practice)
        return practice

    return keys.post_by_key(
        lambda: _by_key(actor.workshop_id, clean),
        prepare,
        create,
        replay=lambda existing: _replay(existing, actor),
    )


def _practice_for_change(unit: writes.Unit, actor: Viewer, practice_id: int) -> Practice:
    """Return the practice in the unit's (locked) workshop, if the actor may change it."""
    workshop = unit.workshop
    practice = db.session.get(Practice, practice_id)
    if practice is None or practice.workshop_id != workshop.id or practice.is_merged:
        raise NotFound()
    if actor.audience is Audience.FACILITATORS:
        return practice
    if actor.participant_id not in author_ids(practice.id):
        raise Forbidden()
    if workshop.phase != Phase.PRACTICES:
        raise PracticesClosed()
    timer.ensure_time_left(workshop)
    return practice


def edit_practice(actor: Viewer, practice_id: int, data: Mapping[str, Any]) -> Practice:
    """Change a practice: one of its authors while proposing is open, or a facilitator."""
    values = parse_practice(data, partial=True)
    with writes.change(actor.workshop_id) as unit:
        practice = _practice_for_change(unit, actor, practice_id)
        linked = None
        if "story_ids" in values:
            linked = _linkable_stories(unit.workshop, actor, values.pop("story_ids"))
        apply_values(practice, values, linked)
        publish_practice(unit, realtime.PRACTICE_UPDATED, practice)
        workshop = unit.workshop
        spotlights.changed(
            unit, spotlights.PRACTICE, practice.id, lambda: practice_json(practice, workshop)
        )
    return practice


def delete_practice(actor: Viewer, practice_id: int) -> None:
    """Delete a practice: an author while proposing is open, or a facilitator.

    A practice that has ever had a dot is hidden instead, never deleted: its votes
    keep their keys, so a late replay of one cannot place the dot again.
    """
    with writes.change(actor.workshop_id) as unit:
        practice = _practice_for_change(unit, actor, practice_id)
        if db.session.scalar(select(Vote.id).where(Vote.practice_id == practice.id).limit(1)):
            raise PracticeHasDots()
        db.session.delete(practice)
        publish_practice(unit, realtime.PRACTICE_DELETED, None, practice_id=practice_id)
        spotlights.leaves(unit, spotlights.PRACTICE, practice_id)


def set_hidden(facilitator_id: int, practice_id: int, *, hidden: bool) -> Practice:
    """Hide a practice from phones and the projector (its dots go back), or restore it."""
    from ..voting.dots import return_dots_on

    practice = db.session.get(Practice, practice_id)
    if practice is None or practice.is_merged:
        raise NotFound()
    with writes.change(practice.workshop_id, facilitator_id=facilitator_id) as unit:
        practice.hidden_at = reading.hidden_at(hidden)
        event = realtime.PRACTICE_HIDDEN if hidden else realtime.PRACTICE_RESTORED
        publish_practice(unit, event, practice)
        if hidden:
            spotlights.leaves(unit, spotlights.PRACTICE, practice.id)
            return_dots_on(practice.id, reason="hidden").queue(unit)
    return practice


def reveal(facilitator_id: int, workshop_id: int) -> Workshop:
    """Show everyone's practices to everyone at once (facilitator)."""
    with writes.change(workshop_id, facilitator_id=facilitator_id) as unit:
        if unit.workshop.practices_revealed_at is None:
            unit.workshop.practices_revealed_at = utcnow()
        publish_all(unit, realtime.PRACTICES_REVEALED)
    return unit.workshop


# Publishing ---------------------------------------------------------------------------


def publish_practice(
    unit: writes.Unit, event: str, practice: Practice | None, *, practice_id: int = 0
) -> None:
    """Queue a change to one practice: the practice where the audience may read it, else
    its id, with how many are on the wall (private ones included: the projector counts)."""
    workshop = unit.workshop
    practice_id = practice.id if practice is not None else practice_id
    made: dict[str, Any] = {}

    def shared() -> dict[str, Any]:
        # Names and counts are the same for every audience: looked up once for both bodies.
        if not made:
            made["names"] = author_names(workshop, [practice_id])
            made["reactions"] = REACTIONS.counts([practice_id])[practice_id]
        return made

    def public() -> dict[str, Any] | None:
        if practice is None or not can_read(practice, workshop, None):
            return None
        return practice_json(practice, workshop, **shared())

    def facilitators() -> dict[str, Any] | None:
        if practice is None:
            return None
        return practice_json(practice, workshop, for_facilitators=True, **shared())

    reading.publish_item(
        unit,
        event,
        name="practice",
        item_id=practice_id,
        public=public,
        facilitators=facilitators,
        common=lambda: {"practice_count": active_practice_count(workshop.id)},
    )


def publish_all(unit: writes.Unit, event: str, extra: Mapping[str, Any] | None = None) -> None:
    """Queue for every audience the whole list of practices it may read (rare, wide changes)."""
    workshop = unit.workshop

    def common() -> dict[str, Any]:
        return {**(extra or {}), "practice_count": active_practice_count(workshop.id)}

    unit.publish(
        event,
        public=lambda: {"practices": practices_json(workshop, None), **common()},
        facilitators=lambda: {
            "practices": practices_json(workshop, Viewer(workshop.id, Audience.FACILITATORS)),
            **common(),
        },
    )
