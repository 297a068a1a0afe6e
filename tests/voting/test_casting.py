"""The dot writer (workshop/voting/casting.py): group commit and the rules it keeps.

On the real database (SQLite file, or PostgreSQL in CI). One batch holds dots that pass,
dots that the rules refuse and dots left to the ORM path: each gets its own answer and
only the first kind is written. Two apps on one database stand for two processes, each
with its own writer: the rules still hold between them. A change to the rules between
two dots is seen by the second (the rules are keyed by the workshop's seq).
"""

from __future__ import annotations

import threading
from collections.abc import Iterator

import pytest
from flask import Flask
from sqlalchemy import func, select

from tests.conftest import _empty_tables, make_app
from tests.practices.test_races import BUDGET, _join, _voting_workshop
from workshop.extensions import db
from workshop.practices import services as practices
from workshop.voting import casting
from workshop.voting import dots as voting
from workshop.voting.dots import OverBudget, OverCap, PracticeUnavailable
from workshop.voting.models import Vote


@pytest.fixture
def apps(tmp_path) -> Iterator[tuple[Flask, Flask]]:
    """Two apps on one database: two processes, each with its own dot writer."""
    options = {"pool_pre_ping": True, "pool_size": 40, "max_overflow": 4}
    first = make_app(tmp_path, SQLALCHEMY_ENGINE_OPTIONS=options)
    second = make_app(tmp_path, SQLALCHEMY_ENGINE_OPTIONS=options)
    yield first, second
    _empty_tables(first)


def _stored(app: Flask, participant_id: int) -> list[tuple[str, int | None]]:
    with app.app_context():
        query = (
            select(Vote.key, Vote.practice_id)
            .where(Vote.participant_id == participant_id, Vote.withdrawn_at.is_(None))
            .order_by(Vote.id)
        )
        return [tuple(row) for row in db.session.execute(query)]


def test_one_batch_answers_each_dot_and_writes_only_those_that_pass(apps):
    app, _ = apps
    _owner, workshop_id, ids = _voting_workshop(app)
    alice, bob = _join(app, workshop_id), _join(app, workshop_id)
    with app.app_context():
        voting.cast_vote(alice, "earlier", ids[0])
        batch = [casting.Pending(alice, f"a{n}", ids[n % 2], None) for n in range(BUDGET)]
        batch += [
            casting.Pending(bob, "b0", ids[2], None),
            casting.Pending(alice, "earlier", ids[1], None),  # a replay: the ORM path's
            casting.Pending(bob, "b1", 2**31 - 2, None),  # no such practice: the ORM path's
            casting.Pending(bob, "b2", ids[2], None),
        ]
        casting.writer()._write(batch)
    answers = {(d.participant_id, d.key): d for d in batch}
    # Alice had one dot: four more pass, the fifth is over the budget, in arrival order.
    assert [answers[(alice, f"a{n}")].result is not None for n in range(BUDGET)] == [
        True,
        True,
        True,
        True,
        False,
    ]
    assert isinstance(answers[(alice, f"a{BUDGET - 1}")].error, OverBudget)
    assert answers[(alice, "a3")].result["remaining"] == 0
    assert answers[(alice, "earlier")].result is None and answers[(alice, "earlier")].error is None
    assert answers[(bob, "b1")].result is None and answers[(bob, "b1")].error is None
    assert answers[(bob, "b2")].result["votes"] == [
        {"key": "b0", "practice_id": ids[2]},
        {"key": "b2", "practice_id": ids[2]},
    ]
    assert [key for key, _ in _stored(app, alice)] == ["earlier", "a0", "a1", "a2", "a3"]
    assert _stored(app, bob) == [("b0", ids[2]), ("b2", ids[2])]
    with app.app_context():  # what the writer left to the ORM path, it answers
        replay, created = voting.cast_vote(alice, "earlier", ids[1])
        assert not created and replay["vote"]["practice_id"] == ids[0]


def test_two_processes_casting_for_one_person_at_once_hold_the_budget(apps):
    first, _second = apps
    _owner, workshop_id, ids = _voting_workshop(first)
    person = _join(first, workshop_id)
    barrier = threading.Barrier(32)
    outcomes: list[object] = []

    def cast(app: Flask, n: int) -> None:
        with app.app_context():
            barrier.wait()
            try:
                outcomes.append(voting.cast_vote(person, f"k{n}", ids[n % 3]))
            except OverBudget as error:
                outcomes.append(error)
            finally:
                db.session.remove()

    threads = [threading.Thread(target=cast, args=(apps[n % 2], n)) for n in range(32)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sum(isinstance(o, tuple) for o in outcomes) == BUDGET
    assert sum(isinstance(o, OverBudget) for o in outcomes) == 32 - BUDGET
    assert len(_stored(first, person)) == BUDGET


def test_a_change_of_the_rules_between_two_dots_is_kept_by_the_second(apps):
    app, other = apps
    owner, workshop_id, ids = _voting_workshop(app)
    person = _join(app, workshop_id)
    with app.app_context():
        voting.cast_vote(person, "one", ids[0])
    with other.app_context():  # the other process caps each practice at one dot
        voting.change_voting(owner, workshop_id, {"per_practice_cap": 1})
    with app.app_context(), pytest.raises(OverCap):
        voting.cast_vote(person, "two", ids[0])
    with other.app_context():  # and hides a practice
        practices.set_hidden(owner, ids[1], hidden=True)
    with app.app_context():
        with pytest.raises(PracticeUnavailable):
            voting.cast_vote(person, "three", ids[1])
        result, created = voting.cast_vote(person, "four", ids[2])
        assert created and result["remaining"] == BUDGET - 2
        total = db.session.scalar(select(func.count()).select_from(Vote))
        assert total == 2
