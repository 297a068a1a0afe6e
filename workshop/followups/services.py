"""Following commitments up: due dates, owners, status and its history, owners' links and
check-ins. Every write goes through the workshop's unit of work (open or closed)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date, timedelta
from typing import Any

from flask_babel import lazy_gettext as _l
from flask_babel import lazy_pgettext
from sqlalchemy import select

from .. import writes
from ..errors import DomainError, NotFound, ValidationFailed
from ..extensions import db
from ..practices.models import EMAIL_MAX, Practice
from ..text import single_line
from ..timeutil import aware, isoformat, utcnow
from ..workshops import services as workshops
from ..workshops.models import Workshop
from . import links, webhooks
from .models import NOTE_MAX, OPEN_STATUSES, CheckIn, CommitmentUpdate, OwnerLink, Status

#: Check-in days a closing workshop gets, counted from its day, unless it has its own.
DEFAULT_CHECK_IN_DAYS = (30, 90)
CHECK_INS_MAX = 12
# In context: "Done" and "Not started" say other things elsewhere (a step, a timer).
STATUS_NAMES = {
    Status.NOT_STARTED: lazy_pgettext("commitment status", "Not started"),
    Status.STARTED: lazy_pgettext("commitment status", "Started"),
    Status.DONE: lazy_pgettext("commitment status", "Done"),
    Status.DROPPED: lazy_pgettext("commitment status", "Dropped"),
}
# Something@somewhere.tld, no spaces: what a mail server would take, not RFC 5322 in full.
_EMAIL = re.compile(r"[^@\s]+@[^@\s.]+(\.[^@\s.]+)+")


class LinkRevoked(DomainError):
    status = 410
    code = "link_revoked"
    message = _l(
        "This link no longer works: the facilitator made a new one or withdrew it. "
        "Ask them for the current link."
    )


def earliest_today() -> date:
    """Today where the day began last (UTC-12): a date before it is in the past everywhere."""
    return (utcnow() - timedelta(hours=12)).date()


def parse_date(value: object, field: str, *, was: date | None = None) -> date | None:
    """Return a YYYY-MM-DD date (None for null or ""); a date in the past is refused
    unless it is the one already stored (``was``)."""
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise ValidationFailed(fields={field: _l("Give a date as YYYY-MM-DD.")})
    try:
        day = date.fromisoformat(value.strip())
    except ValueError:
        raise ValidationFailed(fields={field: _l("Give a date as YYYY-MM-DD.")}) from None
    if day != was and day < earliest_today():
        raise ValidationFailed(fields={field: _l("That date is in the past.")})
    if day.year > 2999:
        raise ValidationFailed(fields={field: _l("Give a date as YYYY-MM-DD.")})
    return day


def parse_email(value: object, field: str = "owner_email") -> str | None:
    """Return an email address (None for null or ""), or refuse what is not one."""
    text = single_line(value, field=field, max_length=EMAIL_MAX)
    if text is None:
        return None
    if not _EMAIL.fullmatch(text):
        raise ValidationFailed(fields={field: _l("That is not an email address.")})
    return text


def parse_followup(practice: Practice, data: Mapping[str, Any]) -> dict[str, Any]:
    """Check a commitment's due date and owner's address; raise ValidationFailed."""
    values: dict[str, Any] = {}
    errors: dict[str, Any] = {}
    for name, parse in (
        ("due_on", lambda v: parse_date(v, "due_on", was=practice.commitment_due_on)),
        ("owner_email", parse_email),
    ):
        if name in data:
            try:
                values[name] = parse(data[name])
            except ValidationFailed as error:
                errors.update(error.fields)
    if errors:
        raise ValidationFailed(fields=errors)
    return values


def commitment_of(practice_id: int) -> Practice:
    """Return a commitment (not a merged practice, nor one that is no commitment)."""
    practice = db.session.get(Practice, practice_id)
    if practice is None or practice.is_merged or not practice.is_commitment:
        raise NotFound()
    return practice


def update_status(
    practice_id: int,
    data: Mapping[str, Any],
    *,
    facilitator_id: int | None = None,
    link: OwnerLink | None = None,
) -> CommitmentUpdate:
    """Set a commitment's status with a one-line note, by its owner (through their link)
    or a facilitator; the history keeps every update, the webhook is told."""
    if link is not None and link.revoked_at is not None:
        raise LinkRevoked()
    errors: dict[str, Any] = {}
    status = data.get("status")
    if status not in set(Status):
        errors["status"] = _l("Choose one: not started, started, done or dropped.")
    try:
        note = single_line(data.get("note"), field="note", max_length=NOTE_MAX)
    except ValidationFailed as error:
        errors.update(error.fields)
    if errors:
        raise ValidationFailed(fields=errors)
    workshop_id = commitment_of(practice_id).workshop_id
    with writes.change(workshop_id, facilitator_id=facilitator_id, open_only=False) as unit:
        practice = commitment_of(practice_id)
        if link is not None:  # withdrawn while the owner was typing
            db.session.refresh(link)
            if link.revoked_at is not None or link.practice_id != practice.id:
                raise LinkRevoked()
        practice.commitment_status = str(status)
        update = CommitmentUpdate(
            practice_id=practice.id,
            status=str(status),
            note=note,
            is_by_owner=link is not None,
            facilitator_id=facilitator_id,
        )
        db.session.add(update)
        db.session.flush()
        webhooks.enqueue(unit.workshop, practice, update)
        unit.write()
        if unit.workshop.is_open:
            _publish(unit)
    webhooks.kick()
    return update


def _publish(unit: writes.Unit) -> None:
    from ..practices import commitments

    commitments.publish(unit)


def history_of(practice_ids: list[int]) -> dict[int, list[dict[str, Any]]]:
    """Return each commitment's updates, oldest first (one query for them all)."""
    found: dict[int, list[dict[str, Any]]] = {i: [] for i in practice_ids}
    if not practice_ids:
        return found
    query = (
        select(CommitmentUpdate)
        .where(CommitmentUpdate.practice_id.in_(practice_ids))
        .order_by(CommitmentUpdate.created_at, CommitmentUpdate.id)
    )
    for update in db.session.scalars(query):
        found[update.practice_id].append(
            {
                "status": update.status,
                "note": update.note,
                "by": "owner" if update.is_by_owner else "facilitator",
                "at": isoformat(update.created_at),
            }
        )
    return found


def status_name(status: str | None) -> str:
    """Return a status as the reader says it."""
    return str(STATUS_NAMES.get(Status(status or Status.NOT_STARTED)))


# --- owners' links ---


def make_link(facilitator_id: int, practice_id: int) -> OwnerLink:
    """Give a commitment's owner a new link (the old one stops working)."""
    workshop_id = commitment_of(practice_id).workshop_id
    with writes.change(workshop_id, facilitator_id=facilitator_id, open_only=False) as unit:
        link = links.new_link(commitment_of(practice_id).id)
        unit.write()
    return link


def revoke_link(facilitator_id: int, practice_id: int) -> None:
    """Withdraw a commitment's owner link (idempotent)."""
    workshop_id = commitment_of(practice_id).workshop_id
    with writes.change(workshop_id, facilitator_id=facilitator_id, open_only=False) as unit:
        if links.revoke(commitment_of(practice_id).id):
            unit.write()


def commitment_by_token(token: object) -> tuple[Practice, OwnerLink]:
    """Return the commitment an owner's link opens; raise NotFound or LinkRevoked."""
    link = links.link_by_token(token)
    if link is None:
        raise NotFound()
    if link.revoked_at is not None:
        raise LinkRevoked()
    practice = db.session.get(Practice, link.practice_id)
    if practice is None or practice.is_merged or not practice.is_commitment:
        raise LinkRevoked()
    return practice, link


# --- check-ins ---


def check_ins_of(workshop_id: int) -> list[CheckIn]:
    query = select(CheckIn).where(CheckIn.workshop_id == workshop_id).order_by(CheckIn.due_on)
    return list(db.session.scalars(query))


def set_check_ins(facilitator_id: int, workshop_id: int, days: object) -> list[CheckIn]:
    """Replace a workshop's check-in days (a day already set may be in the past)."""
    if not isinstance(days, list) or len(days) > CHECK_INS_MAX:
        raise ValidationFailed(
            fields={"check_ins": _l("Give at most %(max)d dates.", max=CHECK_INS_MAX)}
        )
    workshops.facilitated_workshop(facilitator_id, workshop_id)
    kept = {c.due_on for c in check_ins_of(workshop_id)}
    parsed: set[date] = set()
    errors: dict[str, Any] = {}
    for i, value in enumerate(days):
        try:
            day = parse_date(value, f"check_ins.{i}")
            if day is None:
                raise ValidationFailed(fields={f"check_ins.{i}": _l("Required.")})
        except ValidationFailed as error:
            stored = _stored_day(value, kept)
            if stored is None:
                errors.update(error.fields)
                continue
            day = stored
        parsed.add(day)
    if errors:
        raise ValidationFailed(fields=errors)
    with writes.change(workshop_id, facilitator_id=facilitator_id, open_only=False) as unit:
        for check_in in check_ins_of(workshop_id):
            if check_in.due_on not in parsed:
                db.session.delete(check_in)
        for day in parsed - kept:
            db.session.add(CheckIn(workshop_id=workshop_id, due_on=day))
        unit.write()
    return check_ins_of(workshop_id)


def _stored_day(value: object, kept: set[date]) -> date | None:
    try:
        day = date.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        return None
    return day if day in kept else None


def add_default_check_ins(workshop: Workshop) -> None:
    """Give a closing workshop its check-ins, 30 and 90 days on, unless it has some
    (inside the closing unit of work)."""
    if check_ins_of(workshop.id):
        return
    day = aware(workshop.closed_at or utcnow()).date()
    for days in DEFAULT_CHECK_IN_DAYS:
        db.session.add(CheckIn(workshop_id=workshop.id, due_on=day + timedelta(days=days)))


def commitments_of(workshop_id: int) -> list[Practice]:
    from ..practices.commitments import commitments_of as ordered

    return ordered(workshop_id)


def waiting(workshop: Workshop, today: date) -> tuple[CheckIn | None, list[Practice]]:
    """Return the check-in that is on now (the latest whose day has come) and the open
    commitments with no update since the check-in before it (or the workshop's day)."""
    check_ins = [c for c in check_ins_of(workshop.id) if c.due_on <= today]
    if not check_ins:
        return None, []
    current = check_ins[-1]
    since = check_ins[-2].due_on if len(check_ins) > 1 else aware(workshop.created_at).date()
    open_ones = [
        p
        for p in commitments_of(workshop.id)
        if (p.commitment_status or Status.NOT_STARTED) in OPEN_STATUSES
    ]
    latest = _latest_updates([p.id for p in open_ones])
    late = [p for p in open_ones if p.id not in latest or aware(latest[p.id]).date() < since]
    return current, late


def _latest_updates(practice_ids: list[int]) -> dict[int, Any]:
    if not practice_ids:
        return {}
    query = (
        select(CommitmentUpdate.practice_id, db.func.max(CommitmentUpdate.created_at))
        .where(CommitmentUpdate.practice_id.in_(practice_ids))
        .group_by(CommitmentUpdate.practice_id)
    )
    return {practice_id: at for practice_id, at in db.session.execute(query)}


# --- the webhook ---


def set_webhook(facilitator_id: int, workshop_id: int, url: object) -> Workshop:
    """Set or clear the workshop's webhook; a new target gets a new secret."""
    parsed = webhooks.parse_url(url)
    with writes.change(workshop_id, facilitator_id=facilitator_id, open_only=False) as unit:
        workshop = unit.workshop
        if parsed != workshop.webhook_url:
            workshop.webhook_secret = webhooks.new_secret() if parsed else None
        workshop.webhook_url = parsed
        unit.write()
    return workshops.facilitated_workshop(facilitator_id, workshop_id)
