"""Several processes behind one room: events cross processes through the Redis message queue."""

from __future__ import annotations

import json
import os
import queue
import shutil
import urllib.request

import pytest
import redis
import socketio

from tests.servers import Processes


@pytest.fixture
def processes(tmp_path):
    if not shutil.which("redis-server"):
        if os.environ.get("CI"):
            pytest.fail("CI must run the scale-out test: redis-server is missing")
        pytest.skip("redis-server not installed (apt-get install redis-server)")
    database = os.environ.get("DATABASE_URL") or f"sqlite:///{tmp_path / 'shared.db'}"
    running = Processes(database)
    yield running
    running.stop()


def test_a_join_on_one_process_reaches_a_projector_on_another(processes, tmp_path):
    redis_url = processes.redis()
    port_a, _ = processes.serve(MESSAGE_QUEUE_URL=redis_url)
    port_b, _ = processes.serve(MESSAGE_QUEUE_URL=redis_url)

    code, key = processes.seed_workshop(tmp_path)

    received: queue.Queue = queue.Queue()
    projector = socketio.Client(reconnection=False)
    projector.on("snapshot", lambda data: received.put(("snapshot", data)))
    projector.on("participant_count", lambda data: received.put(("participant_count", data)))
    projector.connect(
        f"http://127.0.0.1:{port_a}",
        auth={"role": "projector", "key": key},
        transports=["websocket"],
        wait_timeout=10,
    )
    try:
        name, snapshot = received.get(timeout=10)
        assert name == "snapshot" and snapshot["workshop"]["participant_count"] == 0

        request = urllib.request.Request(
            f"http://127.0.0.1:{port_b}/api/v1/workshops/{code}/participants",
            data=json.dumps({"display_name": "Remote"}).encode(),
            headers={"Content-Type": "application/json"},
            method="POST",
        )
        with urllib.request.urlopen(request) as response:
            assert response.status == 201

        name, event = received.get(timeout=10)  # on the tick of the process it joined on
        assert (name, event) == ("participant_count", {"participant_count": 1})
    finally:
        projector.disconnect()


def test_dots_cast_on_one_process_reach_the_projector_on_another_as_a_tally(processes, tmp_path):
    """The tick runs where the vote landed; its tally crosses Redis like any event."""
    from tests.conftest import make_app
    from workshop.practices import services as practices
    from workshop.realtime import Audience
    from workshop.voting import dots as voting
    from workshop.workshops import services as workshops
    from workshop.workshops.services import Viewer

    redis_url = processes.redis()
    port_a, _ = processes.serve(MESSAGE_QUEUE_URL=redis_url)
    port_b, _ = processes.serve(MESSAGE_QUEUE_URL=redis_url)
    code, key = processes.seed_workshop(tmp_path)
    app = make_app(tmp_path, SQLALCHEMY_DATABASE_URI=processes.database_url)
    with app.app_context():
        workshop = workshops.workshop_by_code(code)
        owner, workshop_id = workshop.owner_id, workshop.id
        workshops.change_phase(owner, workshop_id, "stories")
        workshops.change_phase(owner, workshop_id, "practices")
        facilitator = Viewer(workshop_id, Audience.FACILITATORS, facilitator_id=owner)
        practice_id = practices.post_practice(facilitator, {"title": "Etu ilman korttia"}, "p")[
            0
        ].id
        voting.change_voting(owner, workshop_id, {"budget": 2})
        workshops.change_phase(owner, workshop_id, "voting")

    tallies: queue.Queue = queue.Queue()
    projector = socketio.Client(reconnection=False)
    projector.on("tally", tallies.put)
    projector.connect(
        f"http://127.0.0.1:{port_a}",
        auth={"role": "projector", "key": key},
        transports=["websocket"],
        wait_timeout=10,
    )
    try:
        base = f"http://127.0.0.1:{port_b}/api/v1/workshops/{code}"
        joined = urllib.request.Request(
            f"{base}/participants",
            data=b"{}",
            headers={"Content-Type": "application/json"},
            method="POST",
        )
        with urllib.request.urlopen(joined) as response:
            token = json.loads(response.read())["token"]
        vote = urllib.request.Request(
            f"{base}/votes/dot-1",
            data=json.dumps({"practice_id": practice_id}).encode(),
            headers={"Content-Type": "application/json", "Authorization": f"Bearer {token}"},
            method="PUT",
        )
        with urllib.request.urlopen(vote) as response:
            assert response.status == 201
            assert json.loads(response.read())["remaining"] == 1
        tally = tallies.get(timeout=10)
        assert (tally["voters"], tally["participants"], tally["dots"]) == (1, 1, None)
        assert tally["dots_left"] == 1

        # One send per tick for all processes: the first to claim the workshop's tally in
        # Redis sends it. While another holds the claim (this test, here), the process the
        # next dot lands on keeps its mark, and sends once the claim is free.
        claims = redis.Redis.from_url(redis_url)
        claim = f"flask-socketio:claim:{workshop_id}:tally"
        claims.set(claim, "another process", px=60_000)
        vote.full_url = f"{base}/votes/dot-2"
        with urllib.request.urlopen(vote) as response:
            assert json.loads(response.read())["remaining"] == 0
        with pytest.raises(queue.Empty):
            tallies.get(timeout=1.5)  # fifteen ticks, none of them sent
        claims.delete(claim)
        assert tallies.get(timeout=10)["dots_left"] == 0
    finally:
        projector.disconnect()
