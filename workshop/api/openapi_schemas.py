"""The schemas of the OpenAPI document (components/schemas)."""

from __future__ import annotations

from typing import Any


def ref(name: str) -> dict[str, str]:
    """Return a JSON reference to one of the schemas below."""
    return {"$ref": f"#/components/schemas/{name}"}


SCHEMAS: dict[str, Any] = {
    "Error": {
        "type": "object",
        "required": ["error"],
        "properties": {
            "error": {
                "type": "object",
                "required": ["code", "message"],
                "properties": {
                    "code": {"type": "string", "example": "workshop_not_found"},
                    "message": {
                        "type": "string",
                        "description": "In the request's language (Accept-Language: fi or en).",
                    },
                    "fields": {"type": "object", "additionalProperties": {"type": "string"}},
                    "retry_after": {
                        "type": "number",
                        "description": "`busy` and `rate_limited`: seconds to wait before "
                        "sending the same request again.",
                    },
                },
            }
        },
    },
    "Lens": {
        "type": "object",
        "required": ["id", "name"],
        "properties": {
            "id": {"type": "integer"},
            "name": {"type": "string", "maxLength": 80},
            "question": {
                "type": ["string", "null"],
                "description": "What the lens asks; phones show it while people write. "
                "Set in the workshop's design (lens_questions), kept when the lens is renamed.",
            },
        },
    },
    "ReactionCounts": {
        "type": "object",
        "properties": {
            k: {"type": "integer", "minimum": 0} for k in ("heart", "clap", "idea", "wow")
        },
    },
    "Reactions": {
        "type": "object",
        "properties": {
            "story_id": {"type": "integer"},
            "reactions": ref("ReactionCounts"),
            "mine": {"type": "array", "items": {"type": "string"}},
        },
    },
    "Moved": {
        "type": "object",
        "required": ["phase", "step_index", "is_open", "next_phases", "seq"],
        "description": "Where the workshop is after a move; the screens get phase_changed.",
        "properties": {
            "phase": ref("Phase"),
            "step_index": {"type": ["integer", "null"]},
            "is_open": {"type": "boolean"},
            "next_phases": {"type": "array", "items": ref("Phase")},
            "seq": {"type": "integer"},
        },
    },
    "Changed": {
        "type": "object",
        "required": ["workshop", "seq"],
        "description": "The settings and what is revealed after a change; the screens get "
        "the change as an event.",
        "properties": {
            "workshop": {
                "type": "object",
                "properties": {
                    "stories_revealed": {"type": "boolean"},
                    "practices_revealed": {"type": "boolean"},
                    "votes_revealed": {"type": "boolean"},
                    "stories_per_participant": {"type": "integer"},
                },
                "additionalProperties": {"type": "boolean"},
            },
            "seq": {"type": "integer"},
        },
    },
    "SpotlightChanged": {
        "type": "object",
        "required": ["spotlight", "seq"],
        "properties": {
            "spotlight": {
                "oneOf": [ref("Story"), {"type": "null"}],
                "description": "The story in the spotlight now, if any.",
            },
            "seq": {"type": "integer"},
        },
    },
    "Story": {
        "type": "object",
        "required": ["id", "title", "happened", "happened_html", "agency", "channel"],
        "properties": {
            "id": {"type": "integer"},
            "title": {"type": "string"},
            "happened": {"type": "string"},
            "happened_html": {"type": "string", "description": "Sanitised HTML of the Markdown"},
            "staff_did": {"type": ["string", "null"]},
            "staff_did_html": {"type": ["string", "null"]},
            "could_do": {"type": ["string", "null"]},
            "could_do_html": {"type": ["string", "null"]},
            "manner": {"type": ["string", "null"], "description": "How it was said, how it felt"},
            "manner_html": {"type": ["string", "null"]},
            "agency": {"type": "integer", "minimum": 1, "maximum": 5},
            "channel": {"type": "string"},
            "place": {"type": ["string", "null"]},
            "author": {
                "type": ["string", "null"],
                "description": "Null when the workshop is anonymous, the story was written "
                "while it was, or the author has no name.",
            },
            "reactions": ref("ReactionCounts"),
            "lens_ids": {"type": "array", "items": {"type": "integer"}},
            "is_hidden": {"type": "boolean", "description": "Facilitators only."},
            "created_at": {"type": "string", "format": "date-time"},
            "updated_at": {"type": "string", "format": "date-time"},
        },
    },
    "WorkshopPublic": {
        "type": "object",
        "required": ["code", "title", "language", "phase", "is_open", "participant_count"],
        "properties": {
            "code": {"type": "string", "example": "K7M4QX"},
            "title": {"type": "string", "maxLength": 120},
            "language": {"type": "string", "enum": ["fi", "en"]},
            "phase": ref("Phase"),
            "step_index": {
                "type": ["integer", "null"],
                "description": "Which step of the plan (a plan may run an activity twice).",
            },
            "is_open": {"type": "boolean"},
            "next_phases": {
                "type": "array",
                "items": ref("Phase"),
                "description": "The phases the workshop may move to now.",
            },
            "participant_count": {"type": "integer", "minimum": 0},
        },
    },
    "Workshop": {
        "allOf": [
            ref("WorkshopPublic"),
            {
                "type": "object",
                "required": ["join_url", "projector_url", "facilitator_url"],
                "properties": {
                    "join_url": {"type": "string", "format": "uri"},
                    "projector_url": {
                        "type": "string",
                        "format": "uri",
                        "description": "Read-only capability link for the projector.",
                    },
                    "facilitator_url": {"type": "string", "format": "uri"},
                },
            },
        ]
    },
    "Participant": {
        "type": "object",
        "properties": {
            "id": {"type": "integer"},
            "display_name": {"type": ["string", "null"]},
            "joined_at": {"type": "string", "format": "date-time"},
        },
    },
    "Snapshot": {
        "type": "object",
        "required": ["seq", "workshop"],
        "properties": {
            "seq": {
                "type": "integer",
                "description": "Bumped by every change; every socket event carries it.",
            },
            "workshop": {
                # Not ref("Settings"): its additionalProperties would refuse the rest.
                "allOf": [
                    ref("WorkshopPublic"),
                    {
                        "type": "object",
                        "properties": {
                            "private_writing": {"type": "boolean"},
                            "stories_revealed": {"type": "boolean"},
                            "practices_revealed": {"type": "boolean"},
                            "is_anonymous": {"type": "boolean"},
                            "is_locked": {"type": "boolean"},
                        },
                    },
                ]
            },
            "stories": {
                "type": "array",
                "items": ref("Story"),
                "description": "The stories the caller may read now, oldest first: for phones "
                "and the projector the newest (SNAPSHOT_STORIES) and a phone's own.",
            },
            "stories_more": {
                "type": "boolean",
                "description": "Phones and the projector: older stories are left out "
                "(GET /workshops/{code}/stories?before=<id>).",
            },
            "story_count": {"type": "integer", "description": "Stories on the wall (not hidden)"},
            "author_count": {"type": "integer", "description": "People who wrote them"},
            "lenses": {"type": "array", "items": ref("Lens"), "description": "In their order."},
            "spotlight": {
                "oneOf": [ref("Story"), {"type": "null"}],
                "description": "The story in the spotlight, if any.",
            },
            "my_reactions": {
                "type": "object",
                "additionalProperties": {"type": "array", "items": {"type": "string"}},
                "description": "Participants only: their reactions by story id.",
            },
            "my_story_ids": {
                "type": "array",
                "items": {"type": "integer"},
                "description": "Participants only: their own stories.",
            },
            "practices": {
                "type": "array",
                "items": ref("Practice"),
                "description": "The practices the caller may read now, oldest first.",
            },
            "voting": ref("Voting"),
            "tally": {
                "allOf": [ref("Tally")],
                "description": "Dots null for phones and the projector while hidden.",
            },
            "results": {
                "allOf": [ref("Results")],
                "description": "Facilitators always; others once the tally is public.",
            },
            "my_practice_ids": {
                "type": "array",
                "items": {"type": "integer"},
                "description": "Participants only: the practices they wrote.",
            },
            "ballot": {"allOf": [ref("Ballot")], "description": "Participants only."},
            "my_ratings": {
                "type": "object",
                "additionalProperties": {
                    "type": "object",
                    "properties": {
                        "agency": {"type": "integer", "minimum": 1, "maximum": 5},
                        "ease": {"type": "integer", "minimum": 1, "maximum": 5},
                    },
                },
                "description": "Participants only: their ratings by practice id.",
            },
            "participants": {
                "type": "array",
                "items": ref("Participant"),
                "description": "Facilitators only.",
            },
            "me": {
                "type": ["object", "null"],
                "description": "Participants only: who the caller is.",
                "properties": {
                    "id": {"type": "integer"},
                    "display_name": {"type": ["string", "null"]},
                },
            },
        },
    },
}
