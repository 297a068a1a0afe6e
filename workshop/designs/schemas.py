"""Shapes of what designing takes: a template's name, design and sharing, and a
workshop's plan. The design itself is checked by clean_design, which knows the activities."""

from __future__ import annotations

from typing import Any

from pydantic import Field

from ..validation import Int, Shape, Text
from .models import NAME_MAX
from .services import MINUTES_MAX, PHONE_MAX, PROJECTOR_MAX, STEPS_MAX


class TemplateName(Shape):
    """The name to save a workshop's design under (the workshop's title by default)."""

    name: Text | None = Field(default=None, max_length=NAME_MAX)


class TemplateDesign(Shape):
    """A template's whole design, edited."""

    design: dict[str, Any] = Field(description="A design: see docs/api.md (Templates)")


class Sharing(Shape):
    """In the shared library, or not."""

    shared: bool = False


class Step(Shape, extra="allow"):
    """One step of a plan: an activity, its texts, its minutes and its settings."""

    activity: Text = Field(description="A key from GET /activities")
    projector: Text | None = Field(default=None, max_length=PROJECTOR_MAX)
    phone: Text | None = Field(default=None, max_length=PHONE_MAX)
    minutes: Int | None = Field(default=None, ge=0, le=MINUTES_MAX)
    settings: dict[str, Any] | None = Field(default=None, description="The activity's settings")


class PlanChange(Shape):
    """Any subset of a plan's parts. The steps that have run, and the one running now,
    stay where they are (their texts and minutes may change)."""

    welcome: Text | None = None
    lobby: dict[str, Any] | None = None
    steps: list[Step] | None = Field(default=None, max_length=STEPS_MAX)
    lens_questions: dict[str, Text] | None = None
    examples: list[dict[str, Any]] | None = None
