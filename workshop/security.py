"""Response headers every page gets: CSP (scripts from the app only), no framing, no sniffing."""

from __future__ import annotations

from flask import Flask, Response, request


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


def _set_headers(response: Response) -> Response:
    response.headers.setdefault("Content-Security-Policy", _content_security_policy())
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    response.headers.setdefault("Referrer-Policy", "no-referrer")
    response.headers.setdefault("X-Frame-Options", "DENY")
    if request.path.startswith("/api/") or response.mimetype == "text/html":
        # Pages carry tokens in their links (projector): keep them out of shared caches.
        response.headers.setdefault("Cache-Control", "no-store")
    return response


def init_app(app: Flask) -> None:
    """Add the security headers to every response."""
    app.after_request(_set_headers)
