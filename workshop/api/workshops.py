"""API routes of workshops: create, list, public facts, join, state, phase."""

from __future__ import annotations

from typing import Any

from flask import jsonify, request

from .. import throttle
from ..designs import services as designs
from ..participants import services as participants
from ..urls import join_url, public_url_for
from ..workshops import access, state
from ..workshops import services as workshops
from ..workshops.models import Workshop
from ..workshops.schemas import Joining, Move, NewWorkshop, Settings
from .common import accepts, bearer, bp, changed_json, facilitator_id, json_body, moved_json
from .openapi import openapi_document


def workshop_json(workshop: Workshop) -> dict[str, Any]:
    """Return a workshop as its facilitators see it in the API, with its three links."""
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
@accepts(NewWorkshop)
def create_workshop():
    """Create a workshop from a template (facilitator); the built-in one by default."""
    caller = facilitator_id()
    body = json_body()
    workshop = designs.start_workshop(
        caller, body.get("title"), body.get("language"), body.get("template"), body.get("follows")
    )
    return jsonify(workshop_json(workshop)), 201


@bp.get("/workshops")
def list_workshops():
    """The calling facilitator's workshops."""
    caller = facilitator_id()
    return jsonify({"workshops": [workshop_json(w) for w in workshops.workshops_of(caller)]})


@bp.get("/workshops/<code>")
def get_workshop(code: str):
    """What anyone with the code may know of a workshop."""
    return jsonify(workshops.public_info(workshops.workshop_by_code(code)))


@bp.post("/workshops/<code>/participants")
@accepts(Joining)
def join(code: str):
    """Join an open workshop; the token returned is the participant's credential."""
    body = json_body()
    throttle.spend_seat()
    participant, token = participants.join(code, body.get("display_name"))
    return jsonify({"participant_id": participant.id, "token": token}), 201


@bp.get("/workshops/<code>/state")
def get_state(code: str):
    """The same snapshot the socket sends, for whoever is asking."""
    cookie_name = access.participant_cookie_name(workshops.normalise_code(code))
    token = bearer() or request.cookies.get(cookie_name)
    if token:
        viewer = access.by_code_for_token(code, token)
    else:
        viewer = access.by_code_for_facilitator(facilitator_id(), code)
    return jsonify(state.snapshot(viewer))


@bp.put("/workshops/<code>/phase")
@accepts(Move)
def change_phase(code: str):
    """Move a workshop to another phase (facilitator); 409 when not allowed."""
    caller = facilitator_id()
    body = json_body()
    viewer = access.by_code_for_facilitator(caller, code)
    moved = workshops.change_phase(caller, viewer.workshop_id, body.get("phase"), body.get("step"))
    return jsonify(moved_json(moved))


@bp.put("/workshops/<code>/settings")
@accepts(Settings)
def change_settings(code: str):
    """Switch private writing, anonymity and the room lock (facilitator)."""
    caller = facilitator_id()
    body = json_body()
    viewer = access.by_code_for_facilitator(caller, code)
    changed = workshops.change_settings(caller, viewer.workshop_id, body)
    return jsonify(changed_json(changed))


@bp.delete("/participants/<int:participant_id>")
def remove_participant(participant_id: int):
    """Remove a participant (facilitator): their token stops working; their stories stay."""
    participants.remove(facilitator_id(), participant_id)
    return "", 204
