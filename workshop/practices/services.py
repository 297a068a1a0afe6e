"""Practices: propose (idempotent), edit, delete, hide, reveal, merge; and who may read which."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any, cast

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import selectinload

from .. import realtime, writes
from ..errors import Conflict, Forbidden, NotFound, ValidationFailed
from ..extensions import db
from ..markdown import render
from ..participants.models import Participant
from ..realtime import Audience
from ..stories import services as stories
from ..stories.models import Story
from ..text import multi_line, single_line
from ..timeutil import isoformat, utcnow
from ..workshops import services as workshops
from ..workshops import timer
from ..workshops.models import Phase, Workshop
from ..workshops.services import Viewer
from .models import DESCRIPTION_MAX, KEY_MAX, TITLE_MAX, Practice, PracticeAuthor, Vote

_KEY = re.compile(rf"^[A-Za-z0-9_.:-]{{1,{KEY_MAX}}}$")
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


def _key(raw: object) -> str:
    if not isinstance(raw, str) or not _KEY.match(raw):
        raise ValidationFailed(fields={"key": _l("A key is 1 to 64 letters, digits or -_.:")})
    return raw


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
    key = _key(key)
    if existing := _by_key(actor.workshop_id, key):
        return _replay(existing, actor)
    values = parse_practice(data)
    try:
        with writes.change(actor.workshop_id) as unit:
            workshop = unit.workshop
            if existing := _by_key(actor.workshop_id, key):  # posted meanwhile by a retry
                return _replay(existing, actor)
            if actor.audience is Audience.PARTICIPANTS:
                if workshop.phase != Phase.PRACTICES:
                    raise PracticesClosed()
                timer.ensure_time_left(workshop)
            linked = _linkable_stories(workshop, actor, values.pop("story_ids"))
            practice = Practice(
                workshop_id=workshop.id, participant_id=actor.participant_id, key=key
            )
            apply_values(practice, values, linked)
            db.session.add(practice)
            db.session.flush()
            if actor.participant_id is not None:
                # Anonymity is decided now, on the authorship: no later setting undoes it.
                author = PracticeAuthor(
                    practice_id=practice.id,
                    participant_id=actor.participant_id,
                    is_anonymous=workshop.is_anonymous,
                )
                db.session.add(author)
            publish_practice(unit, realtime.PRACTICE_POSTED, practice)
    except IntegrityError:  # the same key, committed by another process first
        if (first := _by_key(actor.workshop_id, key)) is None:
            raise  # another constraint failed: not a replay
        return _replay(first, actor)
    return practice, True


def author_ids(practice_id: int) -> set[int]:
    """Return the participants who wrote a practice."""
    query = select(PracticeAuthor.participant_id).where(PracticeAuthor.practice_id == practice_id)
    return set(db.session.scalars(query))


def author_names(workshop: Workshop, practice_ids: list[int]) -> dict[int, list[str]]:
    """Return the names shown beside each practice: only of authorships not written
    anonymously, and none while the workshop is anonymous."""
    names: dict[int, list[str]] = {practice_id: [] for practice_id in practice_ids}
    if practice_ids and workshops.shows_name(workshop):
        query = (
            select(PracticeAuthor.practice_id, Participant.display_name)
            .join(Participant, Participant.id == PracticeAuthor.participant_id)
            .where(
                PracticeAuthor.practice_id.in_(practice_ids),
                PracticeAuthor.is_anonymous.is_(False),
                Participant.display_name.is_not(None),
            )
            .order_by(Participant.id)
        )
        for practice_id, name in db.session.execute(query):
            names[practice_id].append(cast(str, name))  # the query leaves out None
    return names


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


def set_hidden(facilitator_id: int, practice_id: int, *, hidden: bool) -> Practice:
    """Hide a practice from phones and the projector (its dots go back), or restore it."""
    from .voting import return_dots_on

    practice = db.session.get(Practice, practice_id)
    if practice is None or practice.is_merged:
        raise NotFound()
    with writes.change(practice.workshop_id, facilitator_id=facilitator_id) as unit:
        practice.hidden_at = utcnow() if hidden else None
        event = realtime.PRACTICE_HIDDEN if hidden else realtime.PRACTICE_RESTORED
        publish_practice(unit, event, practice)
        if hidden:
            return_dots_on(practice.id, reason="hidden").queue(unit)
    return practice


def reveal(facilitator_id: int, workshop_id: int) -> Workshop:
    """Show everyone's practices to everyone at once (facilitator)."""
    with writes.change(workshop_id, facilitator_id=facilitator_id) as unit:
        if unit.workshop.practices_revealed_at is None:
            unit.workshop.practices_revealed_at = utcnow()
        publish_all(unit, realtime.PRACTICES_REVEALED)
    return unit.workshop


# Reading ------------------------------------------------------------------------------


def can_read(practice: Practice, workshop: Workshop, viewer: Viewer | None) -> bool:
    """Whether a viewer (None: the public, as the projector) may read a practice now."""
    if practice.is_merged:
        return False
    if viewer is not None and viewer.audience is Audience.FACILITATORS:
        return True
    if practice.is_hidden:
        return False
    if practice.participant_id is None or workshop.practices_are_public:
        return True  # a facilitator put it on the wall, or the wall is open
    return viewer is not None and viewer.participant_id in {a.id for a in practice.authors}


def visible_practices(workshop: Workshop, viewer: Viewer | None) -> list[Practice]:
    """Return the practices of a workshop that a viewer may read, oldest first."""
    query = (
        select(Practice)
        .where(Practice.workshop_id == workshop.id, Practice.merged_into_id.is_(None))
        .options(selectinload(Practice.stories), selectinload(Practice.authors))
        .order_by(Practice.id)
    )
    return [p for p in db.session.scalars(query) if can_read(p, workshop, viewer)]


def active_practice_count(workshop_id: int) -> int:
    """Return how many practices are on the wall (not hidden, not merged away)."""
    query = select(func.count()).where(
        Practice.workshop_id == workshop_id,
        Practice.hidden_at.is_(None),
        Practice.merged_into_id.is_(None),
    )
    return db.session.scalar(query) or 0


def practice_json(
    practice: Practice,
    workshop: Workshop,
    *,
    for_facilitators: bool = False,
    names: dict[int, list[str]] | None = None,
) -> dict[str, Any]:
    """Return a practice as clients see it, with the trace of the stories it comes from.

    The trace names only stories the viewer may read; names of authors only where
    names are shown (``names``: from author_names, when the caller has them in bulk).
    """
    if names is None:
        names = author_names(workshop, [practice.id])
    reader = Viewer(workshop.id, Audience.FACILITATORS) if for_facilitators else None
    traced = [s for s in practice.stories if stories.can_read(s, workshop, reader)]
    body = {
        "id": practice.id,
        "title": practice.title,
        "description": practice.description,
        "description_html": practice.description_html,
        "story_ids": [s.id for s in traced],
        "stories": [{"id": s.id, "title": s.title} for s in traced],
        "authors": names.get(practice.id, []),
        "by_facilitator": practice.participant_id is None,
        "commitment": commitment_json(practice),
        "created_at": isoformat(practice.created_at),
        "updated_at": isoformat(practice.updated_at),
    }
    if for_facilitators:
        body["is_hidden"] = practice.is_hidden
    return body


def commitment_json(practice: Practice) -> dict[str, Any] | None:
    """Return a practice's commitment (position, owner, first step), or None."""
    if not practice.is_commitment:
        return None
    return {
        "position": practice.commitment_position,
        "owner": practice.commitment_owner,
        "first_step": practice.commitment_first_step,
    }


def practices_json(workshop: Workshop, viewer: Viewer | None) -> list[dict[str, Any]]:
    """Return the practices a viewer may read, as JSON."""
    is_facilitator = viewer is not None and viewer.audience is Audience.FACILITATORS
    visible = visible_practices(workshop, viewer)
    names = author_names(workshop, [p.id for p in visible])
    return [
        practice_json(p, workshop, for_facilitators=is_facilitator, names=names) for p in visible
    ]


def own_practice_ids(participant_id: int) -> list[int]:
    """Return the practices a participant wrote (how a phone knows which are its)."""
    query = (
        select(PracticeAuthor.practice_id)
        .join(Practice, Practice.id == PracticeAuthor.practice_id)
        .where(PracticeAuthor.participant_id == participant_id, Practice.merged_into_id.is_(None))
        .order_by(PracticeAuthor.practice_id)
    )
    return list(db.session.scalars(query))


# Publishing ---------------------------------------------------------------------------


def publish_practice(
    unit: writes.Unit, event: str, practice: Practice | None, *, practice_id: int = 0
) -> None:
    """Queue a change to one practice: the practice where the audience may read it, else
    its id, with how many are on the wall (private ones included: the projector counts)."""
    workshop = unit.workshop
    practice_id = practice.id if practice is not None else practice_id
    made: dict[str, Any] = {}

    def common() -> dict[str, Any]:
        if not made:
            # The names are the same for every audience: looked up once for both bodies.
            made["names"] = author_names(workshop, [practice_id]) if practice else {}
            made["count"] = active_practice_count(workshop.id)
        return {"practice_id": practice_id, "practice_count": made["count"]}

    def public() -> dict[str, Any]:
        body = common()
        body["practice"] = (
            practice_json(practice, workshop, names=made["names"])
            if practice is not None and can_read(practice, workshop, None)
            else None
        )
        return body

    def facilitators() -> dict[str, Any]:
        body = common()
        body["practice"] = (
            practice_json(practice, workshop, for_facilitators=True, names=made["names"])
            if practice
            else None
        )
        return body

    unit.publish(event, public=public, facilitators=facilitators)


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
