"""Per-connection limits on socket events (workshop/socket_rates.py): a flooding socket is
refused, then disconnected and kept out; a phone voting at a person's pace never notices."""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest
from flask import Flask

from tests.conftest import _empty_tables, make_app, socket_client
from workshop.config import DEFAULTS
from workshop.extensions import db
from workshop.voting.models import Vote

#: The shipped limits: the tests below show what they do, not what a test setting does.
REAL = {
    name: DEFAULTS[name]
    for name in (
        "SOCKET_EVENT_BURST",
        "SOCKET_REFUSALS_BEFORE_DISCONNECT",
        "SOCKET_SNAPSHOTS_PER_SECOND",
        "LIMIT_SOCKET_CONNECTS_PER_CREDENTIAL",
    )
}


@pytest.fixture
def app(tmp_path) -> Iterator[Flask]:
    app = make_app(tmp_path, **REAL)
    yield app
    _empty_tables(app)


def _phone(app, room, who):
    return socket_client(app, {"role": "participant", "code": room.code, "token": who[1]})


def _invalid_vote(phone, n: int) -> dict:
    return phone.emit("cast_vote", {"key": f"bad-{n}", "practice_id": 2**31 - 2}, callback=True)


def test_a_flood_of_invalid_votes_is_refused_then_disconnected_and_kept_out(app, voting_room):
    phone = _phone(app, voting_room, voting_room.liisa)
    acks = []
    for n in range(40):
        if not phone.is_connected():
            break
        acks.append(_invalid_vote(phone, n))
    codes = [ack["error"]["code"] for ack in acks]
    # Each invalid vote costs ten of the twenty: two are looked at, the rest refused unread.
    assert "rate_limited" not in codes[:2]
    assert codes[2] == "rate_limited"
    refused = [ack["error"] for ack in acks if ack["error"]["code"] == "rate_limited"]
    assert len(refused) == DEFAULTS["SOCKET_REFUSALS_BEFORE_DISCONNECT"]
    assert refused[0]["retry_after"] > 0
    assert "Liian monta" in refused[0]["message"]  # the workshop's language
    assert not phone.is_connected()

    # Kept out: the same credential cannot come straight back ...
    again = _phone(app, voting_room, voting_room.liisa)
    assert not again.is_connected()
    # ... and nobody else paid for it.
    other = _phone(app, voting_room, voting_room.ville)
    ack = other.emit(
        "cast_vote", {"key": "v1", "practice_id": voting_room.practice_ids[0]}, callback=True
    )
    assert ack["ok"] is True


def test_a_refused_event_goes_through_after_retry_after(app, voting_room):
    rates = app.extensions["toimija_socket_rates"]
    # One at once, then one per 2 s: slow enough that a loaded machine's slow ack refills
    # nothing between the two events.
    rates.burst, rates.rate = 1.0, 0.5
    phone = _phone(app, voting_room, voting_room.ville)
    dot = {"key": "again", "practice_id": voting_room.practice_ids[0]}
    assert phone.emit("rate_practice", {**dot, "agency": 3, "ease": 3}, callback=True)["ok"]
    refused = phone.emit("cast_vote", dot, callback=True)
    assert refused["error"]["code"] == "rate_limited"
    assert 0 < refused["error"]["retry_after"] <= 2.0
    time.sleep(refused["error"]["retry_after"])
    assert phone.emit("cast_vote", dot, callback=True)["ok"] is True  # what the phone does


def test_a_phone_voting_and_rating_at_a_persons_pace_is_never_refused(app, voting_room):
    phone = _phone(app, voting_room, voting_room.ville)
    ids = voting_room.practice_ids
    acks = [
        phone.emit("cast_vote", {"key": f"k{n}", "practice_id": ids[n % 2]}, callback=True)
        for n in range(3)
    ]
    acks.append(phone.emit("withdraw_vote", {"key": "k2"}, callback=True))
    for practice_id in ids:
        for ease in (2, 4):
            acks.append(
                phone.emit(
                    "rate_practice",
                    {"practice_id": practice_id, "agency": 4, "ease": ease},
                    callback=True,
                )
            )
    acks.append(phone.emit("cast_vote", {"key": "k3", "practice_id": ids[2]}, callback=True))
    assert [ack["ok"] for ack in acks] == [True] * len(acks)
    assert phone.is_connected()


def test_snapshot_requests_are_coalesced_into_one_newest_snapshot(app, voting_room):
    phone = _phone(app, voting_room, voting_room.liisa)

    def heard() -> list[str]:  # the room's tally may tick at any moment: only snapshots count
        return [m["name"] for m in phone.get_received() if m["name"] != "tally"]

    assert heard() == ["snapshot"]  # the connect's
    for _ in range(3):
        phone.emit("request_snapshot")
    assert heard() == []  # within a second of the connect's: it waits
    time.sleep(1.3)
    snapshots: list = []
    deadline = time.monotonic() + 10  # a loaded machine may send it later
    while not snapshots and time.monotonic() < deadline:
        snapshots = [m for m in phone.get_received() if m["name"] == "snapshot"]
        time.sleep(0.1)
    time.sleep(0.5)
    snapshots += [m for m in phone.get_received() if m["name"] == "snapshot"]
    assert len(snapshots) == 1  # three requests, one answer
    assert phone.is_connected()  # two extra asks are not a flood


def test_connects_are_counted_per_credential(app, voting_room):
    for _ in range(30):
        _phone(app, voting_room, voting_room.liisa).disconnect()
    refused = _phone(app, voting_room, voting_room.liisa)
    assert not refused.is_connected()
    assert _phone(app, voting_room, voting_room.ville).is_connected()


def test_a_known_number_of_votes_is_stored_however_many_are_sent(app, ctx, voting_room):
    """Refused events are not run: a socket sending 50 valid votes in a burst stores what
    its budget allows and nothing is stored twice; the rest are refused, not queued."""
    phone = _phone(app, voting_room, voting_room.ville)
    acks = [
        phone.emit(
            "cast_vote", {"key": f"b{n}", "practice_id": voting_room.practice_ids[0]}, callback=True
        )
        for n in range(50)
        if phone.is_connected()
    ]
    oks = [a for a in acks if a["ok"]]
    codes = {a["error"]["code"] for a in acks if not a["ok"]}
    assert len(oks) == 3  # the budget
    assert "rate_limited" in codes

    assert db.session.query(Vote).count() == 3
