"""Facilitator workshop pages and the projector page."""

from __future__ import annotations

import json

import segno
from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext
from flask_login import current_user, login_required

from ..charter import imports
from ..config import LANGUAGES
from ..designs import library
from ..designs import services as designs
from ..errors import DomainError, ValidationFailed
from ..followups import due
from ..followups.reading import since_last_time
from ..i18n import force_locale
from ..realtime import Audience
from ..stories import services as stories
from ..urls import join_url, public_url_for
from . import services
from .models import Phase
from .plan import plan_json

bp = Blueprint("workshops", __name__)


@bp.route("/workshops", methods=["GET", "POST"])
@login_required
def index() -> ResponseReturnValue:
    """List the facilitator's workshops and create a new one."""
    errors: dict = {}
    if request.method == "POST":
        try:
            workshop = designs.start_workshop(
                current_user.id,
                request.form.get("title"),
                request.form.get("language"),
                request.form.get("template"),
                request.form.get("follows"),
            )
        except ValidationFailed as error:
            errors = error.fields
        else:
            return redirect(url_for("workshops.control", workshop_id=workshop.id))
    return _index(errors)


def _index(errors: dict, import_error: str | None = None):
    own = services.workshops_of(current_user.id)
    return render_template(
        "workshops/index.html",
        workshops=own,
        counts=services.participant_counts([w.id for w in own]),
        due=due.waiting_counts([w.id for w in own]),
        languages=LANGUAGES,
        templates=library.library_of(current_user.id),
        builtin=designs.builtin_json(),
        errors=errors,
        import_error=import_error,
        form=request.form,
    ), (422 if errors or import_error else 200)


@bp.post("/workshops/import")
@login_required
def import_file():
    """Import an exported workshop file (JSON) as a new workshop or as a template."""
    request.max_content_length = imports.IMPORT_MAX_BYTES
    upload = request.files.get("file")
    try:
        raw = json.load(upload.stream) if upload else None
    except (ValueError, UnicodeDecodeError, RecursionError):  # too deep is not an export
        raw = None
    try:
        if request.form.get("as") == "template":
            imports.import_template(current_user.id, raw)
            flash(gettext("Template saved. Choose it when you create a workshop."), "success")
            return redirect(url_for("workshops.index"))
        workshop = imports.import_workshop(current_user.id, raw)
    except ValidationFailed as error:
        details = "; ".join(f"{name}: {text}" for name, text in error.fields.items())
        return _index({}, f"{error.message} {details}".strip())
    return redirect(url_for("workshops.control", workshop_id=workshop.id))


@bp.post("/templates/<int:template_id>/delete")
@login_required
def delete_template(template_id: int):
    """Delete one of the facilitator's saved templates (the list page's form)."""
    designs.delete_template(current_user.id, template_id)
    flash(gettext("Template deleted."), "success")
    return redirect(url_for("workshops.index"))


@bp.get("/workshops/<int:workshop_id>")
@login_required
def control(workshop_id: int):
    """The facilitator's control page: code, links, participants, phase."""
    workshop = services.facilitated_workshop(current_user.id, workshop_id)
    return render_template(
        "workshops/facilitator.html",
        workshop=workshop,
        join_link=join_url(workshop.code),
        projector_link=public_url_for("workshops.projector", key=workshop.projector_key),
        participants=workshop.participants,
        Phase=Phase,
        is_owner=workshop.owner_id == current_user.id,
        plan=plan_json(workshop, Audience.FACILITATORS),
    )


@bp.post("/workshops/<int:workshop_id>/phase")
@login_required
def change_phase(workshop_id: int):
    """Move the workshop to another phase (the form fallback of the socket event); the
    form's ``step`` tells two neighbouring steps of the same activity apart."""
    try:
        step = request.form.get("step", type=int)
        services.change_phase(current_user.id, workshop_id, request.form.get("phase"), step)
    except DomainError as error:
        flash(str(error.message), "error")
    else:
        if request.form.get("phase") == Phase.CLOSED:
            flash(gettext("The workshop is closed. Nobody can join any more."), "success")
    return redirect(url_for("workshops.control", workshop_id=workshop_id))


@bp.post("/workshops/<int:workshop_id>/settings")
@login_required
def change_settings(workshop_id: int):
    """Switch private writing, anonymity and the room lock (the control page's form).

    An unticked box is absent from a form: only the settings the form says it carries
    (hidden ``settings`` fields) change, so one form cannot reset another's.
    """
    carried = [name for name in request.form.getlist("settings") if name in services.SETTINGS]
    names = carried or ["private_writing", "is_anonymous", "is_locked"]
    changes: dict[str, object] = {
        name: request.form.get(name) == "on" for name in names if name in services.SWITCHES
    }
    for name in set(names) & set(services.NUMBERS):
        typed = request.form.get(name, "").strip()
        changes[name] = int(typed) if typed.isdigit() and len(typed) < 6 else typed
    services.change_settings(current_user.id, workshop_id, changes)
    flash(gettext("Settings saved."), "success")
    return redirect(url_for("workshops.control", workshop_id=workshop_id))


@bp.post("/workshops/<int:workshop_id>/reveal")
@login_required
def reveal(workshop_id: int):
    """Show everyone's stories to everyone (the form of the control page)."""
    stories.reveal(current_user.id, workshop_id)
    return redirect(url_for("workshops.control", workshop_id=workshop_id))


@bp.get("/projector/<key>")
def projector(key: str):
    """The projector page, opened by its capability link; read-only, in the workshop's language."""
    workshop = services.workshop_by_projector_key(key)
    force_locale(workshop.language)
    link = join_url(workshop.code)
    qr = segno.make(link, error="m").svg_inline(
        scale=1, border=2, dark="#10231c", light="#ffffff", omitsize=True
    )
    return render_template(
        "workshops/projector.html",
        workshop=workshop,
        join_link=link,
        join_link_display=link.split("://", 1)[-1],
        qr_svg=qr,
        projector_key=key,
        participant_count=services.participant_count(workshop.id),
        since=since_last_time(workshop),
    )
