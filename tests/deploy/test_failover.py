"""The deployment of docs/deploy.md, for real: PostgreSQL, Redis, two app processes and
nginx in front, sticky by client address. Phones spread over both processes; one process
is killed (SIGKILL) mid-vote, and its phones go on through nginx on the other.

Clients bind their own loopback addresses (127.0.1.1, ...): from 127.0.0.1 alone nginx
would send every one of them to the same process, and the test would prove nothing.
"""

from __future__ import annotations

import asyncio
import http.client
import json
import os
import shutil
from typing import Any

import pytest

from bench.common import seed_voting
from bench.raw_socket import Socket
from tests.cluster import BALANCE, NGINX, NGINX_CONF, Cluster, loopback_address, start_cluster
from tests.servers import ROOT

PER_PROCESS = 4
BUDGET = 3


@pytest.fixture
def cluster(tmp_path):
    database = os.environ.get("DATABASE_URL", "")
    if not database.startswith(("postgres://", "postgresql")):
        pytest.skip("runs in the PostgreSQL pass: bash scripts/with-postgres.sh ... pytest")
    missing = [name for name in ("redis-server", NGINX) if not shutil.which(name)]
    if missing:
        if os.environ.get("CI"):
            pytest.fail(f"CI must run the deployment test: {missing} missing")
        pytest.skip(f"{missing} not installed (apt-get install redis-server nginx-light)")
    running = start_cluster(tmp_path, 2, database_url=database)
    yield running
    running.stop()


class Client:
    """A phone or a projector on its own source address, through nginx's websocket."""

    def __init__(self, cluster: Cluster, address: str, auth: dict[str, Any]) -> None:
        self.url = cluster.url.replace("http://", "ws://") + "/socket.io/?EIO=4&transport=websocket"
        self.address = address
        self.auth = auth
        self.snapshots: asyncio.Queue = asyncio.Queue()
        self.dots_cast: int | None = None
        self.socket: Socket | None = None
        self.upstream = ""
        self.tried: list[str] = []

    def _on_event(self, message: str) -> None:
        name, *args = json.loads(message)
        if name == "snapshot":
            self.snapshots.put_nowait(args[0])
        elif name == "tally":
            self.dots_cast = args[0]["dots_cast"]

    async def connect(self) -> dict[str, Any]:
        """Connect through nginx; note which process answered; return the snapshot."""
        self.socket = await Socket.open(
            self.url, self.auth, self._on_event, local_addr=(self.address, 0)
        )
        # nginx names every process it tried, the one that answered last.
        self.tried = self.socket.ws.response.headers["X-Upstream"].split(", ")
        self.upstream = self.tried[-1]
        return await asyncio.wait_for(self.snapshots.get(), 10)

    async def close(self) -> None:
        if self.socket is not None and not self.socket.is_closed:
            await self.socket.close()


async def _spread(cluster: Cluster, tokens: list[str], code: str) -> list[Client]:
    """Connect the phones from one address after another until each process has
    PER_PROCESS of them (where nginx sends an address is its hash's choice)."""
    phones: list[Client] = []
    count = dict.fromkeys(cluster.backends, 0)
    addresses = (loopback_address(n) for n in range(200))
    for token in tokens:
        while True:
            phone = Client(cluster, next(addresses), {"role": "participant", "code": code})
            phone.auth["token"] = token
            await phone.connect()
            if count[phone.upstream] < PER_PROCESS:
                break
            await phone.close()
        count[phone.upstream] += 1
        phones.append(phone)
    return phones


async def _projector_on(cluster: Cluster, backend: str, key: str) -> Client:
    for n in range(200, 400):
        projector = Client(cluster, loopback_address(n), {"role": "projector", "key": key})
        await projector.connect()
        if projector.upstream == backend:
            return projector
        await projector.close()
    raise AssertionError(f"no address reached {backend}")


async def _until(condition, what: str, seconds: float = 15) -> None:
    deadline = asyncio.get_running_loop().time() + seconds
    while not condition():
        assert asyncio.get_running_loop().time() < deadline, f"not reached: {what}"
        await asyncio.sleep(0.05)


async def _send(phone: Client, key: str, practice_id: int) -> asyncio.Future:
    """Send a dot; return the future of its ack."""
    assert phone.socket is not None
    return await phone.socket.call("cast_vote", {"key": key, "practice_id": practice_id})


async def _cast(phone: Client, key: str, practice_id: int) -> dict[str, Any]:
    return await asyncio.wait_for(await _send(phone, key, practice_id), 15)


async def _vote_through_a_crash(cluster: Cluster, room: dict[str, Any]) -> dict[str, Any]:
    survivor, victim = cluster.backends
    phones = await _spread(cluster, room["tokens"], room["code"])
    projector = await _projector_on(cluster, survivor, room["key"])
    practice = room["practice_ids"]
    acked: dict[int, set[str]] = {n: set() for n in range(len(phones))}
    try:
        # A dot from each phone on the victim: only the victim's tick can tell the
        # projector (on the survivor), through Redis. Then the survivor's phones.
        for where in (victim, survivor):
            here = [n for n, phone in enumerate(phones) if phone.upstream == where]
            acks = await asyncio.gather(*(_cast(phones[n], "dot-0", practice[0]) for n in here))
            for n, ack in zip(here, acks, strict=True):
                assert ack["ok"] and ack["created"], ack
                acked[n].add("dot-0")
            counted = sum(len(keys) for keys in acked.values())
            await _until(lambda c=counted: projector.dots_cast == c, f"{counted} dots shown")

        # The second dot from every phone, and the victim killed while they are in flight.
        sent = [await _send(phone, "dot-1", practice[1]) for phone in phones]
        cluster.kill(cluster.backends.index(victim))
        answers = await asyncio.gather(
            *(asyncio.wait_for(f, 15) for f in sent), return_exceptions=True
        )
        lost = []
        unacknowledged = 0  # dots the victim committed but whose ack died with it
        for n, (phone, answer) in enumerate(zip(phones, answers, strict=True)):
            if isinstance(answer, dict):
                assert answer["ok"], answer
                acked[n].add("dot-1")
            else:
                assert phone.upstream == victim, f"a phone on the survivor lost its ack: {answer!r}"
                lost.append(n)

        # The victim's phones see their socket closed, reconnect through nginx and land on
        # the survivor; the snapshot has their room, still voting.
        moved = [p for p in phones if p.upstream == victim]
        assert len(moved) == PER_PROCESS
        await _until(lambda: all(p.socket and p.socket.is_closed for p in moved), "sockets closed")
        for n, phone in enumerate(phones):
            if phone not in moved:
                continue
            snapshot = await phone.connect()
            assert phone.upstream == survivor
            assert snapshot["workshop"]["phase"] == "voting"
            # Its dots as the database has them: every acknowledged one, and the lost one
            # only if the victim committed it before it died.
            ballot = snapshot["ballot"]
            keys = {vote["key"] for vote in ballot["votes"]}
            assert acked[n] <= keys <= {"dot-0", "dot-1"}, (acked[n], keys)
            assert ballot["remaining"] == BUDGET - len(keys)
            unacknowledged += len(keys - acked[n])
        # nginx tried the dead process first (it refused) and went on to the other.
        assert any(victim in phone.tried[:-1] for phone in moved)

        # A dot cast on the dead process, sent again on the survivor under its key (as a
        # phone does whose ack never came): the same dot, nothing added.
        for phone in moved:
            again = await _cast(phone, "dot-0", practice[0])
            assert again["ok"] and not again["created"], again
            assert [v["key"] for v in again["votes"]].count("dot-0") == 1, again

        # Every phone casts what it has not had acknowledged, the lost dot under its key.
        for n, phone in enumerate(phones):
            for key, target in (("dot-1", practice[1]), ("dot-2", practice[2])):
                if key in acked[n]:
                    continue
                ack = await _cast(phone, key, target)
                assert ack["ok"], ack
                acked[n].add(key)
        expected = sum(len(keys) for keys in acked.values())
        assert expected == BUDGET * len(phones)
        await _until(lambda: projector.dots_cast == expected, "the final tally on the projector")
        return {
            "acked": acked,
            "lost": lost,
            "unacknowledged": unacknowledged,
            "projector": projector.dots_cast,
        }
    finally:
        for client in [*phones, projector]:
            await client.close()


def _votes_in_database(database_url: str, tmp_path, code: str) -> list[tuple[int, str]]:
    from sqlalchemy import select

    from tests.conftest import make_app
    from workshop.extensions import db
    from workshop.voting.models import Vote
    from workshop.workshops import services as workshops

    with make_app(tmp_path, SQLALCHEMY_DATABASE_URI=database_url).app_context():
        workshop_id = workshops.workshop_by_code(code).id
        query = select(Vote.participant_id, Vote.key).where(
            Vote.workshop_id == workshop_id, Vote.withdrawn_at.is_(None)
        )
        rows = [(participant, key) for participant, key in db.session.execute(query)]
        db.session.remove()
        db.engine.dispose()
        return rows


def test_a_killed_process_phones_go_on_through_nginx_on_the_other(cluster, tmp_path):
    room = seed_voting(
        tmp_path,
        cluster.database_url,
        cluster.processes,
        2 * PER_PROCESS,
        budget=BUDGET,
        title="Keynote scale",
    )
    result = asyncio.run(_vote_through_a_crash(cluster, room))

    rows = _votes_in_database(cluster.database_url, tmp_path, room["code"])
    # Every acknowledged dot is there once, and nothing else: a dot the crash left
    # unacknowledged was cast again under its key, not twice.
    assert len(rows) == len(set(rows)) == BUDGET * 2 * PER_PROCESS
    per_phone: dict[int, list[str]] = {}
    for participant, key in rows:
        per_phone.setdefault(participant, []).append(key)
    assert sorted(sorted(keys) for keys in per_phone.values()) == [
        sorted(keys) for keys in result["acked"].values()
    ]
    assert result["projector"] == len(rows)


def _poll(port: int, address: str, path: str, body: str | None = None) -> tuple[str, str]:
    connection = http.client.HTTPConnection(
        "127.0.0.1", port, timeout=10, source_address=(address, 0)
    )
    try:
        connection.request("POST" if body is not None else "GET", path, body)
        response = connection.getresponse()
        text = response.read().decode()
        assert response.status == 200, (response.status, text)
        return response.getheader("X-Upstream") or "", text
    finally:
        connection.close()


def test_long_polling_stays_on_one_process_and_phones_spread(cluster, tmp_path):
    """A browser opens with HTTP long-polling: every request of one Engine.IO session
    must reach the process that holds its sid, or it is refused (400)."""
    room = seed_voting(
        tmp_path, cluster.database_url, cluster.processes, 12, budget=BUDGET, title="Polls"
    )
    port = int(cluster.url.rsplit(":", 1)[1])
    reached = set()
    for n, token in enumerate(room["tokens"]):
        address = loopback_address(n)
        path = "/socket.io/?EIO=4&transport=polling"
        upstream, opened = _poll(port, address, path)
        sid = json.loads(opened[1:])["sid"]
        session = f"{path}&sid={sid}"
        auth = {"role": "participant", "code": room["code"], "token": token}
        answers = [
            _poll(port, address, session, "40" + json.dumps(auth)),
            _poll(port, address, session),
        ]
        assert {upstream} == {where for where, _ in answers}
        # The connect's answer and the phone's snapshot, both from the sid's own process.
        packets = answers[1][1].split("\x1e")
        assert any(packet.startswith("40") for packet in packets), packets
        assert any(packet.startswith('42["snapshot"') for packet in packets), packets
        reached.add(upstream)
    assert reached == set(cluster.backends)


def test_docs_show_the_nginx_settings_the_test_runs():
    """docs/deploy.md's configuration is the tested one, but for its listener and paths."""
    doc = (ROOT / "docs" / "deploy.md").read_text()
    proxied = NGINX_CONF.split("location / {{")[1].split("}}")[0]
    upgrade = NGINX_CONF.split("map $http_upgrade $connection_upgrade {{")[1].split("}}")[0]
    lines = [line.strip() for line in (proxied + upgrade).splitlines() if line.strip()]
    missing = [line for line in lines if line not in doc]
    assert missing == []
    assert f"{BALANCE};" in doc and "max_fails=1 fail_timeout=10s;" in doc
