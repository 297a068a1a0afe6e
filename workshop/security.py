"""Response headers every page gets: CSP (scripts from the app only), no framing, no sniffing."""

from __future__ import annotations

from typing import Any

from flask import Flask, Request, Response, request
from flask.sessions import SecureCookieSessionInterface


class SessionCookies(SecureCookieSessionInterface):
    """Flask's signed cookie sessions, with the signing serializer made once per key.

    Flask-SocketIO pushes a request context for every socket event, and each push opens
    the session: building the serializer there cost a voting room about 2 % of its CPU.
    """

    def __init__(self) -> None:
        self._made: tuple[Any, Any] | None = None

    def open_session(self, app: Flask, request: Request) -> Any:
        if "saved_session" in request.environ:
            # A socket event after the connect: Flask-SocketIO puts the connection's own
            # session in place of this one straight away (workshop/socket_events.py).
            return self.session_class()
        return super().open_session(app, request)

    def get_signing_serializer(self, app: Flask) -> Any:
        key = (app.secret_key, tuple(app.config.get("SECRET_KEY_FALLBACKS") or ()))
        made = self._made
        if made is None or made[0] != key:
            made = self._made = (key, super().get_signing_serializer(app))
        return made[1]


def _content_security_policy() -> str:
    host = request.host
    return "; ".join(
        [
            "default-src 'self'",
            "script-src 'self'",
            "style-src 'self'",
            "img-src 'self' data:",
            "font-src 'self'",
            f"connect-src 'self' ws://{host} wss://{host}",
            "object-src 'none'",
            "base-uri 'none'",
            "form-action 'self'",
            "frame-ancestors 'none'",
        ]
    )


#: Responses that never become a document: CSP and framing rules on them do nothing, and
#: a phone would pay for those bytes on each of them.
_NEVER_DOCUMENTS = {"text/css", "text/javascript", "application/javascript"}


def _set_headers(response: Response) -> Response:
    if response.mimetype not in _NEVER_DOCUMENTS:
        response.headers.setdefault("Content-Security-Policy", _content_security_policy())
        response.headers.setdefault("X-Frame-Options", "DENY")
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    response.headers.setdefault("Referrer-Policy", "no-referrer")
    if request.path.startswith("/api/") or response.mimetype == "text/html":
        # Pages carry tokens in their links (projector): keep them out of shared caches.
        response.headers.setdefault("Cache-Control", "no-store")
    return response


def init_app(app: Flask) -> None:
    """Add the security headers to every response; sign sessions with one serializer."""
    app.session_interface = SessionCookies()
    app.after_request(_set_headers)
