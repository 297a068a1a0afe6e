"""A room of phones in one asyncio process, cheaper than the server it measures.

Each phone is a `bench.raw_socket.Socket` (Engine.IO 4 / Socket.IO 5 frames written by
hand over `websockets`), the projector too. What the benches share: opening many
sockets, casting a dot until it is acked (resending after `rate_limited` or `busy`,
as a phone does), what the projector heard, and matching each acked dot to the first
tally that shows it.
"""

from __future__ import annotations

import asyncio
import bisect
import itertools
import json
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from websockets.exceptions import ConnectionClosed, InvalidHandshake

from bench.raw_socket import Refused, Socket

#: Sockets opening at once (a room's phones do not all connect in the same millisecond).
CONNECTING = 25
#: Errors a phone resends after `retry_after`; any other error ends the dot.
RETRIED = ("rate_limited", "busy")


def event_loop() -> None:
    """Use uvloop where it is installed: the swarm must cost less than the server."""
    try:
        import uvloop
    except ImportError:
        return
    asyncio.set_event_loop_policy(uvloop.EventLoopPolicy())


@dataclass
class Tally:
    """What the projector heard: each tally's arrival and its dots."""

    heard: list[tuple[float, int]] = field(default_factory=list)

    def on_event(self, frame: str) -> None:
        if frame.startswith('["tally"'):
            data = json.loads(frame)[1]
            self.heard.append((time.perf_counter(), data.get("dots_cast") or 0))

    @property
    def last(self) -> int:
        return self.heard[-1][1] if self.heard else 0


@dataclass
class Dot:
    """One dot: first send, ok ack, resends after a retried error."""

    sent: float
    acked: float | None = None
    resends: int = 0
    error: str | None = None
    is_created: bool = False


def error_code(ack: dict[str, Any]) -> str | None:
    error = ack.get("error")
    return error.get("code") if isinstance(error, dict) else None


def retry_after(ack: dict[str, Any]) -> float:
    error = ack.get("error") or {}
    return float(ack.get("retry_after") or error.get("retry_after") or 1.0)


async def cast(socket: Socket, key: str, practice_id: int, dots: list[Dot]) -> Dot:
    """Cast one dot now and wait for its ok ack (resending a retried error after its wait)."""
    dot = Dot(sent=time.perf_counter())
    dots.append(dot)
    while True:
        try:
            future = await socket.call("cast_vote", {"key": key, "practice_id": practice_id})
            ack = await future
        except (ConnectionError, ConnectionClosed):
            dot.error = "disconnected"
            return dot
        if ack.get("ok"):
            dot.acked, dot.is_created = time.perf_counter(), bool(ack.get("created"))
            return dot
        if error_code(ack) not in RETRIED:
            dot.error = error_code(ack) or "?"
            return dot
        dot.resends += 1
        await asyncio.sleep(retry_after(ack))


async def cast_at(socket: Socket, key: str, practice_id: int, at: float, dots: list[Dot]) -> None:
    """Cast one dot at the perf_counter moment ``at``."""
    await asyncio.sleep(max(0.0, at - time.perf_counter()))
    await cast(socket, key, practice_id, dots)


async def open_all(
    url: str, auths: list[dict[str, Any]], source: Callable[[int], str] | None = None
) -> tuple[list[Socket], int]:
    """Open a socket per auth, CONNECTING at a time; return those open and how many failed.
    ``source(n)`` gives the n-th socket an address of its own (a proxy spreads by address)."""
    gate = asyncio.Semaphore(CONNECTING)

    async def one(n: int, auth: dict[str, Any]) -> Socket | None:
        local = {"local_addr": (source(n), 0)} if source is not None else {}
        async with gate:
            try:
                return await Socket.open(url, auth, **local)
            except (Refused, OSError, TimeoutError, ConnectionClosed, InvalidHandshake):
                return None

    opened = await asyncio.gather(*(one(n, auth) for n, auth in enumerate(auths)))
    sockets = [s for s in opened if s is not None]
    return sockets, len(auths) - len(sockets)


async def shown(tally: Tally, count: int, seconds: float) -> None:
    """Wait until the projector shows ``count`` dots, at most ``seconds``."""
    deadline = time.perf_counter() + seconds
    while tally.last < count and time.perf_counter() < deadline:
        await asyncio.sleep(0.05)


def quantiles(seconds: list[float]) -> dict[str, float]:
    """Return p50, p95, p99 and max of durations, in milliseconds."""
    if not seconds:
        return {}
    if len(seconds) == 1:
        return dict.fromkeys(("p50", "p95", "p99", "max"), 1000 * seconds[0])
    q = statistics.quantiles(seconds, n=100, method="inclusive")
    return {
        "p50": 1000 * q[49],
        "p95": 1000 * q[94],
        "p99": 1000 * q[98],
        "max": 1000 * max(seconds),
    }


def figures(label: str, seconds: list[float]) -> str:
    """Return one line: the label, p50, p95, p99 and max in ms, and n."""
    if not seconds:
        return f"{label:<24} no values"
    q = quantiles(seconds)
    return (
        f"{label:<24} p50 {q['p50']:7.1f}   p95 {q['p95']:7.1f}"
        f"   p99 {q['p99']:7.1f}   max {q['max']:7.1f} ms   (n={len(seconds)})"
    )


def to_projector(dots: list[Dot], heard: list[tuple[float, int]]) -> dict[str, Any]:
    """Match the k-th ok dot (in ack order) to the first tally after its send counting k."""
    created = sorted((d for d in dots if d.is_created), key=lambda d: d.acked or 0.0)
    times = [t for t, _count in heard]
    counts = list(itertools.accumulate((count for _t, count in heard), max))  # never falls
    from_send, from_ack, missing = [], [], 0
    for k, dot in enumerate(created, start=1):
        at = max(bisect.bisect_left(counts, k), bisect.bisect_left(times, dot.sent))
        if at == len(heard):
            missing += 1
            continue
        from_send.append(times[at] - dot.sent)
        from_ack.append(max(0.0, times[at] - (dot.acked or times[at])))
    gap = 0.0
    if created:
        # While dots flow: from the first dot's ack to the tally that shows the last one.
        start = created[0].acked or 0.0
        last = next(
            (t for t, count in heard if count >= len(created)), heard[-1][0] if heard else 0
        )
        times = [start, *(t for t, _count in heard if start < t <= last)]
        gap = max((b - a for a, b in itertools.pairwise(times)), default=0.0)
    return {"from_send": from_send, "from_ack": from_ack, "missing": missing, "gap": gap}
