"""Practices, ratings, dots, results and commitments through the JSON API and the sockets."""

from __future__ import annotations

import time

from tests.conftest import bearer, socket_client
from tests.practices.conftest import practice


def _url(room, path: str) -> str:
    return f"/api/v1/workshops/{room.code}/{path}"


def _propose(client, room, who_token: str, **body):
    return client.post(_url(room, "practices"), json=body, headers=bearer(who_token))


def _open_voting(client, room, budget: int = 2) -> list[int]:
    """Propose three practices (Liisa two, Ville one) and open voting; return their ids."""
    ids = [
        _propose(client, room, room.liisa[1], **practice(title="A", key="a")).json["id"],
        _propose(client, room, room.liisa[1], **practice(title="B", key="b")).json["id"],
        _propose(client, room, room.ville[1], **practice(title="C", key="c")).json["id"],
    ]
    owner = bearer(room.owner_token)
    assert (
        client.put(_url(room, "voting"), json={"budget": budget}, headers=owner).json["budget"]
        == budget
    )
    assert (
        client.put(_url(room, "phase"), json={"phase": "voting"}, headers=owner).status_code == 200
    )
    return ids


def test_propose_then_replay_then_errors_in_the_callers_language(client, practice_room):
    room = practice_room
    body = practice(story_ids=room.story_ids, key="phone-1")
    first = _propose(client, room, room.liisa[1], **body)
    assert first.status_code == 201
    assert first.json["stories"][0]["title"] == "Kanta-asiakaskortti Toscanassa"
    replay = _propose(client, room, room.liisa[1], **{**body, "title": "muuttunut"})
    assert replay.status_code == 200 and replay.json == first.json
    invalid = client.post(
        _url(room, "practices"),
        json={"title": "x" * 121, "key": "k"},
        headers={**bearer(room.liisa[1]), "Accept-Language": "en"},
    )
    assert invalid.status_code == 422
    assert invalid.json["error"]["fields"] == {"title": "At most 120 characters."}
    finnish = client.post(
        _url(room, "practices"),
        json={"title": "", "key": "k"},
        headers={**bearer(room.liisa[1]), "Accept-Language": "fi"},
    )
    assert finnish.json["error"]["fields"]["title"] == "Pakollinen."


def test_votes_through_the_api(client, practice_room):
    room = practice_room
    a, _b, c = _open_voting(client, room, budget=2)
    liisa = bearer(room.liisa[1])
    first = client.put(_url(room, "votes/key-1"), json={"practice_id": c}, headers=liisa)
    assert first.status_code == 201
    assert first.json["remaining"] == 1 and first.json["vote"]["practice_id"] == c
    replay = client.put(_url(room, "votes/key-1"), json={"practice_id": a}, headers=liisa)
    assert replay.status_code == 200 and replay.json == first.json
    assert (
        client.put(_url(room, "votes/key-2"), json={"practice_id": a}, headers=liisa).json[
            "remaining"
        ]
        == 0
    )
    over = client.put(
        _url(room, "votes/key-3"),
        json={"practice_id": c},
        headers={**liisa, "Accept-Language": "en"},
    )
    assert over.status_code == 409 and over.json["error"]["code"] == "over_budget"
    assert "used all your dots" in over.json["error"]["message"]
    back = client.delete(_url(room, "votes/key-1"), headers=liisa)
    assert back.status_code == 200 and back.json["remaining"] == 1
    assert client.delete(_url(room, "votes/nope"), headers=liisa).status_code == 404
    rating = client.put(
        f"/api/v1/practices/{c}/rating", json={"agency": 5, "ease": 4}, headers=liisa
    )
    assert rating.status_code == 200 and rating.json == {"practice_id": c, "agency": 5, "ease": 4}
    bad = client.put(f"/api/v1/practices/{c}/rating", json={"agency": 6}, headers=liisa)
    assert bad.status_code == 422 and set(bad.json["error"]["fields"]) == {"agency", "ease"}
    # The facilitator cannot vote: dots belong to participants.
    owner = bearer(room.owner_token)
    assert (
        client.put(_url(room, "votes/f"), json={"practice_id": c}, headers=owner).status_code == 401
    )


def test_results_are_the_facilitators_until_the_reveal(client, practice_room):
    room = practice_room
    a, _b, c = _open_voting(client, room)
    client.put(_url(room, "votes/k"), json={"practice_id": c}, headers=bearer(room.ville[1]))
    owner, phone = bearer(room.owner_token), bearer(room.liisa[1])
    hidden = client.get(_url(room, "results"), headers=phone)
    assert hidden.status_code == 403 and hidden.json["error"]["code"] == "votes_not_revealed"
    ranking = client.get(_url(room, "results"), headers=owner).json["ranking"]
    assert [(r["practice"]["id"], r["dots"]) for r in ranking][:1] == [(c, 1)]
    assert client.post(_url(room, "reveal"), headers=owner).status_code == 200
    shown = client.get(_url(room, "results"), headers=phone)
    assert shown.status_code == 200 and shown.json["ranking"][0]["dots"] == 1
    # Commitments: mark two, put the second first, take one off.
    for pid in (a, c):
        made = client.put(
            f"/api/v1/practices/{pid}/commitment",
            json={"owner": "Asiakaspalvelu", "first_step": "Kokeillaan maanantaina"},
            headers=owner,
        )
        assert made.status_code == 200 and made.json["commitment"]["owner"] == "Asiakaspalvelu"
    client.put(f"/api/v1/practices/{c}/commitment", json={"position": 0}, headers=owner)
    assert client.get(_url(room, "results"), headers=phone).json["commitments"] == [c, a]
    assert client.delete(f"/api/v1/practices/{c}/commitment", headers=owner).status_code == 204
    assert client.get(_url(room, "results"), headers=phone).json["commitments"] == [a]
    refused = client.put(f"/api/v1/practices/{a}/commitment", json={}, headers=phone)
    assert refused.status_code == 401


def test_merge_hide_and_delete_through_the_api(client, practice_room):
    room = practice_room
    a, b, c = _open_voting(client, room)
    owner = bearer(room.owner_token)
    merged = client.post(f"/api/v1/practices/{b}/merge", json={"into": a}, headers=owner)
    assert merged.status_code == 200 and merged.json["id"] == a
    again = client.post(f"/api/v1/practices/{b}/merge", json={"into": a}, headers=owner)
    assert again.status_code == 422
    assert client.post(f"/api/v1/practices/{c}/hide", headers=owner).json["is_hidden"] is True
    hidden_vote = client.put(
        _url(room, "votes/k"), json={"practice_id": c}, headers=bearer(room.liisa[1])
    )
    assert hidden_vote.status_code == 409
    assert hidden_vote.json["error"]["code"] == "practice_unavailable"
    assert client.post(f"/api/v1/practices/{c}/restore", headers=owner).status_code == 200
    assert client.delete(f"/api/v1/practices/{c}", headers=owner).status_code == 204
    ids = [p["id"] for p in client.get(_url(room, "state"), headers=owner).json["practices"]]
    assert ids == [a]


def test_phones_vote_over_the_socket_and_the_tally_stays_hidden(app, client, practice_room):
    room = practice_room
    a, _b, c = _open_voting(client, room)
    phone = socket_client(app, {"role": "participant", "code": room.code, "token": room.liisa[1]})
    projector = socket_client(app, {"role": "projector", "key": room.projector_key})
    facilitator = socket_client(
        app, {"role": "facilitator", "workshop_id": room.workshop_id, "token": room.owner_token}
    )
    for client_ in (phone, projector, facilitator):
        client_.get_received()
    ack = phone.emit("cast_vote", {"key": "s1", "practice_id": c}, callback=True)
    assert ack["ok"] is True and ack["remaining"] == 1 and ack["created"] is True
    replay = phone.emit("cast_vote", {"key": "s1", "practice_id": a}, callback=True)
    assert replay["created"] is False and replay["vote"] == ack["vote"]
    rated = phone.emit("rate_practice", {"practice_id": c, "agency": 4, "ease": 2}, callback=True)
    assert rated == {"ok": True, "practice_id": c, "agency": 4, "ease": 2}
    bad = phone.emit("cast_vote", {"key": "s2", "practice_id": "c"}, callback=True)
    assert bad["ok"] is False and bad["error"]["code"] == "validation_failed"

    def last_tally(client_):
        """Wait for the tick that counts the dot; return the last tally heard."""
        received = []
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            received += client_.get_received()
            tallies = [m["args"][0] for m in received if m["name"] == "tally"]
            if tallies and tallies[-1]["voters"] == 1 and tallies[-1]["ratings"]:
                break
            time.sleep(0.02)
        # Dots and ratings never go out one event per vote: only the tick's tally.
        # (The room's count may still be settling from the joins: it is the only other.)
        assert {m["name"] for m in received} - {"participant_count"} == {"tally"}
        return tallies[-1]

    seen_by_phone, seen_by_projector = last_tally(phone), last_tally(projector)
    seen_by_facilitator = last_tally(facilitator)
    assert seen_by_phone["dots"] is None and seen_by_projector["dots"] is None
    assert (seen_by_projector["voters"], seen_by_projector["participants"]) == (1, 2)
    assert seen_by_facilitator["dots"] == {str(c): 1}
    assert seen_by_projector["ratings"] == {str(c): {"agency": 4.0, "ease": 2.0, "count": 1}}
    withdrawn = phone.emit("withdraw_vote", {"key": "s1"}, callback=True)
    assert withdrawn["remaining"] == 2
    # The reveal sends everyone the results.
    facilitator.emit("request_snapshot")
    client.post(_url(room, "reveal"), json={"what": "votes"}, headers=bearer(room.owner_token))
    (revealed,) = [m for m in projector.get_received() if m["name"] == "votes_revealed"]
    assert revealed["args"][0]["results"]["ranking"][0]["practice"]["id"] == c
    for client_ in (phone, projector, facilitator):
        client_.disconnect()


def test_reveal_names_what_or_is_refused(client, practice_room):
    owner = bearer(practice_room.owner_token)
    for what in (["x"], {"a": 1}, "everything"):
        refused = client.post(_url(practice_room, "reveal"), json={"what": what}, headers=owner)
        assert refused.status_code == 422 and "what" in refused.json["error"]["fields"]
    state = client.post(_url(practice_room, "reveal"), json={"what": "practices"}, headers=owner)
    assert state.status_code == 200 and state.json["workshop"]["practices_revealed"] is True
    # The small result, not a whole snapshot for the control page to throw away.
    assert set(state.json) == {"workshop", "seq"}
