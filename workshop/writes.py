"""The one write path: lock, guard, change, bump the seq once, commit once, then publish.

Every change to a workshop runs inside ``change()`` (or ``ballot()`` for one person's
dots). The block mutates rows and queues what the screens must hear; nothing is sent
until the commit has succeeded, and a block that raises sends nothing. So no screen
ever shows a row that was rolled back, by construction rather than by habit.

    with writes.change(workshop_id, facilitator_id=me) as unit:
        unit.workshop.title = title
        unit.publish(realtime.SETTINGS_CHANGED, public=body)

A publish that fails after its commit is logged, never raised: the change is saved,
and the clients that missed it see a gap in the seq and ask for a snapshot.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from flask import current_app
from sqlalchemy import select

from . import realtime
from .database import begin_write
from .errors import DomainError, NotFound
from .extensions import db
from .participants.models import Participant
from .workshops import services as workshops  # the guards: who runs it, is it open
from .workshops.models import Workshop

#: A body, or a function that makes it after the commit (so the write lock is not held
#: while a large body is built). Called once, whatever the number of screens.
Body = dict[str, Any] | Callable[[], dict[str, Any]] | None


class Unit:
    """One change in progress: the locked workshop, and what to send once it is committed."""

    def __init__(self, workshop: Workshop) -> None:
        self.workshop = workshop
        #: Kept apart from the row: after the commit the row would be reloaded to read it.
        self.workshop_id = workshop.id
        self._events: list[tuple[str, Body, Body]] = []
        self._after: list[Callable[[], None]] = []
        self._is_written = False
        self.seq: int | None = None

    def publish(self, event: str, *, public: Body = None, facilitators: Body = None) -> None:
        """Queue a sequenced event for after the commit.

        ``public`` goes to the projector and the phones alike (built and serialised
        once); ``facilitators`` to the control screens, and defaults to ``public``. An
        audience given nothing still gets the event with only its seq, so its
        sequence has no gap.
        """
        self._events.append((event, public, public if facilitators is None else facilitators))

    def after_commit(self, send: Callable[[], None]) -> None:
        """Queue a send outside the seq (a notice to one person, a tick) for after the commit."""
        self._after.append(send)

    def mark(self, aggregate: str = realtime.TALLY, part: Any = None) -> None:
        """Put a named aggregate (the tally, say) on the next tick, after the commit;
        ``part`` names what changed in one sent by part (an item reacted to)."""
        workshop_id = self.workshop_id
        self.after_commit(lambda: realtime.ticker().mark(workshop_id, aggregate, part))

    def write(self) -> None:
        """Say the block changed rows though it publishes nothing in the seq (commit it)."""
        self._is_written = True

    @property
    def is_empty(self) -> bool:
        session = db.session
        pending = session.new or session.dirty or session.deleted
        return not (self._events or self._after or self._is_written or pending)

    def _commit(self) -> None:
        if self._events:
            # One bump for the whole change: each of its events takes the next number.
            self.seq = self.workshop.seq + 1
            self.workshop.seq += len(self._events)
        db.session.commit()

    def _send(self) -> None:
        seq = self.seq or 0  # set by _commit whenever there are events
        for event, public, facilitators in self._events:
            try:
                realtime.publish(
                    self.workshop_id,
                    seq,
                    event,
                    public=_made(public),
                    facilitators=_made(facilitators),
                )
            except Exception:  # saved is saved: the screens resync on the gap
                current_app.logger.exception(
                    "publishing %s for workshop %s failed", event, self.workshop_id
                )
            seq += 1
        for send in self._after:
            try:
                send()
            except Exception:
                current_app.logger.exception(
                    "a send after the commit failed for workshop %s", self.workshop_id
                )


def _made(body: Body) -> dict[str, Any] | None:
    return body() if callable(body) else body


def lock_workshop(workshop_id: int) -> Workshop:
    """Begin a write transaction holding the workshop's row; raise NotFound."""
    begin_write()
    query = select(Workshop).where(Workshop.id == workshop_id).with_for_update()
    workshop = db.session.scalar(query)
    if workshop is None:
        db.session.rollback()
        raise NotFound()
    return workshop


@contextmanager
def _running(workshop: Workshop) -> Iterator[Unit]:
    unit = Unit(workshop)
    try:
        yield unit
        if unit.is_empty:
            db.session.rollback()  # nothing to write, nothing to tell the screens
            return
        unit._commit()
    except BaseException:
        db.session.rollback()
        raise
    unit._send()


@contextmanager
def change(
    workshop_id: int,
    *,
    facilitator_id: int | None = None,
    open_only: bool = True,
    closed_error: type[DomainError] | None = None,
) -> Iterator[Unit]:
    """Run one change to a workshop, holding its row: commit once, then publish.

    With ``facilitator_id`` the facilitator must run the workshop (NotFound or
    Forbidden before any lock). With ``open_only`` a closed workshop raises
    ``closed_error`` (WorkshopClosed by default). A block that queues nothing and calls
    no ``write()`` is rolled back.
    """
    if facilitator_id is not None:
        workshops.facilitated_workshop(facilitator_id, workshop_id)
    workshop = lock_workshop(workshop_id)
    if open_only and not workshop.is_open:
        db.session.rollback()
        raise (closed_error or workshops.WorkshopClosed)()
    with _running(workshop) as unit:
        yield unit


@contextmanager
def ballot(participant_id: int) -> Iterator[tuple[Unit, Participant]]:
    """Run one change to a participant's own dots or ratings: hold their row, share the
    workshop's (changes to the rules hold it for update, so none is in flight then)."""
    begin_write()
    participant = db.session.scalar(
        select(Participant).where(Participant.id == participant_id).with_for_update()
    )
    if participant is None or participant.removed_at is not None:
        db.session.rollback()
        raise NotFound()
    workshop = db.session.scalar(
        select(Workshop).where(Workshop.id == participant.workshop_id).with_for_update(read=True)
    )
    if workshop is None:  # deleted meanwhile (its participants go with it)
        db.session.rollback()
        raise NotFound()
    with _running(workshop) as unit:
        yield unit, participant
