"""The charter's formats at their edges, templates saved and reused, and imports refused."""

from __future__ import annotations

import csv
import io

from tests.conftest import story, walk_to
from workshop.designs.builtin_content import CONTENT
from workshop.designs.services import builtin_lens_questions


def _h(token: str) -> dict:
    return {"Authorization": f"Bearer {token}"}


def _export(client, code, token, extension):
    response = client.get(f"/api/v1/workshops/{code}/export.{extension}", headers=_h(token))
    assert response.status_code == 200
    return response


def _one_story_room(client, facilitator, *, language="fi", anonymous=False, title="Kassa"):
    code = client.post(
        "/api/v1/workshops",
        json={"title": "Reunat", "language": language},
        headers=_h(facilitator.token),
    ).json["code"]
    if anonymous:
        client.put(
            f"/api/v1/workshops/{code}/settings",
            json={"is_anonymous": True},
            headers=_h(facilitator.token),
        )
    person = client.post(
        f"/api/v1/workshops/{code}/participants", json={"display_name": "Maija Meikäläinen"}
    ).json
    walk_to(client, code, facilitator.token, "stories")
    posted = client.post(
        f"/api/v1/workshops/{code}/stories",
        json={**story(title=title), "key": "k1"},
        headers=_h(person["token"]),
    )
    assert posted.status_code == 201
    return code


def test_an_anonymous_workshop_exports_no_names(client, facilitator):
    code = _one_story_room(client, facilitator, anonymous=True)
    for extension in ("md", "html", "csv", "json"):
        assert "Maija" not in _export(client, code, facilitator.token, extension).get_data(
            as_text=True
        )


def test_english_csv_uses_commas_and_no_cell_becomes_a_formula(client, facilitator):
    code = _one_story_room(client, facilitator, language="en", title="=HYPERLINK(1)")
    text = _export(client, code, facilitator.token, "csv").data.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0][:4] == ["Kind", "Rank", "Commitment", "Title"]
    assert rows[1][0] == "Story" and rows[1][3] == "'=HYPERLINK(1)"
    markdown = _export(client, code, facilitator.token, "md").get_data(as_text=True)
    assert "## Commitments" in markdown and "Commitments and practices" in markdown


def test_a_workshop_saved_as_a_template_starts_the_next_one(
    app, client, facilitator, make_facilitator
):
    headers = _h(facilitator.token)
    code = client.post(
        "/api/v1/workshops", json={"title": "Kevät", "language": "fi"}, headers=headers
    ).json["code"]
    client.post(f"/api/v1/workshops/{code}/lenses", json={"name": "Oma linssi"}, headers=headers)
    client.put(f"/api/v1/workshops/{code}/settings", json={"is_anonymous": True}, headers=headers)
    saved = client.post(
        f"/api/v1/workshops/{code}/template", json={"name": "Meidän pohja"}, headers=headers
    )
    assert saved.status_code == 201 and saved.json["name"] == "Meidän pohja"
    listed = client.get("/api/v1/templates", headers=headers).json["templates"]
    assert [t["id"] for t in listed] == ["object-to-subject", saved.json["id"]]

    made = client.post(
        "/api/v1/workshops",
        json={"title": "Syksy", "language": "fi", "template": saved.json["id"]},
        headers=headers,
    ).json
    state = client.get(f"/api/v1/workshops/{made['code']}/state", headers=headers).json
    assert state["workshop"]["is_anonymous"] is True
    assert [lens["name"] for lens in state["lenses"]][-1] == "Oma linssi"
    examples = CONTENT["fi"]["examples"]
    assert state["plan"]["template_name"] == "Meidän pohja"
    assert len(state["plan"]["examples"]) == len(examples)
    # The built-in lenses' questions travel with the template; a lens of one's own has none.
    asked = {lens["name"]: lens["question"] for lens in state["lenses"]}
    assert asked["Oma linssi"] is None
    with app.test_request_context():
        builtin = builtin_lens_questions("fi")
    assert [asked[name] for name in builtin] == list(builtin.values())

    # Someone else's template is not theirs to use.
    stranger = make_facilitator("vieras@example.fi")
    refused = client.post(
        "/api/v1/workshops",
        json={"title": "X", "language": "fi", "template": saved.json["id"]},
        headers=_h(stranger.token),
    )
    assert refused.status_code == 422 and "template" in refused.json["error"]["fields"]
    assert (
        client.delete(
            f"/api/v1/templates/{saved.json['id']}", headers=_h(stranger.token)
        ).status_code
        == 404
    )


def test_imports_are_checked_before_anything_is_written(client, facilitator):
    headers = _h(facilitator.token)
    code = _one_story_room(client, facilitator)
    exported = _export(client, code, facilitator.token, "json").json
    before = len(client.get("/api/v1/workshops", headers=headers).json["workshops"])

    not_ours = client.post("/api/v1/workshops/import", json={"hello": "world"}, headers=headers)
    assert not_ours.status_code == 422 and "Toimija" in not_ours.json["error"]["message"]
    broken = {**exported, "stories": [{**exported["stories"][0], "agency": 7}]}
    refused = client.post("/api/v1/workshops/import", json=broken, headers=headers)
    assert refused.status_code == 422 and "stories.0.agency" in refused.json["error"]["fields"]
    dangling = {**exported, "votes": [{"participant": 5, "practice": 0}]}
    assert (
        client.post("/api/v1/workshops/import", json=dangling, headers=headers).status_code == 422
    )
    assert len(client.get("/api/v1/workshops", headers=headers).json["workshops"]) == before

    template = client.post("/api/v1/workshops/import?as=template", json=exported, headers=headers)
    assert template.status_code == 201 and template.json["is_builtin"] is False
    assert len(client.get("/api/v1/workshops", headers=headers).json["workshops"]) == before


def test_the_workshop_list_deletes_a_saved_template(client, facilitator, make_facilitator):
    from tests.conftest import login

    headers = _h(facilitator.token)
    code = client.post(
        "/api/v1/workshops", json={"title": "Pohjaksi", "language": "fi"}, headers=headers
    ).json["code"]
    saved = client.post(
        f"/api/v1/workshops/{code}/template", json={"name": "Vanha pohja"}, headers=headers
    ).json
    login(client, facilitator.email)
    page = client.get("/workshops").get_data(as_text=True)
    assert "Vanha pohja" in page and f"/templates/{saved['id']}/delete" in page
    other = make_facilitator("toinen@example.fi")
    other_client = client.application.test_client()
    login(other_client, other.email)
    assert other_client.post(f"/templates/{saved['id']}/delete").status_code == 404  # not theirs
    assert client.post(f"/templates/{saved['id']}/delete").status_code == 302
    assert [
        t["id"] for t in client.get("/api/v1/templates", headers=headers).json["templates"]
    ] == ["object-to-subject"]
