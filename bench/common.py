"""What the benchmarks share: a room voting, the server's worker, a projector that times one
event, and the figures' format."""

from __future__ import annotations

import os
import queue
import statistics
import subprocess
import time
from collections import deque
from pathlib import Path
from typing import Any

import socketio

from tests.conftest import make_app
from tests.servers import Processes
from workshop.participants import services as participants
from workshop.practices import services as practices
from workshop.realtime import Audience
from workshop.voting import dots as voting
from workshop.workshops import services as workshops
from workshop.workshops.services import Viewer


def timed_projector(port: int, key: str, event: str) -> tuple[socketio.Client, queue.Queue]:
    """Connect a projector over a websocket; each ``event`` puts its arrival time in the queue."""
    heard: queue.Queue = queue.Queue()
    projector = socketio.Client(reconnection=False)
    projector.on(event, lambda data: heard.put(time.perf_counter()))
    projector.connect(
        f"http://127.0.0.1:{port}",
        auth={"role": "projector", "key": key},
        transports=["websocket"],
        wait_timeout=10,
    )
    return projector, heard


def figures(label: str, seconds: list[float]) -> str:
    """Return 'label  p50 .. ms  p95 .. ms  max .. ms' for a list of durations."""
    q = statistics.quantiles(seconds, n=100)
    return (
        f"{label:<20} p50 {1000 * q[49]:6.1f} ms   p95 {1000 * q[94]:6.1f} ms"
        f"   max {1000 * max(seconds):6.1f} ms"
    )


def seed_voting(
    tmp: Path, database: str, processes: Processes, phones: int, *, budget: int, title: str
) -> dict[str, Any]:
    """Seed a workshop voting on 9 practices with ``phones`` participants joined; return
    its code, projector key, the phones' tokens and the practice ids."""
    code, key = processes.seed_workshop(tmp, title)
    app = make_app(tmp, SQLALCHEMY_DATABASE_URI=database)
    with app.app_context():
        workshop = workshops.workshop_by_code(code)
        owner, workshop_id = workshop.owner_id, workshop.id
        tokens = [participants.join(code, f"P{n}")[1] for n in range(phones)]
        workshops.change_phase(owner, workshop_id, "stories")
        workshops.change_phase(owner, workshop_id, "practices")
        facilitator = Viewer(workshop_id, Audience.FACILITATORS, facilitator_id=owner)
        ids = [
            practices.post_practice(facilitator, {"title": f"Käytäntö {n}"}, f"p{n}")[0].id
            for n in range(9)
        ]
        voting.change_voting(owner, workshop_id, {"budget": budget, "hide_tally": False})
        workshops.change_phase(owner, workshop_id, "voting")
    return {"code": code, "key": key, "tokens": tokens, "practice_ids": ids}


def worker_pid(server: subprocess.Popen) -> str:
    """Return the pid of the gunicorn worker (the master's child)."""
    children = Path(f"/proc/{server.pid}/task/{server.pid}/children").read_text().split()
    return children[0] if children else str(server.pid)


def cpu_seconds(pid: str) -> float:
    """Return the CPU seconds (user and system) a process has used."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def drain(server: subprocess.Popen, tail: deque[str]) -> None:
    """Read a server's output into ``tail``: unread, a chatty server would fill the pipe
    and stall. Run it on a thread of its own."""
    assert server.stdout is not None
    for line in server.stdout:
        tail.append(line.rstrip())


def timed(label: str, work, runs: int = 5, width: int = 26) -> object:
    """Run ``work`` ``runs`` times, print its median and slowest time, return its result."""
    durations, result = [], None
    for _ in range(runs):
        start = time.perf_counter()
        result = work()
        durations.append(time.perf_counter() - start)
    print(
        f"{label:<{width}} median {1000 * statistics.median(durations):7.1f} ms   "
        f"max {1000 * max(durations):7.1f} ms"
    )
    return result
