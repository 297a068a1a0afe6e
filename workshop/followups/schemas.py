"""The JSON bodies of the follow-up API (checked by json_body, described in OpenAPI)."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from ..validation import Shape, Text
from .models import NOTE_MAX, URL_MAX
from .services import CHECK_INS_MAX


class StatusUpdate(Shape):
    """Where a commitment stands now, with a one-line note."""

    status: Literal["not_started", "started", "done", "dropped"]
    note: Text | None = Field(default=None, max_length=NOTE_MAX)


class CheckIns(Shape):
    """The check-in days (replacing those set before)."""

    check_ins: list[Text] = Field(
        max_length=CHECK_INS_MAX,
        description="YYYY-MM-DD each; a day in the past is refused unless already set.",
    )


class Webhook(Shape):
    """The webhook's address; null or empty turns it off. A new address gets a new secret."""

    url: Text | None = Field(default=None, max_length=URL_MAX)
