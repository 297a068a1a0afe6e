"""The flood bench's server side: the workshop it floods, and the worker's pid and CPU."""

from __future__ import annotations

import os
import subprocess
from collections import deque
from pathlib import Path
from typing import Any

from tests.conftest import make_app
from tests.servers import Processes
from workshop.participants import services as participants
from workshop.practices import services as practices
from workshop.realtime import Audience
from workshop.voting import dots as voting
from workshop.workshops import services as workshops
from workshop.workshops.services import Viewer

BUDGET = 3
PRACTICES = 9


def _seed(tmp: Path, database: str, processes: Processes, phones: int) -> dict[str, Any]:
    code, key = processes.seed_workshop(tmp, "Flood")
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
            for n in range(PRACTICES)
        ]
        voting.change_voting(owner, workshop_id, {"budget": BUDGET, "hide_tally": False})
        workshops.change_phase(owner, workshop_id, "voting")
    return {"code": code, "key": key, "tokens": tokens, "practice_ids": ids}


def _worker(server: subprocess.Popen) -> str:
    """Return the pid of the gunicorn worker (the master's child)."""
    children = Path(f"/proc/{server.pid}/task/{server.pid}/children").read_text().split()
    return children[0] if children else str(server.pid)


def _cpu_seconds(pid: str) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _drain(server: subprocess.Popen, tail: deque[str]) -> None:
    # The server's output is a pipe: unread, a chatty flood would fill it and stall the server.
    assert server.stdout is not None
    for line in server.stdout:
        tail.append(line.rstrip())


# The run -------------------------------------------------------------------------------
