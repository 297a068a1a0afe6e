"""A workshop that ended with two commitments, for following them up."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from tests.conftest import Room, story, walk
from workshop.extensions import db
from workshop.practices import commitments
from workshop.practices import services as practices
from workshop.stories import services as stories


@dataclass
class Followed:
    room: Room
    practice_ids: list[int]
    story_ids: list[int]

    def __getattr__(self, name):
        return getattr(self.room, name)


@pytest.fixture
def followed(app, room) -> Followed:
    """Two stories, three practices, two of them commitments; then the workshop closes."""
    with app.app_context():
        first, _ = stories.post_story(room.liisa[0], story(), "s1")
        second, _ = stories.post_story(
            room.ville[0], story(title="Bussikuski", channel="phone", agency=2), "s2"
        )
        walk(room.owner_id, room.workshop_id, "practices")
        ids = []
        for i, (title, linked) in enumerate(
            [("Etu ilman korttia", [first.id]), ("Kuljettaja päättää", [second.id]), ("Muu", [])]
        ):
            practice, _ = practices.post_practice(
                room.facilitator, {"title": title, "story_ids": linked}, f"p{i}"
            )
            ids.append(practice.id)
        commitments.set_commitment(room.owner_id, ids[0], {"owner": "Myymäläpäällikkö"})
        commitments.set_commitment(room.owner_id, ids[1], {"owner": "Liikennepäällikkö"})
        walk(room.owner_id, room.workshop_id, "closed")
        db.session.remove()
    return Followed(room, ids, [first.id, second.id])
