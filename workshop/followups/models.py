"""Following commitments up after the workshop: their history, owners' links, check-in
dates, and the webhook's outbox."""

from __future__ import annotations

import enum
from datetime import date, datetime

from sqlalchemy import Date, DateTime, ForeignKey, String, Text, UniqueConstraint, text
from sqlalchemy.orm import Mapped, mapped_column

from ..extensions import Model
from ..timeutil import utcnow

NOTE_MAX = 200
URL_MAX = 500


class Status(enum.StrEnum):
    """Where a commitment stands."""

    NOT_STARTED = "not_started"
    STARTED = "started"
    DONE = "done"
    DROPPED = "dropped"


#: A commitment still to be done: shown in a follow-up workshop's lobby.
OPEN_STATUSES = (Status.NOT_STARTED, Status.STARTED)


class CommitmentUpdate(Model):
    """One change of a commitment's status, with its one-line note: the history."""

    __tablename__ = "commitment_updates"

    id: Mapped[int] = mapped_column(primary_key=True)
    practice_id: Mapped[int] = mapped_column(
        ForeignKey("practices.id", ondelete="CASCADE"), index=True
    )
    status: Mapped[str] = mapped_column(String(11))
    note: Mapped[str | None] = mapped_column(String(NOTE_MAX))
    #: Written through the owner's link (else by the facilitator below).
    is_by_owner: Mapped[bool]
    facilitator_id: Mapped[int | None] = mapped_column(
        ForeignKey("facilitators.id", ondelete="SET NULL")
    )
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class OwnerLink(Model):
    """A commitment owner's link: no account, revocable. The token is derived from the
    row's id and nonce with the app's secret key (workshop/followups/links.py), so the
    facilitator can copy it again, and the database alone never holds it."""

    __tablename__ = "owner_links"

    id: Mapped[int] = mapped_column(primary_key=True)
    practice_id: Mapped[int] = mapped_column(
        ForeignKey("practices.id", ondelete="CASCADE"), index=True
    )
    nonce: Mapped[str] = mapped_column(String(32))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    revoked_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    #: When `flask followups` last mailed it to the owner, and for which check-in (no key:
    #: a check-in that is deleted leaves it be), so a run after a failure mails only
    #: the owners who have not had it.
    mailed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    mailed_check_in_id: Mapped[int | None]


class CheckIn(Model):
    """A day on which the facilitator looks at how the commitments are doing."""

    __tablename__ = "check_ins"
    __table_args__ = (UniqueConstraint("workshop_id", "due_on", name="uq_check_ins_workshop_day"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    workshop_id: Mapped[int] = mapped_column(
        ForeignKey("workshops.id", ondelete="CASCADE"), index=True
    )
    due_on: Mapped[date] = mapped_column(Date)
    #: When the owners were mailed their links for it.
    mailed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class WebhookDelivery(Model):
    """A status change to post to the workshop's webhook: written in the change's own
    transaction (an outbox), posted after it, retried with backoff until it is taken."""

    __tablename__ = "webhook_deliveries"

    id: Mapped[int] = mapped_column(primary_key=True)
    workshop_id: Mapped[int] = mapped_column(
        ForeignKey("workshops.id", ondelete="CASCADE"), index=True
    )
    url: Mapped[str] = mapped_column(String(URL_MAX))
    body: Mapped[str] = mapped_column(Text)
    attempts: Mapped[int] = mapped_column(default=0, server_default=text("0"))
    #: When to try next; None once delivered or given up.
    next_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), index=True)
    delivered_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    last_error: Mapped[str | None] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
