"""The pulse over HTTP: a phone's rating, the reveal, the facilitator's summary, the check-in
link made and revoked, a check-in answered through the API; the OpenAPI document lists it;
the export carries counts, never one person's answers, and an import brings them back."""

from __future__ import annotations

from tests.conftest import bearer
from tests.pulse.helpers import fresh, pulse_room, rate_all
from workshop.charter import exchange, imports
from workshop.pulse import figures
from workshop.pulse import services as pulse


def _room(app, facilitator, people: int = 5):
    with app.app_context():
        from workshop.participants import services as participants

        workshop, _joined = pulse_room(facilitator.id, 0)
        tokens = [participants.join(workshop.code, None)[1] for _ in range(people)]
        return workshop.code, workshop.id, tokens


def test_phones_rate_and_the_facilitator_reveals_over_http(app, client, facilitator):
    code, _id, tokens = _room(app, facilitator)
    url = f"/api/v1/workshops/{code}/pulse/answers"
    first = client.post(url, json={"statement": 0, "rating": 4}, headers=bearer(tokens[0]))
    assert first.status_code == 200 and first.json == {"step_index": 0, "ratings": {"0": 4}}
    wrong = client.post(url, json={"statement": 0, "rating": 7}, headers=bearer(tokens[0]))
    assert wrong.status_code == 422 and "rating" in wrong.json["error"]["fields"]
    owner = bearer(facilitator.token)
    refused = client.post(url, json={"statement": 0, "rating": 4}, headers=owner)
    assert refused.status_code == 401  # a facilitator has no answers to give
    for token in tokens[1:]:
        client.post(url, json={"statement": 0, "rating": 2}, headers=bearer(token))
    summary = client.get(f"/api/v1/workshops/{code}/pulse", headers=owner).json
    assert summary["summary"][0]["rounds"][0] == {
        "kind": "in_room",
        "at": summary["summary"][0]["rounds"][0]["at"],
        "answers": 5,
        "mean": None,
        "counts": None,  # not revealed: no figure, even here
    }
    assert client.post(f"/api/v1/workshops/{code}/pulse/reveal", headers=owner).status_code == 204
    summary = client.get(f"/api/v1/workshops/{code}/pulse", headers=owner).json
    assert summary["summary"][0]["rounds"][0]["mean"] == 2.4
    assert summary["summary"][0]["rounds"][0]["counts"] == {"1": 0, "2": 4, "3": 0, "4": 1, "5": 0}
    closed = client.post(url, json={"statement": 0, "rating": 5}, headers=bearer(tokens[0]))
    assert closed.status_code == 409 and closed.json["error"]["code"] == "pulse_closed"


def test_the_check_in_link_over_http(app, client, facilitator):
    code, _id, _tokens = _room(app, facilitator, 0)
    owner = bearer(facilitator.token)
    made = client.post(f"/api/v1/workshops/{code}/pulse/link", headers=owner)
    assert made.status_code == 201
    token = made.json["url"].rsplit("/", 1)[1]
    assert made.json["url"].startswith("http") and "/pulse/pls_" in made.json["url"]
    asked = client.get(f"/api/v1/pulse/{token}").json
    assert asked["language"] == "fi" and len(asked["statements"]) == 4
    body = {"phone": "a-phone-of-my-own-1234", "ratings": [5, 4, 3, 2]}
    assert client.post(f"/api/v1/pulse/{token}/answers", json=body).status_code == 201
    assert client.post(f"/api/v1/pulse/{token}/answers", json=body).status_code == 200
    other = {**body, "ratings": [1, 1, 1, 1]}
    again = client.post(f"/api/v1/pulse/{token}/answers", json=other)
    assert again.status_code == 409 and again.json["error"]["code"] == "already_answered"
    short = client.post(
        f"/api/v1/pulse/{token}/answers", json={**body, "phone": "x" * 20, "ratings": [5]}
    )
    assert short.status_code == 422 and "ratings.1" in short.json["error"]["fields"]
    check_ins = client.get(f"/api/v1/workshops/{code}/pulse", headers=owner).json["check_ins"]
    assert [(c["answers"], c["is_live"]) for c in check_ins] == [(1, True)]
    assert client.delete(f"/api/v1/workshops/{code}/pulse/link", headers=owner).status_code == 204
    assert client.get(f"/api/v1/pulse/{token}").status_code == 404
    assert client.post(f"/api/v1/workshops/{code}/pulse/link").status_code == 401


def test_a_new_phone_per_address_is_counted_as_a_seat(make_configured_app):
    app = make_configured_app(LIMIT_JOINS_PER_ADDRESS="3 per minute")
    client = app.test_client()
    with app.app_context():
        from workshop.facilitators import services as facilitators
        from workshop.pulse import checkins

        owner = facilitators.create_facilitator("seats@example.fi", "a long enough password")
        workshop, _people = pulse_room(owner.id, 0)
        token = checkins.create_link(owner.id, workshop.id)["token"]
    answered = [
        client.post(
            f"/api/v1/pulse/{token}/answers",
            json={"phone": f"phone-number-{n:08d}", "ratings": [3, 3, 3, 3]},
        ).status_code
        for n in range(4)
    ]
    assert answered == [201, 201, 201, 429]


def test_the_export_holds_counts_not_answers_and_an_import_brings_them_back(ctx, facilitator):
    workshop, people = pulse_room(facilitator.id, 6)
    rate_all(people, [[1, 2, 3, 4], [2, 2, 3, 4], [3, 2, 3, 4], [4, 2, 3, 4], [5, 2, 3, 4]])
    pulse.reveal(facilitator.id, workshop.id)
    exported = exchange.export_workshop(fresh(workshop.id))
    part = exported["activities"]["pulse"]
    (round_,) = part["rounds"]
    assert round_["kind"] == "in_room" and round_["revealed"] is True
    assert round_["statements"][0]["counts"] == {"1": 1, "2": 1, "3": 1, "4": 1, "5": 1}
    assert "voter" not in str(part) and "participant" not in str(part)
    copy = imports.import_workshop(facilitator.id, exported)
    assert [r["mean"] for item in pulse.pulse_summary(copy.id) for r in item["rounds"]] == [
        3.0,
        2.0,
        3.0,
        4.0,
    ]
    assert figures.people_of([figures.latest_in_room(copy.id).id]) != {}
