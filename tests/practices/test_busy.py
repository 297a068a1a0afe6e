"""A database that does not answer in time (SQLite's write lock held elsewhere): the wait
is bounded, and what ran out is answered ``busy`` with ``retry_after`` (a socket ack, a
503 with Retry-After), never a handler that dies with no answer. The phone sends the
same again and it lands once. PostgreSQL's pool: test_busy_postgres.py."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator

import pytest
from flask import Flask
from sqlalchemy import func, select
from sqlalchemy.exc import OperationalError

from tests.conftest import _empty_tables, bearer, make_app, socket_client
from workshop.extensions import db
from workshop.voting.models import Vote

#: Finnish (the room's language) once the catalog has it; English until then.
BUSY_MESSAGES = {"Palvelimella on ruuhkaa. Yritetään uudelleen…", "The server is busy. Retrying…"}

#: Short waits, so a test that waits them out stays quick.
WAITS = {"DATABASE_BUSY_TIMEOUT": 0.3, "BUSY_RETRY_AFTER_SECONDS": 0.5}


def _phone(app: Flask, room, who):
    return socket_client(app, {"role": "participant", "code": room.code, "token": who[1]})


def _votes_with_key(key: str) -> int:
    db.session.rollback()  # a fresh read, not the test context's old transaction
    return db.session.scalar(select(func.count()).select_from(Vote).where(Vote.key == key))


# --- SQLite: the write lock held by another connection ------------------------------------


@pytest.fixture
def app(tmp_path) -> Iterator[Flask]:
    """On SQLite whatever DATABASE_URL says: the write lock is SQLite's."""
    app = make_app(tmp_path, SQLALCHEMY_DATABASE_URI=f"sqlite:///{tmp_path / 'busy.db'}", **WAITS)
    yield app
    _empty_tables(app)


@pytest.fixture
def write_lock(app) -> Iterator[sqlite3.Connection]:
    """Another connection to the same file, holding the write lock until it is released."""
    path = app.config["SQLALCHEMY_DATABASE_URI"].removeprefix("sqlite:///")
    other = sqlite3.connect(path, isolation_level=None, timeout=0)
    other.execute("BEGIN IMMEDIATE")
    yield other
    if other.in_transaction:
        other.rollback()
    other.close()


def test_a_vote_while_the_write_lock_is_held_is_acked_busy_then_lands_once(
    app, voting_room, write_lock
):
    phone = _phone(app, voting_room, voting_room.liisa)
    dot = {"key": "held-dot", "practice_id": voting_room.practice_ids[2]}

    ack = phone.emit("cast_vote", dot, callback=True)

    assert ack["ok"] is False
    assert ack["error"]["code"] == "busy"
    assert ack["error"]["retry_after"] == 0.5
    assert ack["error"]["message"] in BUSY_MESSAGES  # the workshop's language, once translated
    assert db.engine.pool.checkedout() == 0  # rolled back and handed back, not leaked
    assert _votes_with_key("held-dot") == 0

    write_lock.rollback()  # the other writer is done
    again = phone.emit("cast_vote", dot, callback=True)
    assert again["ok"] is True, again
    assert again["created"] is True
    assert again["remaining"] == 2
    replay = phone.emit("cast_vote", dot, callback=True)  # the phone's retry after a lost ack
    assert replay["ok"] is True and replay["created"] is False
    assert _votes_with_key("held-dot") == 1


def test_busy_costs_one_token_not_the_error_cost(app, voting_room, write_lock):
    rates = app.extensions["toimija_socket_rates"]
    rates.burst, rates.rate = 3.0, 0.001  # three events, no refill to speak of
    phone = _phone(app, voting_room, voting_room.liisa)
    dot = {"key": "patient", "practice_id": voting_room.practice_ids[2]}
    codes = [phone.emit("cast_vote", dot, callback=True)["error"]["code"] for _ in range(3)]
    # An invalid event would have spent the bucket at once (SOCKET_ERROR_COST).
    assert codes == ["busy", "busy", "busy"]
    assert phone.emit("cast_vote", dot, callback=True)["error"]["code"] == "rate_limited"


def test_a_rest_vote_while_the_write_lock_is_held_is_503_busy_with_retry_after(
    app, voting_room, write_lock
):
    client = app.test_client()
    url = f"/api/v1/workshops/{voting_room.code}/votes/rest-dot"
    body = {"practice_id": voting_room.practice_ids[2]}
    headers = {**bearer(voting_room.liisa[1]), "Accept-Language": "en"}

    response = client.put(url, json=body, headers=headers)

    assert response.status_code == 503
    assert response.headers["Retry-After"] == "1"  # whole seconds, rounded up
    error = response.json["error"]
    assert error["code"] == "busy"
    assert error["retry_after"] == 0.5
    assert error["message"] == "The server is busy. Retrying…"
    write_lock.rollback()
    assert client.put(url, json=body, headers=headers).status_code == 201
    assert _votes_with_key("rest-dot") == 1


def test_an_operational_error_that_is_not_a_wait_is_still_an_error(app, voting_room, monkeypatch):
    from workshop.voting import dots

    def broken(*_args, **_kwargs):
        raise OperationalError("INSERT", {}, sqlite3.OperationalError("disk I/O error"))

    monkeypatch.setattr(dots, "cast_vote", broken)
    phone = _phone(app, voting_room, voting_room.liisa)
    with pytest.raises(OperationalError):  # the test client shows what a server would log
        phone.emit("cast_vote", {"key": "k", "practice_id": voting_room.practice_ids[2]})


def test_a_snapshot_that_met_a_busy_database_is_sent_later_by_the_server(
    app, voting_room, monkeypatch
):
    import time

    from sqlalchemy.exc import TimeoutError as PoolTimeout

    from workshop.workshops import state

    phone = _phone(app, voting_room, voting_room.liisa)
    phone.get_received()  # the connect's snapshot
    build, tries = state.snapshot, []

    def busy_twice(viewer):
        tries.append(time.monotonic())
        if len(tries) <= 2:
            raise PoolTimeout("QueuePool limit of size 1 overflow 0 reached")
        return build(viewer)

    monkeypatch.setattr(state, "snapshot", busy_twice)
    phone.emit("request_snapshot")  # no ack: nothing to say "busy" in
    assert "snapshot" not in [m["name"] for m in phone.get_received()]  # a tally may tick
    deadline = time.monotonic() + 5
    received: list = []
    while time.monotonic() < deadline and not received:
        time.sleep(0.1)
        received = [m for m in phone.get_received() if m["name"] == "snapshot"]
    assert len(received) == 1
    assert len(tries) == 3
    # Backing off: 0.5 s, then twice that.
    assert tries[1] - tries[0] >= 0.45 and tries[2] - tries[1] >= 0.95


def test_the_api_document_says_every_operation_may_answer_busy(app):
    document = app.test_client().get("/api/v1/openapi.json").json
    operations = [
        operation
        for operations in document["paths"].values()
        for method, operation in operations.items()
        if method in {"get", "put", "post", "patch", "delete"}
    ]
    assert len(operations) > 40
    assert all("Retry-After" in op["responses"]["503"]["headers"] for op in operations)


def test_a_page_that_meets_a_busy_database_says_try_again(app, voting_room):
    from tests.conftest import login

    client = app.test_client()
    login(client, "owner@example.fi")
    path = app.config["SQLALCHEMY_DATABASE_URI"].removeprefix("sqlite:///")
    other = sqlite3.connect(path, isolation_level=None, timeout=0)
    other.execute("BEGIN IMMEDIATE")
    try:
        response = client.post(
            f"/workshops/{voting_room.workshop_id}/phase",
            data={"phase": "results"},
            headers={"Accept-Language": "en"},
        )
    finally:
        other.rollback()
        other.close()
    assert response.status_code == 503
    assert response.headers["Retry-After"] == "1"
    assert "Try again in a moment" in response.get_data(as_text=True)
