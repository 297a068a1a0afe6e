"""Screens that catch up by themselves when the message queue lost what was sent to them.

Socket.IO delivers at most once, and Redis pub/sub keeps nothing for a process that cannot
reach it: an event published during an outage never reaches the other processes' clients.
Two things put them back in step, with no further change in the room:

- **The heartbeat.** Each process sends its own connections (not through the queue, so it
  works during an outage and costs nothing per other process) the seq of each workshop they
  watch, whenever it moved since the last beat (``HEARTBEAT_SECONDS``, 2 s). A client that
  is behind asks for a snapshot (``static/js/live.js``). One query per beat for all the
  workshops watched here, one emit per workshop whose seq moved; a quiet room costs nothing.
- **The resync after an outage** (``resync_here``, called by ``workshop/message_queue.py``
  when a listener is back, on every process): aggregates outside the seq (the tally) are
  sent again, sockets whose credential was revoked meanwhile are closed (the close message
  was lost too), and every watched workshop gets a beat at once.
"""

from __future__ import annotations

import threading
from typing import Any

from flask import Flask
from sqlalchemy import select

from . import realtime
from .errors import DomainError
from .extensions import db, socketio
from .participants.models import Participant
from .workshops import services as workshops
from .workshops.models import Workshop

#: The seq a heartbeat remembers for a workshop that is gone.
_GONE = -1


class Heartbeat:
    """Send each workshop's seq to this process's connections when it moved."""

    def __init__(self, app: Flask) -> None:
        self.app = app
        self.interval: float = app.config["HEARTBEAT_SECONDS"]
        self._sent: dict[int, int] = {}
        self._lock = threading.Lock()
        self._running = False

    def ensure_running(self) -> None:
        """Start the beat (after a connect); it stops by itself when nobody is connected."""
        if not self.interval:
            return
        with self._lock:
            if self._running:
                return
            self._running = True
        socketio.start_background_task(self._run)

    def beat(self, *, force: bool = False) -> None:
        """Send the seq of every workshop watched here that moved (every one, if forced)."""
        ids = realtime.local_workshop_ids()
        with self._lock:
            self._sent = {w: seq for w, seq in self._sent.items() if w in ids}
        if not ids:
            return
        with self.app.app_context():
            rows = db.session.execute(
                select(Workshop.id, Workshop.seq).where(Workshop.id.in_(ids))
            ).all()
        current = {workshop_id: seq for workshop_id, seq in rows}
        for workshop_id in ids:
            seq = current.get(workshop_id, _GONE)
            if not force and self._sent.get(workshop_id) == seq:
                continue
            self._sent[workshop_id] = seq
            if seq == _GONE:  # deleted while its notice was lost
                realtime.tell_here(workshop_id, realtime.WORKSHOP_DELETED, {})
            else:
                realtime.send_heartbeat(workshop_id, seq)

    def _run(self) -> None:
        while True:
            socketio.sleep(self.interval)  # type: ignore[arg-type]  # the stub says int
            try:
                self.beat()
            except Exception:  # a failed beat (the database away) must not end the beats
                self.app.logger.exception("heartbeat failed")
            with self._lock:
                if not realtime.local_workshop_ids():
                    self._running = False
                    return


def heartbeat(app: Flask) -> Heartbeat:
    """Return this app's heartbeat (init_app made it)."""
    return app.extensions["toimija_heartbeat"]


def resync_here(app: Flask) -> None:
    """Put this process's connections back in step after messages may have been lost."""
    with app.app_context():
        try:
            _close_revoked()
        finally:
            db.session.remove()
        ticker = realtime.ticker()
        for workshop_id in realtime.local_workshop_ids():
            for name in ticker.handlers:
                ticker.mark(workshop_id, name)
    heartbeat(app).beat(force=True)


def _close_revoked() -> None:
    # The queue's close messages were lost with the rest: ask the database who still may.
    participant_ids = realtime.local_participant_ids()
    if participant_ids:
        active = set(
            db.session.scalars(
                select(Participant.id).where(
                    Participant.id.in_(participant_ids), Participant.removed_at.is_(None)
                )
            )
        )
        for participant_id in participant_ids - active:
            realtime.close_here(realtime.participant_room(participant_id), tell=True)
    for workshop_id, facilitator_id in realtime.local_facilitators():
        try:
            workshops.facilitated_workshop(facilitator_id, workshop_id)
        except DomainError:
            realtime.close_here(realtime.facilitator_room(workshop_id, facilitator_id), tell=True)


def message_queue_options(app: Flask) -> dict[str, Any]:
    """Return socketio.init_app's message queue arguments: Toimija's manager for Redis."""
    url = app.config["MESSAGE_QUEUE_URL"]
    if not url:
        return {}
    from . import message_queue

    if not url.startswith(message_queue.REDIS_SCHEMES):
        # Another broker (Kombu): events cross processes, removals close only local sockets.
        return {"message_queue": url}
    manager = message_queue.MessageQueue(
        url,
        channel="flask-socketio",  # Flask-SocketIO's own default, so old and new processes mix
        retry_seconds=app.config["MESSAGE_QUEUE_RETRY_SECONDS"],
        on_close=realtime.close_here,
        on_reconnect=lambda: resync_here(app),
    )
    return {"client_manager": manager}


def init_app(app: Flask) -> None:
    """Give the app its heartbeat."""
    app.extensions["toimija_heartbeat"] = Heartbeat(app)
