"""The OpenAPI paths and schemas of designing: the activities, the template library, and a
workshop's plan. openapi.py merges them into the document, path by path."""

from __future__ import annotations

from typing import Any

from .openapi_practice_schemas import _INT, _object
from .openapi_practices import _CODE, _errors, _json, _path_param
from .openapi_schemas import ref

_FACILITATOR: list[dict[str, list[str]]] = [{"apiToken": []}]
_TEMPLATE_ID = _path_param("template_id", _INT, "A saved template's id.")

SCHEMAS: dict[str, Any] = {
    "Activity": _object(
        {
            "key": {"type": "string"},
            "name": {"type": "string"},
            "settings": {
                "type": "object",
                "description": "Each setting: {default, label}",
            },
        }
    ),
    "Plan": _object(
        {
            "welcome": {"type": "string"},
            "lobby": {"type": "object"},
            "steps": {"type": "array", "items": ref("Step")},
            "lens_questions": {"type": "object"},
            "examples": {"type": "array", "items": {"type": "object"}},
            "lenses": {"type": "array", "items": {"type": "string"}},
            "step_index": {"type": ["integer", "null"]},
            "is_open": {"type": "boolean"},
        }
    ),
}

PATHS: dict[str, Any] = {
    "/activities": {
        "get": {
            "summary": "The activities a plan's steps may run",
            "security": _FACILITATOR,
            "responses": {
                "200": _json(
                    _object({"activities": {"type": "array", "items": ref("Activity")}}),
                    "In the order an editor offers them",
                ),
                **_errors(401),
            },
        }
    },
    "/templates/{template_id}": {
        "parameters": [_TEMPLATE_ID],
        "get": {
            "summary": "A template's whole design (the caller's own or a shared one)",
            "security": _FACILITATOR,
            "responses": {"200": _json(ref("Template"), "With its design"), **_errors(401, 404)},
        },
        "put": {
            "summary": "Replace a template's design with an edited one (owner)",
            "security": _FACILITATOR,
            "responses": {
                "200": _json(ref("Template"), "Saved"),
                **_errors(400, 401, 403, 404, 422),
            },
        },
    },
    "/templates/{template_id}/sharing": {
        "parameters": [_TEMPLATE_ID],
        "put": {
            "summary": "Put a template in the shared library, or take it out (owner)",
            "security": _FACILITATOR,
            "responses": {"200": _json(ref("Template"), "Its sharing"), **_errors(401, 403, 404)},
        },
    },
    "/templates/{template_id}/copy": {
        "parameters": [_TEMPLATE_ID],
        "post": {
            "summary": "Make the caller their own copy of a template",
            "security": _FACILITATOR,
            "responses": {"201": _json(ref("Template"), "The copy"), **_errors(401, 404)},
        },
    },
    "/workshops/{code}/plan": {
        "parameters": [_CODE],
        "get": {
            "summary": "The workshop's plan, as its editor reads it",
            "security": _FACILITATOR,
            "responses": {"200": _json(ref("Plan"), "The plan"), **_errors(401, 404)},
        },
        "put": {
            "summary": "Change the workshop's plan (the steps that ran stay in place)",
            "security": _FACILITATOR,
            "responses": {
                "200": _json(ref("Plan"), "The plan; every screen got it"),
                **_errors(400, 401, 404, (409, "The workshop is closed"), 422),
            },
        },
    },
}
