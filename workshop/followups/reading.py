"""What a workshop's follow-up looks like to its facilitators, its owners and its charter."""

from __future__ import annotations

from datetime import date
from typing import Any

from ..practices.models import Practice
from ..stories.models import Story
from ..timeutil import isoformat, utcnow
from ..urls import public_url_for
from ..workshops.models import Workshop
from . import links, webhooks
from . import services as followups
from .models import OPEN_STATUSES, Status


def _visible_stories(practice: Practice) -> list[dict[str, Any]]:
    # The stories the room saw (hidden ones stay hidden after the workshop too).
    return [
        {"id": s.id, "title": s.title, "agency": s.agency, "channel": str(s.channel)}
        for s in practice.stories
        if isinstance(s, Story) and not s.is_hidden
    ]


def commitment_json(
    practice: Practice,
    history: list[dict[str, Any]],
    *,
    for_facilitators: bool,
    today: date | None = None,
) -> dict[str, Any]:
    """Return one commitment with its status and history; the owner's address and link
    only for facilitators."""
    status = practice.commitment_status or Status.NOT_STARTED
    today = today or followups.earliest_today()
    body: dict[str, Any] = {
        "id": practice.id,
        "title": practice.title,
        "position": practice.commitment_position,
        "owner": practice.commitment_owner,
        "first_step": practice.commitment_first_step,
        "due_on": practice.commitment_due_on.isoformat() if practice.commitment_due_on else None,
        "is_overdue": bool(
            practice.commitment_due_on
            and practice.commitment_due_on < today
            and status in OPEN_STATUSES
        ),
        "status": str(status),
        "status_name": followups.status_name(status),
        "history": history,
        "stories": _visible_stories(practice),
    }
    if for_facilitators:
        link = links.active_link(practice.id)
        body["owner_email"] = practice.commitment_owner_email
        body["link"] = (
            {
                "url": public_url_for("followups.owner", token=links.token_of(link)),
                "created_at": isoformat(link.created_at),
            }
            if link
            else None
        )
    return body


def commitments_json(
    workshop: Workshop, *, for_facilitators: bool, today: date | None = None
) -> list[dict[str, Any]]:
    """Return a workshop's commitments, in order, each with its status and history."""
    practices = followups.commitments_of(workshop.id)
    history = followups.history_of([p.id for p in practices])
    return [
        commitment_json(p, history[p.id], for_facilitators=for_facilitators, today=today)
        for p in practices
    ]


def followup_json(workshop: Workshop, today: date | None = None) -> dict[str, Any]:
    """Return the whole follow-up as the facilitators' page and API see it."""
    today = today or utcnow().date()
    current, late = followups.waiting(workshop, today)
    return {
        "workshop": {"id": workshop.id, "title": workshop.title, "closed": not workshop.is_open},
        "commitments": commitments_json(workshop, for_facilitators=True, today=today),
        "check_ins": [c.due_on.isoformat() for c in followups.check_ins_of(workshop.id)],
        "check_in_now": current.due_on.isoformat() if current else None,
        "without_update": [p.id for p in late],
        "webhook": {
            "url": workshop.webhook_url,
            "secret": workshop.webhook_secret,
            "failing": webhooks.failing(workshop.id),
        },
        "follows": _follows(workshop),
    }


def _follows(workshop: Workshop) -> dict[str, Any] | None:
    earlier = workshop.follows
    if earlier is None:
        return None
    return {"id": earlier.id, "title": earlier.title}


def since_last_time(workshop: Workshop) -> dict[str, Any] | None:
    """Return the earlier workshop's commitments as a follow-up shows them (public: no
    addresses, no links), or None if it follows none."""
    earlier = workshop.follows
    if earlier is None:
        return None
    commitments = commitments_json(earlier, for_facilitators=False)
    return {
        "workshop": {"id": earlier.id, "title": earlier.title},
        "commitments": commitments,
        "open": [c["id"] for c in commitments if c["status"] in OPEN_STATUSES],
    }
