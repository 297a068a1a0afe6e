"""The practices' posting routes (mounted under /api/v1): the spotlight and reactions, as
stories have them, and their OpenAPI paths. The rest of the practices' routes are still
in workshop/api/practices.py."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, jsonify

from .. import throttle
from ..api.common import facilitator_id, participant_of, viewer_of
from ..errors import NotFound
from ..extensions import db
from . import posting
from .models import Practice

bp = Blueprint("practice_posting", __name__)


def _practice(practice_id: int) -> Practice:
    practice = db.session.get(Practice, practice_id)
    if practice is None:
        raise NotFound()
    return practice


@bp.post("/practices/<int:practice_id>/spotlight")
def spotlight_practice(practice_id: int):
    """Show a practice large on the projector and as a banner on phones (facilitator); it
    ends a story's spotlight. DELETE /workshops/<code>/spotlight ends either."""
    caller = facilitator_id()
    shown = posting.spotlight(caller, _practice(practice_id).workshop_id, practice_id)
    return jsonify({"practice_spotlight": posting.spotlight_json(shown), "seq": shown.seq})


def _reaction(practice_id: int, kind: str, *, on: bool):
    participant_id = participant_of(viewer_of(_practice(practice_id).workshop))
    throttle.spend(throttle.REACTIONS, str(participant_id))
    return jsonify(posting.set_reaction(participant_id, practice_id, kind, on=on))


@bp.put("/practices/<int:practice_id>/reactions/<kind>")
def add_reaction(practice_id: int, kind: str):
    """React to a practice someone else wrote (participant); idempotent."""
    return _reaction(practice_id, kind, on=True)


@bp.delete("/practices/<int:practice_id>/reactions/<kind>")
def remove_reaction(practice_id: int, kind: str):
    """Take a reaction back (participant); idempotent."""
    return _reaction(practice_id, kind, on=False)


def _json(schema: dict[str, Any], description: str) -> dict[str, Any]:
    return {"description": description, "content": {"application/json": {"schema": schema}}}


def _errors(*statuses: int) -> dict[str, Any]:
    text = {
        401: "Missing or invalid credential",
        403: "Not your workshop, or (reactions) a practice of one's own: `own_practice`",
        404: "Unknown practice, or one the caller may not read (hidden, merged, private)",
        422: "Unknown reaction kind",
    }
    schema = {"$ref": "#/components/schemas/Error"}
    return {str(s): _json(schema, text[s]) for s in statuses}


_ID = {"name": "practice_id", "in": "path", "required": True, "schema": {"type": "integer"}}
_KIND = {
    "name": "kind",
    "in": "path",
    "required": True,
    "schema": {"type": "string", "enum": ["heart", "clap", "idea", "wow"]},
}
_COUNTS = _json({"$ref": "#/components/schemas/PracticeReactions"}, "Counts")
_REACT = {
    "security": [{"participantToken": []}],
    "responses": {"200": _COUNTS, **_errors(401, 403, 404, 422)},
}

OPENAPI: dict[str, Any] = {
    "paths": {
        "/practices/{practice_id}/spotlight": {
            "parameters": [_ID],
            "post": {
                "summary": "Show a practice large on the projector and as a banner on phones",
                "description": "One spotlight per workshop: this ends a story's. "
                "`DELETE /workshops/{code}/spotlight` ends it.",
                "security": [{"apiToken": []}],
                "responses": {
                    "200": _json(
                        {
                            "type": "object",
                            "required": ["practice_spotlight", "seq"],
                            "properties": {
                                "practice_spotlight": {"$ref": "#/components/schemas/Practice"},
                                "seq": {"type": "integer"},
                            },
                        },
                        "The practice in the spotlight",
                    ),
                    **_errors(401, 403, 404),
                },
            },
        },
        "/practices/{practice_id}/reactions/{kind}": {
            "parameters": [_ID, _KIND],
            "put": {"summary": "React to a practice someone else wrote (idempotent)", **_REACT},
            "delete": {"summary": "Take a reaction back (idempotent)", **_REACT},
        },
    },
    "schemas": {
        "PracticeReactions": {
            "type": "object",
            "properties": {
                "practice_id": {"type": "integer"},
                "reactions": {"$ref": "#/components/schemas/ReactionCounts"},
                "mine": {"type": "array", "items": {"type": "string"}},
            },
        },
    },
}
