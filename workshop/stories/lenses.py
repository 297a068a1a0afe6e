"""Lenses: ways of looking at stories. A workshop starts with four (see workshops.services);
the facilitator renames, adds, deletes, and tags stories with them."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select

from .. import realtime
from ..errors import NotFound
from ..extensions import db
from ..realtime import Audience
from ..text import single_line
from ..workshops import services as workshops
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


def _lens_for_change(facilitator_id: int, lens_id: int) -> tuple[Lens, Workshop]:
    lens = db.session.get(Lens, lens_id)
    if lens is None:
        raise NotFound()
    workshops.facilitated_workshop(facilitator_id, lens.workshop_id)
    return lens, workshops.lock_workshop(lens.workshop_id)


def _publish_lenses(workshop: Workshop) -> None:
    body = {"lenses": lenses_json(workshop)}
    realtime.publish(
        workshop.id, workshop.seq, realtime.LENSES_CHANGED, dict.fromkeys(Audience, body)
    )


def add_lens(facilitator_id: int, workshop_id: int, name: object) -> Lens:
    """Add a lens at the end (facilitator)."""
    clean = _name(name)
    workshops.facilitated_workshop(facilitator_id, workshop_id)
    workshop = workshops.lock_workshop(workshop_id)
    last = db.session.scalar(select(func.max(Lens.position)).where(Lens.workshop_id == workshop_id))
    lens = Lens(workshop_id=workshop_id, name=clean, position=(last or 0) + 1)
    db.session.add(lens)
    workshop.touch()
    db.session.commit()
    _publish_lenses(workshop)
    return lens


def rename_lens(facilitator_id: int, lens_id: int, name: object) -> Lens:
    """Rename a lens (facilitator)."""
    clean = _name(name)
    lens, workshop = _lens_for_change(facilitator_id, lens_id)
    _move_question(workshop, lens.name, clean)
    lens.name = clean
    workshop.touch()
    db.session.commit()
    _publish_lenses(workshop)
    return lens


def delete_lens(facilitator_id: int, lens_id: int) -> None:
    """Delete a lens; stories lose that tag and nothing else (facilitator)."""
    lens, workshop = _lens_for_change(facilitator_id, lens_id)
    _move_question(workshop, lens.name, None)
    db.session.delete(lens)
    workshop.touch()
    db.session.commit()
    _publish_lenses(workshop)


def tag(facilitator_id: int, story_id: int, lens_id: int, *, on: bool) -> Story:
    """Tag a story with a lens, or take the tag off (facilitator); idempotent."""
    lens, workshop = _lens_for_change(facilitator_id, lens_id)
    story = db.session.get(Story, story_id)
    if story is None or story.workshop_id != lens.workshop_id:
        db.session.rollback()
        raise NotFound()
    existing = db.session.get(StoryLens, (story_id, lens_id))
    if on and existing is None:
        db.session.add(StoryLens(story_id=story_id, lens_id=lens_id))
    elif not on and existing is not None:
        db.session.delete(existing)
    workshop.touch()
    db.session.commit()
    stories.publish_story(workshop, realtime.STORY_UPDATED, story)
    return story
