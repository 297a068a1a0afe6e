"""Two real processes and a real Redis: removals close sockets everywhere, and clients
catch up by themselves after a Redis outage."""

from __future__ import annotations

import json
import queue
import threading
import time
import urllib.error
import urllib.request
from typing import Any
from urllib.parse import urlparse

import pytest
import socketio

from tests.test_scale_out import processes  # noqa: F401 (the fixture: Redis and servers)


def _call(port: int, method: str, path: str, body: Any = None, token: str | None = None) -> Any:
    headers = {"Content-Type": "application/json"}
    if token:
        headers["Authorization"] = f"Bearer {token}"
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}{path}",
        data=None if body is None else json.dumps(body).encode(),
        headers=headers,
        method=method,
    )
    with urllib.request.urlopen(request, timeout=60) as response:
        raw = response.read()
        return json.loads(raw) if raw else None


def _join(port: int, code: str) -> tuple[int, str]:
    joined = _call(port, "POST", f"/api/v1/workshops/{code}/participants", {})
    return joined["participant_id"], joined["token"]


def _owner_token(processes, tmp_path, code: str) -> str:  # noqa: F811
    from tests.conftest import make_app
    from workshop.facilitators import services as facilitators
    from workshop.workshops import services as workshops

    app = make_app(tmp_path, SQLALCHEMY_DATABASE_URI=processes.database_url)
    with app.app_context():
        owner_id = workshops.workshop_by_code(code).owner_id
        return facilitators.mint_api_token(owner_id, "test")[1]


class Screen:
    """A client that keeps in step as static/js/live.js does: it applies events in seq
    order, and asks for a snapshot on a gap or on a heartbeat ahead of it."""

    def __init__(self, port: int, auth: dict[str, Any]) -> None:
        self.seq = -1
        self.tally: dict[str, Any] | None = None
        self.participants = -1
        self.heard: queue.Queue = queue.Queue()
        self.lock = threading.Lock()
        self.client = socketio.Client(reconnection=False)
        self.client.on("*", self._on_event)
        self.client.connect(
            f"http://127.0.0.1:{port}", auth=auth, transports=["websocket"], wait_timeout=10
        )

    def _on_event(self, name: str, data: Any = None) -> None:
        self.heard.put((name, data))
        with self.lock:
            if name == "snapshot":
                self.seq = data["seq"]
                self.tally = data.get("tally", self.tally)
                self.participants = data["workshop"]["participant_count"]
            elif name == "tally":
                self.tally = data
            elif name == "participant_count":
                self.participants = data["participant_count"]
            elif name == "heartbeat" and self.seq >= 0 and data["seq"] > self.seq:
                self.client.emit("request_snapshot")
            elif isinstance(data, dict) and isinstance(data.get("seq"), int):
                if data["seq"] == self.seq + 1:
                    self.seq = data["seq"]
                elif data["seq"] > self.seq + 1:
                    self.client.emit("request_snapshot")

    def close(self) -> None:
        if self.client.connected:
            self.client.disconnect()


def test_a_participant_removed_on_one_process_is_disconnected_on_the_other(
    processes,  # noqa: F811
    tmp_path,
):
    redis_url = processes.redis()
    port_a, _ = processes.serve(MESSAGE_QUEUE_URL=redis_url)
    port_b, _ = processes.serve(MESSAGE_QUEUE_URL=redis_url)
    code, key = processes.seed_workshop(tmp_path)
    owner = _owner_token(processes, tmp_path, code)
    participant_id, token = _join(port_a, code)
    auth = {"role": "participant", "code": code, "token": token}
    phone = Screen(port_b, auth)
    projector = Screen(port_b, {"role": "projector", "key": key})
    try:
        first = phone.heard.get(timeout=10)
        while first[0] == "participant_count":  # the join's count, on the tick, may come first
            first = phone.heard.get(timeout=10)
        assert first[0] == "snapshot"
        _call(port_a, "DELETE", f"/api/v1/participants/{participant_id}", token=owner)

        deadline = time.monotonic() + 10
        while phone.client.connected and time.monotonic() < deadline:
            time.sleep(0.05)
        assert not phone.client.connected, "process B kept the removed phone's socket open"
        heard = [phone.heard.get_nowait()[0] for _ in range(phone.heard.qsize())]
        assert "removed" in heard

        # The room goes on; the removed phone hears none of it, and B refuses it again.
        _join(port_a, code)
        while projector.heard.get(timeout=10)[0] != "participant_count":
            pass
        assert phone.heard.empty()
        with pytest.raises(socketio.exceptions.ConnectionError):
            Screen(port_b, auth)
    finally:
        phone.close()
        projector.close()


def test_a_co_facilitator_unshared_on_one_process_is_disconnected_on_the_other(
    processes,  # noqa: F811
    tmp_path,
):
    from tests.conftest import make_app
    from workshop.facilitators import services as facilitators
    from workshop.workshops import services as workshops

    redis_url = processes.redis()
    port_a, _ = processes.serve(MESSAGE_QUEUE_URL=redis_url)
    port_b, _ = processes.serve(MESSAGE_QUEUE_URL=redis_url)
    code, _key = processes.seed_workshop(tmp_path)
    owner = _owner_token(processes, tmp_path, code)
    with make_app(tmp_path, SQLALCHEMY_DATABASE_URI=processes.database_url).app_context():
        helper = facilitators.create_facilitator(f"helper-{code}@example.fi", "a long password!")
        helper_id, helper_token = helper.id, facilitators.mint_api_token(helper.id, "t")[1]
        email, workshop_id = helper.email, workshops.workshop_by_code(code).id
    shared = _call(
        port_a, "POST", f"/api/v1/workshops/{code}/facilitators", {"email": email}, owner
    )
    assert [f["id"] for f in shared["co_facilitators"]] == [helper_id]
    control = Screen(
        port_b, {"role": "facilitator", "workshop_id": workshop_id, "token": helper_token}
    )
    try:
        assert control.heard.get(timeout=10)[0] == "snapshot"
        _call(port_a, "DELETE", f"/api/v1/workshops/{code}/facilitators/{helper_id}", token=owner)
        deadline = time.monotonic() + 10
        while control.client.connected and time.monotonic() < deadline:
            time.sleep(0.05)
        assert not control.client.connected, "process B kept the unshared facilitator's socket"
    finally:
        control.close()


def _voting_room(processes, tmp_path) -> tuple[str, str, int, str]:  # noqa: F811
    from tests.conftest import make_app
    from workshop.facilitators import services as facilitators
    from workshop.practices import services as practices
    from workshop.realtime import Audience
    from workshop.voting import dots as voting
    from workshop.workshops import services as workshops
    from workshop.workshops.services import Viewer

    code, key = processes.seed_workshop(tmp_path)
    app = make_app(tmp_path, SQLALCHEMY_DATABASE_URI=processes.database_url)
    with app.app_context():
        workshop = workshops.workshop_by_code(code)
        owner, workshop_id = workshop.owner_id, workshop.id
        workshops.change_phase(owner, workshop_id, "stories")
        workshops.change_phase(owner, workshop_id, "practices")
        facilitator = Viewer(workshop_id, Audience.FACILITATORS, facilitator_id=owner)
        practice = practices.post_practice(facilitator, {"title": "Etu ilman korttia"}, "p")[0]
        voting.change_voting(owner, workshop_id, {"budget": 3})
        workshops.change_phase(owner, workshop_id, "voting")
        _token, owner_token = facilitators.mint_api_token(owner, "tests")
        return code, key, practice.id, owner_token


def test_clients_catch_up_by_themselves_after_a_redis_outage(processes, tmp_path):  # noqa: F811
    redis_url = processes.redis()
    redis_server = processes.started[-1]
    port_a, _ = processes.serve(MESSAGE_QUEUE_URL=redis_url)
    port_b, _ = processes.serve(MESSAGE_QUEUE_URL=redis_url)
    code, key, practice_id, owner_token = _voting_room(processes, tmp_path)
    voters = [_join(port_a, code) for _ in range(2)]
    screens = [
        Screen(port, auth)
        for port in (port_a, port_b)
        for auth in [
            {"role": "projector", "key": key},
            {"role": "participant", "code": code, "token": _join(port, code)[1]},
        ]
    ]
    try:
        _wait_until(lambda: all(s.seq >= 0 for s in screens), "every screen has its snapshot")
        before = _call(port_a, "GET", f"/api/v1/workshops/{code}/state", token=key)["seq"]

        processes.stop_one(redis_server)
        # Changes made on A while Redis is away: two settings (sequenced), a join (the count
        # on the tick) and a dot (the tally).
        settings = f"/api/v1/workshops/{code}/settings"
        _call(port_a, "PUT", settings, {"is_qr_shown": False}, owner_token)
        _call(port_a, "PUT", settings, {"is_qr_shown": True}, owner_token)
        _join(port_a, code)
        vote = {"practice_id": practice_id}
        _call(port_a, "PUT", f"/api/v1/workshops/{code}/votes/outage", vote, voters[0][1])
        time.sleep(3)  # past the tally's tick and its settle send, both lost for B
        processes.redis(port=urlparse(redis_url).port)

        # No further change in the room: every screen reaches the database's state.
        state = _call(port_a, "GET", f"/api/v1/workshops/{code}/state", token=key)
        assert state["seq"] == before + 2
        _wait_until(lambda: all(s.seq == state["seq"] for s in screens), "every screen has the seq")
        _wait_until(
            lambda: all(s.tally and s.tally.get("voters") == 1 for s in screens),
            "every screen has the tally",
        )
        _wait_until(
            lambda: all(s.participants == state["workshop"]["participant_count"] for s in screens),
            "every screen has the count",
        )
    finally:
        for screen in screens:
            screen.close()


def _wait_until(condition, what: str, seconds: float = 20) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, f"not reached: {what}"
        time.sleep(0.05)
