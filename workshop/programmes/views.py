"""The programme pages: the list and the programme's own page (its report, its workshops,
who shares it, the recurring practices), and the exports. Plain forms: no script."""

from __future__ import annotations

import io
import json
import re
import unicodedata

from flask import Blueprint, flash, redirect, render_template, request, send_file, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext
from flask_login import current_user, login_required

from ..errors import NotFound, ValidationFailed
from ..validation import ascii_number
from ..workshops import services as workshops
from . import render, report
from . import services as programmes

bp = Blueprint("programmes", __name__)


@bp.route("/programmes", methods=["GET", "POST"])
@login_required
def index() -> ResponseReturnValue:
    """List the facilitator's programmes (own and shared) and make a new one."""
    errors: dict = {}
    if request.method == "POST":
        try:
            made = programmes.create_programme(current_user.id, request.form.get("title"))
        except ValidationFailed as error:
            errors = error.fields
        else:
            return redirect(url_for("programmes.page", programme_id=made.id))
    own = programmes.programmes_of(current_user.id)
    counts = programmes.workshop_counts([p.id for p in own])
    return render_template(
        "programmes/index.html", programmes=own, counts=counts, errors=errors, form=request.form
    ), (422 if errors else 200)


def _page(programme_id: int, errors: dict | None = None) -> ResponseReturnValue:
    programme = programmes.readable_programme(current_user.id, programme_id)
    data = report.report(programme)
    runs = {w.id for w in workshops.workshops_of(current_user.id)}
    return render_template(
        "programmes/page.html",
        programme=programme,
        data=data,
        is_owner=programme.owner_id == current_user.id,
        addable=programmes.addable_workshops(current_user.id, programme.id),
        runs=runs,
        titles={shop["id"]: shop["title"] for shop in data["workshops"]},
        errors=errors or {},
        form=request.form,
        **render.helpers(),
    ), (422 if errors else 200)


@bp.get("/programmes/<int:programme_id>")
@login_required
def page(programme_id: int) -> ResponseReturnValue:
    """A programme's workshops side by side: agency, channels, lenses, commitments."""
    return _page(programme_id)


def _back(programme_id: int, anchor: str = ""):
    return redirect(url_for("programmes.page", programme_id=programme_id) + anchor)


def _acted(programme_id: int, action, message: str, anchor: str = "") -> ResponseReturnValue:
    """Run one service call; on bad input show the page again with its errors."""
    try:
        action()
    except ValidationFailed as error:
        return _page(programme_id, error.fields)
    flash(message, "success")
    return _back(programme_id, anchor)


@bp.post("/programmes/<int:programme_id>/title")
@login_required
def rename(programme_id: int) -> ResponseReturnValue:
    """Give the programme another title (owner)."""
    title = request.form.get("title")
    return _acted(
        programme_id,
        lambda: programmes.rename_programme(current_user.id, programme_id, title),
        gettext("Title saved."),
    )


@bp.post("/programmes/<int:programme_id>/delete")
@login_required
def delete(programme_id: int) -> ResponseReturnValue:
    """Delete the programme (owner), once the box saying so is ticked; its workshops stay."""
    if request.form.get("confirm") != "yes":
        programmes.owned_programme(current_user.id, programme_id)
        flash(gettext("Tick the box to delete the programme."), "error")
        return _back(programme_id, "#settings-h")
    programmes.delete_programme(current_user.id, programme_id)
    flash(gettext("Programme deleted. Its workshops are as they were."), "success")
    return redirect(url_for("programmes.index"))


def _number(name: str) -> int | None:
    return ascii_number(request.form.get(name, ""))


@bp.post("/programmes/<int:programme_id>/workshops")
@login_required
def add_workshop(programme_id: int) -> ResponseReturnValue:
    """Put one of the facilitator's workshops into the programme."""
    chosen = _number("workshop_id")
    return _acted(
        programme_id,
        lambda: programmes.add_workshop(current_user.id, programme_id, chosen),
        gettext("Workshop added."),
        "#workshops-h",
    )


@bp.post("/programmes/<int:programme_id>/workshops/<int:workshop_id>/remove")
@login_required
def remove_workshop(programme_id: int, workshop_id: int) -> ResponseReturnValue:
    """Take a workshop out of the programme (it stays as it was)."""
    programmes.remove_workshop(current_user.id, programme_id, workshop_id)
    flash(gettext("Workshop taken out of the programme."), "success")
    return _back(programme_id, "#workshops-h")


@bp.post("/programmes/<int:programme_id>/facilitators")
@login_required
def share(programme_id: int) -> ResponseReturnValue:
    """Share the programme with another facilitator (owner)."""
    email = request.form.get("email")
    return _acted(
        programme_id,
        lambda: programmes.add_co_facilitator(current_user.id, programme_id, email),
        gettext("Programme shared."),
        "#sharing-h",
    )


@bp.post("/programmes/<int:programme_id>/facilitators/<int:facilitator_id>/remove")
@login_required
def unshare(programme_id: int, facilitator_id: int) -> ResponseReturnValue:
    """Stop sharing the programme with a facilitator (owner)."""
    programmes.remove_co_facilitator(current_user.id, programme_id, facilitator_id)
    flash(gettext("No longer shared with them."), "success")
    return _back(programme_id, "#sharing-h")


@bp.post("/programmes/<int:programme_id>/links")
@login_required
def link(programme_id: int) -> ResponseReturnValue:
    """Link two practices of two workshops as the same idea."""
    chosen = [ascii_number(value) for value in request.form.getlist("practice_ids")]
    return _acted(
        programme_id,
        lambda: programmes.link_practices(current_user.id, programme_id, chosen),
        gettext("Practices linked."),
        "#recurring-h",
    )


@bp.post("/programmes/<int:programme_id>/links/<int:practice_id>/remove")
@login_required
def unlink(programme_id: int, practice_id: int) -> ResponseReturnValue:
    """Take a practice out of its group of recurring practices."""
    programmes.unlink_practice(current_user.id, programme_id, practice_id)
    flash(gettext("Practice taken out of the group."), "success")
    return _back(programme_id, "#recurring-h")


def _filename(title: str, extension: str) -> str:
    ascii_title = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^A-Za-z0-9]+", "-", ascii_title).strip("-").lower()[:60] or "programme"
    return f"{slug}.{extension}"


def _download(text: str, mimetype: str, name: str, *, attachment: bool = True):
    return send_file(
        io.BytesIO(text.encode("utf-8")),
        mimetype=mimetype,
        as_attachment=attachment,
        download_name=name,
        max_age=0,
    )


@bp.get("/programmes/<int:programme_id>/export.<extension>")
@login_required
def export(programme_id: int, extension: str) -> ResponseReturnValue:
    """The programme's report as HTML (to print or save as PDF), CSV or JSON."""
    programme = programmes.readable_programme(current_user.id, programme_id)
    data = report.report(programme)
    name = _filename(programme.title, extension)
    if extension == "csv":
        return _download(render.to_csv(data), "text/csv; charset=utf-8", name)
    if extension == "json":
        text = json.dumps(data, ensure_ascii=False, indent=1)
        return _download(text, "application/json", name)
    if extension == "html":
        page, policy = render.to_html(data)
        response = _download(
            page,
            "text/html; charset=utf-8",
            name,
            attachment=request.args.get("download") == "1",
        )
        response.headers["Content-Security-Policy"] = policy
        return response
    raise NotFound()
