"""A workshop's plan as screens read it: welcome, phase instructions, example stories."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from ..markdown import render as render_markdown
from ..realtime import Audience
from .models import Workshop

#: Examples go out in every snapshot while shown (a room reconnecting at once asks for
#: hundreds): their few texts are rendered once per process, not once per phone.
render = lru_cache(maxsize=512)(render_markdown)


def example_json(example: dict[str, Any], index: int) -> dict[str, Any]:
    """Return an example story as screens draw it: marked, with its parts rendered."""
    return {
        "id": f"example-{index + 1}",
        "is_example": True,
        "title": example["title"],
        "happened_html": render(example["happened"]),
        "staff_did_html": render(example.get("staff_did") or "") or None,
        "could_do_html": render(example.get("could_do") or "") or None,
        "manner_html": render(example.get("manner") or "") or None,
        "agency": example["agency"],
        "channel": example["channel"],
        "place": example.get("place"),
        "reading": example.get("reading") or "",
    }


def phase_texts(workshop: Workshop) -> dict[str, dict[str, Any]]:
    """Return the texts by phase as screens read them: the lobby's, and for each activity
    its step's (the step the workshop is in, for an activity that has two)."""
    plan = workshop.plan or {}
    texts: dict[str, dict[str, Any]] = {"lobby": plan.get("lobby") or {}}
    for step in workshop.steps:
        texts.setdefault(step["activity"], step)
    if (here := workshop.step) is not None:
        texts[here["activity"]] = here
    return texts


def plan_json(workshop: Workshop, audience: Audience) -> dict[str, Any]:
    """Return what the plan tells this audience: the welcome, the lobby's and each step's
    instructions and minutes, and the examples (to facilitators always, to others while
    they are shown)."""
    plan = workshop.plan or {}
    shows_examples = audience is Audience.FACILITATORS or workshop.are_examples_shown
    examples = plan.get("examples", []) if shows_examples else []
    return {
        "template_name": workshop.template_name,
        "welcome": plan.get("welcome", ""),
        "lobby": plan.get("lobby") or {},
        "steps": workshop.steps,
        "step_index": workshop.step_index,
        "phases": phase_texts(workshop),
        "examples": [example_json(example, i) for i, example in enumerate(examples)],
    }
