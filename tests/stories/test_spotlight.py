"""The spotlight: one story large on the wall, a banner on phones; it ends with its story."""

import pytest

from tests.conftest import bearer, socket_client, story
from workshop.errors import Forbidden, NotFound
from workshop.stories import services, spotlight
from workshop.workshops import state


def test_spotlight_shows_a_story_to_everyone_and_ends(app, client, room):
    phone = socket_client(app, {"role": "participant", "code": room.code, "token": room.ville[1]})
    with app.app_context():
        posted, _ = services.post_story(room.liisa[0], story(title="Valokeilassa"), "a")
        story_id = posted.id
    phone.get_received()
    response = client.post(
        f"/api/v1/stories/{story_id}/spotlight", headers=bearer(room.owner_token)
    )
    assert response.status_code == 200 and response.json["spotlight"]["title"] == "Valokeilassa"
    (event,) = [m for m in phone.get_received() if m["name"] == "spotlight_changed"]
    assert event["args"][0]["story"]["title"] == "Valokeilassa"  # even while writing is private
    with app.app_context():
        assert state.snapshot(room.as_participant(room.ville))["spotlight"]["id"] == story_id
    ended = client.delete(
        f"/api/v1/workshops/{room.code}/spotlight", headers=bearer(room.owner_token)
    )
    assert ended.json["spotlight"] is None
    (event,) = [m for m in phone.get_received() if m["name"] == "spotlight_changed"]
    assert event["args"][0]["story"] is None


def test_only_facilitators_and_only_visible_stories(ctx, room, make_facilitator):
    posted, _ = services.post_story(room.liisa[0], story(), "a")
    with pytest.raises(Forbidden):
        spotlight.spotlight(make_facilitator().id, room.workshop_id, posted.id)
    services.set_hidden(room.owner_id, posted.id, hidden=True)
    with pytest.raises(NotFound):
        spotlight.spotlight(room.owner_id, room.workshop_id, posted.id)
    with pytest.raises(NotFound):
        spotlight.spotlight(room.owner_id, room.workshop_id, 987654)


@pytest.mark.parametrize("how", ["hide", "delete"])
def test_hiding_or_deleting_the_story_ends_its_spotlight_with_a_seq_of_its_own(app, room, how):
    projector = socket_client(app, {"role": "projector", "key": room.projector_key})
    with app.app_context():
        posted, _ = services.post_story(room.liisa[0], story(), "a")
        spotlight.spotlight(room.owner_id, room.workshop_id, posted.id)
        projector.get_received()
        if how == "hide":
            services.set_hidden(room.owner_id, posted.id, hidden=True)
        else:
            services.delete_story(room.facilitator, posted.id)
        assert state.snapshot(room.facilitator)["spotlight"] is None
    events = [(m["name"], m["args"][0]["seq"]) for m in projector.get_received()]
    (story_event, spotlight_event) = events
    assert story_event[0] in ("story_hidden", "story_deleted")
    assert spotlight_event == ("spotlight_changed", story_event[1] + 1)
