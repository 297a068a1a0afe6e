"""What is due on a day: check-ins whose commitments have no update, and commitments past
their due date. ``flask followups`` lists it (for cron) and, with mail set up, sends
each owner with an address their link once per check-in."""

from __future__ import annotations

import smtplib
from dataclasses import dataclass, field
from datetime import date

from flask_babel import force_locale, gettext
from sqlalchemy import select

from ..extensions import db
from ..practices.models import Practice
from ..timeutil import utcnow
from ..urls import public_url_for
from ..workshops.models import Workshop
from . import links, mail
from . import services as followups
from .models import OPEN_STATUSES, CheckIn, Status


@dataclass
class Due:
    """One workshop's follow-up that needs someone now."""

    workshop: Workshop
    check_in: CheckIn | None
    #: Open commitments with no update since the last check-in.
    waiting: list[Practice] = field(default_factory=list)
    #: Open commitments past their due date.
    overdue: list[Practice] = field(default_factory=list)


def due_on(today: date) -> list[Due]:
    """Return every workshop with a check-in on or before ``today`` that waits for
    updates, or with an open commitment past its due date."""
    with_check_ins = select(CheckIn.workshop_id).where(CheckIn.due_on <= today)
    with_overdue = select(Practice.workshop_id).where(
        Practice.commitment_due_on < today,
        Practice.commitment_status.in_([str(s) for s in OPEN_STATUSES]),
        Practice.merged_into_id.is_(None),
    )
    ids = set(db.session.scalars(with_check_ins)) | set(db.session.scalars(with_overdue))
    found = []
    for workshop in db.session.scalars(
        select(Workshop).where(Workshop.id.in_(ids)).order_by(Workshop.id)
    ):
        check_in, waiting = followups.waiting(workshop, today)
        overdue = [
            p
            for p in followups.commitments_of(workshop.id)
            if p.commitment_due_on
            and p.commitment_due_on < today
            and (p.commitment_status or Status.NOT_STARTED) in OPEN_STATUSES
        ]
        if waiting or overdue:
            found.append(Due(workshop, check_in if waiting else None, waiting, overdue))
    return found


def link_for(practice: Practice, *, make: bool) -> str | None:
    """Return the owner's link as a URL (making one if asked and there is none)."""
    link = links.active_link(practice.id)
    if link is None and make:
        link = links.new_link(practice.id)
        db.session.commit()
    return public_url_for("followups.owner", token=links.token_of(link)) if link else None


def mail_owners(due: Due) -> tuple[list[str], list[tuple[str, str]]]:
    """Send each waiting commitment's owner (with an address) their link, once per
    check-in; return the addresses mailed and those that failed, with why. A failure
    (the server refused an address, or is down) stops no other owner: the check-in is
    done when every owner has theirs, and a later run sends only what is missing (each
    link keeps when it was mailed). Needs mail set up and a request context."""
    check_in = due.check_in
    if check_in is None or check_in.mailed_at is not None or not mail.is_configured():
        return [], []
    sent: list[str] = []
    failed: list[tuple[str, str]] = []
    for practice in due.waiting:
        address = practice.commitment_owner_email
        if not address:
            continue
        link = links.active_link(practice.id)
        if link and link.mailed_check_in_id == check_in.id:
            continue  # mailed for this check-in by an earlier run
        url = link_for(practice, make=True)
        subject, text = _message(due.workshop, practice, url)
        try:
            mail.send(address, subject, text)
        except (smtplib.SMTPException, OSError) as error:
            failed.append((address, str(error)[:200] or type(error).__name__))
            continue
        link = links.active_link(practice.id)
        if link is not None:
            link.mailed_at, link.mailed_check_in_id = utcnow(), check_in.id
            db.session.commit()
        sent.append(address)
    if not failed:
        check_in.mailed_at = utcnow()
        db.session.commit()
    return sent, failed


def _message(workshop: Workshop, practice: Practice, url: str | None) -> tuple[str, str]:
    with force_locale(workshop.language):
        subject = gettext("How is “%(title)s” going?", title=practice.title)
        text = "\n\n".join(
            [
                gettext("Hello %(owner)s,", owner=practice.commitment_owner or "").replace(
                    " ,", ","
                ),
                gettext(
                    "in the workshop “%(workshop)s” you took on the commitment “%(title)s”. "
                    "It is check-in time: tell the team where it stands, with one line "
                    "on what happened.",
                    workshop=workshop.title,
                    title=practice.title,
                ),
                gettext("Your link (no account needed): %(url)s", url=url),
            ]
        )
    return subject, text


def waiting_counts(workshop_ids: list[int], today: date | None = None) -> dict[int, int]:
    """Return, for the workshops whose check-in has come, how many open commitments have
    no update since the check-in before it (the workshop list marks them)."""
    today = today or utcnow().date()
    query = select(CheckIn.workshop_id).where(
        CheckIn.workshop_id.in_(workshop_ids), CheckIn.due_on <= today
    )
    counts = {}
    for workshop_id in set(db.session.scalars(query)):
        workshop = db.session.get(Workshop, workshop_id)
        if workshop is not None and (late := followups.waiting(workshop, today)[1]):
            counts[workshop_id] = len(late)
    return counts
