"""What a flood of socket events costs the room: legitimate dots and the projector under it.

The real server (`flask serve`: one gunicorn + gevent worker, SQLite) on loopback, a
workshop voting on 9 practices. N flooder phones (participants, authenticated) each
send R events a second: `request_snapshot`, `cast_vote` on a practice that does not
exist and `rate_practice` with scores out of range, in turn, the last two with ack
ids. Meanwhile 50 legitimate phones cast their 3 dots each at random moments of a
10 s window and a projector listens for the tally. Prints, per run: the legitimate
acks' latency (send to ok ack; a `rate_limited` ack with `retry_after` is resent
after it, as a phone does, and counted), how long a dot took to show on the projector
(from its send), the longest gap between the projector's tallies while dots flowed,
whether every dot reached it, the flooders' acks refused as `rate_limited` and the
flooders the server disconnected, and the CPU seconds of the server's worker and of
this bench.

The bench is one asyncio process that speaks Engine.IO 4 / Socket.IO 5 frames itself
over `websockets` (no python-socketio client): the tool has to be cheaper than what
it measures, and the bench's own CPU is printed so a reader can check it.

    .venv/bin/python -m bench.flood                       (limits off and on, 10 and 2 ev/s)
    .venv/bin/python -m bench.flood --config on --rate 10 --flooders 100
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import random
import tempfile
import threading
import time
from collections import deque
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from websockets.exceptions import ConnectionClosed

from bench import swarm
from bench.common import cpu_seconds, drain, seed_voting, worker_pid
from bench.raw_socket import Socket
from tests.servers import Processes

#: The server's environment per config. "off" turns the per-socket event limit off;
#: "on" runs main's defaults (add SOCKET_EVENT_BURST, SOCKET_ERROR_COST or
#: SOCKET_REFUSALS_BEFORE_DISCONNECT here to try others).
CONFIGS: dict[str, dict[str, str]] = {
    # No bucket, no coalescing (events still run one after another per connection; the
    # code before the limits, which spawned a task per event, is the worse "before").
    "off": {"SOCKET_EVENTS_PER_SECOND": "0", "SOCKET_SNAPSHOTS_PER_SECOND": "0"},
    "on": {},
}

PHONES = 50
BUDGET = 3
WARMUP = 2.0  # seconds of flood before the first legitimate dot
WINDOW = 10.0  # the legitimate dots fall at random moments of this window
OVERTIME = 10.0  # the flood goes on at most this long after the window, for late acks
SETTLE = 5.0  # after the flood, how long the projector may take to show the last dot
NOWHERE = 2**31 - 2  # a practice id that does not exist


@dataclass
class Flood:
    """What the flooders sent and what came back."""

    sent: int = 0
    acks: int = 0
    rate_limited: int = 0
    unanswered: int = 0

    def count(self, future: asyncio.Future) -> None:
        if future.cancelled() or future.exception() is not None:
            self.unanswered += 1
            return
        self.acks += 1
        ack = future.result()
        if isinstance(ack, dict) and swarm.error_code(ack) == "rate_limited":
            self.rate_limited += 1


async def _flooder(socket: Socket, n: int, rate: float, stop: asyncio.Event, flood: Flood) -> None:
    loop = asyncio.get_running_loop()
    period = 1 / rate
    due = loop.time() + random.uniform(0, period)
    for k in itertools.count():
        await asyncio.sleep(max(0.0, due - loop.time()))
        if stop.is_set() or socket.is_closed:
            return
        due = max(due + period, loop.time())  # behind: carry on from now, no catch-up burst
        try:
            if k % 3 == 0:
                await socket.emit("request_snapshot", None)
            elif k % 3 == 1:
                ack = await socket.call("cast_vote", {"key": f"f{n}-{k}", "practice_id": NOWHERE})
                ack.add_done_callback(flood.count)
            else:
                rating = {"practice_id": NOWHERE, "agency": 9, "ease": 0}
                ack = await socket.call("rate_practice", rating)
                ack.add_done_callback(flood.count)
        except ConnectionClosed:
            return
        flood.sent += 1


async def _swarm(
    port: int, orders: dict[str, Any], flooders: int, rate: float, worker: str
) -> dict[str, Any]:
    url = f"ws://127.0.0.1:{port}/socket.io/?EIO=4&transport=websocket"
    code, tokens = orders["code"], orders["tokens"]
    tally = swarm.Tally()
    projector = await Socket.open(url, {"role": "projector", "key": orders["key"]}, tally.on_event)

    def phone(token: str) -> dict[str, Any]:
        return {"role": "participant", "code": code, "token": token}

    connecting = time.perf_counter()
    floods, flood_refused = await swarm.open_all(url, [phone(t) for t in tokens[:flooders]])
    phones, phones_refused = await swarm.open_all(url, [phone(t) for t in tokens[flooders:]])
    connected_in = time.perf_counter() - connecting

    flood, stop = Flood(), asyncio.Event()
    worker_before, client_before = cpu_seconds(worker), time.process_time()
    started = time.perf_counter()
    flooding = [
        asyncio.create_task(_flooder(socket, n, rate, stop, flood))
        for n, socket in enumerate(floods)
    ]
    dots: list[swarm.Dot] = []
    rng = random.Random(1)
    casting = [
        asyncio.create_task(
            swarm.cast_at(
                socket,
                f"d{n}-{k}",
                rng.choice(orders["practice_ids"]),
                started + WARMUP + rng.uniform(0, WINDOW),
                dots,
            )
        )
        for n, socket in enumerate(phones)
        for k in range(BUDGET)
    ]
    await asyncio.sleep(WARMUP + WINDOW)
    _done, late = await asyncio.wait(casting, timeout=OVERTIME)
    for task in late:
        task.cancel()
    stop.set()
    await asyncio.gather(*flooding)
    flood_seconds = time.perf_counter() - started
    worker_cpu = cpu_seconds(worker) - worker_before
    client_cpu = time.process_time() - client_before

    shown = sum(d.is_created for d in dots)
    deadline = time.perf_counter() + SETTLE
    while (not tally.heard or tally.heard[-1][1] < shown) and time.perf_counter() < deadline:
        await asyncio.sleep(0.05)
    dropped = sum(s.is_dropped for s in floods)
    phones_dropped = sum(s.is_dropped for s in phones)
    projector_kept = not projector.is_dropped
    await asyncio.gather(*(s.close() for s in [projector, *floods, *phones]))
    return {
        "connected_in": connected_in,
        "refused": flood_refused + phones_refused,
        "flooders": len(floods),
        "phones": len(phones),
        "flood": flood,
        "flood_seconds": flood_seconds,
        "dots": dots,
        "tally": tally.heard,
        "flooders_dropped": dropped,
        "phones_dropped": phones_dropped,
        "projector_kept": projector_kept,
        "worker_cpu": worker_cpu,
        "client_cpu": client_cpu,
    }


# The figures ---------------------------------------------------------------------------


def _verdict(final: int, created: int, missing: int) -> str:
    if not created:
        return "no dot acked, nothing to show"
    if final >= created and not missing:
        return "every acked dot shown"
    return f"MISSED {missing} acked dots"


def _report(config: str, rate: float, result: dict[str, Any]) -> None:
    flood: Flood = result["flood"]
    dots: list[swarm.Dot] = result["dots"]
    acked = [d.acked - d.sent for d in dots if d.acked is not None]
    errors = [d.error for d in dots if d.error]
    unanswered = BUDGET * result["phones"] - len(acked) - len(errors)
    shown = swarm.to_projector(dots, result["tally"])
    final = result["tally"][-1][1] if result["tally"] else 0
    created = sum(d.is_created for d in dots)
    seconds = result["flood_seconds"]
    print(
        f"\n== limits {config}, {result['flooders']} flooders x {rate:g} ev/s, "
        f"{result['phones']} phones x {BUDGET} dots =="
    )
    print(
        f"connected in {result['connected_in']:.1f} s (refused {result['refused']}); flood "
        f"{seconds:.1f} s: {flood.sent} events sent ({flood.sent / seconds:.0f}/s), "
        f"{flood.acks} acks back, {flood.rate_limited} rate_limited, "
        f"{result['flooders_dropped']} flooders disconnected"
    )
    if acked:
        print(swarm.figures("dot ack (send -> ok)", acked))
    print(
        f"dots: {len(acked)} acked ok of {BUDGET * result['phones']}, "
        f"{sum(d.resends for d in dots)} resends after rate_limited, "
        f"errors {sorted(set(errors)) or 'none'}, unanswered {unanswered}, "
        f"phones disconnected {result['phones_dropped']}"
    )
    if shown["from_send"]:
        print(swarm.figures("dot send -> projector", shown["from_send"]))
        print(swarm.figures("dot ack -> projector", shown["from_ack"]))
    print(
        f"projector: {len(result['tally'])} tallies, longest gap while dots flowed "
        f"{1000 * shown['gap']:.0f} ms (quiet moments count), final dots {final}/{created}"
        f" ({_verdict(final, created, shown['missing'])})"
        f"{'' if result['projector_kept'] else ', projector DISCONNECTED'}"
    )
    print(
        f"CPU over the flood's {seconds:.1f} s: server worker {result['worker_cpu']:.1f} s "
        f"({100 * result['worker_cpu'] / seconds:.0f} %), this bench "
        f"{result['client_cpu']:.1f} s ({100 * result['client_cpu'] / seconds:.0f} %)"
    )


def run(config: str, flooders: int, rate: float) -> None:
    tmp = Path(tempfile.mkdtemp(prefix="toimija-flood-"))
    database = f"sqlite:///{tmp / 'bench.db'}"
    processes = Processes(database)
    tail: deque[str] = deque(maxlen=20)
    try:
        port, server = processes.serve(**CONFIGS[config])
        threading.Thread(target=drain, args=(server, tail), daemon=True).start()
        orders = seed_voting(
            tmp, database, processes, flooders + PHONES, budget=BUDGET, title="Flood"
        )
        result = asyncio.run(_swarm(port, orders, flooders, rate, worker_pid(server)))
    finally:
        processes.stop()
    _report(config, rate, result)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--config", nargs="+", choices=sorted(CONFIGS), default=["off", "on"])
    parser.add_argument("--rate", nargs="+", type=float, default=[10.0, 2.0])
    parser.add_argument("--flooders", type=int, default=200)
    args = parser.parse_args()
    print(
        "socket event flood: one gunicorn + gevent worker, SQLite, loopback; "
        "the bench (one asyncio process) on the same cores"
    )
    for config in args.config:
        for rate in args.rate:
            run(config, args.flooders, rate)


if __name__ == "__main__":
    main()
