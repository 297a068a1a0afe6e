"""The limits hold across processes: two real servers count wrong codes in one Redis."""

from __future__ import annotations

import json
import urllib.error
import urllib.request

from tests.test_scale_out import processes  # noqa: F401 (the fixture: Redis and servers)


def _post(port: int, path: str) -> int:
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}{path}",
        data=json.dumps({}).encode(),
        headers={"Content-Type": "application/json"},
        method="POST",
    )
    try:
        with urllib.request.urlopen(request) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def test_wrong_codes_counted_on_two_processes_add_up_in_redis(processes, tmp_path):  # noqa: F811
    redis_url = processes.redis()
    limit = {"MESSAGE_QUEUE_URL": redis_url, "LIMIT_WRONG_CODES_PER_ADDRESS": "6 per minute"}
    port_a, _ = processes.serve(**limit)
    port_b, _ = processes.serve(**limit)
    code, _key = processes.seed_workshop(tmp_path)
    wrong = [f"ZZZZ{a}{b}" for a in "2345" for b in "23456789"]
    answers = [
        _post((port_a, port_b)[i % 2], f"/api/v1/workshops/{wrong[i]}/participants")
        for i in range(8)
    ]
    # Six in all, three on each process, then both refuse: neither counted alone.
    assert answers == [404] * 6 + [429, 429]
    assert _post(port_b, f"/api/v1/workshops/{code}/participants") == 201


def test_new_seats_counted_on_two_processes_add_up_in_redis(processes, tmp_path):  # noqa: F811
    redis_url = processes.redis()
    limit = {"MESSAGE_QUEUE_URL": redis_url, "LIMIT_JOINS_PER_ADDRESS": "4 per minute"}
    port_a, _ = processes.serve(**limit)
    port_b, _ = processes.serve(**limit)
    code, _key = processes.seed_workshop(tmp_path)
    path = f"/api/v1/workshops/{code}/participants"
    answers = [_post((port_a, port_b)[i % 2], path) for i in range(6)]
    # Four seats in all, two on each process, then both refuse: neither counted alone.
    assert answers == [201] * 4 + [429, 429]
