"""What a phone's dot and a phone's story cost the database, counted statement by statement.

The counts are what the code took before the one write path (writes.py) was built,
measured on the same requests: the write path may not add a statement to either. A
change that lowers a count lowers the bound here with it.
"""

from __future__ import annotations

import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import event

from tests.conftest import socket_client
from workshop.extensions import db

#: Counted on SQLite and PostgreSQL alike (BEGIN IMMEDIATE and SELECT ... FOR UPDATE are
#: each one statement); COMMIT is not a cursor statement and is not counted. 7 on the ORM
#: path; the dot writer (workshop/voting/casting.py) takes 5: begin, the workshop's row
#: shared with its seq, the participant's lock, the key and the dots in force, the insert.
DOT_STATEMENTS = 5
#: 21 since the cap on a participant's stories is counted in the post's write.
STORY_STATEMENTS = 21
WRITER = str(Path("workshop", "voting", "casting.py"))


def _in_dot_writer() -> bool:
    frame = sys._getframe()
    while frame is not None:
        if frame.f_code.co_filename.endswith(WRITER):
            return True
        frame = frame.f_back  # type: ignore[assignment]
    return False


@contextmanager
def counted(app) -> Iterator[list[str]]:
    statements: list[str] = []
    me = threading.get_ident()

    def count(_conn, _cursor, statement, *_args):
        # Only this request's, and the dot writer's on its behalf: the tally's tick runs in
        # a thread of its own.
        if threading.get_ident() == me or _in_dot_writer():
            statements.append(statement.split()[0])

    with app.app_context():
        engine = db.engine
    event.listen(engine, "before_cursor_execute", count)
    try:
        yield statements
    finally:
        event.remove(engine, "before_cursor_execute", count)


def test_a_phones_dot_takes_no_more_statements_than_before(app, voting_room):
    liisa = socket_client(
        app, {"role": "participant", "code": voting_room.code, "token": voting_room.liisa[1]}
    )
    liisa.get_received()
    practice_id = voting_room.practice_ids[2]
    liisa.emit("cast_vote", {"key": "warm-up", "practice_id": practice_id}, callback=True)
    with counted(app) as statements:
        ack = liisa.emit("cast_vote", {"key": "dot-1", "practice_id": practice_id}, callback=True)
    assert ack["ok"], ack
    print(f"a dot: {len(statements)} statements: {statements}")
    assert len(statements) <= DOT_STATEMENTS, statements


def test_a_phones_story_takes_no_more_statements_than_before(app, room):
    phone = app.test_client()
    body = {
        "title": "Bussikuski",
        "happened": "Lippuautomaatti ei toiminut, ja kuski viittasi kyytiin.",
        "agency": 4,
        "channel": "in_person",
        "key": "story-1",
    }
    headers = {"Authorization": f"Bearer {room.liisa[1]}"}
    phone.post(f"/api/v1/workshops/{room.code}/stories", json={**body, "key": "w"}, headers=headers)
    with counted(app) as statements:
        response = phone.post(f"/api/v1/workshops/{room.code}/stories", json=body, headers=headers)
    assert response.status_code == 201, response.json
    print(f"a story: {len(statements)} statements: {statements}")
    assert len(statements) <= STORY_STATEMENTS, statements
