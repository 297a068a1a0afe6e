"""Counting failures in memory, to slow down password guessing. Nothing is written to disk.

Each process counts its own; behind several processes an attacker gets a few
more tries, never an unlimited number.
"""

from __future__ import annotations

import threading
import time
from collections import deque

from .errors import RateLimited


class FailureThrottle:
    """Allow at most ``limit`` failures per key within ``window`` seconds."""

    def __init__(self, limit: int, window: float) -> None:
        self.limit = limit
        self.window = window
        self._failures: dict[str, deque[float]] = {}
        self._lock = threading.Lock()

    def _recent(self, key: str, now: float) -> deque[float]:
        failures = self._failures.setdefault(key, deque())
        while failures and now - failures[0] > self.window:
            failures.popleft()
        return failures

    def check(self, key: str) -> None:
        """Raise RateLimited while the key has used up its failures."""
        with self._lock:
            if len(self._recent(key, time.monotonic())) >= self.limit:
                raise RateLimited()

    def failed(self, key: str) -> None:
        """Count one failure for the key."""
        with self._lock:
            now = time.monotonic()
            self._recent(key, now).append(now)
            if len(self._failures) > 10_000:  # bound the memory a flood can take
                self._failures = {k: v for k, v in self._failures.items() if v}

    def succeeded(self, key: str) -> None:
        """Forget the key's failures."""
        with self._lock:
            self._failures.pop(key, None)

    def clear(self) -> None:
        """Forget every failure (tests; a restart does the same)."""
        with self._lock:
            self._failures.clear()
