"""A workshop in the stories phase with two participants."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from workshop.realtime import Audience
from workshop.workshops import services as workshops
from workshop.workshops.services import Viewer


@dataclass
class Room:
    workshop_id: int
    code: str
    projector_key: str
    owner_id: int
    owner_token: str
    liisa: tuple[int, str]  # participant id, token
    ville: tuple[int, str]

    def as_participant(self, who: tuple[int, str]) -> Viewer:
        return Viewer(self.workshop_id, Audience.PARTICIPANTS, participant_id=who[0])

    @property
    def facilitator(self) -> Viewer:
        return Viewer(self.workshop_id, Audience.FACILITATORS, facilitator_id=self.owner_id)


@pytest.fixture
def room(app, workshop, join) -> Room:
    liisa, ville = join(workshop.code, "Liisa"), join(workshop.code, "Ville")
    with app.app_context():
        workshops.change_phase(workshop.owner.id, workshop.id, "stories")
    return Room(
        workshop.id,
        workshop.code,
        workshop.projector_key,
        workshop.owner.id,
        workshop.owner.token,
        liisa,
        ville,
    )


def story(**overrides) -> dict:
    """A valid story body, the Tuscan cashier's."""
    return {
        "title": "Kanta-asiakaskortti Toscanassa",
        "happened": "Kassa lainasi *toisen asiakkaan* korttia, jotta sain alennuksen.",
        "staff_did": "Kysyi jonossa seuraavalta, saako kortin lainata.",
        "could_do": "Sain saman edun kuin paikalliset.",
        "agency": 5,
        "channel": "in_person",
        "place": "Siena",
        **overrides,
    }
