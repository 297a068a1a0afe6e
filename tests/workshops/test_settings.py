"""Workshop settings: private writing, anonymity (names to nobody), the room lock."""

import pytest

from tests.conftest import bearer, socket_client, story
from workshop.errors import Forbidden, ValidationFailed
from workshop.realtime import Audience
from workshop.stories import services as stories
from workshop.workshops import services, state
from workshop.workshops.services import Viewer


def test_settings_are_validated_and_only_for_the_owner(ctx, workshop, make_facilitator):
    with pytest.raises(ValidationFailed) as caught:
        services.change_settings(workshop.owner.id, workshop.id, {"is_locked": "yes", "x": True})
    assert set(caught.value.fields) == {"is_locked", "x"}
    with pytest.raises(Forbidden):
        services.change_settings(make_facilitator().id, workshop.id, {"is_locked": True})


def test_a_locked_room_refuses_new_people_but_keeps_those_in(app, client, workshop, join):
    _, token = join(workshop.code, "Sisällä")
    with app.app_context():
        services.change_settings(workshop.owner.id, workshop.id, {"is_locked": True})
    refused = client.post(
        f"/api/v1/workshops/{workshop.code}/participants",
        json={},
        headers={"Accept-Language": "en"},
    )
    assert refused.status_code == 409 and refused.json["error"]["code"] == "room_locked"
    assert "locked" in refused.json["error"]["message"]
    assert (
        client.get(f"/api/v1/workshops/{workshop.code}/state", headers=bearer(token)).status_code
        == 200
    )
    page = client.post("/join", data={"code": workshop.code}, headers={"Accept-Language": "fi"})
    assert page.status_code == 409 and "Liittyminen on suljettu" in page.get_data(as_text=True)
    with app.app_context():
        services.change_settings(workshop.owner.id, workshop.id, {"is_locked": False})
    assert (
        client.post(f"/api/v1/workshops/{workshop.code}/participants", json={}).status_code == 201
    )


def test_anonymous_means_no_names_even_for_facilitators(app, room):
    facilitator = socket_client(
        app, {"role": "facilitator", "workshop_id": room.workshop_id, "token": room.owner_token}
    )
    with app.app_context():
        stories.post_story(room.liisa[0], story(), "a")
        services.change_settings(room.owner_id, room.workshop_id, {"is_anonymous": True})
        snapshot = state.snapshot(room.facilitator)
    assert {p["display_name"] for p in snapshot["participants"]} == {None}
    assert {s["author"] for s in snapshot["stories"]} == {None}
    assert "Liisa" not in str(snapshot) and "Ville" not in str(snapshot)
    facilitator.get_received()
    with app.app_context():
        from workshop.participants import services as participants

        participants.join(room.code, "Salainen Nimi")
    received = str(facilitator.get_received())
    assert "participant_joined" in received and "Salainen Nimi" not in received


def test_private_writing_off_shows_stories_live_and_on_again_hides_them(ctx, room):
    stories.post_story(room.liisa[0], story(title="Näkyvä"), "a")
    projector = Viewer(room.workshop_id, Audience.PROJECTOR)
    assert state.snapshot(projector)["stories"] == []
    services.change_settings(room.owner_id, room.workshop_id, {"private_writing": False})
    assert [s["title"] for s in state.snapshot(projector)["stories"]] == ["Näkyvä"]
    stories.reveal(room.owner_id, room.workshop_id)
    services.change_settings(room.owner_id, room.workshop_id, {"private_writing": True})
    assert state.snapshot(projector)["stories"] == []  # a new private round until the next reveal


def test_settings_over_the_api_and_everyone_hears_of_it(app, client, room):
    projector = socket_client(app, {"role": "projector", "key": room.projector_key})
    projector.get_received()
    response = client.put(
        f"/api/v1/workshops/{room.code}/settings",
        json={"is_locked": True},
        headers=bearer(room.owner_token),
    )
    assert response.status_code == 200 and response.json["workshop"]["is_locked"] is True
    (event,) = [m for m in projector.get_received() if m["name"] == "settings_changed"]
    assert event["args"][0]["is_locked"] is True
    assert (
        client.put(
            f"/api/v1/workshops/{room.code}/settings",
            json={"is_locked": True},
            headers=bearer(room.liisa[1]),
        ).status_code
        == 401
    )
