"""The Redis message queue between processes, with what Toimija adds to python-socketio's.

python-socketio's RedisManager carries emits, disconnects of known sids and room changes.
Three things are missing for a room served by several processes:

- **Closing a room's sockets everywhere.** A removed participant's sockets may sit on any
  process, and no process knows the others' sids. ``close_sockets(room)`` disconnects the
  room's sockets here and publishes one message; every other process disconnects its own.
- **One send per tick across processes.** ``claim(key, seconds)`` lets one process of all
  send a workshop's tally on a tick; the others keep their mark for the next (realtime.Ticker).
- **Knowing when messages were lost.** Redis pub/sub keeps nothing for a subscriber that is
  away: whatever was published while a process's listener was down is gone. The listener
  here retries at a capped interval (python-socketio's doubles up to 60 s), and when it is
  back it calls ``on_reconnect`` and tells the other processes (``resync``), so each can
  put its own clients back in step (see ``workshop/resync.py``).

This leans on two private methods of RedisManager, ``_listen`` and
``_redis_listen_with_retries`` (python-socketio 5.18); pyproject.toml pins the minor
version and tests/test_scale_out_recovery.py checks both behaviours with real processes.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterator
from typing import Any

import socketio  # type: ignore[import-untyped]
from redis.backoff import NoBackoff
from redis.retry import Retry

log = logging.getLogger(__name__)

#: Published by a process: close this room's sockets on every process.
CLOSE = "toimija_close"
#: Published by a process whose listener came back: messages may have been lost.
RESYNC = "toimija_resync"

#: Schemes python-socketio's RedisManager serves (other URLs keep Flask-SocketIO's choice).
REDIS_SCHEMES = ("redis://", "rediss://", "unix://", "valkey://", "valkeys://")


class MessageQueue(socketio.RedisManager):
    """RedisManager that closes a room's sockets on every process and reports reconnects."""

    def __init__(
        self,
        url: str,
        *,
        channel: str,
        retry_seconds: float,
        on_close: Callable[[str], None],
        on_reconnect: Callable[[], None],
    ) -> None:
        # No retries inside redis-py (its default is 10, backing off to 1 s each): a publish
        # during an outage would hold the request that made it for seconds, and a listener
        # that reconnected inside redis-py would never know it had missed anything.
        super().__init__(url, channel=channel, redis_options={"retry": Retry(NoBackoff(), 0)})
        self.retry_seconds = retry_seconds
        self.on_close = on_close
        self.on_reconnect = on_reconnect

    def close_sockets(self, room: str) -> None:
        """Disconnect the room's sockets here, and tell every other process to do the same."""
        self.on_close(room)
        self._publish({"method": CLOSE, "room": room, "host_id": self.host_id})

    def claim(self, key: str, seconds: float) -> bool:
        """Return whether this process is the first of all to claim ``key`` in the last
        ``seconds`` (the ticker's one send per tick per workshop); True when Redis cannot be
        asked: a duplicate send is better than none."""
        try:
            claimed = self.redis.set(
                f"{self.channel}:claim:{key}", self.host_id, nx=True, px=max(1, int(seconds * 1000))
            )
        except Exception:  # redis-py's errors, or no connection made yet
            return True
        return bool(claimed)

    def _listen(self) -> Iterator[Any]:
        # Decoded once here; PubSubManager._thread takes a dict as it is.
        for message in super()._listen():
            try:
                data = self.json.loads(message) if not isinstance(message, dict) else message
            except ValueError:
                continue
            if not isinstance(data, dict):
                continue
            method = data.get("method")
            if method not in (CLOSE, RESYNC):
                yield data
            elif data.get("host_id") != self.host_id:
                try:
                    if method == CLOSE and isinstance(data.get("room"), str):
                        self.on_close(data["room"])
                    elif method == RESYNC:
                        self.server.start_background_task(self.on_reconnect)
                except Exception:  # the listener must outlive one bad message
                    log.exception("message queue: %s failed", method)

    def _redis_listen_with_retries(self) -> Iterator[Any]:
        # As RedisManager's, with two changes: retries come every ``retry_seconds`` (its
        # back-off doubles to 60 s, so a 10 s outage left a process deaf for up to 16 s), and
        # a listener that is back reports it, here and to the other processes.
        lost = False
        while True:
            try:
                self._redis_connect()
                self.pubsub.subscribe(self.channel)
                if lost:
                    lost = False
                    log.warning("message queue: listening again; resyncing clients")
                    self._publish({"method": RESYNC, "host_id": self.host_id})
                    self.server.start_background_task(self.on_reconnect)
                yield from self.pubsub.listen()
            except Exception as exc:
                if not lost:
                    log.error("message queue: cannot receive from Redis (%s); retrying", exc)
                lost = True
                time.sleep(self.retry_seconds)
