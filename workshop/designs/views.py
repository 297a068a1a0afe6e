"""Facilitator pages of designing: the template library, and one editor for a template's
design and for a workshop's plan (the page loads and saves through the JSON API)."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext
from flask_login import current_user, login_required

from ..config import LANGUAGES
from ..pulse.models import STATEMENT_MAX
from ..stories import models as stories
from ..workshops import services as workshops
from . import library
from . import services as designs
from .models import NAME_MAX

bp = Blueprint("designs", __name__)

#: The lengths clean_design allows, so the editor's fields stop where the server would.
LIMITS = {
    "name": NAME_MAX,
    "welcome": designs.WELCOME_MAX,
    "projector": designs.PROJECTOR_MAX,
    "phone": designs.PHONE_MAX,
    "minutes": designs.MINUTES_MAX,
    "lens": stories.LENS_NAME_MAX,
    "question": designs.LENS_QUESTION_MAX,
    "title": stories.TITLE_MAX,
    "part": stories.PART_MAX,
    "manner": stories.MANNER_MAX,
    "place": stories.PLACE_MAX,
    "reading": designs.READING_MAX,
    "statement": STATEMENT_MAX,
}


@bp.get("/templates")
@login_required
def index() -> ResponseReturnValue:
    """The template library: the built-in template, the facilitator's own, and the shared."""
    templates = library.library_of(current_user.id)
    return render_template(
        "designs/library.html",
        builtin=designs.builtin_json(),
        languages=LANGUAGES,
        own=[t for t in templates if t.owner_id == current_user.id],
        shared=[t for t in templates if t.owner_id != current_user.id],
    )


@bp.post("/templates/builtin/copy")
@login_required
def copy_builtin() -> ResponseReturnValue:
    """Copy the built-in template, in the language asked, and open the copy in the editor."""
    template = library.copy_builtin(current_user.id, request.form.get("language"))
    flash(gettext("Copied. This copy is yours to change."), "success")
    return redirect(url_for("designs.edit_template", template_id=template.id))


@bp.post("/templates/<int:template_id>/copy")
@login_required
def copy_template(template_id: int) -> ResponseReturnValue:
    """Copy a template (one's own or a shared one) and open the copy in the editor."""
    template = library.copy_template(current_user.id, template_id)
    flash(gettext("Copied. This copy is yours to change."), "success")
    return redirect(url_for("designs.edit_template", template_id=template.id))


@bp.post("/templates/<int:template_id>/sharing")
@login_required
def share_template(template_id: int) -> ResponseReturnValue:
    """Share a template with every facilitator on the server, or stop sharing it (owner)."""
    shared = request.form.get("shared") == "1"
    template = library.share_template(current_user.id, template_id, shared=shared)
    if shared:
        message = gettext("“%(name)s” is shared with every facilitator.", name=template.name)
    else:
        message = gettext("“%(name)s” is no longer shared.", name=template.name)
    flash(message, "success")
    return redirect(url_for("designs.index"))


@bp.get("/templates/<int:template_id>/edit")
@login_required
def edit_template(template_id: int) -> ResponseReturnValue:
    """The editor on one of the facilitator's templates."""
    template = library.own_template(current_user.id, template_id)
    api = url_for("api.get_template", template_id=template.id)
    return render_template(
        "designs/editor.html",
        kind="template",
        limits=LIMITS,
        title=template.name,
        load_url=api,
        save_url=api,
        back_url=url_for("designs.index"),
        start_url=url_for("workshops.index", template=template.id),
    )


@bp.get("/workshops/<int:workshop_id>/plan")
@login_required
def edit_plan(workshop_id: int) -> ResponseReturnValue:
    """The editor on a workshop's plan, before or during the workshop."""
    workshop = workshops.facilitated_workshop(current_user.id, workshop_id)
    api = url_for("api.get_plan", code=workshop.code)
    return render_template(
        "designs/editor.html",
        kind="plan",
        limits=LIMITS,
        title=workshop.title,
        load_url=api,
        save_url=api,
        back_url=url_for("workshops.control", workshop_id=workshop.id),
        start_url=None,
    )
