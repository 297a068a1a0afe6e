"""Limits on Socket.IO events per connection: no phone, and no 200 sockets, can stall the room.

Every event but connect and disconnect passes here before any of its work is done: no
Flask request context, no session, no query is spent on an event that is refused.

- **A token bucket per connection.** ``SOCKET_EVENT_BURST`` events at once, refilled at
  ``SOCKET_EVENTS_PER_SECOND``. An event over it is not run; its ack is ``rate_limited``
  with ``retry_after`` (seconds), and the phone sends it again then (its key makes a retry
  land once). An event its handler refused (an ack with ``ok: false``: an invalid vote, a
  practice that is not there) costs ``SOCKET_ERROR_COST`` tokens: a loop of invalid events
  runs dry ten times sooner than a person voting.
- **Snapshots coalesced.** A connection gets at most one snapshot per
  1/``SOCKET_SNAPSHOTS_PER_SECOND`` seconds, the one sent at connect included. A request
  before that is answered by one snapshot sent when the time comes (built then, so it is
  the newest); further requests meanwhile are answered by that same one.
- **Floods disconnected.** A connection refused ``SOCKET_REFUSALS_BEFORE_DISCONNECT``
  times within ``SOCKET_REFUSAL_WINDOW_SECONDS`` is disconnected, and its credential (the
  participant, the projector key, the facilitator in that workshop) may not connect again
  while ``LIMIT_SOCKET_FLOODS_PER_CREDENTIAL`` says so. Connects themselves are counted
  per credential (``LIMIT_SOCKET_CONNECTS_PER_CREDENTIAL``): each one costs a snapshot.

A real phone never meets these: it sends an event per tap, and its one outstanding
snapshot request. ``SOCKET_EVENTS_PER_SECOND`` = 0 turns the per-connection limits off.

- **Busy, never silent.** A handler whose bounded wait for the database ran out (no pooled
  connection within ``DATABASE_POOL_TIMEOUT``, SQLite's write lock not within
  ``DATABASE_BUSY_TIMEOUT``: ``database.is_busy``) is answered with the ack ``busy`` and
  ``retry_after`` (``BUSY_RETRY_AFTER_SECONDS``) instead of dying with no ack; its session
  was already rolled back and its connection returned when Flask-SocketIO's request context
  ended. The phone sends the same event again (its key makes it land once). A busy event
  costs its one token, not the error cost: the server's fault, not the phone's, but a
  retry loop still spends the bucket. A snapshot that met a busy database is sent later,
  on a backoff, by the server itself (``request_snapshot`` has no ack to say it in). This
  holds with the limits off too.

The handlers run where the connection's messages are read (``async_handlers=False``), so
one connection's events wait for each other: a flooding socket queues in its own TCP
buffer, not in the server's memory as a task per event.
"""

from __future__ import annotations

import logging
import math
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from flask import Flask, request
from flask_babel import lazy_gettext as _l
from flask_socketio import SocketIO

from . import database, throttle
from .errors import Busy, RateLimited

log = logging.getLogger(__name__)

#: Where a connection keeps its limits: its Engine.IO environ, which lives as long as it.
STATE = "toimija.socket_rates"
SNAPSHOT_EVENT = "request_snapshot"
#: Events the limits leave alone: the connect has its own count, and a disconnect is free.
UNLIMITED = frozenset({"connect", "disconnect"})
#: The longest a connection's snapshot waits for a busy database between two tries.
SNAPSHOT_BACKOFF_LIMIT = 30.0
#: At most one "busy" line in the log per this many seconds (with how many it stands for).
BUSY_LOG_SECONDS = 10.0


class TooManyEvents(RateLimited):
    message = _l("Too many actions in a short time. Wait a moment: it will be sent again.")


class TooManyConnects(RateLimited):
    message = _l("Too many connections in a short time. Wait a moment and reload the page.")


@dataclass
class Connection:
    """One connection's bucket, refusals and snapshot; created at connect."""

    tokens: float
    refill_at: float
    credential: str
    refused: dict[str, Any]
    #: The busy ack's error, translated at connect like ``refused``.
    busy: dict[str, Any] = field(default_factory=dict)
    #: Snapshots in a row that met a busy database (their backoff doubles).
    busy_snapshots: int = 0
    refusals: list[float] = field(default_factory=list)
    next_snapshot: float = 0.0
    snapshot_waiting: bool = False
    lock: threading.Lock = field(default_factory=threading.Lock)


class SocketRates:
    """The limits of one app's Socket.IO server (one per create_app)."""

    def __init__(self, app: Flask, socketio: SocketIO) -> None:
        self.app = app
        self.socketio = socketio
        self.server = socketio.server  # type: ignore[attr-defined]
        config = app.config
        self.rate = float(config["SOCKET_EVENTS_PER_SECOND"])
        self.burst = float(config["SOCKET_EVENT_BURST"])
        self.error_cost = float(config["SOCKET_ERROR_COST"])
        snapshots = float(config["SOCKET_SNAPSHOTS_PER_SECOND"])
        self.snapshot_interval = 1 / snapshots if snapshots > 0 else 0.0
        self.refusals_allowed = int(config["SOCKET_REFUSALS_BEFORE_DISCONNECT"])
        self.refusal_window = float(config["SOCKET_REFUSAL_WINDOW_SECONDS"])
        self.busy_retry_after = float(config["BUSY_RETRY_AFTER_SECONDS"])
        self._busy_logged_at = -math.inf
        self._busy_unlogged = 0
        self._busy_log_lock = threading.Lock()

    # --- the connect ---------------------------------------------------------------------

    def admit(self, credential: str) -> None:
        """At connect, with the viewer known: refuse a credential that flooded a while ago
        or connects too often (RateLimited with retry_after), and set up the limits."""
        for setting in (throttle.SOCKET_FLOODS, throttle.SOCKET_CONNECTS):
            if throttle.is_over(setting, credential):
                raise TooManyConnects(retry_after=throttle.retry_after(setting, credential))
        throttle.failed(throttle.SOCKET_CONNECTS, credential)
        now = time.monotonic()
        # Translated now, in the connection's language: a refusal later needs no context.
        refused = TooManyEvents().to_dict()["error"]
        busy = Busy(retry_after=self.busy_retry_after).to_dict()["error"]
        request.environ[STATE] = Connection(
            tokens=self.burst,
            refill_at=now,
            credential=credential,
            refused=refused,
            busy=busy,
            next_snapshot=now + self.snapshot_interval,  # the connect sends one
        )

    # --- every other event ---------------------------------------------------------------

    def install(self) -> None:
        """Put the limits in front of every handler bound so far, and of events no handler
        knows (which would otherwise cost nothing to send, and nothing to refuse)."""
        handlers = self.server.handlers.setdefault("/", {})
        handlers.setdefault("*", lambda event, sid, *args: None)
        for name, handler in list(handlers.items()):
            if name in UNLIMITED:
                continue
            if name == SNAPSHOT_EVENT:
                handlers[name] = self._coalesced(self._snapshot_when_free(handler))
            elif name == "*":
                handlers[name] = self._limited_any(handler)
            else:
                handlers[name] = self._limited(self._answered(handler))

    def _connection(self, sid: str) -> Connection | None:
        environ = self.server.get_environ(sid, "/")
        return environ.get(STATE) if environ is not None else None

    def _limited(self, handler: Callable[..., Any]) -> Callable[..., Any]:
        def limited(sid: str, *args: Any) -> Any:
            connection = self._connection(sid)
            if connection is None or not self.rate:
                return handler(sid, *args)
            wait = self._take(connection, 1.0)
            if wait:
                return self._refuse(sid, connection, wait)
            result = handler(sid, *args)
            if isinstance(result, dict) and result.get("ok") is False and not _is_busy(result):
                self._take(connection, self.error_cost - 1, force=True)
            return result

        return limited

    # --- a busy database -----------------------------------------------------------------

    def _answered(self, handler: Callable[..., Any]) -> Callable[..., Any]:
        """Ack ``busy`` with ``retry_after`` where the handler's wait for the database ran out."""

        def answered(sid: str, *args: Any) -> Any:
            try:
                return handler(sid, *args)
            except database.WAIT_ERRORS as error:
                if not database.is_busy(error):
                    raise
                self._log_busy(error)
                return {"ok": False, "error": self._busy_error(self._connection(sid))}

        return answered

    def _snapshot_when_free(self, handler: Callable[..., Any]) -> Callable[..., Any]:
        """Send a snapshot that met a busy database later, backing off while it stays busy."""

        def when_free(sid: str, *args: Any) -> Any:
            connection = self._connection(sid)
            try:
                result = handler(sid, *args)
            except database.WAIT_ERRORS as error:
                if not database.is_busy(error):
                    raise
                self._log_busy(error)
                if connection is None:
                    return None
                with connection.lock:
                    tries = connection.busy_snapshots
                    connection.busy_snapshots += 1
                    connection.snapshot_waiting = True  # requests meanwhile: this one answers
                wait = min(SNAPSHOT_BACKOFF_LIMIT, self.busy_retry_after * 2**tries)
                self.socketio.start_background_task(self._later, wait, when_free, sid, connection)
                return None
            if connection is not None:
                with connection.lock:
                    connection.busy_snapshots = 0
            return result

        return when_free

    def _busy_error(self, connection: Connection | None) -> dict[str, Any]:
        if connection is not None and connection.busy:
            return {**connection.busy, "retry_after": self.busy_retry_after}
        with self.app.app_context():  # no connection state: the default language
            return Busy(retry_after=self.busy_retry_after).to_dict()["error"]

    def _log_busy(self, error: BaseException) -> None:
        # Under a keynote's load this could be thousands of lines a second: one per interval.
        with self._busy_log_lock:
            now = time.monotonic()
            self._busy_unlogged += 1
            if now - self._busy_logged_at < BUSY_LOG_SECONDS:
                return
            count, self._busy_unlogged, self._busy_logged_at = self._busy_unlogged, 0, now
        log.warning("database busy, %d socket event(s) answered busy: %s", count, error)

    def _limited_any(self, handler: Callable[..., Any]) -> Callable[..., Any]:
        # The catch-all handler is called with the event's name first.
        def limited(event: str, sid: str, *args: Any) -> Any:
            connection = self._connection(sid)
            if connection is None or not self.rate:
                return handler(event, sid, *args)
            wait = self._take(connection, self.error_cost)  # no such event: an error
            if wait:
                return self._refuse(sid, connection, wait)
            return handler(event, sid, *args)

        return limited

    def _coalesced(self, handler: Callable[..., Any]) -> Callable[..., Any]:
        def coalesced(sid: str, *args: Any) -> Any:
            connection = self._connection(sid)
            if connection is None or not self.snapshot_interval:
                return handler(sid, *args)
            with connection.lock:
                if connection.snapshot_waiting:
                    # Answered by the snapshot already on its way; asking again and again
                    # is what a flood does, not a phone.
                    waiting = True
                else:
                    waiting = False
                    now = time.monotonic()
                    wait = connection.next_snapshot - now
                    connection.next_snapshot = max(now, connection.next_snapshot)
                    connection.next_snapshot += self.snapshot_interval
                    connection.snapshot_waiting = wait > 0
            if waiting:
                return self._refuse(sid, connection, 0.0)
            if wait <= 0:
                return handler(sid, *args)
            self.socketio.start_background_task(self._later, wait, handler, sid, connection)
            return None

        return coalesced

    def _later(
        self, wait: float, handler: Callable[..., Any], sid: str, connection: Connection
    ) -> None:
        self.socketio.sleep(wait)  # type: ignore[arg-type]  # seconds, a float is fine
        with connection.lock:
            connection.snapshot_waiting = False
        if self.server.manager.is_connected(sid, "/"):
            handler(sid)

    # --- the bucket ----------------------------------------------------------------------

    def _take(self, connection: Connection, cost: float, *, force: bool = False) -> float:
        """Spend ``cost`` tokens; return 0, or the seconds until they are there (not spent).
        ``force`` spends them anyway (the cost of an error, once known), down to a debt of
        one burst at most."""
        with connection.lock:
            now = time.monotonic()
            connection.tokens = min(
                self.burst, connection.tokens + (now - connection.refill_at) * self.rate
            )
            connection.refill_at = now
            if force or connection.tokens >= cost:
                connection.tokens = max(-self.burst, connection.tokens - cost)
                return 0.0
            return (cost - connection.tokens) / self.rate

    def _refuse(self, sid: str, connection: Connection, wait: float) -> dict[str, Any]:
        now = time.monotonic()
        with connection.lock:
            connection.refusals = [t for t in connection.refusals if now - t < self.refusal_window]
            connection.refusals.append(now)
            flooding = len(connection.refusals) >= self.refusals_allowed
        if flooding:
            self._disconnect(sid, connection)
        # retry_after rounded up to a tenth: the phone waits that long and sends again.
        retry_after = math.ceil(wait * 10) / 10
        return {"ok": False, "error": {**connection.refused, "retry_after": retry_after}}

    def _disconnect(self, sid: str, connection: Connection) -> None:
        log.warning("socket %s disconnected for flooding (%s)", sid, connection.credential)
        with self.app.app_context():
            throttle.failed(throttle.SOCKET_FLOODS, connection.credential)
        self.server.disconnect(sid, namespace="/", ignore_queue=True)  # the sid is here


def _is_busy(ack: dict[str, Any]) -> bool:
    error = ack.get("error")
    return isinstance(error, dict) and error.get("code") == Busy.code


def init_app(app: Flask, socketio: SocketIO) -> SocketRates:
    """Create the limits; ``install()`` them once every handler is bound."""
    rates = SocketRates(app, socketio)
    app.extensions["toimija_socket_rates"] = rates
    return rates


def admit(app: Flask, credential: str) -> None:
    """At connect: refuse a credential that floods or reconnects too often."""
    app.extensions["toimija_socket_rates"].admit(credential)
