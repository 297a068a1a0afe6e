"""The cap on stories per participant: set by the facilitator (20 by default), kept on the
workshop, carried by its export; past it a post is refused in the user's language."""

from __future__ import annotations

from tests.conftest import bearer, login, story
from workshop.charter import exchange, imports
from workshop.extensions import db
from workshop.workshops import services as workshops
from workshop.workshops.models import Workshop


def _settings(client, room, **changes):
    return client.put(
        f"/api/v1/workshops/{room.code}/settings",
        json=changes,
        headers={**bearer(room.owner_token), "Accept-Language": "en"},
    )


def _post(client, room, who, key: str, **headers):
    return client.post(
        f"/api/v1/workshops/{room.code}/stories",
        json=story(key=key),
        headers={**bearer(who[1]), **headers},
    )


def test_the_default_cap_is_generous_and_every_screen_knows_it(client, room):
    state = client.get(f"/api/v1/workshops/{room.code}/state", headers=bearer(room.liisa[1])).json
    assert state["workshop"]["stories_per_participant"] == 20


def test_past_the_cap_a_post_is_refused_and_a_replay_still_answers(client, room):
    assert _settings(client, room, stories_per_participant=2).status_code == 200
    assert [_post(client, room, room.liisa, f"s{i}").status_code for i in range(2)] == [201, 201]
    refused = _post(client, room, room.liisa, "s2")
    assert refused.status_code == 409
    assert refused.json["error"] == {
        "code": "too_many_stories",
        "message": "Olet jo kertonut 2 tarinaa, mikä on tämän työpajan enimmäismäärä.",
    }
    english = _post(client, room, room.liisa, "s3", **{"Accept-Language": "en"})
    assert english.json["error"]["message"] == (
        "You have already told 2 stories, the most this workshop takes."
    )
    # The phone that lost the answer to its second post gets it again: a replay, not a third.
    assert _post(client, room, room.liisa, "s1").status_code == 200
    # Another person has their own two; a higher cap lets Liisa write on.
    assert _post(client, room, room.ville, "v0").status_code == 201
    assert _settings(client, room, stories_per_participant=3).status_code == 200
    assert _post(client, room, room.liisa, "s4").status_code == 201
    count = client.get(f"/api/v1/workshops/{room.code}/state", headers=bearer(room.owner_token))
    assert count.json["story_count"] == 4


def test_the_cap_is_a_whole_number_the_facilitator_sets(client, room):
    # Out of range: the service's rule. Not a number at all: the request's shape.
    wrongs = {
        **{n: "Choose a whole number from 1 to 1000." for n in (0, -1, 1001)},
        **{w: "Must be a whole number." for w in ("5", 2.5, True)},
    }
    for wrong, message in wrongs.items():
        answer = _settings(client, room, stories_per_participant=wrong)
        assert answer.status_code == 422, wrong
        assert answer.json["error"]["fields"] == {"stories_per_participant": message}, wrong
    participant = client.put(
        f"/api/v1/workshops/{room.code}/settings",
        json={"stories_per_participant": 100},
        headers=bearer(room.liisa[1]),
    )
    assert participant.status_code in (401, 403)


def test_the_control_page_shows_the_cap_and_its_form_sets_it(app, room):
    browser = app.test_client()
    login(browser, "owner@example.fi")
    page = browser.get(f"/workshops/{room.workshop_id}").get_data(as_text=True)
    assert 'name="stories_per_participant"' in page and 'value="20"' in page
    saved = browser.post(
        f"/workshops/{room.workshop_id}/settings",
        data={
            "settings": ["private_writing", "stories_per_participant"],
            "private_writing": "on",
            "stories_per_participant": "5",
        },
    )
    assert saved.status_code == 302
    with app.app_context():
        workshop = db.session.get(Workshop, room.workshop_id)
        assert workshop.stories_per_participant == 5 and workshop.private_writing
    wrong = browser.post(
        f"/workshops/{room.workshop_id}/settings",
        data={"settings": ["stories_per_participant"], "stories_per_participant": "many"},
    )
    assert wrong.status_code == 422


def test_the_export_carries_the_cap_and_the_import_keeps_it(app, room):
    with app.app_context():
        workshops.change_settings(room.owner_id, room.workshop_id, {"stories_per_participant": 7})
        data = exchange.export_workshop(db.session.get(Workshop, room.workshop_id))
        assert data["design"]["settings"]["stories_per_participant"] == 7
        copy = imports.import_workshop(room.owner_id, data)
        assert copy.stories_per_participant == 7
        # A file from before the cap: the default.
        del data["design"]["settings"]["stories_per_participant"]
        assert imports.import_workshop(room.owner_id, data).stories_per_participant == 20
