"""Rooms, server-sent event names, and publishing. The only module that knows them.

Every client of a workshop joins exactly one *audience* room: facilitators, the
projector, or participants. Each change to a workshop bumps its ``seq`` and is
published once to every audience, with what that audience may see, so each client
sees every ``seq`` exactly once; a client that sees a gap asks for a snapshot.
"""

from __future__ import annotations

import enum
import re
import threading
import time
from collections.abc import Callable, Iterator
from typing import Any

from flask import Flask, current_app

from .extensions import socketio


class Audience(enum.StrEnum):
    FACILITATORS = "facilitators"
    PROJECTOR = "projector"
    PARTICIPANTS = "participants"


# Server-to-client events: past-tense facts, plus the snapshot.
SNAPSHOT = "snapshot"
#: To facilitators, outside the seq: who joined, {"participant"}. The count is on the tick.
PARTICIPANT_JOINED = "participant_joined"
PARTICIPANT_REMOVED = "participant_removed"
#: To one participant's own connections, outside the seq: the facilitator removed them.
REMOVED = "removed"
PHASE_CHANGED = "phase_changed"
SETTINGS_CHANGED = "settings_changed"
#: The facilitator edited the plan: its steps, texts, examples.
PLAN_CHANGED = "plan_changed"
STORY_POSTED = "story_posted"
STORY_UPDATED = "story_updated"
STORY_DELETED = "story_deleted"
STORY_HIDDEN = "story_hidden"
STORY_RESTORED = "story_restored"
STORIES_REVEALED = "stories_revealed"
SPOTLIGHT_CHANGED = "spotlight_changed"
LENSES_CHANGED = "lenses_changed"
PRACTICE_POSTED = "practice_posted"
PRACTICE_UPDATED = "practice_updated"
PRACTICE_DELETED = "practice_deleted"
PRACTICE_HIDDEN = "practice_hidden"
PRACTICE_RESTORED = "practice_restored"
PRACTICES_REVEALED = "practices_revealed"
PRACTICES_MERGED = "practices_merged"
VOTING_CHANGED = "voting_changed"
VOTES_REVEALED = "votes_revealed"
COMMITMENTS_CHANGED = "commitments_changed"
TIMER_CHANGED = "timer_changed"
#: Outside the seq, to facilitators: who runs the workshop with its owner, and the
#: read-only results link.
FACILITATORS_CHANGED = "facilitators_changed"
SHARE_CHANGED = "share_changed"
#: Outside the seq, to everyone: the owner deleted the workshop; screens say so and stop.
WORKSHOP_DELETED = "workshop_deleted"
#: Outside the seq, on a short tick: who has voted, dots left, ratings, and the
#: tally where the audience may see it. Each is the whole current state.
TALLY = "tally"
#: Outside the seq, on the tick: the current reaction counts of the stories and practices
#: reacted to since the tick before, ``{"stories": {id: counts}, "practices": {...}}``.
REACTION_COUNTS = "reaction_counts"
#: Outside the seq, on the tick, to everyone: how many are in the room, {"participant_count"}.
PARTICIPANT_COUNT = "participant_count"
#: To one participant's own connections, outside the seq: dots came back to them.
DOTS_RETURNED = "dots_returned"
#: Outside the seq, from each process to its own connections only: the workshop's current
#: seq, sent when it moved since the last beat. A client behind it lost an event (the
#: message queue drops what is published while a process cannot reach it): it resyncs.
HEARTBEAT = "heartbeat"


def audience_room(workshop_id: int, audience: Audience) -> str:
    """Return the room of one audience of one workshop."""
    return f"workshop:{workshop_id}:{audience.value}"


def participant_room(participant_id: int) -> str:
    """Return the room of one participant's own connections (all their tabs)."""
    return f"participant:{participant_id}"


def facilitator_room(workshop_id: int, facilitator_id: int) -> str:
    """Return the room of one facilitator's connections to one workshop."""
    return f"workshop:{workshop_id}:facilitator:{facilitator_id}"


#: Rooms closed on this process, and when: a connection that authenticated before is refused.
_closed_at: dict[str, float] = {}
#: How long a closed room is remembered (its sockets are disconnected long before).
CLOSED_MEMORY_SECONDS = 600.0


def _server() -> Any:
    # python-socketio's Server; the Flask-SocketIO stub leaves it out as internal.
    return socketio.server  # type: ignore[attr-defined]


def close_here(room: str, *, tell: bool = False) -> None:
    """Disconnect the room's sockets that this process holds, and refuse their credential;
    ``tell`` sends them ``removed`` first (here only: the queue may be what failed)."""
    now = time.monotonic()
    for name, at in list(_closed_at.items()):
        if now - at > CLOSED_MEMORY_SECONDS:
            del _closed_at[name]
    _closed_at[room] = now
    server = _server()
    if tell:
        server.emit(REMOVED, {}, to=room, namespace="/", ignore_queue=True)
    for sid, _eio_sid in list(server.manager.get_participants("/", room)):
        server.disconnect(sid, namespace="/", ignore_queue=True)


def _close(room: str) -> None:
    # Tell the room's connections, then close them on every process: through the message
    # queue when there is one (workshop/message_queue.py), else here. The notice goes first
    # and the queue keeps one publisher's order, so each process sends it before closing.
    socketio.emit(REMOVED, {}, to=room)
    manager = _server().manager
    if hasattr(manager, "close_sockets"):
        manager.close_sockets(room)
    else:
        close_here(room)


def disconnect_participant(participant_id: int) -> None:
    """Tell a removed participant's connections, and close them on every process."""
    _close(participant_room(participant_id))


def disconnect_facilitator(workshop_id: int, facilitator_id: int) -> None:
    """Tell a co-facilitator the owner stopped sharing the workshop; close their sockets."""
    _close(facilitator_room(workshop_id, facilitator_id))


def is_closed(
    workshop_id: int, participant_id: int | None, facilitator_id: int | None, since: float
) -> bool:
    """Return whether this process closed the credential's room after ``since`` (monotonic
    time of the connect): an event from such a connection is refused with no query."""
    rooms = []
    if participant_id is not None:
        rooms.append(participant_room(participant_id))
    if facilitator_id is not None:
        rooms.append(facilitator_room(workshop_id, facilitator_id))
    return any(_closed_at.get(room, -1.0) >= since for room in rooms)


_AUDIENCE_ROOM = re.compile(r"^workshop:(\d+):(?:facilitators|projector|participants)$")
_PARTICIPANT_ROOM = re.compile(r"^participant:(\d+)$")
_FACILITATOR_ROOM = re.compile(r"^workshop:(\d+):facilitator:(\d+)$")


def _local_rooms() -> Iterator[str]:
    # Only the rooms this process's own connections are in (Manager.rooms is per process).
    for room, members in list(_server().manager.rooms.get("/", {}).items()):
        if isinstance(room, str) and members:
            yield room


def local_workshop_ids() -> set[int]:
    """Return the workshops that connections of this process watch."""
    return {int(m[1]) for r in _local_rooms() if (m := _AUDIENCE_ROOM.match(r))}


def local_participant_ids() -> set[int]:
    """Return the participants connected to this process."""
    return {int(m[1]) for r in _local_rooms() if (m := _PARTICIPANT_ROOM.match(r))}


def local_facilitators() -> set[tuple[int, int]]:
    """Return the (workshop_id, facilitator_id) pairs connected to this process."""
    return {(int(m[1]), int(m[2])) for r in _local_rooms() if (m := _FACILITATOR_ROOM.match(r))}


def tell_here(workshop_id: int, event: str, body: dict[str, Any]) -> None:
    """Send every audience of a workshop a notice, to this process's connections only."""
    rooms = [audience_room(workshop_id, audience) for audience in Audience]
    _server().emit(event, body, to=rooms, namespace="/", ignore_queue=True)


def send_heartbeat(workshop_id: int, seq: int) -> None:
    """Send the workshop's seq to this process's connections only, not through the queue:
    it reaches them while Redis is away, and each process beats only for its own."""
    tell_here(workshop_id, HEARTBEAT, {"seq": seq})


def publish(
    workshop_id: int,
    seq: int,
    event: str,
    *,
    public: dict[str, Any] | None,
    facilitators: dict[str, Any] | None,
) -> None:
    """Send one committed change to its two audiences; only writes.py calls this.

    ``public`` goes to the projector and the phones in one emit (serialised once, the
    projector's room first: it is the screen the whole room is looking at);
    ``facilitators`` to the control screens. An audience given None still receives
    the event, with only ``seq``, so its sequence has no gap.
    """
    public_rooms = [
        audience_room(workshop_id, Audience.PROJECTOR),
        audience_room(workshop_id, Audience.PARTICIPANTS),
    ]
    # A list of rooms is one emit in python-socketio (the stub types only one room).
    socketio.emit(event, {**(public or {}), "seq": seq}, to=public_rooms)  # type: ignore[arg-type]
    socketio.emit(
        event,
        {**(facilitators or {}), "seq": seq},
        to=audience_room(workshop_id, Audience.FACILITATORS),
    )


def send_unsequenced(
    workshop_id: int,
    event: str,
    *,
    public: dict[str, Any] | None,
    facilitators: dict[str, Any],
    phones: bool = True,
) -> None:
    """Send a tick's whole state outside the seq (the tally, say): the projector's and the
    phones' rooms in one emit, then the facilitators'. None leaves the public out, and
    ``phones=False`` the phones."""
    if public is not None:
        public_rooms = [audience_room(workshop_id, Audience.PROJECTOR)]
        if phones:
            public_rooms.append(audience_room(workshop_id, Audience.PARTICIPANTS))
        socketio.emit(event, public, to=public_rooms)  # type: ignore[arg-type]
    socketio.emit(event, facilitators, to=audience_room(workshop_id, Audience.FACILITATORS))


def tell_facilitators(workshop_id: int, event: str, body: dict[str, Any]) -> None:
    """Send a workshop's facilitators a notice outside the seq (only they need it)."""
    socketio.emit(event, body, to=audience_room(workshop_id, Audience.FACILITATORS))


def tell_everyone(workshop_id: int, event: str, body: dict[str, Any]) -> None:
    """Send every audience of a workshop one notice outside the seq."""
    for audience in Audience:
        socketio.emit(event, body, to=audience_room(workshop_id, audience))


def tell_participant(participant_id: int, event: str, body: dict[str, Any]) -> None:
    """Send one participant's own connections a notice outside the seq."""
    socketio.emit(event, body, to=participant_room(participant_id))


#: What a tick passes a handler registered ``by_part``: the parts marked since its last
#: send, or None for all of them (a mark without a part: the whole state is due).
Parts = frozenset[Any] | None


def _joined(held: set[Any] | None, more: set[Any] | None) -> set[Any] | None:
    return None if held is None or more is None else held | more


class Ticker:
    """Batch frequent changes into one send per workshop per tick: named aggregates.

    An aggregate is a whole state that many small writes change (the tally of dots
    and ratings; a word cloud's counts). Broadcasting each write to every phone costs
    N sends per write (N² for a room voting at once); a tick costs N per interval,
    however many writes arrived. An activity registers its aggregate by name with a
    handler that sends it; a write marks it (after its commit). A marked aggregate is
    sent on the next tick, and once more a second later (``settle``), so that if two
    processes' ticks crossed in the message queue, the last word is still the
    database's current state. The loop runs as a Socket.IO background task and ends
    when there has been nothing to send for a while; the next mark starts it again.

    An aggregate too large to send whole on every tick (the reaction counts of every
    story) registers ``by_part``: a write marks the part it changed (an item's id), and
    the handler is given the parts marked since the tick before (and, on the settle, every
    part marked in the burst), or None when a mark named no part (send it all).
    """

    def __init__(self, app: Flask) -> None:
        self.app = app
        self.handlers: dict[str, Callable[..., None]] = {}
        self.interval = app.config["TALLY_TICK_SECONDS"]
        self.settle = app.config["TALLY_SETTLE_SECONDS"]
        self._lock = threading.Lock()
        self._by_part: set[str] = set()
        #: Marked since the last tick, with the parts marked (None: all).
        self._marked: dict[tuple[int, str], set[Any] | None] = {}
        #: When each aggregate is due to be sent again, and the parts to send then.
        self._settling: dict[tuple[int, str], tuple[float, set[Any] | None]] = {}
        self._versions: dict[tuple[int, str], int] = {}
        self._running = False

    def register(self, name: str, handler: Callable[..., None], *, by_part: bool = False) -> None:
        """Send the aggregate ``name`` of a workshop with ``handler(workshop_id)`` when marked
        (``handler(workshop_id, parts)`` if ``by_part``)."""
        self.handlers[name] = handler
        if by_part:
            self._by_part.add(name)
        else:
            self._by_part.discard(name)

    def version(self, workshop_id: int, name: str = TALLY) -> int:
        """Return how many times this process has marked the aggregate (memo keys use it)."""
        return self._versions.get((workshop_id, name), 0)

    def mark(self, workshop_id: int, name: str = TALLY, part: Any = None) -> None:
        """Send this workshop's aggregate on the next tick (call after the commit); ``part``
        names what changed in an aggregate sent by part (None: all of it)."""
        if name not in self.handlers:
            raise KeyError(f"no aggregate named {name!r} is registered")
        item = (workshop_id, name)
        with self._lock:
            self._versions[item] = self._versions.get(item, 0) + 1
            if part is None:
                self._marked[item] = None
            elif (held := self._marked.setdefault(item, set())) is not None:
                held.add(part)
            if self._running:
                return
            self._running = True
        socketio.start_background_task(self._run)

    def _claimed(self, workshop_id: int, name: str) -> bool:
        # With several processes, the first to claim a workshop's aggregate sends it on this
        # tick, for every process: what it reads was committed by any of them. The others
        # keep their marks for the next tick (the claim lasts most of one).
        manager = _server().manager
        if not hasattr(manager, "claim"):
            return True
        return bool(manager.claim(f"{workshop_id}:{name}", self.interval * 0.8))

    def flush(self) -> None:
        """Send what is due now: marked aggregates, then those due to settle."""
        now = time.monotonic()
        with self._lock:
            marked, self._marked = self._marked, {}
            due: dict[tuple[int, str], set[Any] | None] = {}
            for item, (at, parts) in list(self._settling.items()):
                if at <= now:
                    del self._settling[item]
                    due[item] = parts
            for item, parts in marked.items():
                due[item] = _joined(due[item], parts) if item in due else parts
        for (workshop_id, name), parts in sorted(due.items(), key=lambda pair: pair[0]):
            if not self._claimed(workshop_id, name):
                # Another process sends it now: a mark waits a tick, a settle alone is dropped.
                if (workshop_id, name) in marked:
                    with self._lock:
                        item = (workshop_id, name)
                        self._marked[item] = _joined(self._marked.get(item, set()), parts)
                continue
            with self.app.app_context():
                try:
                    if name in self._by_part:
                        given = None if parts is None else frozenset(parts)
                        self.handlers[name](workshop_id, given)
                    else:
                        self.handlers[name](workshop_id)
                except Exception:  # one bad workshop must not stop the others' ticks
                    self.app.logger.exception("%s tick failed for workshop %s", name, workshop_id)
        with self._lock:
            if self.settle:
                # Sent once more a settle after the last mark: every part of the burst.
                for item, parts in marked.items():
                    held = self._settling.get(item)
                    joined = parts if held is None else _joined(held[1], parts)
                    self._settling[item] = (now + self.settle, joined)

    def _run(self) -> None:
        idle_since = time.monotonic()
        while True:
            socketio.sleep(self.interval)
            with self._lock:
                busy = bool(self._marked or self._settling)
                if not busy and time.monotonic() - idle_since > 5:
                    self._running = False
                    return
            if busy:
                # The settle sends are an idle tick's only work.
                self.flush()
                idle_since = time.monotonic()


def ticker() -> Ticker:
    """Return this app's ticker (init_ticker made it)."""
    return current_app.extensions["toimija_ticker"]


def init_ticker(app: Flask) -> Ticker:
    """Give the app a ticker; activities register their aggregates on it."""
    app.extensions["toimija_ticker"] = Ticker(app)
    return app.extensions["toimija_ticker"]
