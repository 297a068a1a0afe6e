"""Editing a workshop's plan before and during the workshop: the welcome, the lobby's
texts, the steps (added, removed, reordered, each with its texts, minutes and settings),
the lens questions and the example stories."""

from __future__ import annotations

from typing import Any

from flask_babel import lazy_gettext as _l

from .. import activities, realtime, writes
from ..errors import ValidationFailed
from ..realtime import Audience
from ..workshops.models import Workshop
from ..workshops.plan import plan_json
from .builtin_content import CONTENT
from .services import clean_design, design_of

#: What of a design a workshop's plan holds (its settings and lenses are changed elsewhere).
PLAN_PARTS = ("welcome", "lobby", "steps", "lens_questions", "examples")


def activities_json() -> list[dict[str, Any]]:
    """Return the activities a plan may hold, with the settings each step of them takes and,
    in each language, the texts a new step of it starts with (the built-in design's). A
    setting said in words (a pulse's statements) has its default in each language."""
    return [
        {
            "key": activity.key,
            "name": str(activity.name),
            "settings": {
                name: {
                    "default": None if setting.is_worded else setting.default,
                    "label": str(setting.label),
                    **(
                        {"defaults": {lang: setting.default_in(lang) for lang in CONTENT}}
                        if setting.is_worded
                        else {}
                    ),
                }
                for name, setting in activity.settings.items()
            },
            "texts": {language: _builtin_texts(language, activity.key) for language in CONTENT},
        }
        for activity in activities.activities()
    ]


def _builtin_texts(language: str, key: str) -> dict[str, Any]:
    """The built-in design's texts for a step of this activity (its first), else empty."""
    for step in CONTENT[language]["steps"]:
        if step["activity"] == key:
            return {part: step[part] for part in ("projector", "phone", "minutes")}
    return {"projector": "", "phone": "", "minutes": 10}


def workshop_plan_json(workshop: Workshop) -> dict[str, Any]:
    """Return a workshop's plan as its editor reads it: the editable parts, and where the
    workshop is (the steps up to there stay in place)."""
    design = design_of(workshop)
    return {
        **{part: design[part] for part in PLAN_PARTS},
        "lenses": design["lenses"],
        "language": workshop.language,
        "step_index": workshop.step_index,
        "is_open": workshop.is_open,
    }


def update_plan(facilitator_id: int, workshop_id: int, changes: object) -> Workshop:
    """Change a workshop's plan; every screen gets the new one at once.

    The steps that have run, and the one running now, stay where they are (their texts
    and minutes may change); the steps after it may be added, removed and reordered.
    """
    if not isinstance(changes, dict):
        raise ValidationFailed(fields={"plan": _l("Must be a workshop design.")})
    with writes.change(workshop_id, facilitator_id=facilitator_id) as unit:
        workshop = unit.workshop
        edited = design_of(workshop) | {k: changes[k] for k in PLAN_PARTS if k in changes}
        clean = clean_design(edited)
        if workshop.step_index is not None:
            ran = workshop.step_index + 1
            before = [step["activity"] for step in workshop.steps[:ran]]
            if [step["activity"] for step in clean["steps"][:ran]] != before:
                raise ValidationFailed(
                    fields={
                        "steps": _l(
                            "The steps that have run, and the one running now, stay in their place."
                        )
                    }
                )
        before = workshop.steps
        workshop.plan = {**(workshop.plan or {}), **{k: clean[k] for k in PLAN_PARTS}}
        activities.replanned(workshop, before)

        def body(audience: Audience) -> dict[str, Any]:
            return {"plan": plan_json(workshop, audience), "next_phases": workshop.next_phases}

        unit.publish(
            realtime.PLAN_CHANGED,
            public=lambda: body(Audience.PROJECTOR),
            facilitators=lambda: body(Audience.FACILITATORS),
        )
    return workshop
