"""A swarm of phones on gevent, for bench.voting_load (run as its own process).

Reads its orders as JSON on stdin; connects every phone over a websocket, then
each casts its dots over the voting window through the socket (`cast_vote`, ack
with what is left), while a projector records each tally it hears. Prints JSON.
"""

from gevent import monkey

monkey.patch_all()

import json  # noqa: E402
import random  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402

import gevent  # noqa: E402
import gevent.pool  # noqa: E402
import socketio  # noqa: E402


def main() -> None:
    orders = json.load(sys.stdin)
    url, code = orders["url"], orders["code"]
    tallies: list[tuple[float, int]] = []
    heard = {"tally": 0}

    projector = socketio.Client(reconnection=False)
    projector.on("tally", lambda d: tallies.append((time.perf_counter(), d["dots_cast"] or 0)))
    projector.connect(
        url, auth={"role": "projector", "key": orders["key"]}, transports=["websocket"]
    )

    def count(_data):
        heard["tally"] += 1

    phones = []

    def connect(token: str) -> None:
        phone = socketio.Client(reconnection=False)
        phone.on("tally", count)
        phone.connect(
            url,
            auth={"role": "participant", "code": code, "token": token},
            transports=["websocket"],
            wait_timeout=60,
        )
        phones.append(phone)

    started = time.perf_counter()
    gevent.pool.Pool(40).map(connect, orders["tokens"])
    connected_in = time.perf_counter() - started

    # One dot at a time first: how long a vote takes with the room connected but quiet.
    solo = []
    for phone in phones[:30]:
        sent = time.perf_counter()
        phone.call("cast_vote", {"key": "solo", "practice_id": orders["practice_ids"][0]})
        solo.append(time.perf_counter() - sent)
    gevent.sleep(1.5)

    acks: list[tuple[float, float]] = []  # (sent, acked)
    refused: list[str] = []
    rng = random.Random(1)

    def vote(phone, n: int) -> None:
        practice_id = rng.choice(orders["practice_ids"])
        sent = time.perf_counter()
        ack = phone.call("cast_vote", {"key": f"b{n}", "practice_id": practice_id}, timeout=60)
        acks.append((sent, time.perf_counter()))
        if not ack.get("ok"):
            refused.append(ack["error"]["code"])

    window = orders["window"]
    jobs = [
        gevent.spawn_later(rng.uniform(0, window), vote, phone, n)
        for phone in phones
        for n in range(orders["budget"])
    ]
    gevent.joinall(jobs)
    expected = len(acks) - len(refused) + len(solo)  # the tally counts the solo dots too
    deadline = time.perf_counter() + 30
    while (not tallies or tallies[-1][1] < expected) and time.perf_counter() < deadline:
        gevent.sleep(0.05)
    gevent.sleep(1.5)  # the settling send

    ordered = sorted(acked for _sent, acked in acks)
    lags = []
    for k, acked in enumerate(ordered, start=1):
        shown = next((at for at, dots in tallies if dots >= k + len(solo) and at >= acked), None)
        if shown is not None:
            lags.append(shown - acked)
    projector_connected = projector.connected
    dropped = sum(not phone.connected for phone in phones)
    for phone in phones:
        phone.disconnect()
    projector.disconnect()
    print(
        json.dumps(
            {
                "phones": len(phones),
                "connected_in": connected_in,
                "solo": solo,
                "ack": [acked - sent for sent, acked in acks],
                "lag": lags,
                "refused": refused,
                "projector_tallies": len(tallies),
                "final_dots": tallies[-1][1] if tallies else 0,
                "expected_dots": expected,
                "phone_tallies": heard["tally"],
                "projector_connected": projector_connected,
                "phones_dropped": dropped,
            }
        )
    )


if __name__ == "__main__":
    main()
