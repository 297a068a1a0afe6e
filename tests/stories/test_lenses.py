"""Lenses: four to start with, in the workshop's language; edited and tagged by facilitators."""

import pytest

from tests.conftest import bearer, socket_client, story
from workshop.errors import Forbidden, ValidationFailed
from workshop.stories import lenses
from workshop.stories import services as stories
from workshop.workshops import services as workshops
from workshop.workshops import state


def test_a_workshop_starts_with_four_lenses_in_its_language(ctx, facilitator):
    finnish = workshops.create_workshop(facilitator.id, "Suomeksi", "fi")
    english = workshops.create_workshop(facilitator.id, "In English", "en")
    assert [lens.name for lens in lenses.lenses_of(english.id)] == [
        "Attitude in the encounter",
        "Company culture carried to the front line",
        "Online and offline as one experience",
        "Ingenuity for the customer's benefit",
    ]
    assert lenses.lenses_of(finnish.id)[0].name == "Asenne kohtaamisessa"


def test_edit_lenses_and_tag_stories(ctx, room, make_facilitator):
    first = lenses.lenses_of(room.workshop_id)[0]
    posted, _ = stories.post_story(room.liisa[0], story(), "a")
    lenses.tag(room.owner_id, posted.id, first.id, on=True)
    lenses.tag(room.owner_id, posted.id, first.id, on=True)  # idempotent
    snapshot = state.snapshot(room.facilitator)
    assert snapshot["stories"][0]["lens_ids"] == [first.id]
    renamed = lenses.rename_lens(room.owner_id, first.id, "  Kohtaamisen asenne ")
    assert renamed.name == "Kohtaamisen asenne"
    added = lenses.add_lens(room.owner_id, room.workshop_id, "Nopeus")
    assert [lens.name for lens in lenses.lenses_of(room.workshop_id)][-1] == "Nopeus"
    with pytest.raises(ValidationFailed):
        lenses.add_lens(room.owner_id, room.workshop_id, "x" * 81)
    with pytest.raises(Forbidden):
        lenses.tag(make_facilitator().id, posted.id, added.id, on=True)
    lenses.delete_lens(room.owner_id, first.id)
    assert state.snapshot(room.facilitator)["stories"][0]["lens_ids"] == []


def test_lenses_over_the_api(app, client, room):
    projector = socket_client(app, {"role": "projector", "key": room.projector_key})
    projector.get_received()
    added = client.post(
        f"/api/v1/workshops/{room.code}/lenses",
        json={"name": "Rohkeus"},
        headers=bearer(room.owner_token),
    )
    assert added.status_code == 201
    (event,) = [m for m in projector.get_received() if m["name"] == "lenses_changed"]
    assert event["args"][0]["lenses"][-1] == added.json
    story_id = client.post(
        f"/api/v1/workshops/{room.code}/stories", json=story(key="k"), headers=bearer(room.liisa[1])
    ).json["id"]
    tagged = client.put(
        f"/api/v1/stories/{story_id}/lenses/{added.json['id']}", headers=bearer(room.owner_token)
    )
    assert tagged.status_code == 200 and tagged.json["lens_ids"] == [added.json["id"]]
    assert (
        client.put(
            f"/api/v1/stories/{story_id}/lenses/{added.json['id']}", headers=bearer(room.liisa[1])
        ).status_code
        == 401
    )
    assert (
        client.delete(
            f"/api/v1/lenses/{added.json['id']}", headers=bearer(room.owner_token)
        ).status_code
        == 204
    )
