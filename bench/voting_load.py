"""How many voting phones one process holds, against the bare stack in the same run.

For each room size, two servers in turn on loopback, each one gunicorn + gevent worker:
the bare stack (bench/bare_server.py: the same tick and ack, dots in memory) and
Toimija (`flask serve`, SQLite, the shipped limits). One asyncio process (bench/swarm.py,
frames written by hand, uvloop) plays a projector and N phones:

- the storm: every phone casts 3 dots at random moments of a 10 s window; printed are
  the ack latency and the time from a dot's send to the projector's tally that shows it;
- the closed loop: every phone casts its next dot as soon as the last is acked, for
  10 s; printed are the acked dots per second (Toimija acks a dot after its commit).

Also printed: the ratio of Toimija's dot -> projector p95 to the bare stack's, the
swarm's own CPU share (over one core, the run is invalid: it would measure the swarm),
the worker's CPU and peak memory, and the acked dots found in the database.

    .venv/bin/python -m bench.voting_load [N ...]        (default: 200 500 1000 2000)
"""

from __future__ import annotations

import argparse
import asyncio
import random
import sys
import tempfile
import threading
import time
from collections import deque
from collections.abc import Callable
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, text

from bench import swarm
from bench.common import cpu_seconds, drain, seed_voting, worker_pid
from bench.raw_socket import Socket
from tests.cluster import loopback_address, start_cluster
from tests.servers import ROOT, Processes, free_port

STORM_DOTS = 3
WINDOW = 10.0
CLOSED_DOTS = 15  # per phone, back to back, within CLOSED_SECONDS
CLOSED_SECONDS = 10.0
OVERTIME = 30.0  # how long late acks are waited for after a window


def _peak_rss_mib(pid: str) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return 0.0


async def _storm(sockets: list[Socket], practice_ids: list[int], dots: list[swarm.Dot]) -> None:
    rng = random.Random(1)
    started = time.perf_counter()
    casting = [
        asyncio.create_task(
            swarm.cast_at(
                socket,
                f"s{n}-{k}",
                rng.choice(practice_ids),
                started + rng.uniform(0, WINDOW),
                dots,
            )
        )
        for n, socket in enumerate(sockets)
        for k in range(STORM_DOTS)
    ]
    _done, late = await asyncio.wait(casting, timeout=WINDOW + OVERTIME)
    for task in late:
        task.cancel()


async def _closed_loop(sockets: list[Socket], practice_ids: list[int]) -> tuple[int, float]:
    """Every phone casts its next dot when the last is acked; return acked dots and seconds."""
    dots: list[swarm.Dot] = []
    stop = time.perf_counter() + CLOSED_SECONDS

    async def phone(n: int, socket: Socket) -> None:
        rng = random.Random(n)
        for k in range(CLOSED_DOTS):
            if time.perf_counter() >= stop:
                return
            dot = await swarm.cast(socket, f"c{n}-{k}", rng.choice(practice_ids), dots)
            if dot.acked is None:
                return

    started = time.perf_counter()
    await asyncio.wait(
        [asyncio.create_task(phone(n, s)) for n, s in enumerate(sockets)],
        timeout=CLOSED_SECONDS + OVERTIME,
    )
    ended = max((d.acked for d in dots if d.acked is not None), default=started)
    return sum(d.is_created for d in dots), max(ended - started, 1e-9)


def _cpu(workers: list[str]) -> float:
    return sum(cpu_seconds(worker) for worker in workers)


async def _room(
    url: str, orders: dict[str, Any], workers: list[str], source: Callable[[int], str] | None = None
) -> dict[str, Any]:
    swarm.event_loop()
    tally = swarm.Tally()
    local = {"local_addr": (source(0), 0)} if source is not None else {}
    projector = await Socket.open(
        url, {"role": "projector", "key": orders["key"]}, tally.on_event, **local
    )
    auths = [{"role": "participant", "code": orders["code"], "token": t} for t in orders["tokens"]]
    connecting = time.perf_counter()
    phones, refused = await swarm.open_all(
        url, auths, None if source is None else (lambda n: source(n + 1))
    )
    connected_in = time.perf_counter() - connecting

    dots: list[swarm.Dot] = []
    worker_before, swarm_before = _cpu(workers), time.process_time()
    started = time.perf_counter()
    await _storm(phones, orders["practice_ids"], dots)
    created = sum(d.is_created for d in dots)
    await swarm.shown(tally, created, 10.0)
    seconds = time.perf_counter() - started
    worker_cpu, swarm_cpu = _cpu(workers) - worker_before, time.process_time() - swarm_before
    storm_tally = list(tally.heard)

    swarm_before = time.process_time()
    closed, closed_seconds = await _closed_loop(phones, orders["practice_ids"])
    closed_swarm_cpu = time.process_time() - swarm_before
    await swarm.shown(tally, created + closed, 10.0)
    final = tally.last
    dropped = sum(s.is_dropped for s in phones)
    await asyncio.gather(*(s.close() for s in [projector, *phones]))
    return {
        "phones": len(phones),
        "refused": refused,
        "connected_in": connected_in,
        "dots": dots,
        "shown": swarm.to_projector(dots, storm_tally),
        "seconds": seconds,
        "worker_cpu": worker_cpu,
        "swarm_cpu": swarm_cpu,
        "closed": closed,
        "closed_seconds": closed_seconds,
        "closed_swarm_share": closed_swarm_cpu / closed_seconds,
        "acked": created + closed,
        "final": final,
        "dropped": dropped,
    }


def _bare(phones: int, tail: deque[str]) -> dict[str, Any]:
    processes = Processes("")
    port = free_port()
    gunicorn = str(Path(sys.executable).parent / "gunicorn")
    argv = [gunicorn, "-k", "gevent", "-w", "1", "--worker-connections", "10000"]
    argv += ["--bind", f"127.0.0.1:{port}", "bench.bare_server:app"]
    try:
        server = processes._start(argv, port, cwd=ROOT)
        threading.Thread(target=drain, args=(server, tail), daemon=True).start()
        orders = {"code": "BARE", "key": "k", "tokens": [str(n) for n in range(phones)]}
        orders["practice_ids"] = list(range(1, 10))
        url = f"ws://127.0.0.1:{port}/socket.io/?EIO=4&transport=websocket"
        worker = worker_pid(server)
        result = asyncio.run(_room(url, orders, [worker]))
        result["rss"] = _peak_rss_mib(worker)
        result["stored"] = result["acked"]  # in memory: what it acked is what it holds
    finally:
        processes.stop()
    return result


def _app(phones: int, tail: deque[str], group_commit: bool) -> dict[str, Any]:
    tmp = Path(tempfile.mkdtemp(prefix="toimija-vote-"))
    database = f"sqlite:///{tmp / 'bench.db'}"
    processes = Processes(database)
    try:
        port, server = processes.serve(
            SERVE_CONNECTIONS="10000", VOTE_GROUP_COMMIT="1" if group_commit else "0"
        )
        threading.Thread(target=drain, args=(server, tail), daemon=True).start()
        budget = STORM_DOTS + CLOSED_DOTS
        orders = seed_voting(tmp, database, processes, phones, budget=budget, title="Voting load")
        url = f"ws://127.0.0.1:{port}/socket.io/?EIO=4&transport=websocket"
        worker = worker_pid(server)
        result = asyncio.run(_room(url, orders, [worker]))
        result["rss"] = _peak_rss_mib(worker)
    finally:
        processes.stop()
    with create_engine(database).connect() as connection:
        query = "SELECT count(*) FROM votes WHERE withdrawn_at IS NULL"
        result["stored"] = connection.execute(text(query)).scalar_one()
    return result


def _cluster(phones: int, processes: int, tail: deque[str]) -> dict[str, Any]:
    """The app as a keynote deploys it: ``processes`` processes behind nginx, Redis and
    PostgreSQL (tests/cluster.py); each phone comes from a loopback address of its own."""
    tmp = Path(tempfile.mkdtemp(prefix="toimija-cluster-"))
    cluster = start_cluster(tmp, processes, SERVE_CONNECTIONS="10000")
    try:
        for server in cluster.servers:
            threading.Thread(target=drain, args=(server, tail), daemon=True).start()
        budget = STORM_DOTS + CLOSED_DOTS
        database = cluster.database_url
        orders = seed_voting(
            tmp, database, cluster.processes, phones, budget=budget, title="Keynote load"
        )
        url = cluster.url.replace("http://", "ws://") + "/socket.io/?EIO=4&transport=websocket"
        workers = [worker_pid(server) for server in cluster.servers]
        result = asyncio.run(_room(url, orders, workers, loopback_address))
        result["rss"] = max(_peak_rss_mib(worker) for worker in workers)
        with create_engine(database).connect() as connection:
            query = "SELECT count(*) FROM votes WHERE withdrawn_at IS NULL"
            result["stored"] = connection.execute(text(query)).scalar_one()
    finally:
        cluster.stop()
    return result


def _row(name: str, result: dict[str, Any], bare_p95: float | None) -> str:
    acks = [d.acked - d.sent for d in result["dots"] if d.acked is not None]
    ack = swarm.quantiles(acks)
    shown = swarm.quantiles(result["shown"]["from_send"])
    ratio = f"{shown['p95'] / bare_p95:5.2f}" if bare_p95 and shown else "    -"
    swarm_share = result["swarm_cpu"] / result["seconds"]
    return (
        f"{name:<8} {shown.get('p95', 0):8.0f} {shown.get('p99', 0):8.0f} {ratio}"
        f" {ack.get('p95', 0):8.0f} {ack.get('p99', 0):8.0f}"
        f" {result['closed'] / result['closed_seconds']:8.0f}"
        f" {100 * result['worker_cpu'] / result['seconds']:5.0f}%"
        f" {100 * max(swarm_share, result['closed_swarm_share']):5.0f}%"
        f" {result['rss']:6.0f}"
        f" {result['acked']:>6}/{result['stored']:<6}"
        f" {result['final']:>6}"
    )


def _notes(name: str, result: dict[str, Any]) -> list[str]:
    errors = sorted({d.error for d in result["dots"] if d.error})
    resends = sum(d.resends for d in result["dots"])
    notes = []
    if result["refused"] or result["dropped"]:
        notes.append(f"{name}: {result['refused']} phones refused, {result['dropped']} dropped")
    if errors or resends:
        notes.append(f"{name}: storm errors {errors or 'none'}, {resends} resends")
    if result["shown"]["missing"]:
        notes.append(f"{name}: {result['shown']['missing']} acked dots never on the projector")
    if result["acked"] != result["stored"]:
        notes.append(f"{name}: ACKED {result['acked']} BUT STORED {result['stored']}")
    if max(result["swarm_cpu"] / result["seconds"], result["closed_swarm_share"]) > 1.0:
        notes.append(f"{name}: INVALID: the swarm used more than one core")
    return notes


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("phones", nargs="*", type=int, default=[200, 500, 1000, 2000])
    parser.add_argument(
        "--cluster",
        type=int,
        default=0,
        metavar="N",
        help="also run N processes behind nginx with Redis and PostgreSQL",
    )
    parser.add_argument(
        "--cluster-only",
        action="store_true",
        help="run only the --cluster room (no bare stack, no single process)",
    )
    parser.add_argument(
        "--commit",
        nargs="+",
        choices=["group", "inline"],
        default=["group"],
        help="Toimija's dot writer: group commit (shipped) and/or one transaction per dot",
    )
    args = parser.parse_args()
    print(
        "voting load: one gunicorn + gevent worker per server, loopback, 2 cores shared with "
        "the swarm;\n"
        f"storm: {STORM_DOTS} dots per phone in {WINDOW:.0f} s; closed loop: up to "
        f"{CLOSED_DOTS} dots per phone back to back for {CLOSED_SECONDS:.0f} s\n"
    )
    print(
        "server   proj p95 proj p99 ratio  ack p95  ack p99   dots/s  cpu  swarm    RSS"
        "  acked/stored  shown   (ms; RSS MiB peak)"
    )
    for phones in args.phones:
        tail: deque[str] = deque(maxlen=20)
        print(f"-- {phones} phones")
        bare_p95, notes = None, []
        if not args.cluster_only:
            bare = _bare(phones, tail)
            bare_p95 = swarm.quantiles(bare["shown"]["from_send"]).get("p95")
            print(_row("bare", bare, None), flush=True)
            notes += _notes("bare", bare)
        for mode in [] if args.cluster_only else args.commit:
            name = "toimija" if mode == "group" else "t-inline"
            app = _app(phones, tail, group_commit=mode == "group")
            print(_row(name, app, bare_p95), flush=True)
            notes += _notes(name, app)
        if args.cluster:
            cluster = _cluster(phones, args.cluster, tail)
            print(_row(f"{args.cluster}xPG", cluster, bare_p95), flush=True)
            notes += _notes(f"{args.cluster}xPG", cluster)
        for note in notes:
            print("   " + note)


if __name__ == "__main__":
    main()
