"""The phase timer: its states, a stored end that outlives the server, and the lock."""

from __future__ import annotations

import json
import os
import urllib.request
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import func, select

from tests.conftest import story, walk_to
from tests.servers import Processes
from workshop.extensions import db
from workshop.stories.models import Story
from workshop.voting.models import Vote
from workshop.workshops.models import Phase, Workshop

T0 = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)


def _at(seconds: int) -> datetime:
    return T0 + timedelta(seconds=seconds)


def test_start_pause_add_resume_and_end(ctx):
    workshop = Workshop(phase=Phase.STORIES)
    assert workshop.timer_state(T0) == "stopped" and workshop.seconds_left(T0) is None
    workshop.start_timer(T0, 600)
    assert workshop.timer_state(_at(100)) == "running" and workshop.seconds_left(_at(100)) == 500
    workshop.pause_timer(_at(100))
    assert workshop.timer_state(_at(400)) == "paused" and workshop.seconds_left(_at(400)) == 500
    workshop.add_to_timer(_at(400), 60)
    assert workshop.seconds_left(_at(400)) == 560 and workshop.timer_total_seconds == 660
    workshop.start_timer(_at(1000), 999)  # resumes: the paused time, not a new length
    assert workshop.seconds_left(_at(1000)) == 560
    assert workshop.timer_state(_at(1560)) == "ended" and workshop.seconds_left(_at(1600)) == 0
    workshop.add_to_timer(_at(1600), 60)  # time is up: more time starts from now
    assert workshop.timer_state(_at(1600)) == "running" and workshop.seconds_left(_at(1630)) == 30
    workshop.phase = Phase.PRACTICES  # a timer belongs to its phase
    assert workshop.timer_state(_at(1630)) == "stopped"


def _timer(client, code, token, **body):
    response = client.put(
        f"/api/v1/workshops/{code}/timer", json=body, headers={"Authorization": f"Bearer {token}"}
    )
    return response.status_code, response.json


def test_the_api_starts_from_the_plan_and_a_phase_change_stops_it(app, client, facilitator):
    headers = {"Authorization": f"Bearer {facilitator.token}"}
    code = client.post(
        "/api/v1/workshops", json={"title": "Aika", "language": "fi"}, headers=headers
    ).json["code"]
    walk_to(client, code, facilitator.token, "stories")
    status, timer = _timer(client, code, facilitator.token, action="start")
    assert status == 200 and timer["state"] == "running"
    assert timer["total_seconds"] == timer["planned_seconds"] == 15 * 60  # the template's
    assert _timer(client, code, facilitator.token, action="add", seconds=0)[0] == 422
    assert _timer(client, code, facilitator.token, action="wind")[0] == 422
    client.put(f"/api/v1/workshops/{code}/phase", json={"phase": "practices"}, headers=headers)
    state = client.get(f"/api/v1/workshops/{code}/state", headers=headers).json
    assert state["timer"]["state"] == "stopped"
    assert state["timer"]["planned_seconds"] == 20 * 60


def _end_the_timer(app, workshop_id: int) -> None:
    # Time passing, without waiting for it: the stored end moves into the past.
    with app.app_context():
        workshop = db.session.get(Workshop, workshop_id)
        workshop.timer_ends_at = datetime.now(UTC) - timedelta(seconds=1)
        db.session.commit()


def test_time_up_locks_submissions_only_when_asked_and_only_until_more_time(app, client, room):
    owner, code = room.owner_token, room.code
    headers = {"Authorization": f"Bearer {owner}"}

    def post(key):
        return client.post(
            f"/api/v1/workshops/{code}/stories",
            json={**story(), "key": key},
            headers={"Authorization": f"Bearer {room.liisa[1]}"},
        )

    _timer(client, code, owner, action="start", seconds=60)
    _end_the_timer(app, room.workshop_id)
    assert post("before-lock").status_code == 201  # no lock chosen: time up only informs
    client.put(
        f"/api/v1/workshops/{code}/settings", json={"locks_at_time_up": True}, headers=headers
    )
    refused = post("locked")
    assert refused.status_code == 409 and refused.json["error"]["code"] == "time_up"
    assert "aika on loppu" in refused.json["error"]["message"].lower()
    state = client.get(f"/api/v1/workshops/{code}/state", headers=headers).json
    assert state["timer"]["state"] == "ended" and state["timer"]["is_locked"] is True
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Story)) == 1
    _timer(client, code, owner, action="add", seconds=60)
    assert post("locked").status_code == 201  # the same key, now accepted


def test_time_up_locks_the_vote_too(app, client, room):
    headers = {"Authorization": f"Bearer {room.owner_token}"}
    liisa = {"Authorization": f"Bearer {room.liisa[1]}"}
    client.put(f"/api/v1/workshops/{room.code}/phase", json={"phase": "practices"}, headers=headers)
    practice = client.post(
        f"/api/v1/workshops/{room.code}/practices",
        json={"title": "Etu ilman korttia", "story_ids": [], "key": "p1"},
        headers=headers,
    ).json
    client.put(f"/api/v1/workshops/{room.code}/phase", json={"phase": "voting"}, headers=headers)
    client.put(
        f"/api/v1/workshops/{room.code}/settings", json={"locks_at_time_up": True}, headers=headers
    )
    _timer(client, room.code, room.owner_token, action="start", seconds=60)
    _end_the_timer(app, room.workshop_id)
    vote = client.put(
        f"/api/v1/workshops/{room.code}/votes/k1",
        json={"practice_id": practice["id"]},
        headers=liisa,
    )
    assert vote.status_code == 409 and vote.json["error"]["code"] == "time_up"
    rating = client.put(
        f"/api/v1/practices/{practice['id']}/rating", json={"agency": 4, "ease": 3}, headers=liisa
    )
    assert rating.status_code == 409
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Vote)) == 0


def _call(port: int, method: str, path: str, token: str, body: dict | None = None) -> dict:
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}{path}",
        method=method,
        data=json.dumps(body).encode() if body is not None else None,
        headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"},
    )
    with urllib.request.urlopen(request, timeout=20) as response:
        return json.loads(response.read())


@pytest.mark.skipif(os.name != "posix", reason="process groups")
def test_the_timer_survives_a_server_restart(tmp_path, facilitator, app):
    database = os.environ.get("DATABASE_URL") or app.config["SQLALCHEMY_DATABASE_URI"]
    processes = Processes(database)
    try:
        port, process = processes.serve()
        created = _call(
            port,
            "POST",
            "/api/v1/workshops",
            facilitator.token,
            {"title": "Aika", "language": "fi"},
        )
        code = created["code"]
        started = _call(
            port,
            "PUT",
            f"/api/v1/workshops/{code}/timer",
            facilitator.token,
            {"action": "start", "seconds": 900},
        )
        paused_code = _call(
            port,
            "POST",
            "/api/v1/workshops",
            facilitator.token,
            {"title": "Tauko", "language": "en"},
        )["code"]
        _call(
            port,
            "PUT",
            f"/api/v1/workshops/{paused_code}/timer",
            facilitator.token,
            {"action": "start", "seconds": 300},
        )
        paused = _call(
            port,
            "PUT",
            f"/api/v1/workshops/{paused_code}/timer",
            facilitator.token,
            {"action": "pause"},
        )
        processes.stop()  # the server goes away, and with it anything it held in memory
        assert process.poll() is not None

        port, _process = processes.serve()
        after = _call(port, "GET", f"/api/v1/workshops/{code}/state", facilitator.token)["timer"]
        assert after["state"] == "running" and after["ends_at"] == started["ends_at"]
        assert 0 < after["seconds_left"] <= 900
        held = _call(port, "GET", f"/api/v1/workshops/{paused_code}/state", facilitator.token)[
            "timer"
        ]
        assert held["state"] == "paused" and held["seconds_left"] == paused["seconds_left"]
    finally:
        processes.stop()
