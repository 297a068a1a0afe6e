"""How long from a phone's join request until the projector's socket hears of it.

Runs the real server (`flask serve`: gunicorn + gevent, SQLite) on loopback,
connects a projector over a websocket, joins N participants over HTTP one after
another, and prints the latency figures. Usage:

    .venv/bin/python -m bench.join_latency [N]
"""

from __future__ import annotations

import json
import queue
import statistics
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import socketio

from tests.servers import Processes


def main(joins: int = 200) -> None:
    tmp = Path(tempfile.mkdtemp(prefix="toimija-bench-"))
    database = f"sqlite:///{tmp / 'bench.db'}"
    processes = Processes(database)
    try:
        port, _ = processes.serve()
        code, key = processes.seed_workshop(tmp, "Bench")

        heard: queue.Queue = queue.Queue()
        projector = socketio.Client(reconnection=False)
        projector.on("participant_joined", lambda data: heard.put(time.perf_counter()))
        projector.connect(
            f"http://127.0.0.1:{port}",
            auth={"role": "projector", "key": key},
            transports=["websocket"],
            wait_timeout=10,
        )
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

    def ms(values: list[float], q: float) -> float:
        return (
            1000 * statistics.quantiles(values, n=100)[int(q) - 1]
            if q < 100
            else 1000 * max(values)
        )

    print(f"joins: {joins} (one at a time, loopback, gevent, SQLite)")
    print(
        f"join HTTP response   p50 {ms(http_times, 50):6.1f} ms   p95 {ms(http_times, 95):6.1f} ms"
    )
    print(
        f"join -> projector    p50 {ms(latencies, 50):6.1f} ms   p95 {ms(latencies, 95):6.1f} ms"
        f"   max {ms(latencies, 100):6.1f} ms"
    )


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 200)
