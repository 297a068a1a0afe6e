"""The pulse's API routes (mounted under /api/v1) and their OpenAPI paths."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, jsonify

from ..api.common import accepts, facilitated, facilitator_id, json_body, participant_of, viewer_of
from ..workshops import access
from ..workshops import services as workshops
from . import checkins, figures
from . import services as pulse
from .schemas import CheckInAnswers, PulseRating

bp = Blueprint("pulse", __name__)


@bp.post("/workshops/<code>/pulse/answers")
@accepts(PulseRating)
def answer(code: str):
    """Rate one statement of the pulse that is on (participant); again to change it."""
    participant_id = participant_of(viewer_of(workshops.workshop_by_code(code)))
    body = json_body()
    return jsonify(pulse.answer(participant_id, body.get("statement"), body.get("rating")))


@bp.post("/workshops/<code>/pulse/reveal")
def reveal(code: str):
    """Show the figures to the room; answering ends (facilitator)."""
    caller = facilitator_id()
    pulse.reveal(caller, access.by_code_for_facilitator(caller, code).workshop_id)
    return "", 204


@bp.get("/workshops/<code>/pulse")
def summary(code: str):
    """Every round's figures, the change, and the check-ins (facilitator)."""
    _caller, workshop = facilitated(code)
    return jsonify(
        {
            "summary": pulse.pulse_summary(workshop.id),
            "change": figures.pulse_change(workshop.id),
            "check_ins": figures.check_ins_json(workshop.id),
        }
    )


@bp.post("/workshops/<code>/pulse/link")
def create_link(code: str):
    """Make the check-in link (shown this once); any earlier one closes (facilitator)."""
    caller, workshop = facilitated(code)
    made = checkins.create_link(caller, workshop.id)
    token = made.pop("token")
    return jsonify({**made, "url": checkins.link_url(token)}), 201


@bp.delete("/workshops/<code>/pulse/link")
def revoke_link(code: str):
    """Close the check-in link; its answers stay (facilitator)."""
    caller, workshop = facilitated(code)
    checkins.revoke_link(caller, workshop.id)
    return "", 204


@bp.get("/pulse/<token>")
def check_in(token: str):
    """What a check-in link asks (anyone with the link)."""
    return jsonify(checkins.check_in_json(checkins.round_by_link(token)))


@bp.post("/pulse/<token>/answers")
@accepts(CheckInAnswers)
def answer_check_in(token: str):
    """A phone's answers to a check-in, all at once (anyone with the link, once a phone)."""
    body = json_body()
    checkins.count_new_phone(token, body.get("phone"))
    created = checkins.answer_check_in(token, body.get("phone"), body.get("ratings"))
    return jsonify({"answered": True}), 201 if created else 200


def _errors(*statuses: int) -> dict[str, Any]:
    error = {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}
    text = {
        401: "Missing or invalid credential",
        403: "Not yours",
        404: "Unknown workshop, or a check-in link that does not work (any more)",
        409: "The pulse is not on or its figures are shown; or this phone has answered",
        422: "Invalid input; `error.fields` names each field",
        429: "Too many new phones from this address",
    }
    return {str(s): {"description": text[s], "content": error} for s in statuses}


def _json(schema: str, description: str) -> dict[str, Any]:
    return {
        "description": description,
        "content": {"application/json": {"schema": {"$ref": f"#/components/schemas/{schema}"}}},
    }


_CODE = {"name": "code", "in": "path", "required": True, "schema": {"type": "string"}}
_TOKEN = {
    "name": "token",
    "in": "path",
    "required": True,
    "schema": {"type": "string"},
    "description": "The check-in link's token (pls_...)",
}
_FACILITATOR: list[dict[str, list[str]]] = [{"apiToken": []}]
_NULLABLE_NUMBER = {"type": ["number", "null"]}
_COUNTS = {
    "type": ["object", "null"],
    "description": "How many gave each rating, 1 to 5 (null under 5 answers)",
    "additionalProperties": {"type": "integer"},
}

OPENAPI: dict[str, Any] = {
    "paths": {
        "/workshops/{code}/pulse/answers": {
            "post": {
                "summary": "Rate one statement of the pulse that is on, 1–5 (participant)",
                "description": "Rating it again changes the answer; the same rating again "
                "changes nothing. Answers are anonymous whatever the workshop's setting.",
                "security": [{"participantToken": []}],
                "parameters": [_CODE],
                "responses": {
                    "200": _json("PulseRatings", "The phone's ratings in this pulse"),
                    **_errors(401, 404, 409, 422),
                },
            }
        },
        "/workshops/{code}/pulse/reveal": {
            "post": {
                "summary": "Show the pulse's figures to the room; answering ends (facilitator)",
                "security": _FACILITATOR,
                "parameters": [_CODE],
                "responses": {
                    "204": {"description": "Done: the screens get it on the next tick"},
                    **_errors(401, 403, 404, 409),
                },
            }
        },
        "/workshops/{code}/pulse": {
            "get": {
                "summary": "The pulse's figures per statement and round, its change, and the "
                "check-ins (facilitator)",
                "security": _FACILITATOR,
                "parameters": [_CODE],
                "responses": {
                    "200": _json("PulseSummary", "No figure from fewer than 5 answers"),
                    **_errors(401, 403, 404),
                },
            }
        },
        "/workshops/{code}/pulse/link": {
            "post": {
                "summary": "Make the check-in link (its URL is shown this once) (facilitator)",
                "description": "A link made before closes; its answers stay as a round.",
                "security": _FACILITATOR,
                "parameters": [_CODE],
                "responses": {
                    "201": _json("PulseLink", "The new check-in round and its link"),
                    **_errors(401, 403, 404),
                },
            },
            "delete": {
                "summary": "Revoke the check-in link; its answers stay (facilitator)",
                "security": _FACILITATOR,
                "parameters": [_CODE],
                "responses": {"204": {"description": "Revoked"}, **_errors(401, 403, 404)},
            },
        },
        "/pulse/{token}": {
            "get": {
                "summary": "What a check-in link asks (anyone with the link)",
                "security": [],
                "parameters": [_TOKEN],
                "responses": {
                    "200": _json("PulseCheckIn", "The workshop and the statements"),
                    **_errors(404),
                },
            }
        },
        "/pulse/{token}/answers": {
            "post": {
                "summary": "Answer a check-in, every statement at once (anyone with the link)",
                "description": "`phone` is the phone's own random token: the same answers "
                "again answer 200, other answers from the same phone 409.",
                "security": [],
                "parameters": [_TOKEN],
                "responses": {
                    "201": _json("PulseAnswered", "Taken"),
                    "200": _json("PulseAnswered", "The same answers, taken before"),
                    **_errors(404, 409, 422, 429),
                },
            }
        },
    },
    "schemas": {
        "PulseRatings": {
            "type": "object",
            "properties": {
                "step_index": {"type": "integer"},
                "ratings": {
                    "type": "object",
                    "description": "Statement (0 is the first) -> rating",
                    "additionalProperties": {"type": "integer"},
                },
            },
        },
        "PulseSummary": {
            "type": "object",
            "properties": {
                "summary": {
                    "type": "array",
                    "items": {
                        "type": "object",
                        "properties": {
                            "statement": {"type": "string"},
                            "rounds": {
                                "type": "array",
                                "items": {
                                    "type": "object",
                                    "properties": {
                                        "kind": {"enum": ["in_room", "check_in"]},
                                        "at": {"type": "string", "format": "date"},
                                        "answers": {"type": "integer"},
                                        "mean": _NULLABLE_NUMBER,
                                        "counts": _COUNTS,
                                    },
                                },
                            },
                        },
                    },
                },
                "change": {"type": "array", "items": {"type": "object"}},
                "check_ins": {"type": "array", "items": {"type": "object"}},
            },
        },
        "PulseLink": {
            "type": "object",
            "properties": {
                "id": {"type": "integer"},
                "statements": {"type": "array", "items": {"type": "string"}},
                "url": {"type": "string"},
            },
        },
        "PulseCheckIn": {
            "type": "object",
            "properties": {
                "title": {"type": "string"},
                "language": {"enum": ["fi", "en"]},
                "statements": {"type": "array", "items": {"type": "string"}},
            },
        },
        "PulseAnswered": {"type": "object", "properties": {"answered": {"type": "boolean"}}},
    },
}
