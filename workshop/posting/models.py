"""What the posting core's tables share: the kinds of reaction (one set for every item)."""

from __future__ import annotations

import enum

#: The longest idempotency key a client may send with a post.
KEY_MAX = 64


class ReactionKind(enum.StrEnum):
    HEART = "heart"
    CLAP = "clap"
    IDEA = "idea"
    WOW = "wow"
