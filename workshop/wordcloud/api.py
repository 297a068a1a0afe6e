"""The word cloud's API routes (mounted under /api/v1) and their OpenAPI paths."""

from __future__ import annotations

import uuid
from typing import Any

from flask import Blueprint, jsonify

from ..api.common import accepts, facilitator_id, json_body, participant_of, viewer_of
from ..workshops import access
from ..workshops import services as workshops
from . import services as cloud
from .schemas import HiddenWord, NewWord, WordMerge

bp = Blueprint("wordcloud", __name__)


def _participant(code: str) -> int:
    return participant_of(viewer_of(workshops.workshop_by_code(code)))


def _facilitated(code: str) -> tuple[int, int]:
    caller = facilitator_id()
    return caller, access.by_code_for_facilitator(caller, code).workshop_id


@bp.post("/workshops/<code>/words")
@accepts(NewWord)
def post_word(code: str):
    """Send a word (participant); a replayed key, or the same word again, answers 200."""
    participant_id = _participant(code)
    body = json_body()
    key = body.get("key") if "key" in body else f"server-{uuid.uuid4()}"
    result, created = cloud.post_word(participant_id, body.get("text"), key)
    return jsonify(result), 201 if created else 200


@bp.delete("/workshops/<code>/words/<int:word_id>")
def withdraw_word(code: str, word_id: int):
    """Take one's own word back while the cloud is on (participant)."""
    return jsonify(cloud.withdraw_word(_participant(code), word_id))


@bp.post("/workshops/<code>/cloud/hidden")
@accepts(HiddenWord)
def hide_word(code: str):
    """Hide a word from the room, or bring it back (facilitator)."""
    caller, workshop_id = _facilitated(code)
    body = json_body()
    cloud.set_hidden(caller, workshop_id, body.get("word"), hidden=body.get("hidden") is not False)
    return "", 204


@bp.post("/workshops/<code>/cloud/merges")
@accepts(WordMerge)
def merge_words(code: str):
    """Count one word as another (facilitator)."""
    caller, workshop_id = _facilitated(code)
    body = json_body()
    cloud.merge(caller, workshop_id, body.get("word"), body.get("into"))
    return "", 204


@bp.post("/workshops/<code>/cloud/reveal")
def reveal(code: str):
    """Show the cloud to the room (facilitator)."""
    caller, workshop_id = _facilitated(code)
    cloud.reveal(caller, workshop_id)
    return "", 204


def _errors(*statuses: int) -> dict[str, Any]:
    error = {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}
    text = {
        401: "Missing or invalid credential",
        403: "Not yours",
        404: "Unknown workshop or word",
        409: "The word cloud is not on, or the phone has sent three words",
        422: "Invalid input; `error.fields` names each field",
    }
    return {str(s): {"description": text[s], "content": error} for s in statuses}


_CODE = {"name": "code", "in": "path", "required": True, "schema": {"type": "string"}}
_WORDS = {
    "description": "The phone's words in the cloud that is on",
    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/CloudWords"}}},
}
_DONE = {
    "204": {"description": "Done: the screens get the cloud on the next tick"},
    **_errors(401, 403, 404, 409, 422),
}
_FACILITATOR: list[dict[str, list[str]]] = [{"apiToken": []}]


OPENAPI: dict[str, Any] = {
    "paths": {
        "/workshops/{code}/words": {
            "post": {
                "summary": "Send a word or a short phrase to the word cloud (participant)",
                "security": [{"participantToken": []}],
                "parameters": [_CODE],
                "responses": {"201": _WORDS, "200": _WORDS, **_errors(401, 404, 409, 422)},
            }
        },
        "/workshops/{code}/words/{word_id}": {
            "delete": {
                "summary": "Take one's own word back (participant)",
                "security": [{"participantToken": []}],
                "parameters": [
                    _CODE,
                    {
                        "name": "word_id",
                        "in": "path",
                        "required": True,
                        "schema": {"type": "integer"},
                    },
                ],
                "responses": {"200": _WORDS, **_errors(401, 403, 404, 409)},
            }
        },
        "/workshops/{code}/cloud/hidden": {
            "post": {
                "summary": "Hide a word from the room, or bring it back (facilitator)",
                "security": _FACILITATOR,
                "parameters": [_CODE],
                "responses": _DONE,
            }
        },
        "/workshops/{code}/cloud/merges": {
            "post": {
                "summary": "Count one word as another (facilitator)",
                "security": _FACILITATOR,
                "parameters": [_CODE],
                "responses": _DONE,
            }
        },
        "/workshops/{code}/cloud/reveal": {
            "post": {
                "summary": "Show the word cloud to the room (facilitator)",
                "security": _FACILITATOR,
                "parameters": [_CODE],
                "responses": _DONE,
            }
        },
    },
    "schemas": {
        "CloudWords": {
            "type": "object",
            "properties": {
                "words": {
                    "type": "array",
                    "items": {
                        "type": "object",
                        "properties": {
                            "id": {"type": "integer"},
                            "key": {"type": "string"},
                            "text": {"type": "string"},
                            "word": {"type": "string"},
                        },
                    },
                }
            },
        }
    },
}
