"""The OpenAPI paths and schemas of running a workshop: templates, the timer,
co-facilitators, the charter's exports, the results link, import, retention, deletion.

openapi.py merges PATHS into the document's paths and SCHEMAS into its components.
"""

from __future__ import annotations

from typing import Any

from .openapi_practice_schemas import _INT, _TIME, _object
from .openapi_practices import _CODE, _errors, _json, _path_param
from .openapi_schemas import ref

_FACILITATOR: list[dict[str, list[str]]] = [{"apiToken": []}]
_NULLABLE_TEXT = {"type": ["string", "null"]}

SCHEMAS: dict[str, Any] = {
    "Template": _object(
        {
            "id": {"type": "string", "description": '"object-to-subject" (built in) or a saved id'},
            "name": {
                "oneOf": [{"type": "string"}, {"type": "object"}],
                "description": "The saved name, or the built-in one's name by language",
            },
            "languages": {"type": "array", "items": {"type": "string", "enum": ["fi", "en"]}},
            "is_builtin": {"type": "boolean"},
            "is_shared": {"type": "boolean", "description": "In the shared library"},
            "owner": {"type": "string", "description": "The owner's email"},
            "created_at": {"type": ["string", "null"], "format": "date-time"},
            "design": {"type": "object", "description": "Only from GET/PUT of one template"},
        },
        optional=("is_shared", "owner", "design"),
    ),
    "Timer": _object(
        {
            "state": {"type": "string", "enum": ["stopped", "running", "paused", "ended"]},
            "phase": _NULLABLE_TEXT,
            "ends_at": {"type": ["string", "null"], "format": "date-time"},
            "seconds_left": {"type": ["integer", "null"], "minimum": 0},
            "total_seconds": {"type": ["integer", "null"]},
            "planned_seconds": {"type": "integer", "description": "The phase's suggested length"},
            "locks_at_time_up": {"type": "boolean"},
            "is_locked": {"type": "boolean", "description": "Ended, and submissions refused"},
            "server_now": _TIME,
        }
    ),
    "Team": _object(
        {
            "owner": _object({"id": _INT, "email": {"type": "string"}}),
            "co_facilitators": {
                "type": "array",
                "items": _object({"id": _INT, "email": {"type": "string"}}),
            },
        }
    ),
    "ShareLink": _object({"share_url": _NULLABLE_TEXT}),
    "Retention": _object(
        {
            "retention_days": {"type": ["integer", "null"], "minimum": 1, "maximum": 3650},
            "deletes_at": {"type": ["string", "null"], "format": "date-time"},
        }
    ),
}


def _export(media: str, summary: str) -> dict[str, Any]:
    return {
        "parameters": [_CODE],
        "get": {
            "summary": summary,
            "security": _FACILITATOR,
            "responses": {
                "200": {"description": summary, "content": {media: {"schema": {"type": "string"}}}},
                **_errors(401, 404),
            },
        },
    }


PATHS: dict[str, Any] = {
    "/templates": {
        "get": {
            "summary": "The built-in template, the caller's saved ones, and shared ones",
            "security": _FACILITATOR,
            "responses": {
                "200": _json(
                    _object({"templates": {"type": "array", "items": ref("Template")}}),
                    "Built-in first",
                ),
                **_errors(401),
            },
        }
    },
    "/templates/{template_id}": {
        "parameters": [_path_param("template_id", _INT, "A saved template's id.")],
        "delete": {
            "summary": "Delete one of the caller's saved templates",
            "security": _FACILITATOR,
            "responses": {"204": {"description": "Deleted"}, **_errors(401, 404)},
        },
    },
    "/workshops/{code}/template": {
        "parameters": [_CODE],
        "post": {
            "summary": "Save the workshop's design as a template",
            "security": _FACILITATOR,
            "responses": {"201": _json(ref("Template"), "Saved"), **_errors(400, 401, 404, 422)},
        },
    },
    "/workshops/{code}/timer": {
        "parameters": [_CODE],
        "put": {
            "summary": "Start (or resume), pause, add to, or stop the phase's timer",
            "security": _FACILITATOR,
            "responses": {
                "200": _json(ref("Timer"), "The timer now"),
                **_errors(400, 401, 404, (409, "workshop_closed"), 422),
            },
        },
    },
    "/workshops/{code}/facilitators": {
        "parameters": [_CODE],
        "post": {
            "summary": "Share the workshop with another facilitator account (owner)",
            "security": _FACILITATOR,
            "responses": {
                "200": _json(ref("Team"), "Who runs it"),
                **_errors(400, 401, 403, 404, 422),
            },
        },
    },
    "/workshops/{code}/facilitators/{member_id}": {
        "parameters": [_CODE, _path_param("member_id", _INT, "A co-facilitator's account id.")],
        "delete": {
            "summary": "Stop sharing the workshop with a facilitator (owner)",
            "security": _FACILITATOR,
            "responses": {"200": _json(ref("Team"), "Who runs it"), **_errors(401, 403, 404)},
        },
    },
    "/workshops/{code}/retention": {
        "parameters": [_CODE],
        "put": {
            "summary": "Days after closing until the workshop is deleted (null keeps it)",
            "security": _FACILITATOR,
            "responses": {
                "200": _json(ref("Retention"), "The setting"),
                **_errors(400, 401, 404, 422),
            },
        },
    },
    "/workshops/{code}/share": {
        "parameters": [_CODE],
        "post": {
            "summary": "Make the read-only results link (replaces any earlier one)",
            "security": _FACILITATOR,
            "responses": {"201": _json(ref("ShareLink"), "The link"), **_errors(401, 404)},
        },
        "delete": {
            "summary": "Revoke the read-only results link",
            "security": _FACILITATOR,
            "responses": {"204": {"description": "Revoked"}, **_errors(401, 404)},
        },
    },
    "/workshops/{code}/export.md": _export("text/markdown", "The practice charter as Markdown"),
    "/workshops/{code}/export.html": _export(
        "text/html", "The practice charter as a printable page"
    ),
    "/workshops/{code}/export.csv": _export("text/csv", "The charter as CSV (UTF-8 with a BOM)"),
    "/workshops/{code}/export.json": {
        "parameters": [_CODE],
        "get": {
            "summary": "The whole workshop as JSON (to import again)",
            "security": _FACILITATOR,
            "responses": {"200": _json(ref("WorkshopExport"), "The export"), **_errors(401, 404)},
        },
    },
    "/workshops/import": {
        "post": {
            "summary": "Import an export as a new workshop, or with ?as=template as a template",
            "security": _FACILITATOR,
            "parameters": [
                {
                    "name": "as",
                    "in": "query",
                    "required": False,
                    "schema": {"type": "string", "enum": ["workshop", "template"]},
                }
            ],
            "responses": {
                "201": _json({"oneOf": [ref("Workshop"), ref("Template")]}, "Imported"),
                **_errors(400, 401, 422),
            },
        },
    },
}


def _query(name: str, description: str) -> dict[str, Any]:
    schema = {"type": "integer", "minimum": 1}
    return {"name": name, "in": "query", "schema": schema, "description": description}


_STORIES = {"type": "array", "items": ref("Story")}
#: GET /workshops/{code}/stories: the room's stories a page at a time (openapi.py puts it
#: beside the story post).
STORY_PAGE: dict[str, Any] = {
    "summary": "The stories the caller may read, newest page first; ?before=<id> for older",
    "security": [{"participantToken": []}, {"projectorKey": []}, {"apiToken": []}],
    "parameters": [
        _query("before", "Only stories with a smaller id (the oldest one the caller has)"),
        _query("limit", "At most this many (100 at most, the default)"),
    ],
    "responses": {
        "200": _json(
            _object(
                {"stories": {"type": "array", "items": ref("Story")}, "more": {"type": "boolean"}}
            ),
            "Oldest first; `more`: older ones remain",
        ),
        **_errors(401, 404, 422),
    },
}
