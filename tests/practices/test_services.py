"""Practices: proposing, private writing, editing, hiding, the trace of stories."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from tests.practices.conftest import practice
from workshop.errors import Forbidden, ValidationFailed
from workshop.extensions import db
from workshop.practices import reading
from workshop.practices import services as practices
from workshop.practices.models import Practice
from workshop.practices.services import KeyInUse, PracticesClosed
from workshop.realtime import Audience
from workshop.stories.models import Story
from workshop.voting import rounds
from workshop.workshops import services as workshops
from workshop.workshops.models import Workshop
from workshop.workshops.services import Viewer


def test_participant_proposes_a_practice_linked_to_stories(ctx, practice_room):
    liisa = practice_room.as_participant(practice_room.liisa)
    created, is_new = practices.post_practice(
        liisa, practice(story_ids=practice_room.story_ids), "p1"
    )
    assert is_new
    assert created.description_html.startswith("<p>Kun asiakkaalla")
    assert "<strong>etsimme tavan</strong>" in created.description_html
    workshop = db.session.get(Workshop, practice_room.workshop_id)
    body = reading.practice_json(created, workshop)
    assert body["story_ids"] == practice_room.story_ids
    assert [s["title"] for s in body["stories"]] == ["Kanta-asiakaskortti Toscanassa", "Bussikuski"]
    assert body["authors"] == ["Liisa"]
    # The link is stored both ways: a story knows its practices.
    story = db.session.get(Story, practice_room.story_ids[0])
    assert [p.id for p in story.practices] == [created.id]


def test_a_replayed_key_returns_the_first_practice(ctx, practice_room):
    liisa = practice_room.as_participant(practice_room.liisa)
    first, _ = practices.post_practice(liisa, practice(), "same")
    again, is_new = practices.post_practice(liisa, practice(title="Toinen"), "same")
    assert (again.id, is_new) == (first.id, False)
    ville = practice_room.as_participant(practice_room.ville)
    with pytest.raises(KeyInUse):
        practices.post_practice(ville, practice(), "same")
    assert db.session.scalar(select(func.count()).select_from(Practice)) == 1


def test_bad_input_names_every_field_and_saves_nothing(ctx, practice_room):
    liisa = practice_room.as_participant(practice_room.liisa)
    with pytest.raises(ValidationFailed) as caught:
        practices.post_practice(
            liisa, {"title": " ", "description": "x" * 1001, "story_ids": "1"}, "k"
        )
    assert set(caught.value.fields) == {"title", "description", "story_ids"}
    with pytest.raises(ValidationFailed) as caught:
        practices.post_practice(liisa, practice(story_ids=[999999]), "k")
    assert set(caught.value.fields) == {"story_ids"}
    assert db.session.scalar(select(func.count()).select_from(Practice)) == 0


def test_private_practices_until_reveal(ctx, practice_room):
    liisa = practice_room.as_participant(practice_room.liisa)
    ville = practice_room.as_participant(practice_room.ville)
    mine, _ = practices.post_practice(liisa, practice(), "p1")
    workshop = db.session.get(Workshop, practice_room.workshop_id)
    assert [p["id"] for p in reading.practices_json(workshop, liisa)] == [mine.id]
    assert reading.practices_json(workshop, ville) == []
    assert reading.practices_json(workshop, None) == []
    practices.reveal(practice_room.owner_id, practice_room.workshop_id)
    assert [p["id"] for p in reading.practices_json(workshop, ville)] == [mine.id]


def test_only_authors_edit_and_only_while_proposing(ctx, practice_room):
    liisa = practice_room.as_participant(practice_room.liisa)
    ville = practice_room.as_participant(practice_room.ville)
    mine, _ = practices.post_practice(liisa, practice(), "p1")
    with pytest.raises(Forbidden):
        practices.edit_practice(ville, mine.id, {"title": "Varastettu"})
    edited = practices.edit_practice(liisa, mine.id, {"story_ids": practice_room.story_ids[:1]})
    assert [s.id for s in edited.stories] == practice_room.story_ids[:1]
    workshops.change_phase(practice_room.owner_id, practice_room.workshop_id, "voting")
    with pytest.raises(PracticesClosed):
        practices.edit_practice(liisa, mine.id, {"title": "Myöhässä"})
    with pytest.raises(PracticesClosed):
        practices.post_practice(liisa, practice(), "late")
    # The facilitator may still add and edit.
    added, _ = practices.post_practice(
        practice_room.facilitator, practice(title="Fasilitaattorin"), "f1"
    )
    assert added.participant_id is None


def test_voting_opens_every_practice(ctx, practice_room):
    liisa = practice_room.as_participant(practice_room.liisa)
    ville = practice_room.as_participant(practice_room.ville)
    practices.post_practice(liisa, practice(), "p1")
    workshops.change_phase(practice_room.owner_id, practice_room.workshop_id, "voting")
    workshop = db.session.get(Workshop, practice_room.workshop_id)
    assert len(reading.practices_json(workshop, ville)) == 1
    assert rounds.current(workshop).budget == 1  # fixed from the suggestion when voting opened


def test_hidden_practice_leaves_the_wall_but_not_the_facilitators_list(ctx, practice_room):
    practices.reveal(practice_room.owner_id, practice_room.workshop_id)
    liisa = practice_room.as_participant(practice_room.liisa)
    mine, _ = practices.post_practice(liisa, practice(), "p1")
    practices.set_hidden(practice_room.owner_id, mine.id, hidden=True)
    workshop = db.session.get(Workshop, practice_room.workshop_id)
    assert reading.practices_json(workshop, None) == []
    facilitator = Viewer(workshop.id, Audience.FACILITATORS, facilitator_id=practice_room.owner_id)
    assert reading.practices_json(workshop, facilitator)[0]["is_hidden"] is True
