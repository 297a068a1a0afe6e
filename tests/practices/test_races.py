"""Vote rules under concurrency, on the real database (SQLite file, or PostgreSQL in CI).

64 threads, each with its own connection, cast dots for one participant at the
same moment: exactly the budget is accepted, every trial, and nobody sees
"database is locked". Replays of the same keys, in any order, count once.
"""

from __future__ import annotations

import random
import threading
from collections import Counter
from collections.abc import Iterator

import pytest
from flask import Flask
from sqlalchemy import func, select

from tests.conftest import _empty_tables, make_app, story
from workshop.extensions import db
from workshop.facilitators import services as facilitators
from workshop.participants import services as participants
from workshop.practices import services as practices
from workshop.realtime import Audience
from workshop.stories import services as stories
from workshop.voting import dots as voting
from workshop.voting.dots import OverBudget, OverCap
from workshop.voting.models import Vote
from workshop.workshops import services as workshops
from workshop.workshops.services import Viewer

THREADS = 64
TRIALS = 12
BUDGET = 5


@pytest.fixture
def race_app(tmp_path) -> Iterator[Flask]:
    """An app whose pool gives each of the 64 threads a connection of its own."""
    options = {"pool_pre_ping": True, "pool_size": THREADS + 2, "max_overflow": 4}
    app = make_app(tmp_path, SQLALCHEMY_ENGINE_OPTIONS=options)
    yield app
    _empty_tables(app)


def _voting_workshop(app: Flask, practice_count: int = 3) -> tuple[int, int, list[int]]:
    """Return (owner id, workshop id, practice ids) of a workshop in voting, budget 5."""
    with app.app_context():
        owner = facilitators.create_facilitator(f"race{random.random()}@example.fi", "x" * 12)
        workshop = workshops.create_workshop(owner.id, "Kilpa", "fi")
        author, _ = participants.join(workshop.code, "Kirjoittaja")
        workshops.change_phase(owner.id, workshop.id, "stories")
        stories.post_story(author.id, story(), "s")
        workshops.change_phase(owner.id, workshop.id, "practices")
        viewer = Viewer(workshop.id, Audience.PARTICIPANTS, participant_id=author.id)
        ids = [
            practices.post_practice(viewer, {"title": f"P{n}", "story_ids": []}, f"p{n}")[0].id
            for n in range(practice_count)
        ]
        voting.change_voting(owner.id, workshop.id, {"budget": BUDGET})
        workshops.change_phase(owner.id, workshop.id, "voting")
        return owner.id, workshop.id, ids


def _join(app: Flask, workshop_id: int) -> int:
    with app.app_context():
        code = db.session.get(workshops.Workshop, workshop_id).code
        return participants.join(code, None)[0].id


def _cast_all_at_once(app: Flask, calls: list[tuple[int, str, int]]) -> tuple[list, list]:
    """Cast each (participant, key, practice) on its own thread and connection, together."""
    barrier = threading.Barrier(len(calls))
    results: list = []
    errors: list = []
    lock = threading.Lock()

    def worker(participant_id: int, key: str, practice_id: int) -> None:
        with app.app_context():
            db.session.connection()  # this thread's own connection, taken before the start
            db.session.commit()
            barrier.wait()
            try:
                outcome = voting.cast_vote(participant_id, key, practice_id)
            except Exception as error:  # every outcome is reported to the test
                db.session.rollback()
                with lock:
                    errors.append(error)
            else:
                with lock:
                    results.append(outcome)
            finally:
                db.session.remove()

    threads = [threading.Thread(target=worker, args=call) for call in calls]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results, errors


def _active_votes(app: Flask, participant_id: int) -> list[Vote]:
    with app.app_context():
        query = select(Vote).where(
            Vote.participant_id == participant_id, Vote.withdrawn_at.is_(None)
        )
        return list(db.session.scalars(query))


def test_64_threads_never_get_past_the_budget(race_app):
    _owner, workshop_id, ids = _voting_workshop(race_app)
    accepted_per_trial = []
    for trial in range(TRIALS):
        voter = _join(race_app, workshop_id)
        calls = [(voter, f"t{trial}-k{n}", ids[n % len(ids)]) for n in range(THREADS)]
        results, errors = _cast_all_at_once(race_app, calls)
        accepted = [r for r, created in results if created]
        # Every refusal is a rule saying no; never a lock timeout or any other failure.
        assert all(isinstance(e, OverBudget | OverCap) for e in errors), errors[:3]
        assert len(accepted) == BUDGET
        assert len(_active_votes(race_app, voter)) == BUDGET
        accepted_per_trial.append(len(accepted))
    assert accepted_per_trial == [BUDGET] * TRIALS


def test_64_threads_on_one_practice_hold_the_cap(race_app):
    owner, workshop_id, ids = _voting_workshop(race_app)
    with race_app.app_context():
        voting.change_voting(owner, workshop_id, {"per_practice_cap": 2})
    for trial in range(4):
        voter = _join(race_app, workshop_id)
        calls = [(voter, f"t{trial}-k{n}", ids[0]) for n in range(THREADS)]
        results, errors = _cast_all_at_once(race_app, calls)
        assert all(isinstance(e, OverCap) for e in errors), errors[:3]
        assert sum(created for _r, created in results) == 2
        assert len(_active_votes(race_app, voter)) == 2


def test_replays_in_random_order_count_once(race_app):
    _owner, workshop_id, ids = _voting_workshop(race_app, practice_count=5)
    rng = random.Random(4)
    for trial in range(6):
        voter = _join(race_app, workshop_id)
        keys = [f"t{trial}-k{n}" for n in range(BUDGET)]
        calls = [
            (voter, key, ids[n]) for n, key in enumerate(keys) for _ in range(rng.randint(1, 5))
        ]
        rng.shuffle(calls)
        results, errors = _cast_all_at_once(race_app, calls)
        assert errors == []
        assert sum(created for _r, created in results) == BUDGET
        # Every replay answered with the vote its key first made.
        assert len(results) == len(calls)
        for body, _created in results:
            key = body["vote"]["key"]
            assert body["vote"]["practice_id"] == ids[keys.index(key)]
        votes = _active_votes(race_app, voter)
        assert sorted(v.key for v in votes) == sorted(keys)
        with race_app.app_context():
            dots = dict(
                db.session.execute(
                    select(Vote.practice_id, func.count())
                    .where(Vote.participant_id == voter, Vote.withdrawn_at.is_(None))
                    .group_by(Vote.practice_id)
                ).all()
            )
        assert dots == Counter(ids[:BUDGET])
