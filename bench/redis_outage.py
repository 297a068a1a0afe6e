"""How many screens catch up by themselves after a Redis outage, and how fast.

Two real processes (`flask serve`) share a real Redis; 21 screens (projector and phones)
are spread over both. Redis is stopped for OUTAGE seconds while phones join and vote on
process A, then started again, and nothing else changes in the room. Each screen behaves
as static/js/live.js does (tests/test_scale_out_recovery.Screen). Prints how many screens
had the room's seq and tally 2 s after Redis returned, and when the last one did. Usage:

    .venv/bin/python -m bench.redis_outage [OUTAGE]
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlparse

from tests.servers import Processes
from tests.test_scale_out_recovery import Screen, _call, _join, _voting_room


def main(outage: float = 10.0, screens_count: int = 21) -> None:
    tmp = Path(tempfile.mkdtemp(prefix="toimija-bench-"))
    processes = Processes(f"sqlite:///{tmp / 'bench.db'}")
    screens: list[Screen] = []
    try:
        redis_url = processes.redis()
        redis_server = processes.started[-1]
        port_a, _ = processes.serve(MESSAGE_QUEUE_URL=redis_url)
        port_b, _ = processes.serve(MESSAGE_QUEUE_URL=redis_url)
        code, key, practice_id = _voting_room(processes, tmp)
        for i in range(screens_count):
            port = (port_a, port_b)[i % 2]
            auth = (
                {"role": "projector", "key": key}
                if i < 2
                else {"role": "participant", "code": code, "token": _join(port, code)[1]}
            )
            screens.append(Screen(port, auth))
        voters = [_join(port_a, code)[1] for _ in range(3)]
        time.sleep(2)

        processes.stop_one(redis_server)
        stopped = time.monotonic()
        slowest_call = 0.0
        for i in range(int(outage)):
            started = time.monotonic()
            _join(port_a, code)
            if i < len(voters):
                body = {"practice_id": practice_id}
                _call(port_a, "PUT", f"/api/v1/workshops/{code}/votes/o{i}", body, voters[i])
            slowest_call = max(slowest_call, time.monotonic() - started)
            time.sleep(max(0.0, stopped + i + 1 - time.monotonic()))
        processes.redis(port=urlparse(redis_url).port)
        back = time.monotonic()
        state = _call(port_a, "GET", f"/api/v1/workshops/{code}/state", token=key)
        voted = min(int(outage), len(voters))

        def in_step(screen: Screen) -> bool:
            tally = screen.tally or {}
            return screen.seq == state["seq"] and tally.get("voters") == voted

        at_two = None
        last = None
        while time.monotonic() - back < 30:
            if at_two is None and time.monotonic() - back >= 2:
                at_two = sum(in_step(s) for s in screens)
            if all(in_step(s) for s in screens):
                last = time.monotonic() - back
                break
            time.sleep(0.05)
        if at_two is None:
            at_two = sum(in_step(s) for s in screens)
        print(f"outage {outage:.0f} s, {len(screens)} screens on 2 processes")
        print(f"slowest join/vote on A during the outage: {slowest_call:.2f} s")
        print(f"in step 2 s after Redis returned: {at_two} of {len(screens)}")
        print(
            "all in step:",
            f"{last:.2f} s after Redis returned" if last is not None else "not within 30 s",
            f"({sum(in_step(s) for s in screens)} of {len(screens)})",
        )
    finally:
        for screen in screens:
            screen.close()
        processes.stop()


if __name__ == "__main__":
    main(*(float(a) for a in sys.argv[1:2]))
