"""The OpenAPI paths of practices, dot voting, results and commitments.

openapi.py merges PATHS into the document's paths (and the schemas of
openapi_practice_schemas.py into its components).
"""

from __future__ import annotations

from typing import Any

from .openapi_practice_schemas import _INT, _KEY_PATTERN, _SCORE, _object
from .openapi_schemas import ref


def _json(schema: dict[str, Any], description: str) -> dict[str, Any]:
    return {"description": description, "content": {"application/json": {"schema": schema}}}


def _body(schema: dict[str, Any], *, required: bool = True) -> dict[str, Any]:
    return {"required": required, "content": {"application/json": {"schema": schema}}}


_ERROR_TEXT = {
    400: "Malformed JSON body",
    401: "Missing or invalid credential, or the wrong kind of caller",
    403: "Not your workshop",
    404: "Unknown workshop code or practice",
    422: "Invalid input; `error.fields` names each field",
}


def _errors(*statuses: int | tuple[int, str]) -> dict[str, Any]:
    """Error responses: a status with its usual description, or (status, description)."""
    out: dict[str, Any] = {}
    for status in statuses:
        code, text = status if isinstance(status, tuple) else (status, _ERROR_TEXT[status])
        out[str(code)] = _json(ref("Error"), text)
    return out


def _path_param(name: str, schema: dict[str, Any], description: str) -> dict[str, Any]:
    return {
        "name": name,
        "in": "path",
        "required": True,
        "description": description,
        "schema": schema,
    }


_CODE = _path_param(
    "code", {"type": "string"}, "Join code, 6 characters, any case; spaces and dashes are ignored."
)
_PRACTICE_ID = _path_param("practice_id", _INT, "A practice's id.")
_VOTE_KEY = _path_param(
    "key",
    {"type": "string", "pattern": _KEY_PATTERN},
    "The client's key for one dot, 1-64 of A-Z a-z 0-9 _ . : - (else 422); one key per dot "
    "per participant.",
)

#: OpenAPI security requirements: each scheme with its (empty) list of scopes.
_FACILITATOR: list[dict[str, list[str]]] = [{"apiToken": []}]
_PARTICIPANT: list[dict[str, list[str]]] = [{"participantToken": []}]
_EITHER: list[dict[str, list[str]]] = [{"participantToken": []}, {"apiToken": []}]
_CLOSED = (409, "The workshop is closed (`workshop_closed`)")
_NOT_YOURS = (403, "Another facilitator's token: not your workshop")
_NOT_PARTICIPANT = (401, "Only a participant of the workshop may (a facilitator or projector: 401)")
_PROPOSING_CLOSED = (
    409,
    "`practices_closed` (a participant outside the practices phase), `workshop_closed`",
)
_PRACTICE_CHANGED = _json(ref("Practice"), "The practice, as facilitators see it")
_FACILITATOR_PRACTICE = {
    "security": _FACILITATOR,
    "responses": {"200": _PRACTICE_CHANGED, **_errors(401, 403, 404, _CLOSED)},
}


PATHS: dict[str, Any] = {
    "/workshops/{code}/practices": {
        "parameters": [_CODE],
        "post": {
            "summary": "Propose a practice",
            "description": "A participant in the practices phase, or a facilitator while "
            "the workshop is open. A replay of the key returns the practice with 200.",
            "security": _EITHER,
            "responses": {
                "201": _json(ref("Practice"), "Proposed"),
                "200": _json(ref("Practice"), "A replay of the same key: that practice"),
                **_errors(
                    400,
                    401,
                    (403, "The projector, or not your workshop"),
                    404,
                    (409, "`practices_closed`, `key_in_use`, `workshop_closed`"),
                    422,
                ),
            },
        },
    },
    "/practices/{practice_id}": {
        "parameters": [_PRACTICE_ID],
        "patch": {
            "summary": "Change a practice: an author in the practices phase, or a facilitator",
            "security": _EITHER,
            "responses": {
                "200": _json(ref("Practice"), "The changed practice"),
                **_errors(
                    400,
                    401,
                    (403, "Not an author, or not your workshop"),
                    404,
                    _PROPOSING_CLOSED,
                    422,
                ),
            },
        },
        "delete": {
            "summary": "Delete a practice: an author in the practices phase, or a facilitator",
            "description": "Its dots go back to their owners (dots_returned, reason deleted).",
            "security": _EITHER,
            "responses": {
                "204": {"description": "Deleted"},
                **_errors(
                    401, (403, "Not an author, or not your workshop"), 404, _PROPOSING_CLOSED
                ),
            },
        },
    },
    "/practices/{practice_id}/hide": {
        "parameters": [_PRACTICE_ID],
        "post": {
            "summary": "Hide a practice from phones and the projector; its dots go back",
            **_FACILITATOR_PRACTICE,
        },
    },
    "/practices/{practice_id}/restore": {
        "parameters": [_PRACTICE_ID],
        "post": {"summary": "Bring a hidden practice back", **_FACILITATOR_PRACTICE},
    },
    "/practices/{practice_id}/merge": {
        "parameters": [_PRACTICE_ID],
        "post": {
            "summary": "Merge a practice into another",
            "description": "The one that stays gets the stories and authors of both, and the "
            "merged one's dots and ratings; dots now over the cap (or on one's own practice, "
            "with self-votes off) go back to their owners.",
            "security": _FACILITATOR,
            "responses": {
                "200": _json(ref("Practice"), "The practice that stays, as facilitators see it"),
                **_errors(
                    400,
                    401,
                    403,
                    404,
                    _CLOSED,
                    (422, "`into` is not another practice of this workshop still on the wall"),
                ),
            },
        },
    },
    "/practices/{practice_id}/rating": {
        "parameters": [_PRACTICE_ID],
        "put": {
            "summary": "Rate a practice for customer agency and ease (rate again to change)",
            "security": _PARTICIPANT,
            "responses": {
                "200": _json(ref("Rating"), "The rating"),
                **_errors(
                    400,
                    _NOT_PARTICIPANT,
                    _NOT_YOURS,
                    404,
                    (409, "`voting_closed`, `practice_unavailable` (hidden, or not readable)"),
                    422,
                ),
            },
        },
    },
    "/workshops/{code}/voting": {
        "parameters": [_CODE],
        "put": {
            "summary": "Set the dot budget, the per-practice cap, self-votes and hiding",
            "security": _FACILITATOR,
            "responses": {
                "200": _json(ref("Voting"), "The rules now"),
                **_errors(
                    400,
                    401,
                    (404, "Not a workshop of yours"),
                    (409, "`voting_closed`: in the results phase, or closed"),
                    (422, "A bad value, or an unknown setting"),
                ),
            },
        },
    },
    "/workshops/{code}/votes/{key}": {
        "parameters": [_CODE, _VOTE_KEY],
        "put": {
            "summary": "Put a dot on a practice (or a story) under the client's key",
            "description": "A replay of the key returns 200 with the same dot (even if "
            "withdrawn) and changes nothing; `remaining` is what is left now. Where the "
            "voting step votes on the stories (`on` is `stories`), send `story_id`.",
            "security": _PARTICIPANT,
            "responses": {
                "201": _json(ref("VoteResult"), "Placed"),
                "200": _json(ref("VoteResult"), "A replay of the same key: that dot"),
                **_errors(
                    400,
                    _NOT_PARTICIPANT,
                    _NOT_YOURS,
                    404,
                    (
                        409,
                        "`voting_closed`, `over_budget`, `over_cap`, `own_practice`, "
                        "`practice_unavailable`, `own_story`, `story_unavailable`",
                    ),
                    (422, "A bad key, or the id not a practice (story) of this workshop"),
                ),
            },
        },
        "delete": {
            "summary": "Take a dot back (again: no change)",
            "security": _PARTICIPANT,
            "responses": {
                "200": _json(ref("VoteResult"), "The dot, withdrawn"),
                **_errors(
                    _NOT_PARTICIPANT,
                    _NOT_YOURS,
                    (404, "Unknown workshop code, or no dot under this key"),
                    (409, "`voting_closed`: the dot is in force and voting is not open"),
                    (422, "A bad key"),
                ),
            },
        },
    },
    "/workshops/{code}/results": {
        "parameters": [_CODE],
        "get": {
            "summary": "The ranking with dots, ratings, traced stories and commitments",
            "description": "Facilitators always; others once the tally is public.",
            "security": [{"apiToken": []}, {"projectorKey": []}, {"participantToken": []}],
            "responses": {
                "200": _json(ref("Results"), "The results the caller may read"),
                **_errors(
                    401,
                    (403, "`votes_not_revealed`, or not your workshop"),
                    404,
                ),
            },
        },
    },
    "/practices/{practice_id}/commitment": {
        "parameters": [_PRACTICE_ID],
        "put": {
            "summary": "Make a practice a commitment, or change its owner, step or place",
            "security": _FACILITATOR,
            "responses": {
                "200": _PRACTICE_CHANGED,
                **_errors(400, 401, 403, (404, "Unknown, merged or hidden practice"), _CLOSED, 422),
            },
        },
        "delete": {
            "summary": "Take a practice off the commitments (idempotent)",
            "security": _FACILITATOR,
            "responses": {"204": {"description": "Removed"}, **_errors(401, 403, 404, _CLOSED)},
        },
    },
    "/workshops/{code}/ballot": {
        "parameters": [_CODE],
        "get": {
            "summary": "The caller's own dots and ratings",
            "security": _PARTICIPANT,
            "responses": {
                "200": _json(
                    {
                        "allOf": [
                            ref("Ballot"),
                            _object(
                                {
                                    "ratings": {
                                        "type": "object",
                                        "additionalProperties": _object(
                                            {"agency": _SCORE, "ease": _SCORE}
                                        ),
                                        "description": "The caller's ratings by practice id",
                                    }
                                }
                            ),
                        ]
                    },
                    "The ballot",
                ),
                **_errors(_NOT_PARTICIPANT, _NOT_YOURS, 404),
            },
        },
    },
    "/workshops/{code}/reveal": {
        "parameters": [_CODE],
        "post": {
            "summary": "Show the stories, the practices or the votes to everyone",
            "description": "Without `what`: the votes in the voting and results phases, the "
            "practices in the practices phase, the stories otherwise.",
            "security": _FACILITATOR,
            "responses": {
                "200": _json(ref("Changed"), "What is revealed now"),
                **_errors(
                    400,
                    401,
                    (404, "Not a workshop of yours"),
                    (
                        409,
                        "`voting_closed` (votes outside voting and results), "
                        "`workshop_closed` (practices)",
                    ),
                    (422, "`what` is not stories, practices or votes"),
                ),
            },
        },
    },
}
