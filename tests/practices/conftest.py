"""A room that has stories and is ready to propose practices."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from tests.conftest import Room, story
from workshop.practices import services as practices
from workshop.stories import services as stories
from workshop.voting import dots as voting
from workshop.workshops import services as workshops


@dataclass
class PracticeRoom:
    room: Room
    story_ids: list[int]

    def __getattr__(self, name):
        return getattr(self.room, name)


@pytest.fixture
def practice_room(app, room) -> PracticeRoom:
    """Two people, two stories (one each), in the practices phase."""
    with app.app_context():
        first, _ = stories.post_story(room.liisa[0], story(), "s1")
        second, _ = stories.post_story(
            room.ville[0], story(title="Bussikuski", channel="in_person", agency=4), "s2"
        )
        ids = [first.id, second.id]
        workshops.change_phase(room.owner_id, room.workshop_id, "practices")
    return PracticeRoom(room, ids)


def practice(**overrides) -> dict:
    """A valid practice body."""
    return {
        "title": "Etu ilman korttia",
        "description": "Kun asiakkaalla ei ole korttia, **etsimme tavan** antaa etu silti.",
        "story_ids": [],
        **overrides,
    }


@pytest.fixture
def socket_for(app, practice_room):
    """Connect a participant's socket (a test client) to the practice room."""
    from tests.conftest import socket_client

    clients = []

    def connect(who: tuple[int, str]):
        auth = {"role": "participant", "code": practice_room.code, "token": who[1]}
        client = socket_client(app, auth)
        clients.append(client)
        return client

    yield connect
    for client in clients:
        if client.is_connected():
            client.disconnect()


@pytest.fixture
def voting_room(ctx, practice_room):
    """Three practices (two by Liisa, one by Ville), voting open, budget 3."""
    liisa = practice_room.as_participant(practice_room.liisa)
    ville = practice_room.as_participant(practice_room.ville)
    ids = [
        practices.post_practice(liisa, practice(title="A"), "a")[0].id,
        practices.post_practice(liisa, practice(title="B"), "b")[0].id,
        practices.post_practice(ville, practice(title="C"), "c")[0].id,
    ]
    voting.change_voting(practice_room.owner_id, practice_room.workshop_id, {"budget": 3})
    workshops.change_phase(practice_room.owner_id, practice_room.workshop_id, "voting")
    practice_room.practice_ids = ids
    return practice_room
