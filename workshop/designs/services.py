"""Designs: the built-in template, saved templates, and a workshop started from one.

A design is a plain dict, the same whether it is built in, saved, exported or
imported: its name and language, the welcome text, each phase's instructions
for the projector and the phones with suggested minutes, the settings, the
lenses with the questions phones show while people write, and example stories.
Whatever comes from outside passes clean_design.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, NoReturn

from flask_babel import force_locale, gettext
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from .. import activities
from ..config import LANGUAGES
from ..errors import NotFound, ValidationFailed
from ..extensions import db
from ..stories import lenses as lens_service
from ..stories.models import LENS_NAME_MAX
from ..stories.services import parse_story
from ..text import multi_line, single_line, whole_number
from ..timeutil import isoformat
from ..validation import INT_MAX, ascii_number
from ..voting import rounds
from ..voting.dots import BUDGET_MAX
from ..workshops import services as workshops
from ..workshops.models import (
    DEFAULT_STEPS,
    ROUND_RULES,
    STORIES_PER_PARTICIPANT,
    STORIES_PER_PARTICIPANT_MAX,
    Workshop,
)
from .builtin_content import CONTENT
from .models import NAME_MAX, Template

BUILTIN_ID = "object-to-subject"
WELCOME_MAX = 600
PROJECTOR_MAX = 200
PHONE_MAX = 240
MINUTES_MAX = 180
READING_MAX = 400
EXAMPLES_MAX = 20
LENSES_MAX = 12
LENS_QUESTION_MAX = 160
STEPS_MAX = 20

#: The settings a design carries, and what the built-in one sets: stories stay private
#: until revealed, names are shown, the budget is the suggestion (None), dots may be
#: stacked and put on one's own practice, the tally stays hidden until the reveal.
DEFAULT_SETTINGS: dict[str, Any] = {
    "private_writing": True,
    "is_anonymous": False,
    "vote_budget": None,
    "per_practice_cap": None,
    "allows_self_votes": True,
    "is_tally_hidden": True,
    "locks_at_time_up": False,
    "stories_per_participant": STORIES_PER_PARTICIPANT,
}


def builtin_lens_questions(language: str) -> dict[str, str]:
    """Return the built-in lenses, each with the question it asks of a story."""
    names = workshops.default_lens_names(language)
    with force_locale(language):
        questions = [
            gettext("How were you met: what was said, and how was it said?"),
            gettext("Did the person you met speak as if the company were their own?"),
            gettext("Were you served the same way in person, by phone and online?"),
            gettext("Did someone find a way round a rule or a machine for you?"),
        ]
    return dict(zip(names, questions, strict=True))


def builtin_design(language: str) -> dict[str, Any]:
    """Return the built-in "From object to subject" design in one language."""
    content = CONTENT[language]
    questions = builtin_lens_questions(language)
    return {
        "name": content["name"],
        "language": language,
        "welcome": content["welcome"],
        "lobby": dict(content["lobby"]),
        "steps": [dict(step) for step in content["steps"]],
        "settings": dict(DEFAULT_SETTINGS),
        "lenses": list(questions),
        "lens_questions": questions,
        "examples": [dict(example) for example in content["examples"]],
    }


def _fail(field: str, message: Any) -> NoReturn:
    raise ValidationFailed(fields={field: message})


def _minutes(value: object, field: str) -> int:
    return whole_number(value, field=field, maximum=MINUTES_MAX)


def _count(value: object, field: str) -> int | None:
    return None if value is None else whole_number(value, field=field, maximum=BUDGET_MAX)


def _flag(value: object, field: str) -> bool:
    if not isinstance(value, bool):
        _fail(field, _l("Must be true or false."))
    return value


_SETTINGS: dict[str, Callable[[object, str], Any]] = {
    "private_writing": _flag,
    "is_anonymous": _flag,
    "vote_budget": _count,
    "per_practice_cap": _count,
    "allows_self_votes": _flag,
    "is_tally_hidden": _flag,
    "locks_at_time_up": _flag,
    "stories_per_participant": lambda value, field: whole_number(
        value, field=field, maximum=STORIES_PER_PARTICIPANT_MAX
    ),
}


def _texts(item: object, field: str) -> dict[str, Any]:
    """Return a step's (or the lobby's) projector text, phone instruction and minutes."""
    item = item if isinstance(item, dict) else {}
    projector = single_line(
        item.get("projector"), field=f"{field}.projector", max_length=PROJECTOR_MAX
    )
    phone = single_line(item.get("phone"), field=f"{field}.phone", max_length=PHONE_MAX)
    return {
        "projector": projector or "",
        "phone": phone or "",
        "minutes": _minutes(item.get("minutes", 10), f"{field}.minutes"),
    }


def _steps(raw: dict[str, Any], language: str) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """Return the lobby's texts and the plan's steps, from "lobby" and "steps", or from
    a file made before steps ("phases": the lobby and the four built-in phases). A step's
    setting it does not give starts as in the design's language."""
    steps_in = raw.get("steps")
    if not isinstance(steps_in, list):
        phases_in = raw.get("phases")
        phases: dict[str, Any] = phases_in if isinstance(phases_in, dict) else {}
        return _texts(phases.get("lobby"), "phases.lobby"), [
            {"activity": key, **_texts(phases.get(key), f"phases.{key}")} for key in DEFAULT_STEPS
        ]
    if not steps_in:
        _fail("steps", _l("A plan needs at least one step."))
    if len(steps_in) > STEPS_MAX:
        _fail("steps", _l("At most %(max)d steps.", max=STEPS_MAX))
    steps = []
    for i, step in enumerate(steps_in):
        key = step.get("activity") if isinstance(step, dict) else None
        if not isinstance(key, str) or not activities.is_known(key):
            _fail(f"steps.{i}.activity", _l("Unknown activity."))
            continue
        activity = activities.get(key)
        clean = {"activity": key, **_texts(step, f"steps.{i}")}
        if activity.settings:  # the step's own settings, each checked by its activity
            given = step.get("settings")
            given = given if isinstance(given, dict) else {}
            clean["settings"] = {
                name: setting.parse(
                    given[name] if name in given else setting.default_in(language),
                    f"steps.{i}.settings.{name}",
                )
                for name, setting in activity.settings.items()
            }
        steps.append(clean)
    return _texts(raw.get("lobby"), "lobby"), steps


def _example(raw: object, index: int) -> dict[str, Any]:
    if not isinstance(raw, dict):
        _fail(f"examples.{index}", _l("Must be a story."))
    try:
        values = parse_story(raw)
    except ValidationFailed as error:
        raise ValidationFailed(
            fields={f"examples.{index}.{name}": text for name, text in error.fields.items()}
        ) from None
    values["channel"] = values["channel"].value
    values["reading"] = (
        multi_line(raw.get("reading"), field=f"examples.{index}.reading", max_length=READING_MAX)
        or ""
    )
    return values


def clean_design(raw: object) -> dict[str, Any]:
    """Return a design checked and cleaned field by field; raise ValidationFailed."""
    if not isinstance(raw, dict):
        _fail("design", _l("Must be a workshop design."))
    name = single_line(raw.get("name"), field="name", max_length=NAME_MAX, required=True)
    language = raw.get("language")
    if language not in LANGUAGES:
        _fail("language", _l("Choose Finnish or English."))
    settings_in = raw.get("settings")
    settings_in = settings_in if isinstance(settings_in, dict) else {}
    settings = {
        name_: parse(settings_in.get(name_, DEFAULT_SETTINGS[name_]), f"settings.{name_}")
        for name_, parse in _SETTINGS.items()
    }
    lenses_in = raw.get("lenses")
    lenses_in = lenses_in if isinstance(lenses_in, list) else []
    if len(lenses_in) > LENSES_MAX:
        _fail("lenses", _l("At most %(max)d lenses.", max=LENSES_MAX))
    lenses = [
        single_line(lens, field=f"lenses.{i}", max_length=LENS_NAME_MAX, required=True)
        for i, lens in enumerate(lenses_in)
    ]
    questions_in = raw.get("lens_questions")
    questions_in = questions_in if isinstance(questions_in, dict) else {}
    lens_questions = {}
    for i, lens in enumerate(lenses):
        question = single_line(
            questions_in.get(lens), field=f"lens_questions.{i}", max_length=LENS_QUESTION_MAX
        )
        if question:
            lens_questions[lens] = question
    lobby, steps = _steps(raw, language)
    examples_in = raw.get("examples")
    examples_in = examples_in if isinstance(examples_in, list) else []
    if len(examples_in) > EXAMPLES_MAX:
        _fail("examples", _l("At most %(max)d examples.", max=EXAMPLES_MAX))
    return {
        "name": name,
        "language": language,
        "welcome": multi_line(raw.get("welcome"), field="welcome", max_length=WELCOME_MAX) or "",
        "lobby": lobby,
        "steps": steps,
        "settings": settings,
        "lenses": lenses,
        "lens_questions": lens_questions,
        "examples": [_example(example, i) for i, example in enumerate(examples_in)],
    }


def template_json(template: Template) -> dict[str, Any]:
    """Return a saved template as the template list shows it, with whose it is."""
    return {
        "id": str(template.id),
        "name": template.name,
        "languages": [template.language],
        "is_builtin": False,
        "is_shared": template.is_shared,
        "owner": template.owner.email,
        "created_at": isoformat(template.created_at),
    }


def builtin_json() -> dict[str, Any]:
    """Return the built-in template as the template list shows it."""
    return {
        "id": BUILTIN_ID,
        "name": {language: CONTENT[language]["name"] for language in LANGUAGES},
        "languages": list(LANGUAGES),
        "is_builtin": True,
        "created_at": None,
    }


def templates_of(facilitator_id: int) -> list[Template]:
    """Return the templates a facilitator saved, newest first."""
    query = select(Template).where(Template.owner_id == facilitator_id).order_by(Template.id.desc())
    return list(db.session.scalars(query))


def design_for(facilitator_id: int, ref: object, language: object) -> dict[str, Any]:
    """Return the design a template reference names: the built-in one (the default, in
    the workshop's language) or one of the facilitator's saved templates."""
    if ref in (None, "", BUILTIN_ID):
        return builtin_design(language if language in LANGUAGES else LANGUAGES[0])
    # A form sends the id as text.
    template_id = ref if isinstance(ref, int) else ascii_number(ref if isinstance(ref, str) else "")
    if isinstance(template_id, bool) or not (template_id and 1 <= template_id <= INT_MAX):
        template_id = None
    template = db.session.get(Template, template_id) if template_id is not None else None
    if template is None or not (template.owner_id == facilitator_id or template.is_shared):
        _fail("template", _l("No such template. Choose one from the list."))
    # Saved before steps, or before an activity gained a setting: cleaned as it is read.
    return clean_design(template.design)


def start_workshop(
    facilitator_id: int,
    title: object,
    language: object,
    template: object = None,
    follows: object = None,
) -> Workshop:
    """Create a workshop from a template (the built-in one unless another is named),
    as a follow-up of an earlier one the facilitator runs, if ``follows`` names one."""
    design = design_for(facilitator_id, template, language)
    return workshops.create_workshop(
        facilitator_id, title, language, design=design, follows=follows
    )


def design_of(workshop: Workshop) -> dict[str, Any]:
    """Return the design a workshop runs now: its plan, settings and lenses."""
    plan = workshop.plan or {}
    lenses = lens_service.lenses_json(workshop)
    return {
        "name": workshop.template_name or workshop.title,
        "language": workshop.language,
        "welcome": plan.get("welcome", ""),
        "lobby": plan.get("lobby") or _texts({}, "lobby"),
        "steps": [dict(step) for step in workshop.steps],
        "settings": {
            name: getattr(workshop, name) for name in DEFAULT_SETTINGS if name not in ROUND_RULES
        }
        | rounds.design_rules(workshop),
        "lenses": [lens["name"] for lens in lenses],
        "lens_questions": {lens["name"]: lens["question"] for lens in lenses if lens["question"]},
        "examples": plan.get("examples", []),
    }


def save_template(facilitator_id: int, design: object) -> Template:
    """Keep a design (cleaned) as one of the facilitator's templates."""
    clean = clean_design(design)
    template = Template(
        owner_id=facilitator_id, name=clean["name"], language=clean["language"], design=clean
    )
    db.session.add(template)
    db.session.commit()
    return template


def save_as_template(facilitator_id: int, workshop_id: int, name: object) -> Template:
    """Save a workshop's design as a template under a name (the workshop's title by default)."""
    workshop = workshops.facilitated_workshop(facilitator_id, workshop_id)
    design = design_of(workshop)
    design["name"] = name if name not in (None, "") else workshop.title
    return save_template(facilitator_id, design)


def delete_template(facilitator_id: int, template_id: int) -> None:
    """Delete one of the facilitator's saved templates."""
    template = db.session.get(Template, template_id)
    if template is None or template.owner_id != facilitator_id:
        raise NotFound()
    db.session.delete(template)
    db.session.commit()
