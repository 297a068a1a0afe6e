"""How long from a phone's join request until the projector's socket hears of it.

Runs the real server (`flask serve`: gunicorn + gevent, SQLite) on loopback,
connects a projector over a websocket, joins N participants over HTTP one after
another, and prints the latency figures. Usage:

    .venv/bin/python -m bench.join_latency [N]
"""

from __future__ import annotations

import json
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from bench.common import figures, timed_projector
from tests.servers import Processes


def main(joins: int = 200) -> None:
    tmp = Path(tempfile.mkdtemp(prefix="toimija-bench-"))
    database = f"sqlite:///{tmp / 'bench.db'}"
    processes = Processes(database)
    try:
        port, _ = processes.serve()
        code, key = processes.seed_workshop(tmp, "Bench")

        projector, heard = timed_projector(port, key, "participant_joined")
        url = f"http://127.0.0.1:{port}/api/v1/workshops/{code}/participants"
        body = json.dumps({"display_name": "Bench"}).encode()
        latencies, http_times = [], []
        for _ in range(joins):
            request = urllib.request.Request(
                url, data=body, headers={"Content-Type": "application/json"}, method="POST"
            )
            sent = time.perf_counter()
            with urllib.request.urlopen(request) as response:
                response.read()
            http_times.append(time.perf_counter() - sent)
            latencies.append(heard.get(timeout=10) - sent)
        projector.disconnect()
    finally:
        processes.stop()

    print(f"joins: {joins} (one at a time, loopback, gevent, SQLite)")
    print(figures("join HTTP response", http_times))
    print(figures("join -> projector", latencies))


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 200)
