"""How many voting phones one process holds: a room casting its dots at once.

The real server (`flask serve`: one gunicorn + gevent process, SQLite) on
loopback. N phones connect over websockets (a gevent swarm in another process),
30 of them cast one dot each, one after another (a vote's latency in a quiet
room), then every phone casts 3 dots at random moments within a 10 s window
(the storm) through the socket. Prints, per room size: the phones' ack
latency, how long a dot took to show in the projector's tally (tally shown, so
the count is visible), how many tally messages went out, and the server's
memory and CPU.

    .venv/bin/python -m bench.voting_load [N ...]     (default: 200 500 1000)
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.common import cpu_seconds, figures, seed_voting, worker_pid
from tests.servers import Processes

BUDGET = 3
WINDOW = 10.0


def _seed(tmp: Path, database: str, processes: Processes, phones: int) -> dict:
    # One more dot than the storm casts: the first phones cast one alone beforehand.
    return seed_voting(tmp, database, processes, phones, budget=BUDGET + 1, title="Voting load")


def _rss_mib(pid: str) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def run(phones: int) -> None:
    tmp = Path(tempfile.mkdtemp(prefix="toimija-vote-"))
    database = f"sqlite:///{tmp / 'bench.db'}"
    processes = Processes(database)
    try:
        port, server = processes.serve()
        orders = _seed(tmp, database, processes, phones)
        worker = worker_pid(server)
        idle, cpu_before = _rss_mib(worker), cpu_seconds(worker)
        orders.update(url=f"http://127.0.0.1:{port}", budget=BUDGET, window=WINDOW)
        started = time.perf_counter()
        swarm = subprocess.run(
            [sys.executable, "-m", "bench.phone_swarm"],
            input=json.dumps(orders),
            capture_output=True,
            text=True,
            check=True,
        )
        busy, cpu = _rss_mib(worker), cpu_seconds(worker) - cpu_before
        wall = time.perf_counter() - started
        result = json.loads(swarm.stdout)
    finally:
        processes.stop()
    votes = len(result["ack"])
    print(
        f"\n{result['phones']} phones, {votes} dots in {WINDOW:.0f} s "
        f"(connected in {result['connected_in']:.1f} s; refused: {len(result['refused'])})"
    )
    print(figures("one vote, room quiet", result["solo"]))
    print(figures("vote ack, storm", result["ack"]))
    if result["lag"]:
        print(figures("ack -> projector", result["lag"]))
    print(
        f"projector tallies: {result['projector_tallies']}, final dots "
        f"{result['final_dots']}/{result['expected_dots']}; tally messages to phones: "
        f"{result['phone_tallies']} (one per vote to everyone would be {votes * phones})"
    )
    if not result["projector_connected"] or result["phones_dropped"]:
        print(
            f"connections lost by the swarm: projector "
            f"{'kept' if result['projector_connected'] else 'lost'}, "
            f"{result['phones_dropped']} phones"
        )
    print(f"server memory: {idle:.0f} MiB idle, {busy:.0f} MiB with the room connected")
    print(f"server CPU: {cpu:.1f} s over the swarm's {wall:.1f} s (one core = 100 %)")


def main(sizes: list[int]) -> None:
    print("voting load: one gunicorn + gevent process, SQLite, loopback; swarm on the same 2 cores")
    for phones in sizes:
        run(phones)


if __name__ == "__main__":
    main([int(n) for n in sys.argv[1:]] or [200, 500, 1000])
