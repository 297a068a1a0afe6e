"""The read-only results link: a capability the facilitator hands to the client, revocable."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from .. import realtime, writes
from ..errors import NotFound
from ..extensions import db
from ..tokens import new_token
from ..urls import public_url_for
from ..workshops.models import Workshop

SHARE_KEY_PREFIX = "shr_"


def share_json(workshop: Workshop) -> dict[str, Any]:
    """Return the results link as facilitators see it (None when there is none)."""
    url = public_url_for("charter.shared", key=workshop.share_key) if workshop.share_key else None
    return {"share_url": url}


def _tell(unit: writes.Unit) -> None:
    # Outside the seq: only the facilitators need the link.
    workshop = unit.workshop
    unit.after_commit(
        lambda: realtime.tell_facilitators(
            workshop.id, realtime.SHARE_CHANGED, share_json(workshop)
        )
    )


def share(facilitator_id: int, workshop_id: int) -> Workshop:
    """Make a new read-only results link (any earlier one stops working)."""
    with writes.change(workshop_id, facilitator_id=facilitator_id, open_only=False) as unit:
        unit.workshop.share_key = new_token(24, SHARE_KEY_PREFIX)
        _tell(unit)
    return unit.workshop


def unshare(facilitator_id: int, workshop_id: int) -> Workshop:
    """Revoke the read-only results link."""
    with writes.change(workshop_id, facilitator_id=facilitator_id, open_only=False) as unit:
        unit.workshop.share_key = None
        _tell(unit)
    return unit.workshop


def workshop_by_share_key(key: object) -> Workshop:
    """Return the workshop a results link opens; raise NotFound (also once revoked)."""
    if not isinstance(key, str) or not key.startswith(SHARE_KEY_PREFIX):
        raise NotFound()
    workshop = db.session.scalar(select(Workshop).where(Workshop.share_key == key))
    if workshop is None:
        raise NotFound()
    return workshop
