"""The public JSON API: the contract in docs/api.md, errors in the request's language."""

import re

import pytest
from openapi_spec_validator import validate
from sqlalchemy import func, select

from tests.conftest import bearer
from workshop.extensions import db
from workshop.workshops.models import Workshop


def _create(client, token, **body):
    body = {"title": "Palvelun arvot", "language": "fi", **body}
    return client.post("/api/v1/workshops", json=body, headers=bearer(token))


def test_create_workshop_returns_the_contract(client, facilitator):
    response = _create(client, facilitator.token)
    assert response.status_code == 201
    body = response.json
    assert set(body) >= {
        "code",
        "title",
        "language",
        "phase",
        "join_url",
        "projector_url",
        "facilitator_url",
    }
    assert body["phase"] == "lobby" and body["language"] == "fi"
    assert body["join_url"].endswith(f"/join/{body['code']}")
    assert "/projector/prj_" in body["projector_url"]


def test_list_is_the_callers_own_workshops(client, make_facilitator):
    one, two = make_facilitator(), make_facilitator()
    _create(client, one.token, title="Ykkönen")
    _create(client, two.token, title="Kakkonen")
    titles = [
        w["title"]
        for w in client.get("/api/v1/workshops", headers=bearer(one.token)).json["workshops"]
    ]
    assert titles == ["Ykkönen"]


def test_public_info_has_no_secrets(client, workshop, join):
    join(workshop.code)
    body = client.get(f"/api/v1/workshops/{workshop.code.lower()}").json
    assert body == {
        "code": workshop.code,
        "title": "Palvelun arvot",
        "language": "fi",
        "phase": "lobby",
        "step_index": None,
        "is_open": True,
        "next_phases": ["stories", "closed"],
        "participant_count": 1,
    }


def test_join_and_state_with_the_returned_token(client, workshop):
    joined = client.post(
        f"/api/v1/workshops/{workshop.code}/participants", json={"display_name": "Ville"}
    )
    assert joined.status_code == 201
    token = joined.json["token"]
    state = client.get(f"/api/v1/workshops/{workshop.code}/state", headers=bearer(token))
    assert state.status_code == 200
    assert state.json["me"] == {"id": joined.json["participant_id"], "display_name": "Ville"}
    assert state.json["seq"] == 0  # a join moves no seq (the count goes on the tick)
    assert state.json["workshop"]["participant_count"] == 1


def test_join_without_a_body_is_anonymous(client, workshop):
    assert client.post(f"/api/v1/workshops/{workshop.code}/participants").status_code == 201


def test_state_for_facilitator_and_projector(client, workshop, join):
    join(workshop.code, "Liisa")
    facilitator_state = client.get(
        f"/api/v1/workshops/{workshop.code}/state", headers=bearer(workshop.owner.token)
    ).json
    assert [p["display_name"] for p in facilitator_state["participants"]] == ["Liisa"]
    projector_state = client.get(
        f"/api/v1/workshops/{workshop.code}/state", headers=bearer(workshop.projector_key)
    ).json
    assert "participants" not in projector_state
    assert projector_state["workshop"]["participant_count"] == 1


def test_state_refuses_strangers(client, workshop, make_workshop, make_facilitator, join):
    other = make_workshop("Toinen")
    _, other_token = join(other.code)
    url = f"/api/v1/workshops/{workshop.code}/state"
    assert client.get(url).status_code == 401
    assert client.get(url, headers=bearer("wrong")).status_code == 401
    assert client.get(url, headers=bearer(other_token)).status_code == 401
    assert client.get(url, headers=bearer(other.projector_key)).status_code == 401
    assert client.get(url, headers=bearer(make_facilitator().token)).status_code == 404


def test_phase_change_and_409(client, workshop, join):
    url = f"/api/v1/workshops/{workshop.code}/phase"
    assert (
        client.put(url, json={"phase": "voting"}, headers=bearer(workshop.owner.token)).status_code
        == 409
    )
    # Where the room already is: a quiet success (a co-facilitator pressed it first).
    same = client.put(url, json={"phase": "lobby"}, headers=bearer(workshop.owner.token))
    assert same.status_code == 200 and same.json["phase"] == "lobby"
    assert same.json["seq"] == 0
    response = client.put(url, json={"phase": "closed"}, headers=bearer(workshop.owner.token))
    assert response.status_code == 200
    assert response.json["phase"] == "closed"
    again = client.put(url, json={"phase": "closed"}, headers=bearer(workshop.owner.token))
    assert again.status_code == 200 and again.json["seq"] == response.json["seq"]
    assert (
        client.post(f"/api/v1/workshops/{workshop.code}/participants", json={}).status_code == 404
    )


def test_participant_cannot_change_phase(client, workshop, join):
    _, token = join(workshop.code)
    url = f"/api/v1/workshops/{workshop.code}/phase"
    assert client.put(url, json={"phase": "closed"}, headers=bearer(token)).status_code == 401


@pytest.mark.parametrize(
    "kwargs, status, code",
    [
        ({"data": "{not json", "content_type": "application/json"}, 400, "malformed_request"),
        ({"data": "[1, 2]", "content_type": "application/json"}, 400, "malformed_request"),
        (
            {"data": "title=x", "content_type": "application/x-www-form-urlencoded"},
            400,
            "malformed_request",
        ),
        ({"json": {"title": "", "language": "fi"}}, 422, "validation_failed"),
        ({"json": {"title": "x" * 10_000, "language": "fi"}}, 422, "validation_failed"),
        ({"json": {"title": "Hyvä", "language": "de"}}, 422, "validation_failed"),
    ],
)
def test_bad_input_gets_a_clear_error_and_stores_nothing(
    client, facilitator, app, kwargs, status, code
):
    response = client.post("/api/v1/workshops", headers=bearer(facilitator.token), **kwargs)
    assert response.status_code == status
    assert response.json["error"]["code"] == code
    assert response.json["error"]["message"]
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Workshop)) == 0


def test_errors_come_in_the_requests_language(client, facilitator):
    finnish = _create(client, facilitator.token, title="").json["error"]
    assert finnish["fields"]["title"] == "Pakollinen."
    english = client.post(
        "/api/v1/workshops",
        json={"title": "", "language": "fi"},
        headers={**bearer(facilitator.token), "Accept-Language": "en-GB,en;q=0.9"},
    ).json["error"]
    assert english["fields"]["title"] == "Required."
    assert english["message"] == "Some of the input is not valid."


def test_unknown_code_and_wrong_token(client):
    missing = client.get("/api/v1/workshops/ZZZZZZ", headers={"Accept-Language": "en"})
    assert missing.status_code == 404
    assert missing.json["error"]["code"] == "workshop_not_found"
    assert client.post("/api/v1/workshops", json={}, headers=bearer("tmj_wrong")).status_code == 401
    assert client.post("/api/v1/workshops", json={}).status_code == 401


def test_unknown_api_route_and_method_are_json(client):
    assert client.get("/api/v1/nothing").json["error"]["code"] == "not_found"
    assert client.delete("/api/v1/workshops").json["error"]["code"] == "method_not_allowed"


def test_openapi_document_is_valid_and_lists_every_route(client, app):
    document = client.get("/api/v1/openapi.json").json
    validate(document)
    documented = {
        (method.upper(), "/api/v1" + path)
        for path, item in document["paths"].items()
        for method in item
        if method != "parameters"
    }
    served = {
        # Flask's <int:story_id> is OpenAPI's {story_id}.
        (method, re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", rule.rule))
        for rule in app.url_map.iter_rules()
        if rule.rule.startswith("/api/v1/") and rule.rule != "/api/v1/openapi.json"
        for method in rule.methods - {"HEAD", "OPTIONS"}
    }
    assert documented == served


def test_docs_describe_every_route(app):
    from pathlib import Path

    # docs/api.md, and each activity's own page (docs/activities/<key>.md).
    folder = Path(__file__).parents[2] / "docs"
    docs = "\n".join(
        page.read_text() for page in [folder / "api.md", *sorted(folder.glob("activities/*.md"))]
    )
    for rule in app.url_map.iter_rules():
        if not rule.rule.startswith("/api/v1/") or rule.rule.endswith("openapi.json"):
            continue
        # An id is <id> in the docs (a lens's is <lens_id>, beside a story's).
        path = re.sub(
            r"<int:(\w+)>", lambda m: "<lens_id>" if m[1] == "lens_id" else "<id>", rule.rule
        )
        for method in rule.methods - {"HEAD", "OPTIONS"}:
            assert f"{method} {path}" in docs, f"{method} {path} is not in the docs"
