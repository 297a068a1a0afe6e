"""The OpenAPI paths and schemas of the follow-up: commitments' status and history, owners'
links, check-ins, the webhook and the calendar (openapi.py merges them in)."""

from __future__ import annotations

from typing import Any

from .openapi_practice_schemas import _INT, _TIME, _object
from .openapi_practices import _FACILITATOR, _errors, _json, _path_param
from .openapi_schemas import ref

_WORKSHOP_ID = _path_param("workshop_id", _INT, "A workshop's id (its code is freed on closing).")
_PRACTICE_ID = _path_param("practice_id", _INT, "A commitment's practice id.")
_OWNER: list[dict[str, list[str]]] = [{"ownerLink": []}]
_STATUS = {"type": "string", "enum": ["not_started", "started", "done", "dropped"]}
_REVOKED = (410, "The owner's link was withdrawn or replaced (`link_revoked`)")
_DATE = {"type": ["string", "null"], "format": "date"}
_CALENDAR = {
    "description": "iCalendar (RFC 5545): one whole-day event per due date and check-in",
    "content": {"text/calendar": {"schema": {"type": "string"}}},
}

SCHEMAS: dict[str, Any] = {
    "CommitmentUpdate": _object(
        {
            "status": _STATUS,
            "note": {"type": ["string", "null"], "maxLength": 200},
            "by": {"type": "string", "enum": ["owner", "facilitator"]},
            "at": _TIME,
        }
    ),
    "FollowedCommitment": _object(
        {
            "id": _INT,
            "title": {"type": "string"},
            "position": {"type": "integer", "minimum": 0},
            "owner": {"type": ["string", "null"]},
            "first_step": {"type": ["string", "null"]},
            "due_on": _DATE,
            "is_overdue": {"type": "boolean"},
            "status": _STATUS,
            "status_name": {"type": "string", "description": "In the reader's language"},
            "history": {"type": "array", "items": ref("CommitmentUpdate")},
            "stories": {"type": "array", "items": {"type": "object"}},
            "owner_email": {"type": ["string", "null"], "description": "Facilitators only"},
            "link": {
                "oneOf": [ref("OwnerLink"), {"type": "null"}],
                "description": "Facilitators only",
            },
        },
        optional=("owner_email", "link"),
    ),
    "OwnerLink": _object({"url": {"type": "string", "format": "uri"}, "created_at": _TIME}),
    "FollowUp": _object(
        {
            "workshop": {"type": "object"},
            "commitments": {"type": "array", "items": ref("FollowedCommitment")},
            "check_ins": {"type": "array", "items": {"type": "string", "format": "date"}},
            "check_in_now": _DATE,
            "without_update": {
                "type": "array",
                "items": _INT,
                "description": "Open commitments with no update since the check-in before "
                "the current one",
            },
            "webhook": {"type": "object"},
            "follows": {"type": ["object", "null"]},
        }
    ),
}

PATHS: dict[str, Any] = {
    "/workshops/{workshop_id}/follow-up": {
        "parameters": [_WORKSHOP_ID],
        "get": {
            "security": _FACILITATOR,
            "responses": {"200": _json(ref("FollowUp"), "The follow-up"), **_errors(401, 403, 404)},
        },
    },
    "/workshops/{workshop_id}/follow-up/calendar.ics": {
        "parameters": [_WORKSHOP_ID],
        "get": {"security": _FACILITATOR, "responses": {"200": _CALENDAR, **_errors(401, 403)}},
    },
    "/workshops/{workshop_id}/check-ins": {
        "parameters": [_WORKSHOP_ID],
        "put": {
            "security": _FACILITATOR,
            "responses": {
                "200": _json(_object({"check_ins": {"type": "array"}}), "The days, in order"),
                **_errors(400, 401, 403, 404, 422),
            },
        },
    },
    "/workshops/{workshop_id}/webhook": {
        "parameters": [_WORKSHOP_ID],
        "put": {
            "security": _FACILITATOR,
            "responses": {
                "200": _json(
                    _object(
                        {
                            "url": {"type": ["string", "null"]},
                            "secret": {"type": ["string", "null"]},
                        }
                    ),
                    "The address and the secret that signs each post (HMAC-SHA256, header "
                    "X-Toimija-Signature: sha256=<hex>)",
                ),
                **_errors(400, 401, 403, 404, 422),
            },
        },
    },
    "/practices/{practice_id}/commitment/status": {
        "parameters": [_PRACTICE_ID],
        "post": {
            "security": _FACILITATOR,
            "responses": {
                "201": _json(ref("FollowedCommitment"), "Recorded"),
                **_errors(400, 401, 403, (404, "Not a commitment"), 422),
            },
        },
    },
    "/practices/{practice_id}/commitment/link": {
        "parameters": [_PRACTICE_ID],
        "post": {
            "security": _FACILITATOR,
            "responses": {
                "201": _json(ref("OwnerLink"), "The new link; the one before stops working"),
                **_errors(401, 403, (404, "Not a commitment")),
            },
        },
        "delete": {
            "security": _FACILITATOR,
            "responses": {"204": {"description": "Withdrawn"}, **_errors(401, 403, 404)},
        },
    },
    "/commitment": {
        "get": {
            "security": _OWNER,
            "responses": {
                "200": _json(ref("FollowedCommitment"), "The owner's commitment"),
                **_errors((404, "Unknown token"), _REVOKED),
            },
        },
    },
    "/commitment/status": {
        "post": {
            "security": _OWNER,
            "responses": {
                "201": _json(ref("FollowedCommitment"), "Recorded"),
                **_errors(400, (404, "Unknown token"), _REVOKED, 422),
            },
        },
    },
}
