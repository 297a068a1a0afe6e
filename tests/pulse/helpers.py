"""What the pulse's tests share: a workshop from the built-in design (it opens with the
pulse), people in it, and a round of ratings."""

from __future__ import annotations

from workshop.designs import services as designs
from workshop.participants import services as participants
from workshop.pulse import services as pulse
from workshop.workshops import services as workshops
from workshop.workshops.models import Workshop


def pulse_room(owner_id: int, people: int = 6, *, language: str = "fi", title: str = "Pulssi"):
    """A workshop of the built-in design with ``people`` joined, in its pulse step."""
    workshop = designs.start_workshop(owner_id, title, language)
    joined = [participants.join(workshop.code, f"Osallistuja {n}")[0].id for n in range(people)]
    workshops.change_phase(owner_id, workshop.id, "pulse")
    return workshop, joined


def rate_all(people: list[int], ratings: list[list[int]]) -> None:
    """Each person rates the statements: ``ratings[person][statement]``."""
    for person, theirs in zip(people, ratings, strict=False):
        for position, rating in enumerate(theirs):
            pulse.answer(person, position, rating)


def fresh(workshop_id: int) -> Workshop:
    from workshop.extensions import db

    found = db.session.get(Workshop, workshop_id)
    assert found is not None
    db.session.refresh(found)
    return found
