"""Programmes over the API and through the page's forms and exports."""

from __future__ import annotations

import csv
import io
import json

from tests.conftest import PASSWORD, bearer, login
from tests.programmes.rooms import make_room
from workshop.facilitators import services as facilitators


def _stores(app, owner_id):
    with app.app_context():
        a = make_room(
            owner_id,
            "Kamppi",
            people=5,
            stories_each=[("online", 1), ("in_person", 4)],
            practice_titles=["=Alennus annetaan iloisesti", "Kassa päättää"],
            commitments_first=1,
        )
        b = make_room(
            owner_id,
            "Itäkeskus",
            people=5,
            stories_each=[("in_person", 4)],
            practice_titles=["Alennus annetaan iloisesti aina"],
        )
    return a, b


def test_a_programme_over_the_api(app, client, facilitator, make_facilitator):
    a, b = _stores(app, facilitator.id)
    me = bearer(facilitator.token)
    made = client.post("/api/v1/programmes", json={"title": "Ketju, kevät"}, headers=me)
    assert made.status_code == 201 and made.json["workshop_ids"] == []
    pid = made.json["id"]
    assert client.post("/api/v1/programmes", json={"title": ""}, headers=me).status_code == 422
    added = client.post(f"/api/v1/programmes/{pid}/workshops", json={"code": a.code}, headers=me)
    assert added.status_code == 201 and added.json["workshop_ids"] == [a.id]
    added = client.post(
        f"/api/v1/programmes/{pid}/workshops", json={"workshop_id": b.id}, headers=me
    )
    assert added.json["workshop_ids"] == [a.id, b.id]
    data = client.get(f"/api/v1/programmes/{pid}", headers=me).json
    assert data["programme"]["title"] == "Ketju, kevät"
    assert [w["title"] for w in data["workshops"]] == ["Kamppi", "Itäkeskus"]
    assert data["combined"]["agency"]["count"] == 15
    pair = data["suggestions"][0]["practice_ids"]
    linked = client.post(f"/api/v1/programmes/{pid}/links", json={"practice_ids": pair}, headers=me)
    assert linked.status_code == 201 and len(linked.json["recurring"]) == 1
    bad = client.post(
        f"/api/v1/programmes/{pid}/links", json={"practice_ids": a.practice_ids}, headers=me
    )
    assert bad.status_code == 422 and "practice_ids" in bad.json["error"]["fields"]
    assert client.delete(f"/api/v1/programmes/{pid}/links/{pair[0]}", headers=me).status_code == 204

    other = make_facilitator("toinen@example.fi")
    them = bearer(other.token)
    assert client.get(f"/api/v1/programmes/{pid}", headers=them).status_code == 403
    shared = client.post(
        f"/api/v1/programmes/{pid}/facilitators", json={"email": other.email}, headers=me
    )
    assert shared.status_code == 201 and shared.json["co_facilitators"][0]["id"] == other.id
    assert client.get("/api/v1/programmes", headers=them).json["programmes"][0]["id"] == pid
    assert (
        client.put(f"/api/v1/programmes/{pid}", json={"title": "X"}, headers=them).status_code
        == 403
    )
    refused = client.post(
        f"/api/v1/programmes/{pid}/workshops", json={"workshop_id": a.id}, headers=them
    )
    assert refused.status_code == 422
    assert (
        client.delete(f"/api/v1/programmes/{pid}/workshops/{a.id}", headers=them).status_code == 403
    )
    assert (
        client.delete(f"/api/v1/programmes/{pid}/facilitators/{other.id}", headers=me).status_code
        == 204
    )
    text = client.get(
        f"/api/v1/programmes/{pid}/export.csv", headers={**me, "Accept-Language": "en"}
    ).get_data(as_text=True)
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    assert rows[0][:5] == ["Kind", "Workshop", "Group", "Count", "Mean"]
    practice = next(row for row in rows if row[0] == "Commitment")
    assert practice[10] == "'=Alennus annetaan iloisesti"  # never a formula
    assert (
        client.delete(f"/api/v1/programmes/{pid}/workshops/{a.id}", headers=me).status_code == 204
    )
    assert (
        client.put(f"/api/v1/programmes/{pid}", json={"title": "Y"}, headers=me).json["title"]
        == "Y"
    )
    assert client.delete(f"/api/v1/programmes/{pid}", headers=me).status_code == 204
    assert client.get(f"/api/v1/programmes/{pid}", headers=me).status_code == 404
    assert client.get("/api/v1/programmes").status_code == 401


def test_a_signed_in_browser_writes_only_with_the_pages_csrf_token(csrf_app):
    with csrf_app.app_context():
        facilitators.create_facilitator("selain@example.fi", PASSWORD)
    client = csrf_app.test_client()
    page = client.get("/login").get_data(as_text=True)
    token = page.split('name="csrf_token" value="', 1)[1].split('"', 1)[0]
    client.post(
        "/login", data={"email": "selain@example.fi", "password": PASSWORD, "csrf_token": token}
    )
    page = client.get("/programmes").get_data(as_text=True)  # signing in made a new session
    token = page.split('name="csrf_token" value="', 1)[1].split('"', 1)[0]
    refused = client.post("/api/v1/programmes", json={"title": "Ilman"})
    assert refused.status_code == 403 and refused.json["error"]["code"] == "csrf_failed"
    made = client.post(
        "/api/v1/programmes", json={"title": "Kanssa"}, headers={"X-CSRFToken": token}
    )
    assert made.status_code == 201


def test_the_pages_forms_and_exports(app, client, facilitator):
    a, b = _stores(app, facilitator.id)
    login(client, facilitator.email)
    assert "Ohjelmat" in client.get("/workshops").get_data(as_text=True)
    made = client.post("/programmes", data={"title": "Kauppaketju X, kevät 2027"})
    assert made.status_code == 302
    page_url = made.headers["Location"]
    pid = int(page_url.rstrip("/").rsplit("/", 1)[1])
    assert client.post("/programmes", data={"title": " "}).status_code == 422
    client.post(f"/programmes/{pid}/workshops", data={"workshop_id": str(a.id)})
    client.post(f"/programmes/{pid}/workshops", data={"workshop_id": str(b.id)})
    bad = client.post(f"/programmes/{pid}/workshops", data={"workshop_id": "x"})
    assert bad.status_code == 422 and "Valitse työpaja." in bad.get_data(as_text=True)
    shared = client.post(f"/programmes/{pid}/facilitators", data={"email": "ei@example.fi"})
    assert shared.status_code == 422
    pair = [str(a.practice_ids[0]), str(b.practice_ids[0])]
    client.post(f"/programmes/{pid}/links", data={"practice_ids": pair})
    html = client.get(page_url).get_data(as_text=True)
    assert "Ryhmä 1" in html and "Kamppi" in html and "Itäkeskus" in html
    exported = client.get(f"/programmes/{pid}/export.html")
    assert exported.status_code == 200
    assert "script-src" not in exported.headers["Content-Security-Policy"]
    assert "default-src 'none'" in exported.headers["Content-Security-Policy"]
    assert '<h1 class="report-title">Kauppaketju X, kevät 2027</h1>' in exported.get_data(
        as_text=True
    )
    as_json = client.get(f"/programmes/{pid}/export.json")
    assert "attachment" in as_json.headers["Content-Disposition"]
    assert json.loads(as_json.data)["combined"]["stories"] == 15
    as_csv = client.get(f"/programmes/{pid}/export.csv").get_data(as_text=True)
    assert as_csv.startswith("\ufeffTyyppi;Työpaja;")
    assert client.get(f"/programmes/{pid}/export.pdf").status_code == 404
    client.post(f"/programmes/{pid}/links/{a.practice_ids[0]}/remove")
    assert "Ryhmä 1" not in client.get(page_url).get_data(as_text=True)
    client.post(f"/programmes/{pid}/delete")  # without the box ticked: kept
    assert client.get(page_url).status_code == 200
    client.post(f"/programmes/{pid}/delete", data={"confirm": "yes"})
    assert client.get(page_url).status_code == 404
