"""The hot path of a dot: the same rules as dots.cast_vote, at a fraction of its cost.

A room of two thousand phones casts its dots within seconds, so the common dot (a new
key, on an item every participant can see) is cast with cached Core statements on the
session's connection, in the same transaction and under the same locks as the ORM path:
the participant's row for update, the workshop's row shared (on SQLite the whole
database, BEGIN IMMEDIATE). What a dot is checked against (the phase, the round's
budget and cap, the items that can take dots and their authors) is worked out once per
change of the workshop: it is keyed by the workshop's ``seq``, read from the database
under the lock, and every change to a workshop bumps it. So no rule lives only in
memory: another process's change is a new seq here too.

Anything out of the ordinary (a replayed key, an item not on every screen, one's own
item, a key another connection committed first) is left to the ORM path, which has the
whole of the rules: ``cast`` returns None before it has written anything.
"""

from __future__ import annotations

import threading
import typing
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from flask import Flask, current_app
from sqlalchemy import Table, and_, bindparam, insert, or_, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Connection

from .. import realtime
from ..database import begin_write, is_busy
from ..errors import Busy, DomainError, NotFound, busy_retry_after
from ..extensions import db, socketio
from ..participants.models import Participant
from ..practices.models import Practice, PracticeAuthor
from ..practices.reading import can_read
from ..stories import services as stories
from ..stories.models import Story
from ..timeutil import aware, isoformat, utcnow
from ..workshops.models import Phase, Workshop
from . import rounds, targets
from .models import Vote

_participants = typing.cast(Table, Participant.__table__)
_workshops = typing.cast(Table, Workshop.__table__)
_votes = typing.cast(Table, Vote.__table__)

#: The participant's row, held for update: one person's dots are counted one at a time.
_LOCK_PARTICIPANT = (
    select(_participants.c.workshop_id, _participants.c.removed_at)
    .where(_participants.c.id == bindparam("participant_id"))
    .with_for_update()
)
#: The workshops of a batch's participants, their rows shared, in id order, before any
#: participant's row: their seq for the whole batch (no change to the rules can commit
#: before the batch does).
_SHARE_WORKSHOPS = (
    select(_workshops.c.id, _workshops.c.seq, _workshops.c.code)
    .where(
        _workshops.c.id.in_(
            select(_participants.c.workshop_id).where(
                _participants.c.id.in_(bindparam("participant_ids", expanding=True))
            )
        )
    )
    .order_by(_workshops.c.id)
    .with_for_update(read=True)
)
#: The participant's dot under this key (a replay), and their dots in force this round.
_MINE = (
    select(_votes.c.key, _votes.c.practice_id, _votes.c.story_id)
    .where(
        _votes.c.participant_id == bindparam("participant_id"),
        or_(
            _votes.c.key == bindparam("key"),
            and_(_votes.c.withdrawn_at.is_(None), _votes.c.step_index == bindparam("round")),
        ),
    )
    .order_by(_votes.c.id)
)
_INSERT = insert(_votes)


@dataclass(frozen=True)
class Rules:
    """What a dot is checked against while the workshop's seq stays the same."""

    is_open: bool  # in voting
    round: int  # the round whose dots count now
    step_index: int  # the step a new dot is cast in
    item_field: str  # "practice_id" or "story_id"
    budget: int
    cap: int
    own_ok: bool
    is_anonymous: bool
    locks_at: datetime | None  # a running timer that locks the phase when it ends
    is_time_up: bool
    #: The items every participant can put a dot on, with their authors.
    items: dict[int, frozenset[int]]

    def time_is_up(self) -> bool:
        return self.is_time_up or (self.locks_at is not None and utcnow() >= self.locks_at)


_memo: dict[tuple[int, int, str], Rules] = {}
_memo_lock = threading.Lock()


def _rules(workshop_id: int, seq: int, code: str) -> Rules:
    key = (workshop_id, seq, code)
    found = _memo.get(key)
    if found is None:
        found = _work_out(workshop_id)
        with _memo_lock:
            if len(_memo) > 256:  # many workshops or many changes: start again
                _memo.clear()
            _memo[key] = found
    return found


def _work_out(workshop_id: int) -> Rules:
    """Read the rules with the ORM, once per change (in the caller's transaction)."""
    workshop = db.session.get(Workshop, workshop_id)
    if workshop is None:
        raise NotFound()
    found = rounds.current(workshop)
    target = targets.target_of(workshop)
    budget = rounds.budget_of(workshop)
    now = utcnow()
    state = workshop.timer_state(now)
    locks = workshop.locks_at_time_up
    ends_at = aware(workshop.timer_ends_at) if workshop.timer_ends_at is not None else None
    items: dict[int, frozenset[int]] = {}
    if target == targets.STORIES:
        on_wall = select(Story).where(Story.workshop_id == workshop_id, Story.hidden_at.is_(None))
        for story in db.session.scalars(on_wall):
            if stories.can_read(story, workshop, None):
                items[story.id] = frozenset([story.participant_id])
    else:
        practices = select(Practice).where(
            Practice.workshop_id == workshop_id,
            Practice.hidden_at.is_(None),
            Practice.merged_into_id.is_(None),
        )
        readable = [p.id for p in db.session.scalars(practices) if can_read(p, workshop, None)]
        authors: dict[int, set[int]] = {practice_id: set() for practice_id in readable}
        if readable:
            table = PracticeAuthor.__table__
            rows = db.session.execute(
                select(table.c.practice_id, table.c.participant_id).where(
                    table.c.practice_id.in_(readable)
                )
            )
            for practice_id, participant_id in rows:
                authors[practice_id].add(participant_id)
        items = {practice_id: frozenset(ids) for practice_id, ids in authors.items()}
    return Rules(
        is_open=workshop.phase == Phase.VOTING,
        round=targets.round_of(workshop) or 0,
        step_index=workshop.step_index or 0,
        item_field=targets.field(target),
        budget=budget,
        cap=rounds.cap_of(workshop, budget),
        own_ok=found.allows_self_votes,
        is_anonymous=workshop.writes_anonymously,
        locks_at=ends_at if locks and state == "running" else None,
        is_time_up=locks and state == "ended",
        items=items,
    )


def _dot(key: str, practice_id: int | None, story_id: int | None) -> dict[str, Any]:
    if story_id is not None:
        return {"key": key, "story_id": story_id}
    return {"key": key, "practice_id": practice_id}


def _insert(connection: Connection) -> Any:
    """An insert that skips a key already stored (a replay committed meanwhile by another
    connection), so one dot's conflict does not abort the others' transaction."""
    name = connection.dialect.name
    if name == "postgresql":
        return postgresql.insert(_votes).on_conflict_do_nothing()
    if name == "sqlite":
        return sqlite.insert(_votes).on_conflict_do_nothing()
    return insert(_votes)


def _one(
    connection: Connection, dot: Pending, seqs: dict[int, tuple[int, str]]
) -> dict[str, Any] | None:
    """Check and insert one dot in the writer's transaction; return its ack, or None (nothing
    written) for the ORM path. Raises the rules' errors, with nothing written."""
    # Imported here: dots imports this module.
    from ..workshops.timer import TimeIsUp
    from .dots import OverBudget, OverCap, VotingClosed

    participant_id, key = dot.participant_id, dot.key
    locked = connection.execute(_LOCK_PARTICIPANT, {"participant_id": participant_id}).first()
    if locked is None or locked.removed_at is not None:
        raise NotFound()
    workshop_id = locked.workshop_id
    if workshop_id not in seqs:  # deleted meanwhile (its participants go with it)
        raise NotFound()
    rules = _rules(workshop_id, *seqs[workshop_id])
    rows = connection.execute(
        _MINE, {"participant_id": participant_id, "key": key, "round": rules.round}
    ).all()
    if any(row.key == key for row in rows):
        return None  # a replay: the ORM path answers it with the first result
    if not rules.is_open:
        raise VotingClosed()
    if rules.time_is_up():
        raise TimeIsUp()
    item_id = dot.story_id if rules.item_field == "story_id" else dot.practice_id
    authors = rules.items.get(item_id) if type(item_id) is int else None
    if authors is None or (not rules.own_ok and participant_id in authors):
        return None  # not an item on every screen, or one's own: the ORM path says why
    mine = [_dot(*row) for row in rows]
    if len(mine) >= rules.budget:
        raise OverBudget()
    if sum(d.get(rules.item_field) == item_id for d in mine) >= rules.cap:
        raise OverCap()
    now = utcnow()
    inserted = connection.execute(
        _insert(connection),
        {
            "workshop_id": workshop_id,
            "participant_id": participant_id,
            "step_index": rules.step_index,
            "key": key,
            "is_anonymous": rules.is_anonymous,
            "practice_id": item_id if rules.item_field == "practice_id" else None,
            "story_id": item_id if rules.item_field == "story_id" else None,
            "created_at": now,
        },
    )
    if inserted.rowcount == 0:
        return None  # the same key, committed first by another process: a replay
    dot.workshop_id = workshop_id
    new = {rules.item_field: item_id}
    mine.append({"key": key, **new})
    vote = {"key": key, **new, "created_at": isoformat(now), "withdrawn": False}
    return {"vote": vote, "remaining": rules.budget - len(mine), "votes": mine}


@dataclass(eq=False)
class Pending:
    """A dot waiting for the writer: what the phone sent, then its outcome."""

    participant_id: int
    key: str
    practice_id: object
    story_id: object
    done: threading.Event = field(default_factory=threading.Event)
    result: dict[str, Any] | None = None
    error: DomainError | None = None
    workshop_id: int | None = None


class Writer:
    """Group commit: one writer per process takes the dots that arrived together and
    checks and inserts them in one transaction, one after another in participant order
    (so two processes' batches take the participants' locks in the same order), then
    commits once; each dot is acked only after that commit.

    A dot whose rules refuse it gets its error and writes nothing; if the transaction
    fails as a whole (a lost connection, a lock timeout), every dot of the batch is left
    to the ORM path, one transaction each, where the phone's key makes a retry land once.
    """

    #: The most dots one transaction takes.
    BATCH = 256

    def __init__(self, app: Flask) -> None:
        self.app = app
        self._lock = threading.Lock()
        self._queue: list[Pending] = []
        self._running = False

    def submit(self, dot: Pending) -> Pending:
        """Queue a dot and wait until it is committed, refused or handed back."""
        with self._lock:
            self._queue.append(dot)
            start = not self._running
            self._running = True
        if start:
            socketio.start_background_task(self._run)
        dot.done.wait()
        return dot

    def _run(self) -> None:
        while True:
            with self._lock:
                batch, self._queue = self._queue[: self.BATCH], self._queue[self.BATCH :]
                if not batch:
                    self._running = False
                    return
            try:
                with self.app.app_context():
                    self._write(batch)
            except Exception as error:  # never lose a phone's wait
                with self.app.app_context():
                    busy = Busy(retry_after=busy_retry_after()) if is_busy(error) else None
                if busy is None:  # handed to the ORM path, one transaction per dot
                    self.app.logger.exception("a batch of %d dots failed", len(batch))
                for dot in batch:  # a busy database: the phones send again after a while
                    dot.result, dot.error = None, busy
            finally:
                for dot in batch:
                    dot.done.set()

    def _write_one(self, dot: Pending) -> None:
        """Check and insert one dot in a transaction of its own, here and now (no group
        commit: VOTE_GROUP_COMMIT off)."""
        try:
            self._write([dot])
        except Exception as error:
            if is_busy(error):
                raise Busy(retry_after=busy_retry_after()) from error
            raise

    def _write(self, batch: list[Pending]) -> None:
        begin_write()
        connection: Connection = db.session.connection()
        try:
            # Workshops first, then participants, each in id order: the order a facilitator's
            # change (the workshop for update) and other processes' batches lock in too.
            people = sorted({dot.participant_id for dot in batch})
            shared = connection.execute(_SHARE_WORKSHOPS, {"participant_ids": people})
            seqs = {row.id: (row.seq, row.code) for row in shared}
            for dot in sorted(batch, key=lambda d: d.participant_id):
                try:
                    dot.result = _one(connection, dot, seqs)
                except DomainError as error:
                    dot.error = error
            db.session.commit()
        except BaseException:
            db.session.rollback()
            raise
        ticker = realtime.ticker()
        for workshop_id in {d.workshop_id for d in batch if d.result is not None}:
            ticker.mark(workshop_id)  # type: ignore[arg-type]


def writer() -> Writer:
    """Return this app's dot writer (made on first use)."""
    app = current_app._get_current_object()  # type: ignore[attr-defined]
    found = app.extensions.get("toimija_dot_writer")
    if found is None:
        found = app.extensions.setdefault("toimija_dot_writer", Writer(app))
    return found


def cast(
    participant_id: int, key: str, practice_id: object, story_id: object
) -> dict[str, Any] | None:
    """Cast a new dot through the writer; return the ack's body once it is committed, or
    None (nothing written) for the ORM path to answer. Raises the rules' errors."""
    if db.session.registry.has():  # a socket event has none: do not make one
        session = db.session()
        if session.in_transaction() and not (session.new or session.dirty or session.deleted):
            session.commit()  # end a read: the caller then sees the dot once it is committed
    dot = Pending(participant_id, key, practice_id, story_id)
    if current_app.config["VOTE_GROUP_COMMIT"]:
        writer().submit(dot)
    else:
        writer()._write_one(dot)
    if dot.error is not None:
        raise dot.error
    return dot.result
