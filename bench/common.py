"""What the benchmarks share: a projector that times one event, and the figures' format."""

from __future__ import annotations

import queue
import statistics
import time

import socketio


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
