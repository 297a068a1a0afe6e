"""The follow-up pages: the facilitators' page of a workshop's commitments, the owner's
page behind their link, and the calendar file. Plain forms: no script is needed."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext
from flask_login import current_user, login_required

from .. import i18n
from ..errors import DomainError, NotFound, ValidationFailed
from ..practices import commitments
from ..workshops import services as workshops
from . import calendar, reading
from . import services as followups
from .models import Status

bp = Blueprint("followups", __name__)

#: The owner's page names a capability in its path: no cache, no referrer, no index.
_PRIVATE = {
    "Cache-Control": "no-store",
    "X-Robots-Tag": "noindex",
    "Referrer-Policy": "no-referrer",
}


def _page(
    workshop_id: int,
    *,
    errors: dict[str, Any] | None = None,
    status: int = 200,
    failed: int | None = None,
):
    workshop = workshops.facilitated_workshop(current_user.id, workshop_id)
    return render_template(
        "followups/facilitator.html",
        workshop=workshop,
        followup=reading.followup_json(workshop),
        statuses=list(Status),
        status_names=followups.STATUS_NAMES,
        errors=errors or {},
        form=request.form,
        failed=failed,  # the commitment whose form was refused: it shows what was typed
    ), status


@bp.get("/workshops/<int:workshop_id>/follow-up")
@login_required
def page(workshop_id: int):
    """The workshop's commitments after the room: due dates, owners, links, status."""
    return _page(workshop_id)


def _back(workshop_id: int, anchor: str = ""):
    return redirect(url_for("followups.page", workshop_id=workshop_id) + anchor)


def _commitment_of(workshop_id: int, practice_id: int) -> None:
    """The commitment must be the workshop's that the address names (the services check
    who may change it)."""
    if followups.commitment_of(practice_id).workshop_id != workshop_id:
        raise NotFound()


@bp.post("/workshops/<int:workshop_id>/follow-up/commitments/<int:practice_id>")
@login_required
def save_commitment(workshop_id: int, practice_id: int):
    """Save a commitment's owner, address, first step and due date."""
    _commitment_of(workshop_id, practice_id)
    fields = ("owner", "owner_email", "first_step", "due_on")
    data = {name: request.form.get(name, "") for name in fields}
    try:
        commitments.set_commitment(current_user.id, practice_id, data)
    except ValidationFailed as error:
        errors = {f"{practice_id}.{name}": text for name, text in error.fields.items()}
        return _page(workshop_id, errors=errors, status=422, failed=practice_id)
    flash(gettext("Saved."), "success")
    return _back(workshop_id, f"#commitment-{practice_id}")


@bp.post("/workshops/<int:workshop_id>/follow-up/commitments/<int:practice_id>/status")
@login_required
def set_status(workshop_id: int, practice_id: int):
    """A facilitator records where a commitment stands (for its owner, say)."""
    _commitment_of(workshop_id, practice_id)
    data = {"status": request.form.get("status"), "note": request.form.get("note", "")}
    try:
        followups.update_status(practice_id, data, facilitator_id=current_user.id)
    except ValidationFailed as error:
        errors = {f"{practice_id}.{name}": text for name, text in error.fields.items()}
        return _page(workshop_id, errors=errors, status=422)
    flash(gettext("Status updated."), "success")
    return _back(workshop_id, f"#commitment-{practice_id}")


@bp.post("/workshops/<int:workshop_id>/follow-up/commitments/<int:practice_id>/link")
@login_required
def make_link(workshop_id: int, practice_id: int):
    """Give the owner a new link; the old one stops working."""
    _commitment_of(workshop_id, practice_id)
    if request.form.get("revoke"):
        followups.revoke_link(current_user.id, practice_id)
        flash(gettext("The link was withdrawn: it no longer opens anything."), "success")
    else:
        followups.make_link(current_user.id, practice_id)
        flash(gettext("A new link was made. The earlier one no longer works."), "success")
    return _back(workshop_id, f"#commitment-{practice_id}")


@bp.post("/workshops/<int:workshop_id>/follow-up/check-ins")
@login_required
def set_check_ins(workshop_id: int):
    """Set the check-in days."""
    days = [day for day in request.form.getlist("check_in") if day.strip()]
    try:
        followups.set_check_ins(current_user.id, workshop_id, days)
    except ValidationFailed as error:
        return _page(workshop_id, errors=error.fields, status=422)
    flash(gettext("Check-in days saved."), "success")
    return _back(workshop_id, "#check-ins")


@bp.post("/workshops/<int:workshop_id>/follow-up/webhook")
@login_required
def set_webhook(workshop_id: int):
    """Set or clear the webhook's address (a new address gets a new secret)."""
    try:
        followups.set_webhook(current_user.id, workshop_id, request.form.get("url", ""))
    except ValidationFailed as error:
        return _page(workshop_id, errors={"webhook_url": error.fields["url"]}, status=422)
    flash(gettext("Webhook saved."), "success")
    return _back(workshop_id, "#webhook")


@bp.get("/workshops/<int:workshop_id>/follow-up/calendar.ics")
@login_required
def calendar_file(workshop_id: int):
    """The due dates and check-ins as a calendar file."""
    workshop = workshops.facilitated_workshop(current_user.id, workshop_id)
    body = calendar.ics(
        workshop, followups.commitments_of(workshop.id), followups.check_ins_of(workshop.id)
    )
    return body, 200, calendar_headers(workshop.id)


def calendar_headers(workshop_id: int) -> dict[str, str]:
    return {
        "Content-Type": "text/calendar; charset=utf-8",
        "Content-Disposition": f'attachment; filename="toimija-{workshop_id}-follow-up.ics"',
    }


# --- the owner's page ---


def _owner_page(token: str, *, errors: dict[str, Any] | None = None, status: int = 200):
    try:
        practice, _link = followups.commitment_by_token(token)
    except followups.LinkRevoked as gone:
        return render_template("followups/gone.html", message=gone.message), 410, _PRIVATE
    workshop = practice.workshop
    i18n.default_locale(workshop.language)
    history = followups.history_of([practice.id])[practice.id]
    return (
        render_template(
            "followups/owner.html",
            workshop=workshop,
            commitment=reading.commitment_json(practice, history, for_facilitators=False),
            description_html=practice.description_html,
            statuses=list(Status),
            status_names=followups.STATUS_NAMES,
            token=token,
            errors=errors or {},
            form=request.form,
        ),
        status,
        _PRIVATE,
    )


@bp.get("/commitment/<token>")
def owner(token: str):
    """The commitment's owner: what they committed to, where it came from, its status."""
    return _owner_page(token)


@bp.post("/commitment/<token>")
def owner_update(token: str):
    """The owner records where the commitment stands, with a one-line note."""
    try:
        practice, link = followups.commitment_by_token(token)
        data = {"status": request.form.get("status"), "note": request.form.get("note", "")}
        followups.update_status(practice.id, data, link=link)
    except ValidationFailed as error:
        return _owner_page(token, errors=error.fields, status=422)
    except followups.LinkRevoked as gone:
        return render_template("followups/gone.html", message=gone.message), 410, _PRIVATE
    except DomainError:
        raise
    flash(gettext("Thank you: the status is saved and the facilitator sees it."), "success")
    return redirect(url_for("followups.owner", token=token), 303)
