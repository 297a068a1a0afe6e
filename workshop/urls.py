"""Absolute links that other devices open: join links and projector links."""

from __future__ import annotations

from flask import current_app, request, url_for

from .network import is_loopback_host, lan_address


def public_base_url() -> str:
    """Return the base URL phones should use: PUBLIC_URL, else the LAN address, else the host."""
    if configured := current_app.config.get("PUBLIC_URL"):
        return configured
    host = request.host
    if is_loopback_host(host) and (address := lan_address()):
        port = host.rsplit(":", 1)[1] if ":" in host.split("]")[-1] else None
        return f"{request.scheme}://{address}" + (f":{port}" if port else "")
    return request.host_url.rstrip("/")


def public_url_for(endpoint: str, **values) -> str:
    """Return an absolute URL for an endpoint, on the address phones can reach."""
    return public_base_url() + url_for(endpoint, **values)


def join_url(code: str) -> str:
    """Return the link in the QR code: it opens the join form with the code filled in."""
    return public_url_for("participants.join_with_code", code=code)
