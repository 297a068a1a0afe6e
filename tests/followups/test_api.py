"""The follow-up over HTTP: the JSON API (facilitator and owner), the pages, and errors in
the reader's language."""

from __future__ import annotations

from datetime import timedelta

from tests.conftest import bearer, login
from workshop.timeutil import utcnow


def _later(days: int) -> str:
    return (utcnow().date() + timedelta(days=days)).isoformat()


def test_the_owner_updates_through_the_api_with_the_links_token(client, followed):
    token = bearer(followed.room.owner_token)
    first = followed.practice_ids[0]
    changed = client.put(
        f"/api/v1/practices/{first}/commitment",
        json={"due_on": _later(20), "owner_email": "pomo@example.fi"},
        headers=token,
    )
    assert changed.status_code == 200, changed.json
    assert changed.json["commitment"]["due_on"] == _later(20)
    assert "owner_email" not in changed.json["commitment"]  # the room never sees it
    link = client.post(f"/api/v1/practices/{first}/commitment/link", headers=token).json
    owner = bearer(link["url"].rsplit("/", 1)[1])
    mine = client.get("/api/v1/commitment", headers=owner).json
    assert mine["title"] == "Etu ilman korttia" and "owner_email" not in mine
    posted = client.post(
        "/api/v1/commitment/status", json={"status": "started", "note": "Alkoi"}, headers=owner
    )
    assert posted.status_code == 201
    followup = client.get(f"/api/v1/workshops/{followed.workshop_id}/follow-up", headers=token)
    (history,) = [c["history"] for c in followup.json["commitments"] if c["id"] == first]
    assert [(h["status"], h["by"]) for h in history] == [("started", "owner")]
    assert (
        client.delete(f"/api/v1/practices/{first}/commitment/link", headers=token).status_code
        == 204
    )
    gone = client.post("/api/v1/commitment/status", json={"status": "done"}, headers=owner)
    assert gone.status_code == 410 and gone.json["error"]["code"] == "link_revoked"


def test_errors_name_the_field_in_the_readers_language(client, followed):
    token = {**bearer(followed.room.owner_token), "Accept-Language": "fi"}
    first = followed.practice_ids[0]
    refused = client.put(
        f"/api/v1/practices/{first}/commitment",
        json={"due_on": "2020-01-01", "owner_email": "pomo(at)example"},
        headers=token,
    )
    assert refused.status_code == 422
    assert refused.json["error"]["fields"] == {
        "due_on": "Päivämäärä on menneisyydessä.",
        "owner_email": "Tämä ei ole sähköpostiosoite.",
    }
    bad = client.put(
        f"/api/v1/workshops/{followed.workshop_id}/check-ins",
        json={"check_ins": ["huomenna"]},
        headers=token,
    )
    assert bad.status_code == 422 and "check_ins.0" in bad.json["error"]["fields"]
    status = client.post(
        f"/api/v1/practices/{first}/commitment/status", json={"status": "valmis"}, headers=token
    )
    assert status.status_code == 422


def test_a_stranger_sees_no_follow_up(client, followed, make_facilitator):
    stranger = bearer(make_facilitator().token)
    assert (
        client.get(
            f"/api/v1/workshops/{followed.workshop_id}/follow-up", headers=stranger
        ).status_code
        == 403
    )
    assert (
        client.post(
            f"/api/v1/practices/{followed.practice_ids[0]}/commitment/link", headers=stranger
        ).status_code
        == 403
    )
    assert client.get("/api/v1/commitment", headers=bearer("tc_1.forged")).status_code == 404


def test_the_owners_page_saves_a_status_and_a_revoked_link_says_so(client, followed):
    login(client, "owner@example.fi")
    first = followed.practice_ids[0]
    client.post(f"/workshops/{followed.workshop_id}/follow-up/commitments/{first}/link")
    page = client.get(f"/workshops/{followed.workshop_id}/follow-up").get_data(as_text=True)
    url = next(part.split('"')[0] for part in page.split('value="') if "/commitment/tc_" in part)
    path = "/commitment/" + url.rsplit("/commitment/", 1)[1]
    owner = client.get(path)
    assert owner.status_code == 200
    assert owner.headers["Referrer-Policy"] == "no-referrer"
    assert owner.headers["Cache-Control"] == "no-store"
    text = owner.get_data(as_text=True)
    assert "Etu ilman korttia" in text and "Kanta-asiakaskortti Toscanassa" in text
    refused = client.post(path, data={"status": "nope"})
    assert refused.status_code == 422
    saved = client.post(path, data={"status": "done", "note": "Käytössä"})
    assert saved.status_code == 303
    assert "Käytössä" in client.get(path).get_data(as_text=True)
    assert "Käytössä" in client.get(f"/workshops/{followed.workshop_id}/follow-up").get_data(
        as_text=True
    )
    client.post(
        f"/workshops/{followed.workshop_id}/follow-up/commitments/{first}/link",
        data={"revoke": "1"},
    )
    gone = client.get(path, headers={"Accept-Language": "en"})
    assert gone.status_code == 410
    assert "no longer works" in gone.get_data(as_text=True)


def test_the_page_form_keeps_what_was_typed_when_refused(client, followed):
    login(client, "owner@example.fi")
    first = followed.practice_ids[0]
    refused = client.post(
        f"/workshops/{followed.workshop_id}/follow-up/commitments/{first}",
        data={"owner": "Uusi omistaja", "owner_email": "ei", "first_step": "", "due_on": ""},
    )
    assert refused.status_code == 422
    text = refused.get_data(as_text=True)
    assert 'value="Uusi omistaja"' in text and 'aria-invalid="true"' in text


def test_an_owners_token_reaches_no_log(client, followed, caplog):
    import logging

    caplog.set_level(logging.DEBUG)
    token = bearer(followed.room.owner_token)
    link = client.post(
        f"/api/v1/practices/{followed.practice_ids[0]}/commitment/link", headers=token
    ).json["url"]
    raw = link.rsplit("/", 1)[1]
    client.get("/commitment/" + raw)
    client.post("/commitment/" + raw, data={"status": "bad"})
    client.post("/api/v1/commitment/status", json={"status": "x"}, headers=bearer(raw))
    client.delete(f"/api/v1/practices/{followed.practice_ids[0]}/commitment/link", headers=token)
    client.get("/commitment/" + raw)  # revoked: 410
    assert not [r for r in caplog.records if raw in r.getMessage()]
