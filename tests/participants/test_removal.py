"""Removing a participant: the token stops working, the phone is let go, the stories stay."""

import pytest

from tests.conftest import bearer, socket_client, story
from workshop.errors import Forbidden
from workshop.participants import services
from workshop.stories import services as stories
from workshop.workshops import services as workshops


def test_removed_token_stops_working_and_stories_stay(app, client, room, make_facilitator):
    with app.app_context():
        posted, _ = stories.post_story(room.liisa[0], story(), "a")
        story_id = posted.id
        with pytest.raises(Forbidden):
            services.remove(make_facilitator().id, room.liisa[0])
    phone = socket_client(app, {"role": "participant", "code": room.code, "token": room.liisa[1]})
    projector = socket_client(app, {"role": "projector", "key": room.projector_key})
    assert phone.is_connected()
    projector.get_received()

    response = client.delete(
        f"/api/v1/participants/{room.liisa[0]}", headers=bearer(room.owner_token)
    )
    assert response.status_code == 204
    assert not phone.is_connected()  # told and let go
    (event,) = [m for m in projector.get_received() if m["name"] == "participant_removed"]
    assert event["args"][0] == {"participant_count": 1, "seq": event["args"][0]["seq"]}

    url = f"/api/v1/workshops/{room.code}/state"
    assert client.get(url, headers=bearer(room.liisa[1])).status_code == 401
    again = socket_client(app, {"role": "participant", "code": room.code, "token": room.liisa[1]})
    assert not again.is_connected()
    with app.app_context():
        assert workshops.participant_count(room.workshop_id) == 1
        assert services.participant_in(room.workshop_id, room.liisa[1]) is None
        from workshop.extensions import db
        from workshop.stories.models import Story

        assert db.session.get(Story, story_id) is not None
    facilitator_state = client.get(url, headers=bearer(room.owner_token)).json
    assert [p["display_name"] for p in facilitator_state["participants"]] == ["Ville"]
    # Removing twice changes nothing.
    assert (
        client.delete(
            f"/api/v1/participants/{room.liisa[0]}", headers=bearer(room.owner_token)
        ).status_code
        == 204
    )
