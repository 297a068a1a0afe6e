"""Owners' links: a capability per commitment, with no account behind it.

The token is ``<link id>.<HMAC-SHA256 of the id and the row's nonce under the app's
secret key>``: the facilitator's page can show it again, the database alone never
holds it, a new nonce (a new link) ends the old one, and checking it compares in
constant time. Tokens are never logged: the owner's page sends no referrer and
the app logs no request lines.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets

from flask import current_app
from sqlalchemy import select

from ..extensions import db
from ..timeutil import utcnow
from .models import OwnerLink

PREFIX = "tc_"


def _mac(link_id: int, nonce: str) -> str:
    key = str(current_app.config["SECRET_KEY"]).encode()
    message = f"owner-link:{link_id}:{nonce}".encode()
    return hmac.new(key, message, hashlib.sha256).hexdigest()[:40]


def token_of(link: OwnerLink) -> str:
    """Return the token of a link (to show the facilitator, or to mail the owner)."""
    return f"{PREFIX}{link.id}.{_mac(link.id, link.nonce)}"


def active_link(practice_id: int) -> OwnerLink | None:
    """Return the commitment's link that works now, if it has one."""
    query = (
        select(OwnerLink)
        .where(OwnerLink.practice_id == practice_id, OwnerLink.revoked_at.is_(None))
        .order_by(OwnerLink.id.desc())
    )
    return db.session.scalars(query).first()


def new_link(practice_id: int) -> OwnerLink:
    """Revoke the commitment's link, if any, and add a new one (the caller commits)."""
    revoke(practice_id)
    link = OwnerLink(practice_id=practice_id, nonce=secrets.token_hex(16))
    db.session.add(link)
    db.session.flush()  # its id is part of the token
    return link


def revoke(practice_id: int) -> bool:
    """End the commitment's working link; return whether there was one (caller commits)."""
    link = active_link(practice_id)
    if link is None:
        return False
    link.revoked_at = utcnow()
    return True


def link_by_token(token: object) -> OwnerLink | None:
    """Return the link a token names, revoked or not, or None if it names none."""
    if not isinstance(token, str) or not token.startswith(PREFIX) or len(token) > 80:
        return None
    link_id, _, mac = token[len(PREFIX) :].partition(".")
    if not link_id.isascii() or not link_id.isdigit() or len(link_id) > 12:
        return None
    link = db.session.get(OwnerLink, int(link_id))
    if link is None or not hmac.compare_digest(mac.encode(), _mac(link.id, link.nonce).encode()):
        return None
    return link
