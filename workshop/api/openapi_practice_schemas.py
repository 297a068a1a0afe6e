"""The OpenAPI schemas of practices, dot voting, results and commitments."""

from __future__ import annotations

from typing import Any

from .openapi_schemas import ref

_INT = {"type": "integer"}
_COUNT = {"type": "integer", "minimum": 0}
_TIME = {"type": "string", "format": "date-time"}
_KEY_PATTERN = "^[A-Za-z0-9_.:-]{1,64}$"
_SCORE = {"type": "integer", "minimum": 1, "maximum": 5}


def _object(
    properties: dict[str, Any], *, optional: tuple[str, ...] = (), **extra: Any
) -> dict[str, Any]:
    """Return an object schema in which every property but the optional ones is required."""
    required = [name for name in properties if name not in optional]
    return {"type": "object", "required": required, "properties": properties, **extra}


_DOT = _object(
    {"key": {"type": "string"}, "practice_id": _INT, "story_id": _INT},
    optional=("practice_id", "story_id"),
    description="A dot: on a practice, or on a story where the step votes on the stories.",
)
_MEANS = _object(
    {
        "agency": {"type": "number", "description": "Mean to one decimal, halves up (4.25 is 4.3)"},
        "ease": {"type": "number", "description": "Mean to one decimal, halves up (4.25 is 4.3)"},
        "count": {"type": "integer", "minimum": 1, "description": "People who rated it"},
    }
)

SCHEMAS: dict[str, Any] = {
    "Commitment": _object(
        {
            "position": {"type": "integer", "minimum": 0, "description": "0 first, no gaps"},
            "owner": {"type": ["string", "null"], "maxLength": 80},
            "first_step": {"type": ["string", "null"], "maxLength": 280},
            "due_on": {"type": ["string", "null"], "format": "date"},
            "status": {"type": "string", "enum": ["not_started", "started", "done", "dropped"]},
        }
    ),
    "Practice": _object(
        {
            "id": _INT,
            "title": {"type": "string", "maxLength": 120},
            "description": {"type": ["string", "null"], "description": "Markdown"},
            "description_html": {
                "type": ["string", "null"],
                "description": "Sanitised HTML of the Markdown",
            },
            "story_ids": {
                "type": "array",
                "items": _INT,
                "description": "The stories it comes from that the reader may read now.",
            },
            "stories": {
                "type": "array",
                "items": _object({"id": _INT, "title": {"type": "string"}}),
                "description": "The same stories, with their titles.",
            },
            "authors": {
                "type": "array",
                "items": {"type": "string"},
                "description": "Names of those who wrote it (a merge adds the other's); "
                "authors without a name, and authorships written while the workshop was "
                "anonymous, are left out; empty while the workshop is anonymous.",
            },
            "by_facilitator": {"type": "boolean", "description": "A facilitator added it."},
            "commitment": {"oneOf": [ref("Commitment"), {"type": "null"}]},
            "reactions": ref("ReactionCounts"),
            "is_hidden": {"type": "boolean", "description": "Facilitators only."},
            "created_at": _TIME,
            "updated_at": _TIME,
        },
        optional=("is_hidden",),
    ),
    "Voting": _object(
        {
            "on": {
                "type": "string",
                "enum": ["practices", "stories"],
                "description": "What the dots go on: the voting step's `on_stories` setting.",
            },
            "budget": {
                "type": "integer",
                "minimum": 1,
                "description": "Dots per participant: the suggestion until set; moving "
                "into voting fixes it.",
            },
            "is_budget_set": {"type": "boolean"},
            "suggested_budget": {
                "type": "integer",
                "minimum": 1,
                "description": "About a third of the practices on the wall, at least 1.",
            },
            "per_practice_cap": {
                "type": "integer",
                "minimum": 1,
                "description": "Most dots one person may put on one practice (the cap in "
                "force: never more than the budget).",
            },
            "self_votes": {"type": "boolean", "description": "Voting for one's own practice."},
            "hide_tally": {
                "type": "boolean",
                "description": "Phones and the projector see no dots until the reveal.",
            },
            "revealed": {"type": "boolean", "description": "The votes have been revealed."},
        }
    ),
    "VoteResult": _object(
        {
            "vote": _object(
                {
                    "key": {"type": "string"},
                    "practice_id": _INT,
                    "story_id": _INT,
                    "created_at": _TIME,
                    "withdrawn": {"type": "boolean"},
                },
                optional=("practice_id", "story_id"),
                description="The dot under this key, as it is now (on a practice or a story).",
            ),
            "remaining": {**_COUNT, "description": "Dots the participant has left now."},
            "votes": {
                "type": "array",
                "items": _DOT,
                "description": "The participant's dots in force now, oldest first.",
            },
        }
    ),
    "Ballot": _object(
        {
            "budget": {"type": "integer", "minimum": 1},
            "remaining": _COUNT,
            "votes": {
                "type": "array",
                "items": _DOT,
                "description": "The participant's dots in force, oldest first.",
            },
        }
    ),
    "Rating": _object(
        {
            "practice_id": _INT,
            "agency": {**_SCORE, "description": "1 = the customer an object, 5 = a subject"},
            "ease": {**_SCORE, "description": "1 = hard to start, 5 = could start next week"},
        }
    ),
    "Tally": _object(
        {
            "voters": {**_COUNT, "description": "Participants with at least one dot placed"},
            "participants": _COUNT,
            "dots_cast": {
                "type": ["integer", "null"],
                "description": "null for phones and the projector while the tally is hidden",
            },
            "dots_left": {**_COUNT, "description": "Unused dots of everyone still in"},
            "dots": {
                "type": ["object", "null"],
                "additionalProperties": _COUNT,
                "description": "Dots by practice id (practices with none are left out); "
                "null for phones and the projector while the tally is hidden.",
            },
            "ratings": {
                "type": "object",
                "additionalProperties": _MEANS,
                "description": "Mean ratings by practice id; shown to everyone.",
            },
            "on": {"type": "string", "enum": ["practices", "stories"]},
            "ranked": {
                "type": ["array", "null"],
                "items": {"type": "integer"},
                "description": "The ids of the practices on the wall, in the results' "
                "ranking; null for phones and the projector while the tally is hidden.",
            },
            "revealed": {"type": "boolean"},
        },
        description="The whole current count; also the socket event `tally`.",
    ),
    "Results": _object(
        {
            "revealed": {"type": "boolean"},
            "voting": ref("Voting"),
            "voters": _COUNT,
            "participants": _COUNT,
            "dots_cast": _COUNT,
            "ranking": {
                "type": "array",
                "description": "Practices not hidden, by dots, ties by mean agency (as "
                "shown, to one decimal), then oldest first. Where the room voted on the "
                "stories: stories not hidden, by dots, then oldest first, each with `story` "
                "and `dots` only.",
                "items": _object(
                    {
                        "rank": {"type": "integer", "minimum": 1, "description": "1, 2, 3, ..."},
                        "practice": ref("Practice"),
                        "story": ref("Story"),
                        "dots": _COUNT,
                        "agency": {
                            "type": ["number", "null"],
                            "description": "Mean to one decimal, halves up; or null",
                        },
                        "ease": {
                            "type": ["number", "null"],
                            "description": "Mean to one decimal, halves up; or null",
                        },
                        "ratings": {**_COUNT, "description": "People who rated it"},
                    },
                    optional=("practice", "story", "agency", "ease", "ratings"),
                ),
            },
            "commitments": {
                "type": "array",
                "items": _INT,
                "description": "Ids of the ranked practices that are commitments, in order.",
            },
            "channels": {
                "anyOf": [ref("ChannelAgency"), {"type": "null"}],
                "description": "Customer agency by channel (visible stories); null for "
                "phones and the projector while the stories are private.",
            },
        }
    ),
}
