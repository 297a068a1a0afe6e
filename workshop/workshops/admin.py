"""Running a workshop together, and its end: co-facilitators, deletion, retention, purge."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import Any

from flask_babel import lazy_gettext as _l
from sqlalchemy import delete, func, select, update

from .. import realtime, writes
from ..errors import Forbidden, ValidationFailed
from ..extensions import db
from ..facilitators import services as facilitators
from ..text import whole_number
from ..timeutil import aware, utcnow
from . import services as workshops
from .models import Workshop, WorkshopFacilitator

RETENTION_MAX_DAYS = 3650


def facilitators_json(workshop: Workshop) -> dict[str, Any]:
    """Return who runs the workshop: its owner and those it is shared with."""
    return {
        "owner": {"id": workshop.owner.id, "email": workshop.owner.email},
        "co_facilitators": [
            {"id": link.facilitator.id, "email": link.facilitator.email}
            for link in workshop.co_facilitators
        ],
    }


def _tell_facilitators(unit: writes.Unit, *, with_retention: bool = False) -> None:
    # Outside the seq: only the facilitators need to know who runs it with them.
    workshop = unit.workshop

    def tell() -> None:
        db.session.refresh(workshop)
        body = facilitators_json(workshop)
        if with_retention:
            body |= retention_json(workshop)
        realtime.tell_facilitators(workshop.id, realtime.FACILITATORS_CHANGED, body)

    unit.after_commit(tell)


def add_co_facilitator(owner_id: int, workshop_id: int, email: object) -> Workshop:
    """Share a workshop with another facilitator account (owner only); adding twice is fine."""
    workshop = workshops.owned_workshop(owner_id, workshop_id)
    other = facilitators.facilitator_by_email(email) if isinstance(email, str) else None
    if other is None:
        raise ValidationFailed(fields={"email": _l("No facilitator account has this email.")})
    if other.id == workshop.owner_id:
        raise ValidationFailed(fields={"email": _l("This is the workshop's owner.")})
    with writes.change(workshop_id, open_only=False) as unit:
        if not workshops.is_co_facilitator(other.id, workshop_id):
            db.session.add(WorkshopFacilitator(workshop_id=workshop_id, facilitator_id=other.id))
        _tell_facilitators(unit)
    return unit.workshop


def remove_co_facilitator(owner_id: int, workshop_id: int, facilitator_id: int) -> Workshop:
    """Stop sharing a workshop with a facilitator (owner only); their next connect is refused."""
    workshops.owned_workshop(owner_id, workshop_id)
    with writes.change(workshop_id, open_only=False) as unit:
        db.session.execute(
            delete(WorkshopFacilitator).where(
                WorkshopFacilitator.workshop_id == workshop_id,
                WorkshopFacilitator.facilitator_id == facilitator_id,
            )
        )
        unit.write()
        _tell_facilitators(unit)
        unit.after_commit(lambda: realtime.disconnect_facilitator(workshop_id, facilitator_id))
    return unit.workshop


def set_retention(facilitator_id: int, workshop_id: int, days: object) -> Workshop:
    """Set how many days after closing the workshop is deleted; None keeps it (owner only).

    Retention decides when the workshop is deleted: a co-facilitator runs the room with
    the owner but cannot shorten its life.
    """
    _owner_only(facilitator_id, workshop_id)
    kept = None
    if days is not None:
        kept = whole_number(days, field="retention_days", maximum=RETENTION_MAX_DAYS)
    with writes.change(workshop_id, facilitator_id=facilitator_id, open_only=False) as unit:
        unit.workshop.retention_days = kept
        _tell_facilitators(unit, with_retention=True)
    return unit.workshop


def _owner_only(facilitator_id: int, workshop_id: int) -> Workshop:
    try:
        return workshops.owned_workshop(facilitator_id, workshop_id)
    except Forbidden:
        raise Forbidden(_l("Only the workshop's owner can change how long it is kept.")) from None


def retention_json(workshop: Workshop) -> dict[str, Any]:
    """Return the retention setting and, once closed, the day it will be deleted."""
    deletes_at = None
    if workshop.closed_at is not None and workshop.retention_days is not None:
        deletes_at = (
            aware(workshop.closed_at) + timedelta(days=workshop.retention_days)
        ).isoformat()
    return {"retention_days": workshop.retention_days, "deletes_at": deletes_at}


def _delete(workshop_id: int) -> None:
    # The database's ON DELETE CASCADE takes every row that belongs to the workshop:
    # participants (and their tokens), stories, reactions, lenses, practices, votes,
    # ratings, co-facilitators. Its follow-ups point at it without a key (migration 0015).
    db.session.execute(
        update(Workshop).where(Workshop.follows_id == workshop_id).values(follows_id=None)
    )
    db.session.execute(delete(Workshop).where(Workshop.id == workshop_id))


def delete_workshop(owner_id: int, workshop_id: int) -> None:
    """Delete a workshop and everything in it (owner only); its screens are told."""
    workshop = workshops.owned_workshop(owner_id, workshop_id)
    workshop_id = workshop.id
    db.session.expunge_all()
    _delete(workshop_id)
    db.session.commit()
    realtime.tell_everyone(workshop_id, realtime.WORKSHOP_DELETED, {})


def expired_workshops(now=None) -> list[Workshop]:
    """Return the closed workshops whose retention has run out."""
    now = now or utcnow()
    query = select(Workshop).where(
        Workshop.closed_at.is_not(None), Workshop.retention_days.is_not(None)
    )
    from ..followups.models import CheckIn

    # A workshop still followed up is kept: its retention runs from its last check-in.
    last_check_in = dict(
        db.session.execute(
            select(CheckIn.workshop_id, func.max(CheckIn.due_on)).group_by(CheckIn.workshop_id)
        ).all()
    )
    return [
        w
        for w in db.session.scalars(query)
        # The query left out the None's; mypy needs to see them checked.
        if w.closed_at is not None
        and w.retention_days is not None
        and _retained_from(w.closed_at, last_check_in.get(w.id)) + timedelta(days=w.retention_days)
        <= now
    ]


def _retained_from(closed_at: datetime, last_check_in: date | None) -> datetime:
    closed = aware(closed_at)
    if last_check_in is None:
        return closed
    return max(closed, datetime.combine(last_check_in, time(), tzinfo=closed.tzinfo))


def purge(now=None, *, dry_run: bool = False) -> list[tuple[int, str]]:
    """Delete every workshop past its retention; return their (id, code)."""
    expired = [(w.id, w.code) for w in expired_workshops(now)]
    if not dry_run:
        db.session.expunge_all()
        for workshop_id, _code in expired:
            _delete(workshop_id)
        db.session.commit()
        for workshop_id, _code in expired:
            realtime.tell_everyone(workshop_id, realtime.WORKSHOP_DELETED, {})
    return expired
