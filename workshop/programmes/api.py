"""The programmes' API routes (mounted under /api/v1): list and make programmes, read one
as its report, change its workshops, sharing and links, and its exports. Facilitators
only: an API token, or the signed-in browser with the page's CSRF token."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, jsonify
from flask.typing import ResponseReturnValue

from ..api.common import accepts, facilitator_id, json_body
from ..timeutil import aware
from ..workshops import services as workshops
from . import render, report
from . import services as programmes
from .models import Programme
from .schemas import PracticeLinking, ProgrammeSharing, ProgrammeTitle, ProgrammeWorkshopChoice

bp = Blueprint("programme_api", __name__, url_prefix="/api/v1")


def programme_json(programme: Programme) -> dict[str, Any]:
    """Return a programme as the list shows it: its title, who shares it, its workshops."""
    return {
        "id": programme.id,
        "title": programme.title,
        "owner": {"id": programme.owner.id, "email": programme.owner.email},
        "co_facilitators": [
            {"id": link.facilitator.id, "email": link.facilitator.email}
            for link in programme.co_facilitators
        ],
        "workshop_ids": programmes.workshop_ids_of(programme.id),
        "created_at": aware(programme.created_at).isoformat(),
    }


@bp.get("/programmes")
def list_programmes() -> ResponseReturnValue:
    """The calling facilitator's programmes, own and shared."""
    caller = facilitator_id()
    return jsonify({"programmes": [programme_json(p) for p in programmes.programmes_of(caller)]})


@bp.post("/programmes")
@accepts(ProgrammeTitle)
def create_programme() -> ResponseReturnValue:
    """Make a programme (empty)."""
    caller = facilitator_id()
    made = programmes.create_programme(caller, json_body().get("title"))
    return jsonify(programme_json(made)), 201


@bp.get("/programmes/<int:programme_id>")
def get_programme(programme_id: int) -> ResponseReturnValue:
    """The programme's report: per workshop and combined."""
    programme = programmes.readable_programme(facilitator_id(), programme_id)
    return jsonify({**report.report(programme), "programme": programme_json(programme)})


@bp.put("/programmes/<int:programme_id>")
@accepts(ProgrammeTitle)
def rename_programme(programme_id: int) -> ResponseReturnValue:
    """Give the programme another title (owner)."""
    caller = facilitator_id()
    renamed = programmes.rename_programme(caller, programme_id, json_body().get("title"))
    return jsonify(programme_json(renamed))


@bp.delete("/programmes/<int:programme_id>")
def delete_programme(programme_id: int) -> ResponseReturnValue:
    """Delete the programme (owner); its workshops stay as they are."""
    programmes.delete_programme(facilitator_id(), programme_id)
    return "", 204


@bp.post("/programmes/<int:programme_id>/workshops")
@accepts(ProgrammeWorkshopChoice)
def add_workshop(programme_id: int) -> ResponseReturnValue:
    """Put a workshop the caller runs into the programme (by id or join code)."""
    caller = facilitator_id()
    body = json_body()
    chosen: object = body.get("workshop_id")
    if chosen is None and body.get("code") is not None:
        chosen = workshops.facilitated_workshop_by_code(caller, body["code"]).id
    added = programmes.add_workshop(caller, programme_id, chosen)
    return jsonify(programme_json(added)), 201


@bp.delete("/programmes/<int:programme_id>/workshops/<int:workshop_id>")
def remove_workshop(programme_id: int, workshop_id: int) -> ResponseReturnValue:
    """Take a workshop out of the programme (owner, or whoever runs the workshop)."""
    programmes.remove_workshop(facilitator_id(), programme_id, workshop_id)
    return "", 204


@bp.post("/programmes/<int:programme_id>/facilitators")
@accepts(ProgrammeSharing)
def share(programme_id: int) -> ResponseReturnValue:
    """Share the programme with another facilitator (owner)."""
    caller = facilitator_id()
    shared = programmes.add_co_facilitator(caller, programme_id, json_body().get("email"))
    return jsonify(programme_json(shared)), 201


@bp.delete("/programmes/<int:programme_id>/facilitators/<int:member_id>")
def unshare(programme_id: int, member_id: int) -> ResponseReturnValue:
    """Stop sharing the programme with a facilitator (owner)."""
    programmes.remove_co_facilitator(facilitator_id(), programme_id, member_id)
    return "", 204


@bp.post("/programmes/<int:programme_id>/links")
@accepts(PracticeLinking)
def link(programme_id: int) -> ResponseReturnValue:
    """Link two practices of two of the programme's workshops as the same idea."""
    caller = facilitator_id()
    linked = programmes.link_practices(caller, programme_id, json_body().get("practice_ids"))
    return jsonify({"recurring": report.report(linked)["recurring"]}), 201


@bp.delete("/programmes/<int:programme_id>/links/<int:practice_id>")
def unlink(programme_id: int, practice_id: int) -> ResponseReturnValue:
    """Take a practice out of its group of recurring practices."""
    programmes.unlink_practice(facilitator_id(), programme_id, practice_id)
    return "", 204


@bp.get("/programmes/<int:programme_id>/export.csv")
def export_csv(programme_id: int) -> ResponseReturnValue:
    """The report as CSV (UTF-8 with a BOM; semicolons and decimal commas in Finnish)."""
    programme = programmes.readable_programme(facilitator_id(), programme_id)
    text = render.to_csv(report.report(programme))
    return text, 200, {"Content-Type": "text/csv; charset=utf-8"}
