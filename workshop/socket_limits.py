"""How big a Socket.IO message may be, enforced before the message is read whole.

``SOCKETIO_MAX_BUFFER`` is Engine.IO's ``max_http_buffer_size``, but Engine.IO checks it late:

- **Polling.** A POST over the limit makes Engine.IO close the session and wait for the
  client's next GET to take the close packet: the POST got no answer for tens of seconds.
  ``PollingBodyLimit`` answers it at once with 413, from the Content-Length, before any
  of the body is read (the server then reads the rest and drops it, as for any request),
  and closes the session without waiting: the close packet goes out on the next GET.
- **Websocket.** Engine.IO compares a message's size after simple-websocket has read it
  whole; told ``max_message_size``, simple-websocket closes the connection (1009) as soon
  as the frames it has read pass the limit, so one message never costs more than that.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any
from urllib.parse import parse_qs

from flask import Flask
from flask_socketio import SocketIO

from .validation import ascii_number

TOO_LARGE = b"Payload too large"


class PollingBodyLimit:
    """WSGI middleware: refuse a Socket.IO POST longer than ``limit`` bytes with 413."""

    def __init__(
        self, app: Callable[..., Iterable[bytes]], limit: int, path: str, eio: Any
    ) -> None:
        self.app = app
        self.limit = limit
        self.path = path
        self.eio = eio

    def __call__(self, environ: dict[str, Any], start_response: Callable) -> Iterable[bytes]:
        if environ.get("REQUEST_METHOD") == "POST" and environ.get("PATH_INFO", "").startswith(
            self.path
        ):
            length = ascii_number(environ.get("CONTENT_LENGTH") or "0")
            if length is None or length > self.limit:
                self._close_session(environ)
                start_response(
                    "413 Payload Too Large",
                    [("Content-Type", "text/plain"), ("Content-Length", str(len(TOO_LARGE)))],
                )
                return [TOO_LARGE]
        return self.app(environ, start_response)

    def _close_session(self, environ: dict[str, Any]) -> None:
        # As Engine.IO does for an oversized POST, but without waiting for the client's GET.
        sid = parse_qs(environ.get("QUERY_STRING", "")).get("sid", [""])[0]
        session = self.eio.sockets.pop(sid, None)
        if session is not None and not session.closed:
            session.close(wait=False, reason=self.eio.reason.SERVER_DISCONNECT)


def _bound_websocket_messages(socketio: SocketIO, limit: int) -> None:
    # Engine.IO picks its websocket class per async mode, in the server's private _async
    # table; where that class is simple-websocket's, a subclass passes the limit on.
    from engineio.async_drivers._websocket_wsgi import (  # type: ignore[import-untyped]
        SimpleWebSocketWSGI,
    )

    eio = socketio.server.eio  # type: ignore[attr-defined]
    websocket = eio._async.get("websocket")
    if not (isinstance(websocket, type) and issubclass(websocket, SimpleWebSocketWSGI)):
        return  # gevent-websocket, say: Engine.IO's own late check still applies

    class BoundedWebSocket(websocket):  # type: ignore[misc, valid-type]
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self.server_args["max_message_size"] = limit

    eio._async = {**eio._async, "websocket": BoundedWebSocket}


def init_app(app: Flask, socketio: SocketIO) -> None:
    """Refuse oversized polling POSTs at once and close oversized websocket messages early."""
    limit = app.config["SOCKETIO_MAX_BUFFER"]
    _bound_websocket_messages(socketio, limit)
    # Flask-SocketIO's middleware is app.wsgi_app now; this goes in front of it.
    eio = socketio.server.eio  # type: ignore[attr-defined]
    app.wsgi_app = PollingBodyLimit(  # type: ignore[method-assign]
        app.wsgi_app, limit, "/socket.io", eio
    )
