"""API routes of the follow-up: commitments' status and history, owners' links, check-ins,
the webhook and the calendar (facilitators), and the owner's own commitment (its link's
token as a bearer token)."""

from __future__ import annotations

from flask import jsonify

from ..followups import reading, views
from ..followups import services as followups
from ..followups.calendar import ics
from ..followups.schemas import CheckIns, StatusUpdate, Webhook
from ..workshops import services as workshops
from .common import accepts, bearer, bp, facilitator_id, json_body


def _commitment(practice_id: int, *, for_facilitators: bool):
    practice = followups.commitment_of(practice_id)
    history = followups.history_of([practice.id])[practice.id]
    return reading.commitment_json(practice, history, for_facilitators=for_facilitators)


@bp.get("/workshops/<int:workshop_id>/follow-up")
def get_followup(workshop_id: int):
    """A workshop's follow-up: commitments with status and history, check-ins, webhook."""
    workshop = workshops.facilitated_workshop(facilitator_id(), workshop_id)
    return jsonify(reading.followup_json(workshop))


@bp.post("/practices/<int:practice_id>/commitment/status")
@accepts(StatusUpdate)
def post_status(practice_id: int):
    """Record where a commitment stands (facilitator)."""
    followups.update_status(practice_id, json_body(), facilitator_id=facilitator_id())
    return jsonify(_commitment(practice_id, for_facilitators=True)), 201


@bp.post("/practices/<int:practice_id>/commitment/link")
def post_link(practice_id: int):
    """Make the owner a new link; the one before stops working (facilitator)."""
    followups.make_link(facilitator_id(), practice_id)
    return jsonify(_commitment(practice_id, for_facilitators=True)["link"]), 201


@bp.delete("/practices/<int:practice_id>/commitment/link")
def delete_link(practice_id: int):
    """Withdraw the owner's link (facilitator; idempotent)."""
    followups.revoke_link(facilitator_id(), practice_id)
    return "", 204


@bp.put("/workshops/<int:workshop_id>/check-ins")
@accepts(CheckIns)
def put_check_ins(workshop_id: int):
    """Set the check-in days (facilitator)."""
    days = followups.set_check_ins(facilitator_id(), workshop_id, json_body()["check_ins"])
    return jsonify({"check_ins": [c.due_on.isoformat() for c in days]})


@bp.put("/workshops/<int:workshop_id>/webhook")
@accepts(Webhook)
def put_webhook(workshop_id: int):
    """Set or clear the webhook; the answer carries the secret that signs its posts."""
    workshop = followups.set_webhook(facilitator_id(), workshop_id, json_body().get("url"))
    return jsonify({"url": workshop.webhook_url, "secret": workshop.webhook_secret})


@bp.get("/workshops/<int:workshop_id>/follow-up/calendar.ics")
def get_calendar(workshop_id: int):
    """Each commitment's due date and each check-in, as iCalendar (facilitator)."""
    workshop = workshops.facilitated_workshop(facilitator_id(), workshop_id)
    body = ics(workshop, followups.commitments_of(workshop.id), followups.check_ins_of(workshop.id))
    return body, 200, views.calendar_headers(workshop.id)


@bp.get("/commitment")
def get_own_commitment():
    """The commitment an owner's link opens (its token as the bearer token)."""
    practice, _link = followups.commitment_by_token(bearer())
    return jsonify(_commitment(practice.id, for_facilitators=False))


@bp.post("/commitment/status")
@accepts(StatusUpdate)
def post_own_status():
    """The owner records where their commitment stands (the link's token as bearer)."""
    practice, link = followups.commitment_by_token(bearer())
    followups.update_status(practice.id, json_body(), link=link)
    return jsonify(_commitment(practice.id, for_facilitators=False)), 201
