"""Lenses: ways of looking at stories. A workshop starts with four (see workshops.services);
the facilitator renames, adds, deletes, and tags stories with them."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select

from .. import realtime, writes
from ..errors import NotFound
from ..extensions import db
from ..text import single_line
from ..workshops.models import Workshop
from . import services as stories
from .models import LENS_NAME_MAX, Lens, Story, StoryLens


def lenses_of(workshop_id: int) -> list[Lens]:
    """Return a workshop's lenses in their order."""
    query = select(Lens).where(Lens.workshop_id == workshop_id).order_by(Lens.position, Lens.id)
    return list(db.session.scalars(query))


def lens_json(lens: Lens, question: str | None = None) -> dict[str, Any]:
    """Return a lens as clients see it, with the question phones show while people write."""
    return {"id": lens.id, "name": lens.name, "question": question}


def lens_questions(workshop: Workshop) -> dict[str, str]:
    """Return the questions of a workshop's lenses by lens name (from its design)."""
    return dict((workshop.plan or {}).get("lens_questions") or {})


def lenses_json(workshop: Workshop) -> list[dict[str, Any]]:
    """Return a workshop's lenses in their order, each with its question (or None)."""
    questions = lens_questions(workshop)
    return [lens_json(lens, questions.get(lens.name)) for lens in lenses_of(workshop.id)]


def _move_question(workshop: Workshop, old: str, new: str | None) -> None:
    # A lens keeps its question when renamed; a deleted lens takes it along.
    questions = lens_questions(workshop)
    if old not in questions or old == new:
        return
    question = questions.pop(old)
    if new is not None:
        questions[new] = question
    workshop.plan = {**(workshop.plan or {}), "lens_questions": questions}


def _name(value: object) -> str:
    return single_line(value, field="name", max_length=LENS_NAME_MAX, required=True)


def _lens_in(unit: writes.Unit, lens_id: int) -> Lens:
    lens = db.session.get(Lens, lens_id)
    if lens is None or lens.workshop_id != unit.workshop_id:
        raise NotFound()
    return lens


def _lens_workshop(lens_id: int) -> int:
    lens = db.session.get(Lens, lens_id)
    if lens is None:
        raise NotFound()
    return lens.workshop_id


def _publish_lenses(unit: writes.Unit) -> None:
    workshop = unit.workshop
    unit.publish(realtime.LENSES_CHANGED, public=lambda: {"lenses": lenses_json(workshop)})


def add_lens(facilitator_id: int, workshop_id: int, name: object) -> Lens:
    """Add a lens at the end (facilitator)."""
    clean = _name(name)
    with writes.change(workshop_id, facilitator_id=facilitator_id, open_only=False) as unit:
        last = db.session.scalar(
            select(func.max(Lens.position)).where(Lens.workshop_id == workshop_id)
        )
        lens = Lens(workshop_id=workshop_id, name=clean, position=(last or 0) + 1)
        db.session.add(lens)
        _publish_lenses(unit)
    return lens


def rename_lens(facilitator_id: int, lens_id: int, name: object) -> Lens:
    """Rename a lens (facilitator)."""
    clean = _name(name)
    workshop_id = _lens_workshop(lens_id)
    with writes.change(workshop_id, facilitator_id=facilitator_id, open_only=False) as unit:
        lens = _lens_in(unit, lens_id)
        _move_question(unit.workshop, lens.name, clean)
        lens.name = clean
        _publish_lenses(unit)
    return lens


def delete_lens(facilitator_id: int, lens_id: int) -> None:
    """Delete a lens; stories lose that tag and nothing else (facilitator)."""
    workshop_id = _lens_workshop(lens_id)
    with writes.change(workshop_id, facilitator_id=facilitator_id, open_only=False) as unit:
        lens = _lens_in(unit, lens_id)
        _move_question(unit.workshop, lens.name, None)
        db.session.delete(lens)
        _publish_lenses(unit)


def tag(facilitator_id: int, story_id: int, lens_id: int, *, on: bool) -> Story:
    """Tag a story with a lens, or take the tag off (facilitator); idempotent."""
    workshop_id = _lens_workshop(lens_id)
    with writes.change(workshop_id, facilitator_id=facilitator_id, open_only=False) as unit:
        _lens_in(unit, lens_id)
        story = db.session.get(Story, story_id)
        if story is None or story.workshop_id != workshop_id:
            raise NotFound()
        existing = db.session.get(StoryLens, (story_id, lens_id))
        if on and existing is None:
            db.session.add(StoryLens(story_id=story_id, lens_id=lens_id))
        elif not on and existing is not None:
            db.session.delete(existing)
        stories.publish_story(unit, realtime.STORY_UPDATED, story)
    return story
