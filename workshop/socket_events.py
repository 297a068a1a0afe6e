"""What every socket event costs before its handler runs, kept small for a keynote room.

Flask-SocketIO pushes a request context for each event (workshop/socket_rates.py sits in
front of it). At 2,000 voting phones three parts of that push were a fifth of the
process's CPU, none of them needed after the connect:

- matching the Socket.IO path against the app's routes, which fails, and builds a
  NotFound with its traceback, on every event: the path gets a route of its own (never
  dispatched: Engine.IO answers it before Flask);
- parsing the connect's cookies to open a session that Flask-SocketIO then replaces
  with the connection's own (security.SessionCookies skips it);
- a new JSON decoder per packet, which Engine.IO's guard on long integers makes: one
  decoder with the same guard is kept here.
"""

from __future__ import annotations

import json
from typing import Any

from flask import Flask, abort


def _safe_int(digits: str) -> int:
    # Engine.IO's guard: a number of thousands of digits costs quadratic time to parse.
    if len(digits) > 100:
        raise ValueError("Integer is too large")
    return int(digits)


class PacketJSON:
    """The JSON module Socket.IO encodes and decodes packets with (``json=``)."""

    _decoder = json.JSONDecoder(parse_int=_safe_int)

    @staticmethod
    def dumps(*args: Any, **kwargs: Any) -> str:
        return json.dumps(*args, **kwargs)

    @classmethod
    def loads(cls, text: str | bytes, **kwargs: Any) -> Any:
        if kwargs:
            return json.loads(text, **{"parse_int": _safe_int, **kwargs})
        if isinstance(text, bytes):
            text = text.decode()
        return cls._decoder.decode(text)


def _not_here() -> Any:
    abort(404)  # Engine.IO answers this path before Flask: a request never gets here


def init_app(app: Flask) -> None:
    """Give the Socket.IO path a route, so an event's request context matches it."""
    app.add_url_rule("/socket.io/", endpoint="socket_io", view_func=_not_here)
