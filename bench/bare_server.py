"""The bare stack: a Flask-SocketIO vote server with the app's tick and nothing else.

The reference that bench.voting_load measures Toimija against, in the same run: the
same gunicorn + gevent worker, the same auth shape, the same `cast_vote` ack and a
`tally` to the projector's and the phones' rooms on the same 100 ms tick, but the
dots kept in memory (no database, no rules). What Toimija costs above this is its
own cost.

    gunicorn -k gevent -w 1 --bind 127.0.0.1:PORT bench.bare_server:app
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from flask import Flask, request
from flask_socketio import SocketIO, join_room

TICK = 0.1
BUDGET = 100

app = Flask(__name__)
socketio = SocketIO(app, async_mode="gevent", async_handlers=False)
counts: Counter = Counter()
keys: set[str] = set()
state = {"dirty": False, "ticking": False}


def _tick() -> None:
    while True:
        socketio.sleep(TICK)
        if not state["dirty"]:
            continue
        state["dirty"] = False
        body = {"dots_cast": sum(counts.values()), "counts": dict(counts)}
        socketio.emit("tally", body, to=["projector", "participants"])


@socketio.on("connect")
def on_connect(auth: Any = None) -> bool:
    if not state["ticking"]:
        state["ticking"] = True
        socketio.start_background_task(_tick)
    role = (auth or {}).get("role")
    join_room("projector" if role == "projector" else "participants")
    socketio.emit("snapshot", {"dots_cast": sum(counts.values())}, to=request.sid)
    return True


@socketio.on("cast_vote")
def on_cast_vote(data: Any = None) -> dict[str, Any]:
    key = str((data or {}).get("key"))
    created = key not in keys
    if created:
        keys.add(key)
        counts[str(data.get("practice_id"))] += 1
        state["dirty"] = True
    return {"ok": True, "created": created, "remaining": BUDGET}
