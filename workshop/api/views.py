"""The public JSON API, /api/v1. A contract: docs/api.md and /api/v1/openapi.json describe it."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, jsonify, request
from flask_login import current_user

from ..errors import MalformedRequest, Unauthorized
from ..facilitators import services as facilitators
from ..participants import services as participants
from ..urls import join_url, public_url_for
from ..workshops import access
from ..workshops import services as workshops
from ..workshops.models import Workshop
from .openapi import openapi_document

bp = Blueprint("api", __name__, url_prefix="/api/v1")


def _json_body() -> dict[str, Any]:
    """Return the request's JSON object; raise MalformedRequest for anything else."""
    if not request.content_length:
        return {}
    if not request.is_json:
        raise MalformedRequest()
    body = request.get_json(silent=True)
    if not isinstance(body, dict):
        raise MalformedRequest()
    return body


def _bearer() -> str | None:
    header = request.headers.get("Authorization", "")
    scheme, _, token = header.partition(" ")
    return token.strip() if scheme.lower() == "bearer" and token.strip() else None


def _facilitator_id() -> int:
    """Return the calling facilitator: an API token, or the signed-in browser session."""
    token = _bearer()
    if token:
        return facilitators.facilitator_for_api_token(token).id
    if current_user.is_authenticated:
        return current_user.id
    raise Unauthorized()


def _workshop_json(workshop: Workshop) -> dict[str, Any]:
    return {
        **workshops.public_info(workshop),
        "join_url": join_url(workshop.code),
        "projector_url": public_url_for("workshops.projector", key=workshop.projector_key),
        "facilitator_url": public_url_for("workshops.control", workshop_id=workshop.id),
    }


@bp.get("/openapi.json")
def openapi():
    """The OpenAPI 3 document of this API."""
    return jsonify(openapi_document())


@bp.post("/workshops")
def create_workshop():
    """Create a workshop (facilitator)."""
    facilitator_id = _facilitator_id()
    body = _json_body()
    workshop = workshops.create_workshop(facilitator_id, body.get("title"), body.get("language"))
    return jsonify(_workshop_json(workshop)), 201


@bp.get("/workshops")
def list_workshops():
    """The calling facilitator's workshops."""
    facilitator_id = _facilitator_id()
    return jsonify(
        {"workshops": [_workshop_json(w) for w in workshops.workshops_of(facilitator_id)]}
    )


@bp.get("/workshops/<code>")
def get_workshop(code: str):
    """What anyone with the code may know of a workshop."""
    return jsonify(workshops.public_info(workshops.workshop_by_code(code)))


@bp.post("/workshops/<code>/participants")
def join(code: str):
    """Join an open workshop; the token returned is the participant's credential."""
    body = _json_body()
    participant, token = participants.join(code, body.get("display_name"))
    return jsonify({"participant_id": participant.id, "token": token}), 201


@bp.get("/workshops/<code>/state")
def state(code: str):
    """The same snapshot the socket sends, for whoever is asking."""
    cookie_name = access.participant_cookie_name(workshops.normalise_code(code))
    token = _bearer() or request.cookies.get(cookie_name)
    if token:
        viewer = access.by_code_for_token(code, token)
    else:
        viewer = access.by_code_for_facilitator(_facilitator_id(), code)
    return jsonify(workshops.snapshot(viewer))


@bp.put("/workshops/<code>/phase")
def change_phase(code: str):
    """Move a workshop to another phase (facilitator); 409 when not allowed."""
    facilitator_id = _facilitator_id()
    body = _json_body()
    viewer = access.by_code_for_facilitator(facilitator_id, code)
    workshops.change_phase(facilitator_id, viewer.workshop_id, body.get("phase"))
    return jsonify(workshops.snapshot(viewer))
