"""The OpenAPI schemas (and, with programmes, paths) of customer agency by channel and of
programmes: one client's workshops side by side. openapi.py merges them in."""

from __future__ import annotations

from typing import Any

from .openapi_practice_schemas import _COUNT, _object

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

PATHS: dict[str, Any] = {}
