"""The one write path: nothing is sent before its commit, one seq bump per change, the
public body made once, and a publish that fails after a commit never undoes the change."""

import logging
import time

import pytest

from tests.conftest import socket_client
from workshop import realtime, writes
from workshop.extensions import db
from workshop.stories import services as stories
from workshop.stories import spotlight
from workshop.workshops.models import Workshop

STORY = {
    "title": "Bussikuski",
    "happened": "Lippuautomaatti ei toiminut.",
    "agency": 4,
    "channel": "in_person",
}


def _events(client, name=None):
    return [m for m in client.get_received() if name is None or m["name"] == name]


@pytest.fixture
def screens(app, room):
    """The projector and Liisa's phone, connected, their snapshots read."""
    projector = socket_client(app, {"role": "projector", "key": room.projector_key})
    phone = socket_client(app, {"role": "participant", "code": room.code, "token": room.liisa[1]})
    for client in (projector, phone):
        client.get_received()
    return projector, phone


def _seq(app, workshop_id):
    with app.app_context():
        return db.session.get(Workshop, workshop_id).seq


def test_a_block_that_raises_commits_nothing_and_sends_nothing(app, room, screens):
    projector, phone = screens
    before = _seq(app, room.workshop_id)
    with (
        app.app_context(),
        pytest.raises(RuntimeError),
        writes.change(room.workshop_id) as unit,
    ):
        unit.workshop.title = "Rolled back"
        unit.publish(realtime.SETTINGS_CHANGED, public={"title": "Rolled back"})
        raise RuntimeError("a guard failed after the change was queued")
    assert _events(projector) == [] and _events(phone) == []
    with app.app_context():
        workshop = db.session.get(Workshop, room.workshop_id)
        assert workshop.title != "Rolled back" and workshop.seq == before


def test_a_block_with_nothing_to_say_writes_nothing(app, room, screens):
    projector, _phone = screens
    before = _seq(app, room.workshop_id)
    with app.app_context(), writes.change(room.workshop_id) as unit:
        assert unit.workshop.id == room.workshop_id
    assert _seq(app, room.workshop_id) == before
    assert _events(projector) == []


def test_one_change_bumps_the_seq_once_and_its_events_take_consecutive_numbers(app, room, screens):
    projector, _phone = screens
    with app.app_context():
        story, _new = stories.post_story(room.liisa[0], STORY, "k1")
        spotlight.spotlight(room.owner_id, room.workshop_id, story.id)
        story_id = story.id
    _events(projector)
    before = _seq(app, room.workshop_id)
    with app.app_context():
        # Hiding the story in the spotlight is one change that says two things.
        stories.set_hidden(room.owner_id, story_id, hidden=True)
    received = [(m["name"], m["args"][0]["seq"]) for m in _events(projector)]
    assert received == [
        (realtime.STORY_HIDDEN, before + 1),
        (realtime.SPOTLIGHT_CHANGED, before + 2),
    ]
    assert _seq(app, room.workshop_id) == before + 2


def test_the_public_body_is_made_once_for_the_projector_and_every_phone(app, room, screens):
    projector, phone = screens
    other_phone = socket_client(
        app, {"role": "participant", "code": room.code, "token": room.ville[1]}
    )
    facilitator_made, public_made = [], []

    def public():
        public_made.append(1)
        return {"note": "for the room"}

    def facilitators():
        facilitator_made.append(1)
        return {"note": "for the control page"}

    _events(other_phone)
    with app.app_context(), writes.change(room.workshop_id) as unit:
        unit.publish(realtime.SETTINGS_CHANGED, public=public, facilitators=facilitators)
    assert public_made == [1] and facilitator_made == [1]
    bodies = [_events(client)[0]["args"][0] for client in (projector, phone, other_phone)]
    assert bodies[0]["note"] == "for the room"
    assert bodies[0] == bodies[1] == bodies[2]


def test_a_publish_that_fails_after_the_commit_is_logged_and_the_change_stands(
    app, room, screens, caplog
):
    projector, _phone = screens
    before = _seq(app, room.workshop_id)

    def broken():
        raise ValueError("the body could not be made")

    with (
        app.app_context(),
        caplog.at_level(logging.ERROR),
        writes.change(room.workshop_id) as unit,
    ):
        unit.workshop.title = "Saved anyway"
        unit.publish(realtime.SETTINGS_CHANGED, public=broken)
    assert "publishing settings_changed" in caplog.text
    with app.app_context():
        workshop = db.session.get(Workshop, room.workshop_id)
        assert workshop.title == "Saved anyway" and workshop.seq == before + 1
    assert _events(projector) == []  # missed: the next event shows the gap
    with app.app_context():
        stories.post_story(room.liisa[0], STORY, "k2")
    (posted,) = _events(projector, realtime.STORY_POSTED)
    assert posted["args"][0]["seq"] == before + 2  # a gap: the client asks for a snapshot


def test_a_named_aggregate_is_sent_on_the_tick_after_its_commit(app, room, screens):
    projector, _phone = screens
    sent = []

    def send_counts(workshop_id):
        sent.append(workshop_id)
        realtime.send_unsequenced(
            workshop_id, "cloud_counts", public={"words": 1}, facilitators={"words": 1}
        )

    ticker = app.extensions["toimija_ticker"]
    ticker.register("cloud_counts", send_counts)
    with app.app_context(), writes.change(room.workshop_id) as unit:
        unit.write()
        unit.mark("cloud_counts")
        assert sent == []  # nothing before the commit
    ticker.flush()
    assert sent == [room.workshop_id]
    assert [m["args"][0] for m in _events(projector, "cloud_counts")] == [{"words": 1}]
    with app.app_context(), pytest.raises(KeyError):
        realtime.ticker().mark(room.workshop_id, "no_such_aggregate")


def test_an_aggregate_sent_by_part_gets_the_parts_marked_since_the_tick_before(
    app, room, monkeypatch
):
    sent: list[tuple[int, frozenset | None]] = []
    ticker = app.extensions["toimija_ticker"]
    monkeypatch.setattr(realtime.socketio, "start_background_task", lambda *_a, **_k: None)
    ticker.register("counts_by_item", lambda wid, parts: sent.append((wid, parts)), by_part=True)
    ticker.settle = 0.05
    wid = room.workshop_id
    for item in (1, 2, 2):
        ticker.mark(wid, "counts_by_item", item)
    ticker.flush()
    ticker.mark(wid, "counts_by_item", 3)
    ticker.flush()
    assert sent == [(wid, frozenset({1, 2})), (wid, frozenset({3}))]
    time.sleep(0.06)
    ticker.flush()  # the settle sends every part of the burst once more
    assert sent[2:] == [(wid, frozenset({1, 2, 3}))]
    ticker.mark(wid, "counts_by_item", 4)
    ticker.mark(wid, "counts_by_item")  # no part: all of it (a resync after an outage)
    ticker.mark(wid, "counts_by_item", 5)
    ticker.flush()
    assert sent[3:] == [(wid, None)]
