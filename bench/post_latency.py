"""How long from a phone's story post until the projector's socket has the story.

The real server (`flask serve`: gunicorn + gevent, SQLite) on loopback, private
writing off so stories go to the wall live; N posts one after another over HTTP.

    .venv/bin/python -m bench.post_latency [N]
"""

from __future__ import annotations

import json
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from bench.common import figures, timed_projector
from tests.conftest import make_app
from tests.servers import Processes
from workshop.workshops import services as workshops


def _post(url: str, body: dict, token: str | None = None) -> dict:
    headers = {"Content-Type": "application/json"}
    if token:
        headers["Authorization"] = f"Bearer {token}"
    request = urllib.request.Request(url, data=json.dumps(body).encode(), headers=headers)
    with urllib.request.urlopen(request) as response:
        return json.loads(response.read() or b"{}")


def main(posts: int = 200) -> None:
    tmp = Path(tempfile.mkdtemp(prefix="toimija-post-"))
    database = f"sqlite:///{tmp / 'bench.db'}"
    processes = Processes(database)
    try:
        port, _ = processes.serve()
        code, key = processes.seed_workshop(tmp, "Bench")
        app = make_app(tmp, SQLALCHEMY_DATABASE_URI=database)
        with app.app_context():
            workshop = workshops.workshop_by_code(code)
            owner, workshop_id = workshop.owner_id, workshop.id
            workshops.change_phase(owner, workshop_id, "stories")
            workshops.change_settings(owner, workshop_id, {"private_writing": False})
        base = f"http://127.0.0.1:{port}/api/v1/workshops/{code}"
        token = _post(f"{base}/participants", {"display_name": "Bench"})["token"]

        projector, heard = timed_projector(port, key, "story_posted")
        story = {
            "title": "Bussikuski",
            "happened": "Kuljettaja **viittoi** kyytiin.",
            "agency": 5,
            "channel": "in_person",
        }
        latencies = []
        for n in range(posts):
            sent = time.perf_counter()
            _post(f"{base}/stories", {**story, "key": f"bench-{n}"}, token)
            latencies.append(heard.get(timeout=10) - sent)
        projector.disconnect()
    finally:
        processes.stop()
    print(f"posts: {posts} (one at a time, loopback, gevent, SQLite, Markdown cleaned)")
    print(figures("post -> projector", latencies))


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 200)
