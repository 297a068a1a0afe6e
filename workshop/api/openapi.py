"""The OpenAPI 3 document of /api/v1: its paths here, its schemas in openapi_schemas.py;
practices, voting, results and commitments (paths and schemas) in openapi_practices.py."""

from __future__ import annotations

import copy
from typing import Any

from .. import activities
from .openapi_followups import PATHS as FOLLOWUP_PATHS
from .openapi_followups import SCHEMAS as FOLLOWUP_SCHEMAS
from .openapi_library import PATHS as LIBRARY_PATHS
from .openapi_library import SCHEMAS as LIBRARY_SCHEMAS
from .openapi_practice_schemas import SCHEMAS as PRACTICE_SCHEMAS
from .openapi_practices import PATHS as PRACTICE_PATHS
from .openapi_programmes import PATHS as PROGRAMME_PATHS
from .openapi_programmes import SCHEMAS as PROGRAMME_SCHEMAS
from .openapi_running import PATHS as RUNNING_PATHS
from .openapi_running import SCHEMAS as RUNNING_SCHEMAS
from .openapi_running import STORY_PAGE
from .openapi_schemas import SCHEMAS
from .openapi_schemas import ref as _ref
from .openapi_shapes import complete


def _json(schema: dict[str, Any], description: str) -> dict[str, Any]:
    return {"description": description, "content": {"application/json": {"schema": schema}}}


def _errors(*statuses: int) -> dict[str, Any]:
    text = {
        400: "Malformed JSON body",
        401: "Missing or invalid credential",
        403: "Not your workshop",
        404: "Unknown workshop code (or closed, when joining)",
        409: "Not allowed in the workshop's current state (or phase)",
        422: "Invalid input; `error.fields` names each field",
        429: "Too many in a minute (`rate_limited`): see Limits in docs/api.md",
    }
    return {str(s): _json(_ref("Error"), text[s]) for s in statuses}


_METHODS = {"get", "put", "post", "patch", "delete"}
#: Every operation's: the database did not answer within its bounded wait (errors.Busy).
_BUSY = {
    **_json(
        _ref("Error"),
        "The database did not answer in time (`busy`): send the same request again after "
        "Retry-After; see A busy database in docs/api.md",
    ),
    "headers": {
        "Retry-After": {"description": "Whole seconds", "schema": {"type": "integer"}},
    },
}

_CODE = {
    "name": "code",
    "in": "path",
    "required": True,
    "description": "Join code, 6 characters, any case; spaces and dashes are ignored.",
    "schema": {"type": "string"},
}

_STORY_ID = {"name": "story_id", "in": "path", "required": True, "schema": {"type": "integer"}}
_LENS_ID = {"name": "lens_id", "in": "path", "required": True, "schema": {"type": "integer"}}


_FACILITATOR_STORY = {
    "security": [{"apiToken": []}],
    "responses": {"200": _json(_ref("Story"), "The story"), **_errors(401, 403, 404)},
}

_PATHS: dict[str, Any] = {
    "/workshops": {
        "post": {
            "summary": "Create a workshop",
            "security": [{"apiToken": []}],
            "responses": {"201": _json(_ref("Workshop"), "Created"), **_errors(400, 401, 422)},
        },
        "get": {
            "summary": "The calling facilitator's workshops",
            "security": [{"apiToken": []}],
            "responses": {
                "200": _json(
                    {
                        "type": "object",
                        "properties": {"workshops": {"type": "array", "items": _ref("Workshop")}},
                    },
                    "The workshops, open ones first",
                ),
                **_errors(401),
            },
        },
    },
    "/workshops/{code}": {
        "parameters": [_CODE],
        "get": {
            "summary": "Public facts of a workshop",
            "security": [],
            "responses": {"200": _json(_ref("WorkshopPublic"), "The workshop"), **_errors(404)},
        },
    },
    "/workshops/{code}/participants": {
        "parameters": [_CODE],
        "post": {
            "summary": "Join a workshop as a participant",
            "security": [],
            "responses": {
                "201": _json(
                    {
                        "type": "object",
                        "required": ["participant_id", "token"],
                        "properties": {
                            "participant_id": {"type": "integer"},
                            "token": {
                                "type": "string",
                                "description": "128-bit random; send as a Bearer token.",
                            },
                        },
                    },
                    "Joined",
                ),
                **_errors(400, 404, 422),
            },
        },
    },
    "/workshops/{code}/state": {
        "parameters": [_CODE],
        "get": {
            "summary": "The state snapshot, as the socket sends it",
            "description": "Facilitator API token, projector key or participant token.",
            "security": [{"apiToken": []}, {"projectorKey": []}, {"participantToken": []}],
            "responses": {"200": _json(_ref("Snapshot"), "The snapshot"), **_errors(401, 403, 404)},
        },
    },
    "/workshops/{code}/phase": {
        "parameters": [_CODE],
        "put": {
            "summary": "Move the workshop to another phase",
            "description": "One step forward or back through lobby, stories, practices, "
            "voting, results, or to closed (final). Moving into practices reveals the "
            "stories, into voting the practices (and fixes the dot budget), into results "
            "the votes.",
            "security": [{"apiToken": []}],
            "responses": {
                "200": _json(_ref("Moved"), "Where the workshop is now"),
                **_errors(400, 401, 404, 409, 422),
            },
        },
    },
}


_PATHS.update(
    {
        "/workshops/{code}/stories": {
            "parameters": [_CODE],
            "get": STORY_PAGE,
            "post": {
                "summary": "Post a story (participant)",
                "security": [{"participantToken": []}],
                "responses": {
                    "201": _json(_ref("Story"), "Posted"),
                    "200": _json(_ref("Story"), "A replay of the same key: the first story"),
                    **_errors(400, 401, 404, 409, 422, 429),
                },
            },
        },
        "/stories/{story_id}": {
            "parameters": [_STORY_ID],
            "patch": {
                "summary": "Change a story: its author while writing is open, or a facilitator",
                "security": [{"participantToken": []}, {"apiToken": []}],
                "responses": {
                    "200": _json(_ref("Story"), "The changed story"),
                    **_errors(400, 401, 403, 404, 409, 422),
                },
            },
            "delete": {
                "summary": "Delete a story: its author while writing is open, or a facilitator",
                "security": [{"participantToken": []}, {"apiToken": []}],
                "responses": {"204": {"description": "Deleted"}, **_errors(401, 403, 404, 409)},
            },
        },
        "/stories/{story_id}/hide": {
            "parameters": [_STORY_ID],
            "post": {"summary": "Hide a story from phones and the projector", **_FACILITATOR_STORY},
        },
        "/stories/{story_id}/restore": {
            "parameters": [_STORY_ID],
            "post": {"summary": "Bring a hidden story back", **_FACILITATOR_STORY},
        },
        "/workshops/{code}/lenses": {
            "parameters": [_CODE],
            "post": {
                "summary": "Add a lens",
                "security": [{"apiToken": []}],
                "responses": {"201": _json(_ref("Lens"), "Added"), **_errors(400, 401, 404, 422)},
            },
        },
        "/lenses/{lens_id}": {
            "parameters": [_LENS_ID],
            "patch": {
                "summary": "Rename a lens",
                "security": [{"apiToken": []}],
                "responses": {
                    "200": _json(_ref("Lens"), "Renamed"),
                    **_errors(400, 401, 403, 404, 422),
                },
            },
            "delete": {
                "summary": "Delete a lens; stories only lose that tag",
                "security": [{"apiToken": []}],
                "responses": {"204": {"description": "Deleted"}, **_errors(401, 403, 404)},
            },
        },
        "/stories/{story_id}/lenses/{lens_id}": {
            "parameters": [_STORY_ID, _LENS_ID],
            "put": {"summary": "Tag a story with a lens (idempotent)", **_FACILITATOR_STORY},
            "delete": {"summary": "Take a lens off a story (idempotent)", **_FACILITATOR_STORY},
        },
        "/participants/{participant_id}": {
            "parameters": [
                {
                    "name": "participant_id",
                    "in": "path",
                    "required": True,
                    "schema": {"type": "integer"},
                }
            ],
            "delete": {
                "summary": "Remove a participant: the token stops working, their stories stay",
                "security": [{"apiToken": []}],
                "responses": {"204": {"description": "Removed"}, **_errors(401, 403, 404)},
            },
        },
        "/stories/{story_id}/spotlight": {
            "parameters": [_STORY_ID],
            "post": {
                "summary": "Show a story large on the projector and as a banner on phones",
                "security": [{"apiToken": []}],
                "responses": {
                    "200": _json(_ref("SpotlightChanged"), "The story in the spotlight"),
                    **_errors(401, 403, 404),
                },
            },
        },
        "/workshops/{code}/spotlight": {
            "parameters": [_CODE],
            "delete": {
                "summary": "End the spotlight: the projector returns to the wall",
                "security": [{"apiToken": []}],
                "responses": {
                    "200": _json(_ref("SpotlightChanged"), "No spotlight"),
                    **_errors(401, 403, 404),
                },
            },
        },
        "/stories/{story_id}/reactions/{kind}": {
            "parameters": [
                _STORY_ID,
                {
                    "name": "kind",
                    "in": "path",
                    "required": True,
                    "schema": {"type": "string", "enum": ["heart", "clap", "idea", "wow"]},
                },
            ],
            "put": {
                "summary": "React to another person's story (idempotent)",
                "security": [{"participantToken": []}],
                "responses": {
                    "200": _json(_ref("Reactions"), "Counts"),
                    **_errors(401, 403, 404, 422),
                },
            },
            "delete": {
                "summary": "Take a reaction back (idempotent)",
                "security": [{"participantToken": []}],
                "responses": {
                    "200": _json(_ref("Reactions"), "Counts"),
                    **_errors(401, 403, 404, 422),
                },
            },
        },
        "/workshops/{code}/settings": {
            "parameters": [_CODE],
            "put": {
                "summary": "Switch private writing, anonymity and the room lock",
                "description": "Private writing back on hides the stories and the practices "
                "again until they are revealed.",
                "security": [{"apiToken": []}],
                "responses": {
                    "200": _json(_ref("Changed"), "The settings now"),
                    **_errors(400, 401, 404, 422),
                },
            },
        },
    }
)
_PATHS.update(PRACTICE_PATHS)
_PATHS.update(RUNNING_PATHS)
_PATHS.update(PROGRAMME_PATHS)
for _path, _operations in LIBRARY_PATHS.items():  # some share a path with running's
    _PATHS.setdefault(_path, {}).update(_operations)
# Deleting a workshop shares its path with reading it.
_PATHS["/workshops/{code}"]["delete"] = {
    "summary": "Delete the workshop and every row in it (owner)",
    "security": [{"apiToken": []}],
    "responses": {"204": {"description": "Deleted"}, **_errors(401, 403, 404)},
}


def openapi_document() -> dict[str, Any]:
    """Return the OpenAPI 3.1 document, with each activity's own part ("paths", "schemas")."""
    paths, schemas = (
        copy.deepcopy({**_PATHS, **FOLLOWUP_PATHS}),
        {
            **SCHEMAS,
            **PRACTICE_SCHEMAS,
            **RUNNING_SCHEMAS,
            **LIBRARY_SCHEMAS,
            **FOLLOWUP_SCHEMAS,
            **PROGRAMME_SCHEMAS,
        },
    )
    for activity in activities.activities():
        paths |= copy.deepcopy(activity.openapi.get("paths", {}))
        schemas |= activity.openapi.get("schemas", {})
    schemas |= complete(paths)  # the request bodies and path ids, from the views' shapes
    for operations in paths.values():  # any of them may meet a busy database
        for method, operation in operations.items():
            if method in _METHODS:
                operation.setdefault("responses", {}).setdefault("503", _BUSY)
    # The phases are the frame's and the registered activities' (a word cloud step too).
    keys = [activity.key for activity in activities.activities()]
    schemas["Phase"] = {"type": "string", "enum": ["lobby", *keys, "closed"]}
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "Toimija API",
            "version": "1",
            "description": "Real-time values workshops. See docs/api.md for the socket events.",
        },
        "servers": [{"url": "/api/v1"}],
        "paths": paths,
        "components": {
            "schemas": schemas,
            "securitySchemes": {
                "apiToken": {
                    "type": "http",
                    "scheme": "bearer",
                    "description": "A facilitator's personal API token (tmj_...).",
                },
                "projectorKey": {
                    "type": "http",
                    "scheme": "bearer",
                    "description": "The projector link's key (prj_...): read-only.",
                },
                "ownerLink": {
                    "type": "http",
                    "scheme": "bearer",
                    "description": "A commitment owner's link token (tc_..., the end of the "
                    "link): their commitment only.",
                },
                "participantToken": {
                    "type": "http",
                    "scheme": "bearer",
                    "description": "The token returned at join (or the cookie in a browser).",
                },
            },
        },
    }
