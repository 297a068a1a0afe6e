"""PostgreSQL with no pooled connection free: a socket vote waits DATABASE_POOL_TIMEOUT,
then is acked ``busy`` with ``retry_after`` (not a handler that dies with no ack), a
connect is refused ``busy``, and the vote lands once the pool has room. Runs in CI's
PostgreSQL pass (scripts/with-postgres.sh); SQLite's lock: test_busy.py."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest
from flask import Flask
from socketio import packet  # type: ignore[import-untyped]
from sqlalchemy import func, select

from tests.conftest import _empty_tables, make_app, socket_client
from workshop.extensions import db, socketio
from workshop.voting.models import Vote

#: Finnish (the room's language) once the catalog has it; English until then.
BUSY_MESSAGES = {"Palvelimella on ruuhkaa. Yritetään uudelleen…", "The server is busy. Retrying…"}


@pytest.fixture
def app(tmp_path) -> Iterator[Flask]:
    """One pooled connection, no overflow, the shortest wait (a whole second)."""
    if not (os.environ.get("DATABASE_URL") or "").startswith("postgres"):
        pytest.skip("needs DATABASE_URL=postgresql://... (scripts/with-postgres.sh)")
    app = make_app(
        tmp_path,
        DATABASE_POOL_SIZE=1,
        DATABASE_MAX_OVERFLOW=0,
        DATABASE_POOL_TIMEOUT=1,
        BUSY_RETRY_AFTER_SECONDS=0.5,
    )
    yield app
    _empty_tables(app)


def _auth(room, who) -> dict:
    return {"role": "participant", "code": room.code, "token": who[1]}


def test_a_vote_with_no_pooled_connection_free_is_acked_busy(app, voting_room, monkeypatch):
    pool = db.engine.pool
    assert (pool.size(), pool.timeout()) == (1, 1)
    phone = socket_client(app, _auth(voting_room, voting_room.liisa))
    dot = {"key": "pg-dot", "practice_id": voting_room.practice_ids[2]}
    db.session.rollback()  # the test's own session holds nothing either

    with db.engine.connect() as elsewhere:  # the pool's one connection, checked out
        elsewhere.exec_driver_sql("SELECT 1")
        ack = phone.emit("cast_vote", dot, callback=True)
        assert ack["ok"] is False, ack
        assert ack["error"]["code"] == "busy"
        assert ack["error"]["retry_after"] == 0.5
        assert ack["error"]["message"] in BUSY_MESSAGES
        assert pool.checkedout() == 1  # only the one held here: the handler leaked none

        # A connect meets the same wait: refused busy, and the page connects again later.
        refusals: list = []

        class Recorded(packet.Packet):  # what the connect_error carries, as the page gets it
            def __init__(self, packet_type=packet.EVENT, data=None, *args, **kwargs):
                if packet_type == packet.CONNECT_ERROR:
                    refusals.append(data)
                super().__init__(packet_type, data, *args, **kwargs)

        monkeypatch.setattr(socketio.server, "packet_class", Recorded)
        late = socket_client(app, _auth(voting_room, voting_room.ville))
        assert not late.is_connected()
        assert [(r["data"]["code"], r["data"]["retry_after"]) for r in refusals] == [("busy", 0.5)]

    again = phone.emit("cast_vote", dot, callback=True)
    assert again["ok"] is True and again["created"] is True
    db.session.rollback()
    stored = db.session.scalar(select(func.count()).select_from(Vote).where(Vote.key == "pg-dot"))
    assert stored == 1
