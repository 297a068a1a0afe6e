"""Stories through the JSON API and the sockets."""

from __future__ import annotations

from tests.conftest import bearer, socket_client, story


def _post(client, room, who, **body):
    return client.post(f"/api/v1/workshops/{room.code}/stories", json=body, headers=bearer(who[1]))


def test_post_returns_201_then_a_replay_returns_200_with_the_same_story(client, room):
    first = _post(client, room, room.liisa, **story(key="phone-1"))
    assert first.status_code == 201
    body = first.json
    assert body["happened_html"].startswith("<p>Kassa lainasi <em>")
    assert body["author"] == "Liisa" and "is_hidden" not in body
    replay = _post(client, room, room.liisa, **story(key="phone-1", title="muuttunut"))
    assert replay.status_code == 200 and replay.json == body


def test_post_errors_are_clear(client, room):
    invalid = client.post(
        f"/api/v1/workshops/{room.code}/stories",
        json=story(title="", agency=9, key="x"),
        headers={**bearer(room.liisa[1]), "Accept-Language": "en"},
    )
    assert invalid.status_code == 422
    assert invalid.json["error"]["fields"] == {
        "title": "Required.",
        "agency": "Choose a number from 1 to 5.",
    }
    bad_key = _post(client, room, room.liisa, **story(key="no spaces please"))
    assert bad_key.status_code == 422 and "key" in bad_key.json["error"]["fields"]
    malformed = client.post(
        f"/api/v1/workshops/{room.code}/stories",
        data="{",
        content_type="application/json",
        headers=bearer(room.liisa[1]),
    )
    assert malformed.status_code == 400
    huge = _post(client, room, room.liisa, **story(happened="x" * 100_000, key="huge"))
    assert huge.status_code == 422
    facilitator = client.post(
        f"/api/v1/workshops/{room.code}/stories", json=story(), headers=bearer(room.owner_token)
    )
    assert facilitator.status_code == 401
    assert (
        client.get(f"/api/v1/workshops/{room.code}/state", headers=bearer(room.owner_token)).json[
            "story_count"
        ]
        == 0
    )


def test_409_outside_the_stories_phase(client, room):
    client.put(
        f"/api/v1/workshops/{room.code}/phase",
        json={"phase": "lobby"},
        headers=bearer(room.owner_token),
    )
    response = _post(client, room, room.liisa, **story(key="late"))
    assert response.status_code == 409
    assert response.json["error"]["code"] == "stories_closed"


def test_edit_and_delete_permissions(client, room):
    story_id = _post(client, room, room.liisa, **story(key="a")).json["id"]
    assert (
        client.patch(
            f"/api/v1/stories/{story_id}",
            json={"title": "Villen nyt"},
            headers=bearer(room.ville[1]),
        ).status_code
        == 403
    )
    assert (
        client.delete(f"/api/v1/stories/{story_id}", headers=bearer(room.ville[1])).status_code
        == 403
    )
    edited = client.patch(
        f"/api/v1/stories/{story_id}", json={"place": "Firenze"}, headers=bearer(room.liisa[1])
    )
    assert edited.status_code == 200 and edited.json["place"] == "Firenze"
    assert (
        client.patch("/api/v1/stories/999999", json={}, headers=bearer(room.liisa[1])).status_code
        == 404
    )
    assert (
        client.delete(f"/api/v1/stories/{story_id}", headers=bearer(room.liisa[1])).status_code
        == 204
    )
    assert (
        client.delete(f"/api/v1/stories/{story_id}", headers=bearer(room.liisa[1])).status_code
        == 404
    )


def test_hide_restore_and_reveal_are_for_facilitators(client, room):
    story_id = _post(client, room, room.liisa, **story(key="a")).json["id"]
    assert (
        client.post(f"/api/v1/stories/{story_id}/hide", headers=bearer(room.liisa[1])).status_code
        == 401
    )
    hidden = client.post(f"/api/v1/stories/{story_id}/hide", headers=bearer(room.owner_token))
    assert hidden.status_code == 200 and hidden.json["is_hidden"] is True
    restored = client.post(f"/api/v1/stories/{story_id}/restore", headers=bearer(room.owner_token))
    assert restored.json["is_hidden"] is False
    assert (
        client.post(
            f"/api/v1/workshops/{room.code}/reveal", headers=bearer(room.liisa[1])
        ).status_code
        == 401
    )
    revealed = client.post(
        f"/api/v1/workshops/{room.code}/reveal", headers=bearer(room.owner_token)
    )
    assert revealed.status_code == 200 and revealed.json["workshop"]["stories_revealed"] is True


def test_private_writing_over_sockets_and_api_until_reveal(app, client, room):
    """Before reveal a second phone sees none of the first one's stories; after, both see all."""
    ville_phone = socket_client(
        app, {"role": "participant", "code": room.code, "token": room.ville[1]}
    )
    projector = socket_client(app, {"role": "projector", "key": room.projector_key})
    facilitator = socket_client(
        app, {"role": "facilitator", "workshop_id": room.workshop_id, "token": room.owner_token}
    )
    for c in (ville_phone, projector, facilitator):
        c.get_received()

    secret = "Salainen tarina hotellin aulasta"
    posted = _post(client, room, room.liisa, **story(title=secret, key="s1"))
    assert posted.status_code == 201

    for c in (ville_phone, projector):
        (event,) = [m for m in c.get_received() if m["name"] == "story_posted"]
        assert event["args"][0]["story"] is None
        assert event["args"][0]["story_count"] == 1 and event["args"][0]["author_count"] == 1
        assert secret not in str(event)
    (to_facilitator,) = [m for m in facilitator.get_received() if m["name"] == "story_posted"]
    assert to_facilitator["args"][0]["story"]["title"] == secret
    ville_state = client.get(
        f"/api/v1/workshops/{room.code}/state", headers=bearer(room.ville[1])
    ).json
    assert ville_state["stories"] == [] and secret not in str(ville_state)
    liisa_state = client.get(
        f"/api/v1/workshops/{room.code}/state", headers=bearer(room.liisa[1])
    ).json
    assert [s["title"] for s in liisa_state["stories"]] == [secret]
    assert liisa_state["my_story_ids"] == [posted.json["id"]]

    client.post(f"/api/v1/workshops/{room.code}/reveal", headers=bearer(room.owner_token))
    for c in (ville_phone, projector):
        (event,) = [m for m in c.get_received() if m["name"] == "stories_revealed"]
        assert [s["title"] for s in event["args"][0]["stories"]] == [secret]
    ville_state = client.get(
        f"/api/v1/workshops/{room.code}/state", headers=bearer(room.ville[1])
    ).json
    assert [s["title"] for s in ville_state["stories"]] == [secret]

    _post(client, room, room.ville, **story(title="Bussikuski", key="v1"))
    (live,) = [m for m in projector.get_received() if m["name"] == "story_posted"]
    assert live["args"][0]["story"]["title"] == "Bussikuski"  # after reveal, live


def test_browser_cookies_need_the_csrf_header_to_write(csrf_app):
    import re

    from workshop.workshops import services as workshops

    phone = csrf_app.test_client()
    with csrf_app.app_context():
        from workshop.facilitators import services as facilitators

        owner_id = facilitators.create_facilitator(
            "csrf-owner@example.fi", "a long enough password"
        ).id
        workshop = workshops.create_workshop(owner_id, "CSRF", "fi")
        code, workshop_id = workshop.code, workshop.id
    page = phone.get(f"/join/{code}").get_data(as_text=True)
    token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
    phone.post("/join", data={"code": code, "csrf_token": token})
    with csrf_app.app_context():
        workshops.change_phase(owner_id, workshop_id, "stories")
    url = f"/api/v1/workshops/{code}/stories"
    assert phone.post(url, json=story(key="c1")).status_code == 403  # cookie, no header
    assert phone.post(url, json=story(key="c1"), headers={"X-CSRFToken": token}).status_code == 201
