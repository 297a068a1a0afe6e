"""Volume: what one participant posts per minute, and the seats one address opens, are
limited (429 rate_limited, in the user's language); another person is never refused."""

from __future__ import annotations

import pytest

from tests.conftest import bearer, story
from tests.practices.conftest import practice, practice_room  # noqa: F401 (fixture)
from workshop import throttle


def _post_story(client, room, who, key: str, **headers):
    return client.post(
        f"/api/v1/workshops/{room.code}/stories",
        json=story(key=key),
        headers={**bearer(who[1]), **headers},
    )


def test_stories_from_one_participant_are_refused_past_the_limit_others_are_not(app, client, room):
    app.config[throttle.STORIES] = "3 per minute"
    for i in range(3):
        assert _post_story(client, room, room.liisa, f"s{i}").status_code == 201
    refused = _post_story(client, room, room.liisa, "s3")
    assert refused.status_code == 429
    error = refused.json["error"]
    assert error["code"] == "rate_limited"
    assert error["message"].startswith("Lähetät nopeammin kuin kukaan ehtii kirjoittaa")
    english = _post_story(client, room, room.liisa, "s4", **{"Accept-Language": "en"})
    assert english.json["error"]["message"].startswith("You are sending faster than anyone")
    # An edit of one's own is a write too; another person still posts.
    story_id = client.get(
        f"/api/v1/workshops/{room.code}/state", headers=bearer(room.liisa[1])
    ).json["my_story_ids"][0]
    edit = client.patch(
        f"/api/v1/stories/{story_id}", json={"title": "Uusi"}, headers=bearer(room.liisa[1])
    )
    assert edit.status_code == 429
    assert _post_story(client, room, room.ville, "v0").status_code == 201
    # The facilitator's moderation is not a participant's write: never counted.
    moderated = client.patch(
        f"/api/v1/stories/{story_id}", json={"title": "Siivottu"}, headers=bearer(room.owner_token)
    )
    assert moderated.status_code == 200


def test_practices_from_one_participant_are_refused_past_the_limit(app, client, practice_room):  # noqa: F811
    app.config[throttle.PRACTICES] = "2 per minute"
    room = practice_room

    def post(who, key):
        return client.post(
            f"/api/v1/workshops/{room.code}/practices",
            json=practice(key=key),
            headers=bearer(who[1]),
        )

    assert [post(room.liisa, f"p{i}").status_code for i in range(3)] == [201, 201, 429]
    assert post(room.liisa, "p3").json["error"]["code"] == "rate_limited"
    assert post(room.ville, "v0").status_code == 201
    facilitator = client.post(
        f"/api/v1/workshops/{room.code}/practices",
        json=practice(key="f0"),
        headers=bearer(room.owner_token),
    )
    assert facilitator.status_code == 201


def test_reactions_to_stories_and_practices_share_one_limit(app, client, practice_room):  # noqa: F811
    app.config[throttle.REACTIONS] = "4 per minute"
    room = practice_room
    liisa = bearer(room.liisa[1])
    ville_story = room.story_ids[1]
    practice_id = client.post(
        f"/api/v1/workshops/{room.code}/practices",
        json=practice(key="v"),
        headers=bearer(room.ville[1]),
    ).json["id"]
    client.post(f"/api/v1/workshops/{room.code}/reveal", headers=bearer(room.owner_token))
    answers = [
        client.put(f"/api/v1/stories/{ville_story}/reactions/heart", headers=liisa).status_code,
        client.delete(f"/api/v1/stories/{ville_story}/reactions/heart", headers=liisa).status_code,
        client.put(f"/api/v1/practices/{practice_id}/reactions/idea", headers=liisa).status_code,
        client.put(f"/api/v1/practices/{practice_id}/reactions/wow", headers=liisa).status_code,
        client.put(f"/api/v1/practices/{practice_id}/reactions/clap", headers=liisa).status_code,
        client.put(f"/api/v1/stories/{ville_story}/reactions/clap", headers=liisa).status_code,
    ]
    assert answers == [200, 200, 200, 200, 429, 429]
    refused = client.put(
        f"/api/v1/stories/{ville_story}/reactions/wow",
        headers={**liisa, "Accept-Language": "en"},
    )
    assert refused.json["error"] == {
        "code": "rate_limited",
        "message": "Too many reactions in a short time. Wait a minute and try again.",
    }


def _join_form(client, code: str, address: str):
    return client.post("/join", data={"code": code}, environ_base={"REMOTE_ADDR": address})


def _join_api(client, code: str, address: str, **headers):
    return client.post(
        f"/api/v1/workshops/{code}/participants",
        json={},
        environ_base={"REMOTE_ADDR": address},
        headers=headers,
    )


@pytest.mark.parametrize("first", [_join_form, _join_api])
def test_new_seats_from_one_address_are_limited_the_form_and_the_api_alike(app, workshop, first):
    app.config[throttle.JOINS] = "3 per minute"
    for _ in range(3):  # a fresh client each time: a new phone, no cookie, a new seat
        assert first(app.test_client(), workshop.code, "10.0.0.7").status_code in (201, 302)
    page = _join_form(app.test_client(), workshop.code, "10.0.0.7")
    assert page.status_code == 429
    text = page.get_data(as_text=True)
    assert "Tästä osoitteesta on liittynyt" in text and 'role="alert"' in text
    api = _join_api(app.test_client(), workshop.code, "10.0.0.7", **{"Accept-Language": "en"})
    assert api.status_code == 429
    assert api.json["error"]["code"] == "rate_limited"
    assert api.json["error"]["message"].startswith("Too many people have joined from this")
    # Another address has its own allowance.
    assert _join_api(app.test_client(), workshop.code, "10.0.0.8").status_code == 201


def test_a_phone_already_in_is_not_a_new_seat(app, workshop):
    app.config[throttle.JOINS] = "1 per minute"
    phone = app.test_client()
    assert _join_form(phone, workshop.code, "10.0.0.9").status_code == 302
    # The same phone comes back (its cookie): no new seat, nothing counted, never refused.
    for _ in range(3):
        again = _join_form(phone, workshop.code, "10.0.0.9")
        assert again.status_code == 302 and f"/w/{workshop.code}" in again.headers["Location"]
    assert _join_form(app.test_client(), workshop.code, "10.0.0.9").status_code == 429
