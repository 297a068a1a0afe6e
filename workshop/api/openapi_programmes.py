"""The OpenAPI schemas (and, with programmes, paths) of customer agency by channel and of
programmes: one client's workshops side by side. openapi.py merges them in."""

from __future__ import annotations

from typing import Any

from .openapi_practice_schemas import _COUNT, _INT, _object
from .openapi_practices import _errors, _json, _path_param
from .openapi_schemas import ref

_MEAN = {"type": ["number", "null"], "description": "Mean to one decimal, halves up"}
_LEVELS = {
    "type": "array",
    "items": _COUNT,
    "minItems": 5,
    "maxItems": 5,
    "description": "Stories at agency 1 (handled like an object) ... 5 (a subject), in order",
}

SCHEMAS: dict[str, Any] = {
    "ChannelAgency": _object(
        {
            "channels": {
                "type": "array",
                "description": "Channels with stories, in the order in_person, phone, "
                "online, social, other (a programme adds `others`: what is too small to "
                "show on its own).",
                "items": _object(
                    {
                        "channel": {"type": "string"},
                        "count": _COUNT,
                        "mean": _MEAN,
                        "distribution": _LEVELS,
                        "is_small": {
                            "type": "boolean",
                            "description": "Fewer than `min_stories`: shown, never flagged",
                        },
                        "is_flagged": {"type": "boolean"},
                    }
                ),
            },
            "flags": {
                "type": "array",
                "description": "Channels whose mean, as shown, is at least `gap` below the "
                "mean of every other channel's stories pooled (at least `min_stories` on "
                "each side); the widest gap first.",
                "items": _object(
                    {
                        "channel": {"type": "string"},
                        "mean": {"type": "number"},
                        "others_mean": {"type": "number"},
                        "others_count": _COUNT,
                        "others": {"type": "array", "items": {"type": "string"}},
                        "gap": {"type": "number"},
                    }
                ),
            },
            "min_stories": {"type": "integer", "const": 5},
            "gap": {"type": "number", "const": 1.0},
        },
        description="Customer agency by channel: visible stories only, hidden ones excluded.",
    ),
}

_FACILITATOR: list[dict[str, list[str]]] = [{"apiToken": []}]
_TEXT = {"type": "string"}
_DATE = {"type": ["string", "null"], "format": "date"}
_FIGURES = _object(
    {"count": _COUNT, "mean": _MEAN, "distribution": _LEVELS},
    description="A group of stories from at least `min_people` people",
)
_PERSON = _object({"id": _INT, "email": _TEXT})
_PRACTICE = _object({"id": _INT, "workshop_id": _INT, "title": _TEXT})

SCHEMAS |= {
    "Programme": _object(
        {
            "id": _INT,
            "title": _TEXT,
            "owner": _PERSON,
            "co_facilitators": {"type": "array", "items": _PERSON},
            "workshop_ids": {"type": "array", "items": _INT},
            "created_at": {"type": "string", "format": "date-time"},
        }
    ),
    "ProgrammeReport": _object(
        {
            "programme": ref("Programme"),
            "generated_at": {"type": "string", "format": "date-time"},
            "min_people": {"type": "integer", "const": 5},
            "has_pulse": {
                "type": "boolean",
                "description": "A workshop of the programme has pulse figures",
            },
            "workshops": {
                "type": "array",
                "description": "Oldest first. `agency`, `channels` and `lenses` are null "
                "when fewer than `min_people` people wrote the workshop's stories.",
                "items": _object(
                    {
                        "id": _INT,
                        "code": _TEXT,
                        "title": _TEXT,
                        "language": _TEXT,
                        "date": {"type": "string", "format": "date"},
                        "is_open": {"type": "boolean"},
                        "is_anonymous": {"type": "boolean"},
                        "participants": _COUNT,
                        "stories": _COUNT,
                        "is_shown": {"type": "boolean"},
                        "agency": {"anyOf": [_FIGURES, {"type": "null"}]},
                        "channels": {"anyOf": [ref("ChannelAgency"), {"type": "null"}]},
                        "lenses": {"type": ["array", "null"], "items": _FIGURES},
                        "practices": {
                            "type": "array",
                            "items": _object(
                                {
                                    "id": _INT,
                                    "title": _TEXT,
                                    "is_commitment": {"type": "boolean"},
                                    "position": {"type": ["integer", "null"]},
                                    "status": {
                                        "type": ["string", "null"],
                                        "enum": ["not_started", "started", "done", "dropped", None],
                                    },
                                    "status_name": {"type": ["string", "null"]},
                                    "due_on": _DATE,
                                    "owner": {
                                        "type": ["string", "null"],
                                        "description": "Only in a workshop that shows names",
                                    },
                                    "group": {
                                        "type": ["integer", "null"],
                                        "description": "Its group of recurring practices",
                                    },
                                }
                            ),
                        },
                        "commitments": _COUNT,
                        "pulse": {
                            "type": ["array", "null"],
                            "description": "Per statement: the latest round's mean and the "
                            "change since the first, each null under 5 answers; null where "
                            "the server has no pulse.",
                            "items": {"type": "object"},
                        },
                    }
                ),
            },
            "combined": _object(
                {
                    "workshops": _COUNT,
                    "participants": _COUNT,
                    "stories": _COUNT,
                    "agency": {"anyOf": [_FIGURES, {"type": "null"}]},
                    "by_workshop": {
                        "type": ["array", "null"],
                        "description": "Each workshop's figures (`workshop_id` null: others)",
                        "items": {"type": "object"},
                    },
                    "channels": {"anyOf": [ref("ChannelAgency"), {"type": "null"}]},
                    "lenses": {
                        "type": ["array", "null"],
                        "description": "Lenses by name across workshops (`lens` null: others)",
                        "items": {"type": "object"},
                    },
                    "commitments": _COUNT,
                    "by_status": {"type": "object"},
                }
            ),
            "recurring": {
                "type": "array",
                "items": _object(
                    {
                        "group": _INT,
                        "practices": {"type": "array", "items": _PRACTICE},
                        "workshops": _COUNT,
                    }
                ),
            },
            "suggestions": {
                "type": "array",
                "description": "Pairs to link, the most alike first (Jaccard index of the "
                "titles' word sets, at least 0.3)",
                "items": _object(
                    {
                        "practice_ids": {"type": "array", "items": _INT},
                        "practices": {"type": "array", "items": _PRACTICE},
                        "score": {"type": "number"},
                        "words": {"type": "array", "items": _TEXT},
                    }
                ),
            },
        }
    ),
}

_PROGRAMME_ID = _path_param("programme_id", _INT, "A programme's id.")
_NOT_OWNER = (403, "Not the programme's owner (or not shared with the caller)")
_NOT_SHARED = (403, "The programme is not shared with the caller")
_FORBIDDEN = (403, "Not the programme's owner, nor one who runs that workshop")
_NOT_FOUND = (404, "No such programme (or workshop, practice or facilitator in it)")
_CREATED = _json(ref("Programme"), "The programme now")

PATHS: dict[str, Any] = {
    "/programmes": {
        "get": {
            "summary": "The caller's programmes, own and shared",
            "security": _FACILITATOR,
            "responses": {
                "200": _json(
                    _object({"programmes": {"type": "array", "items": ref("Programme")}}),
                    "Newest first",
                ),
                **_errors(401),
            },
        },
        "post": {
            "summary": "Make a programme",
            "security": _FACILITATOR,
            "responses": {"201": _CREATED, **_errors(400, 401, 422)},
        },
    },
    "/programmes/{programme_id}": {
        "parameters": [_PROGRAMME_ID],
        "get": {
            "summary": "The programme's report, per workshop and combined",
            "security": _FACILITATOR,
            "responses": {
                "200": _json(ref("ProgrammeReport"), "Figures from 5 people up only"),
                **_errors(401, _NOT_SHARED, _NOT_FOUND),
            },
        },
        "put": {
            "summary": "Rename the programme (owner)",
            "security": _FACILITATOR,
            "responses": {"200": _CREATED, **_errors(400, 401, _NOT_OWNER, _NOT_FOUND, 422)},
        },
        "delete": {
            "summary": "Delete the programme (owner); its workshops stay",
            "security": _FACILITATOR,
            "responses": {
                "204": {"description": "Deleted"},
                **_errors(401, _NOT_OWNER, _NOT_FOUND),
            },
        },
    },
    "/programmes/{programme_id}/workshops": {
        "parameters": [_PROGRAMME_ID],
        "post": {
            "summary": "Add a workshop the caller runs (by `workshop_id` or `code`)",
            "security": _FACILITATOR,
            "responses": {"201": _CREATED, **_errors(400, 401, _NOT_SHARED, _NOT_FOUND, 422)},
        },
    },
    "/programmes/{programme_id}/workshops/{workshop_id}": {
        "parameters": [_PROGRAMME_ID],
        "delete": {
            "summary": "Take a workshop out (the owner, or whoever runs the workshop)",
            "security": _FACILITATOR,
            "responses": {
                "204": {"description": "Taken out"},
                **_errors(401, _FORBIDDEN, _NOT_FOUND),
            },
        },
    },
    "/programmes/{programme_id}/facilitators": {
        "parameters": [_PROGRAMME_ID],
        "post": {
            "summary": "Share the programme with a facilitator by email (owner)",
            "security": _FACILITATOR,
            "responses": {"201": _CREATED, **_errors(400, 401, _NOT_OWNER, _NOT_FOUND, 422)},
        },
    },
    "/programmes/{programme_id}/facilitators/{member_id}": {
        "parameters": [_PROGRAMME_ID],
        "delete": {
            "summary": "Stop sharing the programme with a facilitator (owner)",
            "security": _FACILITATOR,
            "responses": {
                "204": {"description": "No longer shared"},
                **_errors(401, _NOT_OWNER, _NOT_FOUND),
            },
        },
    },
    "/programmes/{programme_id}/links": {
        "parameters": [_PROGRAMME_ID],
        "post": {
            "summary": "Link two practices of two of its workshops as the same idea",
            "security": _FACILITATOR,
            "responses": {
                "201": _json(
                    _object({"recurring": {"type": "array", "items": {"type": "object"}}}),
                    "The groups of recurring practices now",
                ),
                **_errors(400, 401, _NOT_SHARED, _NOT_FOUND, 422),
            },
        },
    },
    "/programmes/{programme_id}/links/{practice_id}": {
        "parameters": [_PROGRAMME_ID],
        "delete": {
            "summary": "Take a practice out of its group of recurring practices",
            "security": _FACILITATOR,
            "responses": {
                "204": {"description": "Taken out"},
                **_errors(401, _NOT_SHARED, _NOT_FOUND),
            },
        },
    },
    "/programmes/{programme_id}/export.csv": {
        "parameters": [_PROGRAMME_ID],
        "get": {
            "summary": "The report as CSV (UTF-8 with a BOM; `;` and decimal commas in Finnish)",
            "security": _FACILITATOR,
            "responses": {
                "200": {"description": "CSV", "content": {"text/csv": {"schema": _TEXT}}},
                **_errors(401, _NOT_SHARED, _NOT_FOUND),
            },
        },
    },
}
