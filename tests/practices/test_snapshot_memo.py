"""What every phone (and the projector) is sent alike is worked out once per change.

A thousand phones reconnecting after a Wi-Fi drop must not cost a thousand
story walls and tallies; but each phone still gets exactly what it may see, and a
dot or a change reaches the next snapshot at once.
"""

from __future__ import annotations

import time
from contextlib import contextmanager

from sqlalchemy import event

from tests.conftest import make_app, story
from workshop.extensions import db
from workshop.realtime import Audience
from workshop.stories import services as stories
from workshop.voting import dots as voting
from workshop.voting import results
from workshop.workshops import state
from workshop.workshops.services import Viewer

PERSONAL = {"me", "my_story_ids", "my_reactions", "my_practice_ids", "ballot", "my_ratings"}


@contextmanager
def _statements():
    """Collect the SQL statements run inside the block."""
    seen: list[str] = []

    def record(_conn, _cursor, statement, *_args) -> None:
        seen.append(statement)

    engine = db.engine
    event.listen(engine, "before_cursor_execute", record)
    try:
        yield seen
    finally:
        event.remove(engine, "before_cursor_execute", record)


def _snapshot(room, who) -> dict:
    db.session.remove()  # a new connection's session, as each socket event has
    return state.snapshot(room.as_participant(who))


def _projector(room) -> dict:
    db.session.remove()
    return state.snapshot(Viewer(room.workshop_id, Audience.PROJECTOR))


def test_a_second_phone_gets_the_room_without_it_being_worked_out_again(voting_room):
    with _statements() as first:
        liisa = _snapshot(voting_room, voting_room.liisa)
    with _statements() as second:
        ville = _snapshot(voting_room, voting_room.ville)
    reads_stories = [s for s in second if "stories.title" in s]  # the wall, not one's own ids
    assert reads_stories == [] and len(second) < len(first) - 8, (len(first), second)
    shared = set(liisa) - PERSONAL - {"timer"}
    assert {k: liisa[k] for k in shared} == {k: ville[k] for k in shared}
    assert liisa["me"]["display_name"] == "Liisa" and ville["me"]["display_name"] == "Ville"
    assert liisa["my_practice_ids"] == voting_room.practice_ids[:2]
    assert ville["my_practice_ids"] == voting_room.practice_ids[2:]


def test_a_dot_reaches_the_next_snapshot_at_once_and_stays_hidden(voting_room):
    a = voting_room.practice_ids[0]
    before = _snapshot(voting_room, voting_room.liisa)
    assert before["tally"]["voters"] == 0
    voting.cast_vote(voting_room.ville[0], "v1", a)
    after = _snapshot(voting_room, voting_room.liisa)
    assert after["tally"]["voters"] == 1 and after["tally"]["dots"] is None
    assert "results" not in after
    assert _projector(voting_room)["tally"]["dots"] is None

    results.reveal_votes(voting_room.owner_id, voting_room.workshop_id)
    shown = _snapshot(voting_room, voting_room.liisa)
    assert shown["tally"]["dots"] == {str(a): 1}
    assert shown["results"]["ranking"][0]["practice"]["id"] == a


def test_private_writing_stays_private_though_the_room_is_shared(app, ctx, room):
    liisa_story, _ = stories.post_story(room.liisa[0], story(title="Liisan oma"), "l1")
    projector = _projector(room)  # the room state is worked out here, without her story
    ville = _snapshot(room, room.ville)
    liisa = _snapshot(room, room.liisa)
    assert [s["id"] for s in liisa["stories"]] == [liisa_story.id]
    assert ville["stories"] == [] and projector["stories"] == []
    assert ville["story_count"] == liisa["story_count"] == 1  # counts are shared, texts not

    stories.reveal(room.owner_id, room.workshop_id)
    assert [s["id"] for s in _snapshot(room, room.ville)["stories"]] == [liisa_story.id]
    assert [s["id"] for s in _projector(room)["stories"]] == [liisa_story.id]


def test_a_dot_taken_by_another_process_shows_within_a_tick(app, tmp_path, voting_room):
    a = voting_room.practice_ids[0]
    assert _snapshot(voting_room, voting_room.liisa)["tally"]["voters"] == 0
    other = make_app(tmp_path)  # a second process on the same database, with its own ticker
    try:
        with other.app_context():
            voting.cast_vote(voting_room.ville[0], "elsewhere", a)
            db.session.remove()
    finally:
        with other.app_context():
            db.engine.dispose()
    time.sleep(state.TALLY_TTL + 0.05)
    assert _snapshot(voting_room, voting_room.liisa)["tally"]["voters"] == 1
