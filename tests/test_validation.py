"""Issue 12, §3: every input the probe sent that answered 500 (or no ack) now gets a clear
4xx or an error ack, in the reader's language, and nothing is stored."""

from __future__ import annotations

import json
import re
import threading

import pytest
import socketio as socketio_client
from sqlalchemy import func, select
from werkzeug.serving import make_server

from tests.conftest import bearer, socket_client, story
from tests.practices import conftest as practices
from workshop.extensions import db
from workshop.practices.models import Practice
from workshop.stories.models import Story
from workshop.voting.models import Vote
from workshop.workshops.models import Workshop

# The practice rooms of tests/practices, here too.
practice_room, voting_room, practice = (
    practices.practice_room,
    practices.voting_room,
    practices.practice,
)
HUGE = 10**20
FINNISH = {"Accept-Language": "fi"}


def _counts() -> tuple[int, ...]:
    return tuple(
        db.session.scalar(select(func.count()).select_from(model))
        for model in (Workshop, Story, Practice, Vote)
    )


def _refused(response, status: int, code: str, field: str | None = None) -> dict:
    assert response.status_code == status, response.get_data(as_text=True)
    error = response.json["error"]
    assert error["code"] == code and error["message"]
    if field is not None:
        assert field in error["fields"], error
    return error


@pytest.fixture
def headers(voting_room):
    return {**bearer(voting_room.owner_token), **FINNISH}


def test_huge_ids_in_paths_are_not_found(client, voting_room, headers):
    before = _counts()
    for method, path in [
        ("patch", "/api/v1/stories/99999999999999999999999"),
        ("delete", f"/api/v1/practices/{HUGE}"),
        ("put", f"/api/v1/practices/{2**63}/rating"),
        ("get", f"/api/v1/templates/{HUGE}"),
        ("post", "/api/v1/stories/" + "9" * 5000 + "/hide"),
    ]:
        response = getattr(client, method)(path, json={"agency": 3}, headers=headers)
        assert _refused(response, 404, "not_found")["message"] == "Ei löytynyt."
    assert _counts() == before


def test_huge_ids_in_bodies_name_the_field(client, voting_room, headers):
    before = _counts()
    code, practice_id = voting_room.code, voting_room.practice_ids[0]
    liisa = {**bearer(voting_room.liisa[1]), **FINNISH}
    cases = [
        (client.put, f"/workshops/{code}/votes/k1", {"practice_id": HUGE}, liisa, "practice_id"),
        (client.put, f"/workshops/{code}/votes/k2", {"story_id": HUGE}, liisa, "story_id"),
        (client.post, f"/practices/{practice_id}/merge", {"into": HUGE}, headers, "into"),
        (
            client.post,
            "/workshops",
            {"title": "T", "language": "fi", "template": HUGE},
            headers,
            "template",
        ),
        (
            client.put,
            f"/practices/{practice_id}/commitment",
            {"position": HUGE},
            headers,
            "position",
        ),
        (
            client.put,
            f"/workshops/{code}/phase",
            {"phase": "results", "step": HUGE},
            headers,
            "step",
        ),
    ]
    for send, path, body, who, field in cases:
        _refused(send("/api/v1" + path, json=body, headers=who), 422, "validation_failed", field)
    assert _counts() == before


def test_story_ids_and_an_import_with_huge_numbers(client, practice_room, app):
    headers = bearer(practice_room.owner_token)
    code = practice_room.code
    with app.app_context():
        before = _counts()
    posted = client.post(
        f"/api/v1/workshops/{code}/practices",
        json=practice(story_ids=[HUGE]),
        headers=headers,
    )
    _refused(posted, 422, "validation_failed", "story_ids.0")
    exported = client.get(f"/api/v1/workshops/{code}/export.json", headers=headers).json
    exported["practices"] = [{"title": "P", "description": None, "commitment": {"position": HUGE}}]
    imported = client.post("/api/v1/workshops/import", json=exported, headers=headers)
    _refused(imported, 422, "validation_failed", "practices.0.commitment.position")
    with app.app_context():
        assert _counts() == before


def test_digits_int_refuses_a_lone_surrogate_and_deep_json(client, practice_room, app):
    with app.app_context():
        before = _counts()
    code = practice_room.code
    liisa = {**bearer(practice_room.liisa[1]), **FINNISH}
    walk = client.post  # the stories phase is over; these are refused before any rule
    superscript = walk(f"/api/v1/workshops/{code}/stories", json=story(agency="²"), headers=liisa)
    _refused(superscript, 422, "validation_failed", "agency")
    for field in ("title", "happened", "place"):
        lone = walk(
            f"/api/v1/workshops/{code}/stories", json=story(**{field: "a\ud800b"}), headers=liisa
        )
        _refused(lone, 422, "validation_failed", field)
    nested = "[" * 50_000 + "]" * 50_000
    for body in (nested, '{"title": ' + nested + "}"):
        deep = walk(
            f"/api/v1/workshops/{code}/stories",
            data=body,
            content_type="application/json",
            headers=liisa,
        )
        assert deep.status_code == 400, deep.get_data(as_text=True)
        assert deep.json["error"]["code"] in ("too_deep", "malformed_request")
    titled = walk(
        "/api/v1/workshops",
        json={"title": "\ud800", "language": "fi"},
        headers={**bearer(practice_room.owner_token), "Accept-Language": "en"},
    )
    assert _refused(titled, 422, "validation_failed", "title")["fields"]["title"] == (
        "Contains a character that is not valid text."
    )
    with app.app_context():
        assert _counts() == before


def test_huge_ids_over_the_socket_get_an_error_ack(app, voting_room):
    phone = socket_client(
        app, {"role": "participant", "code": voting_room.code, "token": voting_room.liisa[1]}
    )
    owner = socket_client(
        app,
        {
            "role": "facilitator",
            "workshop_id": voting_room.workshop_id,
            "token": voting_room.owner_token,
        },
    )
    before = _counts()
    for client, event, payload in [
        (phone, "cast_vote", {"key": "k1", "practice_id": HUGE}),
        (phone, "cast_vote", {"key": "k2", "story_id": HUGE}),
        (phone, "rate_practice", {"practice_id": HUGE, "agency": 3, "ease": 3}),
        (phone, "rate_practice", {"practice_id": voting_room.practice_ids[2], "agency": HUGE}),
        (phone, "withdraw_vote", {"key": "\ud800"}),
        (owner, "change_phase", {"phase": "results", "step": HUGE}),
    ]:
        ack = client.emit(event, payload, callback=True)
        assert ack["ok"] is False and ack["error"]["code"] == "validation_failed", (event, ack)
        assert ack["error"]["fields"], ack
    assert _counts() == before


@pytest.fixture
def served(app):
    """The app on a real socket (werkzeug, threaded), for a real Socket.IO client."""
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join()


def test_connect_with_a_huge_workshop_id_is_refused_with_a_reason(served, workshop):
    client = socketio_client.Client(reconnection=False)
    reasons: list = []
    client.on("connect_error", reasons.append)
    auth = {"role": "facilitator", "workshop_id": HUGE, "token": workshop.owner.token}
    with pytest.raises(socketio_client.exceptions.ConnectionError):
        client.connect(served, auth=auth, transports=["polling"], headers=FINNISH)
    assert reasons and reasons[0]["message"] == "Osa tiedoista ei kelpaa.", reasons
    assert reasons[0]["data"]["code"] == "validation_failed"
    assert "workshop_id" in reasons[0]["data"]["fields"]


def test_the_document_describes_each_body_with_the_shape_that_checks_it(client, app):
    document = client.get("/api/v1/openapi.json").json
    bodies = {
        (method.upper(), path): operation["requestBody"]["content"]["application/json"]["schema"]
        for path, item in document["paths"].items()
        for method, operation in item.items()
        if method != "parameters" and "requestBody" in operation
    }
    declared = {}
    for rule in app.url_map.iter_rules():
        model = getattr(app.view_functions[rule.endpoint], "accepts", None)
        if model is not None and rule.rule.startswith("/api/v1/"):
            path = re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", rule.rule.removeprefix("/api/v1"))
            for method in rule.methods - {"HEAD", "OPTIONS"}:
                declared[(method, path)] = {"$ref": f"#/components/schemas/{model.__name__}"}
                assert model.__name__ in document["components"]["schemas"]
    assert bodies == declared
    ids = document["paths"]["/stories/{story_id}"]["parameters"][0]["schema"]
    assert ids["maximum"] == 2**31 - 1


def test_the_facilitators_forms_refuse_the_same_inputs(app, practice_room):
    """The HTML forms do not pass through the API's shapes: a template id of "²" or of
    twenty digits, and an uploaded export with a huge number or nested 50,000 deep."""
    from io import BytesIO

    from tests.conftest import login

    browser = app.test_client()
    login(browser, "owner@example.fi")
    with app.app_context():
        before = _counts()
    for template in ("²", "99999999999999999999", str(HUGE)):
        page = browser.post(
            "/workshops", data={"title": "T", "language": "fi", "template": template}
        )
        assert page.status_code == 422, page.status_code
    exported = browser.get(f"/api/v1/workshops/{practice_room.code}/export.json").json
    exported["practices"] = [{"title": "P", "commitment": {"position": HUGE}}]
    for content in (json.dumps(exported), "[" * 50_000 + "]" * 50_000):
        for kind in ("workshop", "template"):
            upload = {"file": (BytesIO(content.encode()), "export.json"), "as": kind}
            page = browser.post("/workshops/import", data=upload)
            assert 400 <= page.status_code < 500, (kind, page.status_code)
    with app.app_context():
        assert _counts() == before
