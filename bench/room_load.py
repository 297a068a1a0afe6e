"""A keynote room arriving and writing: N phones join within a minute, then M of them post
a story each within two minutes, while a projector follows the lobby count and the wall.

The real server (`flask serve`: one gunicorn + gevent worker, SQLite) on loopback, or
``--cluster N`` processes behind nginx with Redis and PostgreSQL (tests/cluster.py). One
asyncio process (uvloop) plays the projector and every phone: each phone joins over
HTTP (`POST .../participants`, spoken by hand over a socket of its own, from a loopback
address of its own, as a room's phones come from addresses of their own), then opens
its websocket with the token and stays connected; later it posts its story over HTTP,
as the phone's outbox does. Private writing is off, so each story goes to the wall live.

Printed: the join's answer time, the websocket's connect (to its snapshot), join -> the
projector's lobby count, post -> the projector's wall; the worker's CPU and peak memory;
the swarm's own CPU share (over one core the run is invalid: it would measure the
swarm); the counts of joins and stories stored, answered and shown.

    .venv/bin/python -m bench.room_load [--phones 2000] [--stories 1000] [--cluster 2]
"""

from __future__ import annotations

import argparse
import asyncio
import bisect
import itertools
import json
import tempfile
import threading
import time
from collections import deque
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from sqlalchemy import create_engine, text

from bench import swarm
from bench.common import cpu_seconds, drain, worker_pid
from bench.raw_socket import Socket
from tests.cluster import loopback_address, start_cluster
from tests.conftest import make_app
from tests.servers import Processes
from workshop.workshops import services as workshops

STORY = {
    "title": "Bussikuski",
    "happened": "Lippuautomaatti ei toiminut. Kuljettaja **viittoi** minut kyytiin.",
    "staff_did": "Ei jättänyt minua pysäkille.",
    "could_do": "Pääsin ajoissa töihin.",
    "agency": 5,
    "channel": "in_person",
}
OVERTIME = 30.0


async def _http(url: str, path: str, body: dict, source: str, token: str | None = None):
    """POST JSON over a connection of its own from ``source``; return (status, body)."""
    parts = urlsplit(url)
    reader, writer = await asyncio.open_connection(
        parts.hostname, parts.port, local_addr=(source, 0)
    )
    payload = json.dumps(body).encode()
    head = [
        f"POST {path} HTTP/1.1",
        f"Host: {parts.netloc}",
        "Content-Type: application/json",
        f"Content-Length: {len(payload)}",
        "Connection: close",
    ]
    if token:
        head.append(f"Authorization: Bearer {token}")
    writer.write(("\r\n".join(head) + "\r\n\r\n").encode() + payload)
    try:
        raw = await asyncio.wait_for(reader.read(), 60)
    finally:
        writer.close()
    status = int(raw.split(b" ", 2)[1])
    content = raw.split(b"\r\n\r\n", 1)[1]
    try:
        return status, json.loads(content or b"{}")
    except ValueError:  # a proxy's error page
        return status, {}


class Projector:
    """The projector's socket: when each lobby count and each story arrived."""

    def __init__(self) -> None:
        self.counts: list[tuple[float, int]] = []
        self.stories: dict[int, float] = {}

    def on_event(self, message: str) -> None:
        at = time.perf_counter()
        event, *args = json.loads(message)
        data = args[0] if args else {}
        if event in ("participant_count", "participant_joined") and "participant_count" in data:
            # On the tick (participant_count); before it, one sequenced event per join.
            self.counts.append((at, data["participant_count"]))
        elif event == "story_posted":
            self.stories.setdefault(data["story"]["id"], at)


class Phone:
    def __init__(self, n: int) -> None:
        self.n = n
        self.source = loopback_address(n + 1)
        self.sent = self.answered = self.connected = 0.0
        self.token: str | None = None
        self.socket: Socket | None = None
        self.status = 0


async def _join(phone: Phone, url: str, ws: str, code: str, at: float) -> None:
    await asyncio.sleep(max(0.0, at - time.perf_counter()))
    phone.sent = time.perf_counter()
    try:
        phone.status, body = await _http(
            url,
            f"/api/v1/workshops/{code}/participants",
            {"display_name": f"P{phone.n}"},
            phone.source,
        )
    except (OSError, TimeoutError):
        return
    phone.answered = time.perf_counter()
    phone.token = body.get("token")
    if phone.status != 201 or not phone.token:
        return
    auth = {"role": "participant", "code": code, "token": phone.token}
    try:
        phone.socket = await Socket.open(ws, auth, local_addr=(phone.source, 0))
        phone.connected = time.perf_counter()
    except Exception:  # refused, reset, timed out: counted as not connected
        return


async def _post(phone: Phone, url: str, code: str, at: float, posts: list) -> None:
    await asyncio.sleep(max(0.0, at - time.perf_counter()))
    sent = time.perf_counter()
    try:
        status, body = await _http(
            url,
            f"/api/v1/workshops/{code}/stories",
            {**STORY, "title": f"Tarina {phone.n}", "key": f"room-{phone.n}"},
            phone.source,
            phone.token,
        )
    except (OSError, TimeoutError):
        status, body = 0, {}
    posts.append((sent, time.perf_counter(), status, (body.get("story") or body).get("id")))


def _follow(counts: list[tuple[float, int]], phones: list[Phone]) -> list[float]:
    """The k-th join answered (in answer order) to the first lobby count of k or more
    heard after its send."""
    joined = sorted((p for p in phones if p.status == 201), key=lambda p: p.answered)
    times = [t for t, _c in counts]
    highest = list(itertools.accumulate((c for _t, c in counts), max))  # never falls
    latencies = []
    for k, phone in enumerate(joined, start=1):
        at = max(bisect.bisect_left(highest, k), bisect.bisect_left(times, phone.sent))
        if at < len(counts):
            latencies.append(times[at] - phone.sent)
    return latencies


async def _room(url: str, orders: dict[str, Any], workers: list[str], args) -> dict[str, Any]:
    swarm.event_loop()
    ws = url.replace("http://", "ws://") + "/socket.io/?EIO=4&transport=websocket"
    projector = Projector()
    screen = await Socket.open(
        ws,
        {"role": "projector", "key": orders["key"]},
        projector.on_event,
        local_addr=(loopback_address(0), 0),
    )
    phones = [Phone(n) for n in range(args.phones)]
    result: dict[str, Any] = {}

    before, swarm_before = _cpu(workers), time.process_time()
    start = time.perf_counter() + 0.5
    spacing = args.join_seconds / args.phones
    joining = [_join(p, url, ws, orders["code"], start + n * spacing) for n, p in enumerate(phones)]
    await asyncio.wait_for(asyncio.gather(*joining), args.join_seconds + OVERTIME)
    took = time.perf_counter() - start
    await asyncio.sleep(1.0)
    result["join"] = {
        "seconds": took,
        "worker_share": (_cpu(workers) - before) / took,
        "swarm_share": (time.process_time() - swarm_before) / took,
        "answered": [p.answered - p.sent for p in phones if p.status == 201],
        "refused": sum(p.status != 201 for p in phones),
        "connect": [p.connected - p.answered for p in phones if p.connected],
        "connected": sum(p.socket is not None for p in phones),
        "to_projector": _follow(projector.counts, phones),
        "last_count": max((c for _t, c in projector.counts), default=0),
    }

    writers = [p for p in phones if p.token][: args.stories]
    posts: list[tuple[float, float, int, int | None]] = []
    before, swarm_before = _cpu(workers), time.process_time()
    start = time.perf_counter() + 0.5
    spacing = args.story_seconds / max(1, len(writers))
    posting = [
        _post(p, url, orders["code"], start + n * spacing, posts) for n, p in enumerate(writers)
    ]
    await asyncio.wait_for(asyncio.gather(*posting), args.story_seconds + OVERTIME)
    took = time.perf_counter() - start
    deadline = time.perf_counter() + 10
    stored = [(sent, i) for sent, _at, status, i in posts if status == 201 and i is not None]
    while time.perf_counter() < deadline and any(i not in projector.stories for _s, i in stored):
        await asyncio.sleep(0.1)
    result["stories"] = {
        "seconds": took,
        "worker_share": (_cpu(workers) - before) / took,
        "swarm_share": (time.process_time() - swarm_before) / took,
        "answered": [at - sent for sent, at, status, _i in posts if status == 201],
        "refused": sum(status != 201 for _s, _a, status, _i in posts),
        "to_wall": [projector.stories[i] - sent for sent, i in stored if i in projector.stories],
        "missing": sum(i not in projector.stories for _s, i in stored),
        "dropped": sum(p.socket is not None and p.socket.is_dropped for p in phones),
    }
    await asyncio.gather(*(p.socket.close() for p in phones if p.socket), screen.close())
    return result


def _cpu(workers: list[str]) -> float:
    return sum(cpu_seconds(worker) for worker in workers)


def _seed(tmp: Path, database: str, processes: Processes) -> dict[str, Any]:
    code, key = processes.seed_workshop(tmp, "Room load")
    app = make_app(tmp, SQLALCHEMY_DATABASE_URI=database)
    with app.app_context():
        workshop = workshops.workshop_by_code(code)
        workshops.change_phase(workshop.owner_id, workshop.id, "stories")
        workshops.change_settings(workshop.owner_id, workshop.id, {"private_writing": False})
    return {"code": code, "key": key}


def _stored(database: str) -> tuple[int, int]:
    with create_engine(database).connect() as connection:
        joined = connection.execute(text("SELECT count(*) FROM participants")).scalar_one()
        stories = connection.execute(text("SELECT count(*) FROM stories")).scalar_one()
    return joined, stories


def _peak_rss_mib(pid: str) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return 0.0


def run(args) -> dict[str, Any]:
    tmp = Path(tempfile.mkdtemp(prefix="toimija-room-"))
    tail: deque[str] = deque(maxlen=30)
    env = {"SERVE_CONNECTIONS": "10000"}
    if args.cluster:
        cluster = start_cluster(tmp, args.cluster, **env)
        processes, url, database = cluster.processes, cluster.url, cluster.database_url
        servers = cluster.servers
    else:
        database = f"sqlite:///{tmp / 'bench.db'}"
        processes = Processes(database)
        port, server = processes.serve(**env)
        servers, url = [server], f"http://127.0.0.1:{port}"
    try:
        for server in servers:
            threading.Thread(target=drain, args=(server, tail), daemon=True).start()
        workers = [worker_pid(server) for server in servers]
        orders = _seed(tmp, database, processes)
        result = asyncio.run(_room(url, orders, workers, args))
        result["rss"] = max(_peak_rss_mib(worker) for worker in workers)
    finally:
        (cluster.stop if args.cluster else processes.stop)()
    result["stored"] = _stored(database) if not args.cluster else None
    result["tail"] = list(tail)
    return result


def _report(args, result: dict[str, Any]) -> None:
    where = (
        f"{args.cluster} processes + Redis + PostgreSQL" if args.cluster else "one process, SQLite"
    )
    join, stories = result["join"], result["stories"]
    print(
        f"room load: {args.phones} phones join within {args.join_seconds:.0f} s, then "
        f"{args.stories} post a story each within {args.story_seconds:.0f} s ({where})"
    )
    print(
        f"joins: {args.phones - join['refused']} answered 201 of {args.phones} in "
        f"{join['seconds']:.1f} s, {join['connected']} connected, projector's last count "
        f"{join['last_count']}"
    )
    print(swarm.figures("  join answered", join["answered"]))
    print(swarm.figures("  socket connected", join["connect"]))
    print(swarm.figures("  join -> lobby count", join["to_projector"]))
    _shares("  ", join)
    print(
        f"stories: {len(stories['answered'])} answered 201, {stories['refused']} refused, "
        f"{stories['missing']} not on the wall, {stories['dropped']} phones dropped"
    )
    print(swarm.figures("  story answered", stories["answered"]))
    print(swarm.figures("  story -> wall", stories["to_wall"]))
    _shares("  ", stories)
    if result["stored"] is not None:
        print(f"stored: {result['stored'][0]} participants, {result['stored'][1]} stories")
    print(f"worker peak RSS {result['rss']:.0f} MiB")
    if join["refused"] or stories["refused"] or stories["missing"]:
        print("server's last lines:", *result["tail"][-10:], sep="\n  ")


def _shares(indent: str, part: dict[str, Any]) -> None:
    invalid = "   INVALID: the swarm used over one core" if part["swarm_share"] > 1.0 else ""
    print(
        f"{indent}worker CPU {part['worker_share']:.0%} of a core, swarm "
        f"{part['swarm_share']:.0%}{invalid}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--phones", type=int, default=2000)
    parser.add_argument("--join-seconds", type=float, default=60.0)
    parser.add_argument("--stories", type=int, default=1000)
    parser.add_argument("--story-seconds", type=float, default=120.0)
    parser.add_argument("--cluster", type=int, default=0, metavar="N")
    args = parser.parse_args()
    _report(args, run(args))


if __name__ == "__main__":
    main()
