"""Commitments: the practices the organisation will do, in order, each with an owner
and a first step."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from .. import realtime, writes
from ..errors import NotFound, ValidationFailed
from ..extensions import db
from ..followups import links
from ..followups import services as followups
from ..followups.models import Status
from ..realtime import Audience
from ..text import single_line
from ..workshops.models import Workshop
from ..workshops.services import Viewer, WorkshopClosed
from .models import FIRST_STEP_MAX, OWNER_MAX, Practice
from .reading import REACTIONS, author_names, can_read, practice_json


def commitments_of(workshop_id: int) -> list[Practice]:
    """Return a workshop's commitments in their order."""
    query = (
        select(Practice)
        .where(
            Practice.workshop_id == workshop_id,
            Practice.commitment_position.is_not(None),
            Practice.merged_into_id.is_(None),
        )
        .order_by(Practice.commitment_position, Practice.id)
    )
    return list(db.session.scalars(query))


def _parse(data: Mapping[str, Any]) -> dict[str, Any]:
    values: dict[str, Any] = {}
    errors: dict[str, Any] = {}
    for name, limit in (("owner", OWNER_MAX), ("first_step", FIRST_STEP_MAX)):
        if name in data:
            try:
                values[name] = single_line(data[name], field=name, max_length=limit)
            except ValidationFailed as error:
                errors.update(error.fields)
    if "position" in data:
        position = data["position"]
        if isinstance(position, bool) or not isinstance(position, int) or position < 0:
            errors["position"] = _l("Must be a whole number, 0 or more.")
        else:
            values["position"] = position
    if errors:
        raise ValidationFailed(fields=errors)
    return values


def _workshop_of(practice_id: int) -> int:
    practice = db.session.get(Practice, practice_id)
    if practice is None or practice.is_merged:
        raise NotFound()
    return practice.workshop_id


def set_commitment(facilitator_id: int, practice_id: int, data: Mapping[str, Any]) -> Practice:
    """Make a practice a commitment, or change its owner, first step or place in the order.

    A new commitment goes last unless a position is given; the others shift to
    make room, so positions stay 0, 1, 2, ...
    """
    values = _parse(data)
    following = {"due_on", "owner_email"} & data.keys()
    # Owner, first step, due date and address may change after the workshop closes; the
    # list of commitments and its order may not.
    is_follow_up = not ({"position"} & data.keys()) and bool(following or values)
    with writes.change(
        _workshop_of(practice_id), facilitator_id=facilitator_id, open_only=not is_follow_up
    ) as unit:
        practice = db.session.get(Practice, practice_id)
        if practice is None or practice.is_merged or practice.is_hidden:
            raise NotFound()
        if not unit.workshop.is_open and not practice.is_commitment:
            raise WorkshopClosed()
        values.update(followups.parse_followup(practice, data))
        ordered = [p for p in commitments_of(unit.workshop_id) if p.id != practice.id]
        if "position" in values:
            index = min(values["position"], len(ordered))
        elif practice.commitment_position is not None:  # a commitment already
            index = min(practice.commitment_position, len(ordered))
        else:
            index = len(ordered)
        ordered.insert(index, practice)
        for position, each in enumerate(ordered):
            each.commitment_position = position
        if "owner" in values:
            practice.commitment_owner = values["owner"]
        if "first_step" in values:
            practice.commitment_first_step = values["first_step"]
        if "due_on" in values:
            practice.commitment_due_on = values["due_on"]
        if "owner_email" in values:
            practice.commitment_owner_email = values["owner_email"]
        practice.commitment_status = practice.commitment_status or Status.NOT_STARTED
        if unit.workshop.is_open:
            publish(unit)
        else:
            unit.write()
    return practice


def remove_commitment(facilitator_id: int, practice_id: int) -> None:
    """Take a practice off the commitments (its owner and first step go with it)."""
    with writes.change(_workshop_of(practice_id), facilitator_id=facilitator_id) as unit:
        practice = db.session.get(Practice, practice_id)
        if practice is None or practice.is_merged:
            raise NotFound()
        practice.commitment_position = None
        practice.commitment_owner = practice.commitment_first_step = None
        practice.commitment_due_on = practice.commitment_owner_email = None
        practice.commitment_status = None
        links.revoke(practice.id)
        renumber_commitments(unit.workshop_id)
        publish(unit)


def renumber_commitments(workshop_id: int) -> None:
    """Close the gaps in the commitments' positions (0, 1, 2, ...); caller commits."""
    for position, each in enumerate(commitments_of(workshop_id)):
        each.commitment_position = position


def commitments_json(workshop: Workshop, viewer: Viewer | None) -> list[dict[str, Any]]:
    """Return the commitments a viewer may read, in order."""
    is_facilitator = viewer is not None and viewer.audience is Audience.FACILITATORS
    readable = [p for p in commitments_of(workshop.id) if can_read(p, workshop, viewer)]
    ids = [p.id for p in readable]
    names, counts = author_names(workshop, ids), REACTIONS.counts(ids)  # not one each
    return [
        practice_json(
            p, workshop, for_facilitators=is_facilitator, names=names, reactions=counts[p.id]
        )
        for p in readable
    ]


def publish(unit: writes.Unit) -> None:
    """Send the commitments to every screen of the workshop, after the unit commits."""
    workshop = unit.workshop
    facilitators = Viewer(workshop.id, Audience.FACILITATORS)
    unit.publish(
        realtime.COMMITMENTS_CHANGED,
        public=lambda: {"commitments": commitments_json(workshop, None)},
        facilitators=lambda: {"commitments": commitments_json(workshop, facilitators)},
    )
