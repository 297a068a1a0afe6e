"""API routes of running a workshop and what it leaves: templates, the timer,
co-facilitators, the charter's exports, the results link, import, retention, deletion."""

from __future__ import annotations

import io
import re
import unicodedata

from flask import jsonify, request, send_file

from ..charter import build, exchange, imports, render
from ..charter import services as sharing
from ..charter.schemas import WorkshopExport
from ..designs import library
from ..designs import services as designs
from ..designs.schemas import TemplateName
from ..workshops import admin, timer
from ..workshops.models import Workshop
from ..workshops.schemas import CoFacilitator, RetentionChange, TimerChange
from .common import accepts, bp, facilitated, facilitator_id, json_body
from .workshops import workshop_json


@bp.get("/templates")
def list_templates():
    """The built-in template, the caller's saved ones, and those others shared."""
    caller = facilitator_id()
    saved = [designs.template_json(t) for t in library.library_of(caller)]
    return jsonify({"templates": [designs.builtin_json(), *saved]})


@bp.delete("/templates/<int:template_id>")
def delete_template(template_id: int):
    """Delete one of the calling facilitator's saved templates."""
    designs.delete_template(facilitator_id(), template_id)
    return "", 204


@bp.post("/workshops/<code>/template")
@accepts(TemplateName)
def save_as_template(code: str):
    """Save the workshop's design (plan, settings, lenses, examples) as a template."""
    caller, workshop = facilitated(code)
    template = designs.save_as_template(caller, workshop.id, json_body().get("name"))
    return jsonify(designs.template_json(template)), 201


@bp.put("/workshops/<code>/timer")
@accepts(TimerChange)
def change_timer(code: str):
    """Start (or resume), pause, add to, or stop the current phase's timer."""
    caller, workshop = facilitated(code)
    body = json_body()
    workshop = timer.change_timer(caller, workshop.id, body.get("action"), body.get("seconds"))
    return jsonify(timer.timer_json(workshop))


@bp.post("/workshops/<code>/facilitators")
@accepts(CoFacilitator)
def add_co_facilitator(code: str):
    """Share the workshop with another facilitator account, by email (owner)."""
    caller, workshop = facilitated(code)
    workshop = admin.add_co_facilitator(caller, workshop.id, json_body().get("email"))
    return jsonify(admin.facilitators_json(workshop))


@bp.delete("/workshops/<code>/facilitators/<int:member_id>")
def remove_co_facilitator(code: str, member_id: int):
    """Stop sharing the workshop with a facilitator (owner)."""
    caller, workshop = facilitated(code)
    workshop = admin.remove_co_facilitator(caller, workshop.id, member_id)
    return jsonify(admin.facilitators_json(workshop))


@bp.put("/workshops/<code>/retention")
@accepts(RetentionChange)
def set_retention(code: str):
    """Days after closing until the workshop is deleted (null keeps it)."""
    caller, workshop = facilitated(code)
    workshop = admin.set_retention(caller, workshop.id, json_body().get("days"))
    return jsonify(admin.retention_json(workshop))


@bp.delete("/workshops/<code>")
def delete_workshop(code: str):
    """Delete the workshop and every row in it (owner)."""
    caller, workshop = facilitated(code)
    admin.delete_workshop(caller, workshop.id)
    return "", 204


@bp.post("/workshops/<code>/share")
def share(code: str):
    """Make the read-only results link (a new one replaces the old)."""
    caller, workshop = facilitated(code)
    return jsonify(sharing.share_json(sharing.share(caller, workshop.id))), 201


@bp.delete("/workshops/<code>/share")
def unshare(code: str):
    """Revoke the read-only results link."""
    caller, workshop = facilitated(code)
    sharing.unshare(caller, workshop.id)
    return "", 204


def _filename(workshop: Workshop, extension: str) -> str:
    ascii_title = unicodedata.normalize("NFKD", workshop.title).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^A-Za-z0-9]+", "-", ascii_title).strip("-").lower()[:60] or "workshop"
    return f"{slug}-{workshop.created_at:%Y-%m-%d}.{extension}"


def _download(data: str, mimetype: str, name: str, *, attachment: bool = True):
    return send_file(
        io.BytesIO(data.encode("utf-8")),
        mimetype=mimetype,
        as_attachment=attachment,
        download_name=name,
        max_age=0,
    )


@bp.get("/workshops/<code>/export.md")
def export_markdown(code: str):
    """The practice charter as Markdown."""
    _caller, workshop = facilitated(code)
    markdown = render.to_markdown(build.charter(workshop))
    return _download(markdown, "text/markdown; charset=utf-8", _filename(workshop, "md"))


@bp.get("/workshops/<code>/export.html")
def export_html(code: str):
    """The practice charter as an HTML page with a print stylesheet (A4)."""
    _caller, workshop = facilitated(code)
    page, policy = render.to_html(build.charter(workshop))
    response = _download(
        page,
        "text/html; charset=utf-8",
        _filename(workshop, "html"),
        attachment=request.args.get("download") == "1",
    )
    response.headers["Content-Security-Policy"] = policy
    return response


@bp.get("/workshops/<code>/export.csv")
def export_csv(code: str):
    """The practice charter as CSV: UTF-8 with a BOM, one row per practice and per story."""
    _caller, workshop = facilitated(code)
    csv_text = render.to_csv(build.charter(workshop))
    return _download(csv_text, "text/csv; charset=utf-8", _filename(workshop, "csv"))


@bp.get("/workshops/<code>/export.json")
def export_json(code: str):
    """The whole workshop as JSON, to import again as a workshop or a template."""
    _caller, workshop = facilitated(code)
    response = jsonify(exchange.export_workshop(workshop))
    response.headers["Content-Disposition"] = (
        f'attachment; filename="{_filename(workshop, "json")}"'
    )
    return response


@bp.post("/workshops/import")
@accepts(WorkshopExport)
def import_workshop():
    """Import an exported workshop as a new workshop, or with ?as=template as a template."""
    request.max_content_length = imports.IMPORT_MAX_BYTES
    caller = facilitator_id()
    body = json_body()
    if request.args.get("as") == "template":
        template = imports.import_template(caller, body)
        return jsonify(designs.template_json(template)), 201
    workshop = imports.import_workshop(caller, body)
    return jsonify(workshop_json(workshop)), 201
