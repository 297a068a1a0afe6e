"""The workshop's webhook: every status change posted, signed, and never in the way.

A change writes its delivery into an outbox row in its own transaction; a background
task posts it after the commit (a request never waits on a slow target), signs the
body with HMAC-SHA256 under the workshop's secret (header ``X-Toimija-Signature:
sha256=<hex>``), and retries a failure with doubling waits until it is taken or
``WEBHOOK_ATTEMPTS`` ran out. The workshop's page shows a failing target.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import secrets
import threading
import urllib.error
import urllib.request
from datetime import timedelta
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from flask import Flask, current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy import select, update

from ..errors import ValidationFailed
from ..extensions import db, socketio
from ..timeutil import aware, isoformat, utcnow
from .models import URL_MAX, WebhookDelivery

if TYPE_CHECKING:
    from ..practices.models import Practice
    from ..workshops.models import Workshop
    from .models import CommitmentUpdate

SIGNATURE_HEADER = "X-Toimija-Signature"
#: How long one process holds a delivery it is posting before another may take it.
_LEASE = timedelta(minutes=2)


def parse_url(value: object) -> str | None:
    """Return an http(s) URL for the webhook (None for null or "")."""
    if value is None or value == "":
        return None
    if not isinstance(value, str) or len(value) > URL_MAX:
        raise ValidationFailed(fields={"url": _l("Give an http:// or https:// address.")})
    parts = urlsplit(value.strip())
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ValidationFailed(fields={"url": _l("Give an http:// or https:// address.")})
    return value.strip()


def new_secret() -> str:
    return secrets.token_hex(24)


def sign(secret: str, body: bytes) -> str:
    """Return the signature header's value for a body."""
    return "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


def enqueue(workshop: Workshop, practice: Practice, update: CommitmentUpdate) -> None:
    """Write a status change's delivery, in the change's transaction (no target: none)."""
    if not workshop.webhook_url:
        return
    body = {
        "event": "commitment.status_changed",
        "workshop": {"id": workshop.id, "title": workshop.title},
        "commitment": {
            "id": practice.id,
            "title": practice.title,
            "owner": practice.commitment_owner,
            "due_on": practice.commitment_due_on.isoformat()
            if practice.commitment_due_on
            else None,
            "status": update.status,
        },
        "update": {
            "status": update.status,
            "note": update.note,
            "by": "owner" if update.is_by_owner else "facilitator",
            "at": isoformat(update.created_at or utcnow()),
        },
    }
    db.session.add(
        WebhookDelivery(
            workshop_id=workshop.id,
            url=workshop.webhook_url,
            body=json.dumps(body, ensure_ascii=False, sort_keys=True),
            next_at=utcnow(),
        )
    )


def _post(url: str, body: bytes, secret: str, timeout: float) -> None:
    request = urllib.request.Request(
        url,
        data=body,
        method="POST",
        headers={
            "Content-Type": "application/json",
            "User-Agent": "Toimija-webhook/1",
            SIGNATURE_HEADER: sign(secret, body),
        },
    )
    with urllib.request.urlopen(request, timeout=timeout) as response:
        response.read(1024)


def _claim(delivery_id: int, next_at: Any) -> bool:
    """Take a due delivery for this process (another process may be posting it too)."""
    claimed = db.session.execute(
        update(WebhookDelivery)
        .where(WebhookDelivery.id == delivery_id, WebhookDelivery.next_at == next_at)
        .values(next_at=utcnow() + _LEASE)
    )
    db.session.commit()
    return claimed.rowcount == 1  # type: ignore[attr-defined]


def deliver_due(limit: int = 50) -> int:
    """Post every delivery that is due now; return how many were taken."""
    from ..workshops.models import Workshop

    config = current_app.config
    due = db.session.execute(
        select(WebhookDelivery.id, WebhookDelivery.next_at)
        .where(WebhookDelivery.next_at <= utcnow())
        .order_by(WebhookDelivery.next_at)
        .limit(limit)
    ).all()
    db.session.rollback()
    taken = 0
    for delivery_id, next_at in due:
        if not _claim(delivery_id, next_at):
            continue
        delivery = db.session.get(WebhookDelivery, delivery_id)
        workshop = db.session.get(Workshop, delivery.workshop_id) if delivery else None
        if delivery is None or workshop is None:
            continue
        secret = workshop.webhook_secret or ""
        db.session.rollback()  # no transaction open while the target answers
        error = None
        try:
            _post(delivery.url, delivery.body.encode(), secret, config["WEBHOOK_TIMEOUT"])
        except (urllib.error.URLError, OSError, ValueError) as failure:
            error = _describe(failure)
        delivery = db.session.get(WebhookDelivery, delivery_id)
        if delivery is None:
            continue
        delivery.attempts += 1
        if error is None:
            delivery.delivered_at, delivery.next_at, delivery.last_error = utcnow(), None, None
            taken += 1
        else:
            delivery.last_error = error
            wait = config["WEBHOOK_RETRY_SECONDS"] * 2 ** (delivery.attempts - 1)
            gives_up = delivery.attempts >= config["WEBHOOK_ATTEMPTS"]
            delivery.next_at = None if gives_up else utcnow() + timedelta(seconds=wait)
        db.session.commit()
    return taken


def _describe(failure: Exception) -> str:
    if isinstance(failure, urllib.error.HTTPError):
        return f"HTTP {failure.code}"
    reason = getattr(failure, "reason", None) or failure
    return str(reason)[:200] or type(failure).__name__


def failing(workshop_id: int) -> dict[str, Any] | None:
    """Return the newest delivery that failed and is not delivered yet, if any."""
    query = (
        select(WebhookDelivery)
        .where(
            WebhookDelivery.workshop_id == workshop_id,
            WebhookDelivery.delivered_at.is_(None),
            WebhookDelivery.last_error.is_not(None),
        )
        .order_by(WebhookDelivery.id.desc())
    )
    delivery = db.session.scalars(query).first()
    if delivery is None:
        return None
    return {
        "error": delivery.last_error,
        "attempts": delivery.attempts,
        "next_at": isoformat(delivery.next_at) if delivery.next_at else None,
        "gave_up": delivery.next_at is None,
    }


# --- the background sender: one per process while deliveries are pending ---

_lock = threading.Lock()
_wake = threading.Event()
_running: set[int] = set()


def kick() -> None:
    """Wake this process's sender, starting it if it is not running. It runs while any
    delivery waits (a retry's wait included) and then ends; a process that restarts
    with deliveries pending takes them up on its next change, or `flask followups`."""
    app = current_app._get_current_object()  # type: ignore[attr-defined]
    if not app.config["WEBHOOK_SENDER"]:
        return
    with _lock:
        _wake.set()
        if id(app) in _running:
            return
        _running.add(id(app))
    socketio.start_background_task(_run, app)


def _pending_at() -> Any:
    return db.session.scalar(select(db.func.min(WebhookDelivery.next_at)))


def _run(app: Flask) -> None:
    try:
        while True:
            _wake.clear()
            with app.app_context():
                try:
                    deliver_due()
                    next_at = _pending_at()
                finally:
                    db.session.remove()
            if next_at is None:
                with _lock:
                    if not _wake.is_set():
                        _running.discard(id(app))
                        return
                continue
            _wake.wait(max(0.05, (aware(next_at) - utcnow()).total_seconds()))
    except Exception:
        app.logger.exception("delivering webhooks failed")
        with _lock:
            _running.discard(id(app))
