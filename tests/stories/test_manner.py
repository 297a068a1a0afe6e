"""A story's manner: how it was said, how it felt (issue 10, section 9). Optional, stored with
its rendered HTML like the other parts, and carried by the API, the charter in every format,
and the JSON export and import."""

from __future__ import annotations

import csv
import io

import pytest

from tests.conftest import bearer, story
from workshop.errors import ValidationFailed
from workshop.stories import services
from workshop.stories.models import MANNER_MAX

MANNER = "Iloisesti, *ilman sanoja*: yksi kädenheilautus."


def test_a_story_keeps_how_it_was_said_and_renders_it_once(ctx, room):
    posted, _ = services.post_story(room.liisa[0], story(manner=MANNER), "m1")
    assert posted.manner == MANNER
    assert posted.manner_html == "<p>Iloisesti, <em>ilman sanoja</em>: yksi kädenheilautus.</p>"
    body = services.story_json(posted, posted.workshop)
    assert body["manner"] == MANNER and body["manner_html"] == posted.manner_html

    edited = services.edit_story(room.as_participant(room.liisa), posted.id, {"manner": "  "})
    assert edited.manner is None and edited.manner_html is None  # optional: blank clears it


def test_the_manner_is_optional_and_has_its_own_limit(ctx, room):
    without, _ = services.post_story(room.liisa[0], story(), "m2")
    assert without.manner is None and without.manner_html is None
    longest, _ = services.post_story(room.liisa[0], story(manner="x" * MANNER_MAX), "m3")
    assert len(longest.manner) == MANNER_MAX
    with pytest.raises(ValidationFailed) as refused:
        services.post_story(room.liisa[0], story(manner="x" * (MANNER_MAX + 1)), "m4")
    assert set(refused.value.fields) == {"manner"}
    with pytest.raises(ValidationFailed) as refused:
        services.post_story(room.liisa[0], story(manner=["not", "text"]), "m5")
    assert set(refused.value.fields) == {"manner"}


def test_the_manner_through_the_api_and_in_its_schema(client, room):
    posted = client.post(
        f"/api/v1/workshops/{room.code}/stories",
        json=story(key="api-1", manner=MANNER),
        headers=bearer(room.liisa[1]),
    )
    assert posted.status_code == 201
    assert posted.json["manner"] == MANNER and "<em>ilman sanoja</em>" in posted.json["manner_html"]
    too_long = client.post(
        f"/api/v1/workshops/{room.code}/stories",
        json=story(key="api-2", manner="x" * (MANNER_MAX + 1)),
        headers={**bearer(room.liisa[1]), "Accept-Language": "fi"},
    )
    assert too_long.status_code == 422
    assert too_long.json["error"]["fields"] == {"manner": f"Enintään {MANNER_MAX} merkkiä."}
    schema = client.get("/api/v1/openapi.json").json["components"]["schemas"]
    manner = schema["StoryChange"]["properties"]["manner"]  # text, or null
    assert {"type": "string", "maxLength": MANNER_MAX} in manner["anyOf"]
    assert {"manner", "manner_html"} <= set(schema["Story"]["properties"])


def _room_with_a_manner(client, room) -> None:
    client.post(
        f"/api/v1/workshops/{room.code}/stories",
        json=story(key="c-1", manner=MANNER),
        headers=bearer(room.liisa[1]),
    )


def _export(client, room, extension: str):
    response = client.get(
        f"/api/v1/workshops/{room.code}/export.{extension}", headers=bearer(room.owner_token)
    )
    assert response.status_code == 200
    return response


def test_the_charter_shows_how_it_was_said_in_every_format(client, room):
    _room_with_a_manner(client, room)
    markdown = _export(client, room, "md").get_data(as_text=True)
    assert "**Miten se sanottiin, miltä se tuntui?** Iloisesti, *ilman sanoja*" in markdown
    page = _export(client, room, "html").get_data(as_text=True)
    assert "Miten se sanottiin, miltä se tuntui?" in page and "<em>ilman sanoja</em>" in page
    rows = list(
        csv.reader(
            io.StringIO(_export(client, room, "csv").data.decode("utf-8-sig")), delimiter=";"
        )
    )
    header = rows[0]
    column = header.index("Miten se sanottiin, miltä se tuntui?")
    (story_row,) = [row for row in rows[1:] if row[0] == "Tarina"]
    assert story_row[column] == MANNER
    assert all(len(row) == len(header) for row in rows)


def test_the_json_export_carries_the_manner_and_an_import_brings_it_back(client, room):
    _room_with_a_manner(client, room)
    exported = _export(client, room, "json").json
    assert exported["stories"][0]["manner"] == MANNER
    imported = client.post(
        "/api/v1/workshops/import", json=exported, headers=bearer(room.owner_token)
    )
    assert imported.status_code == 201, imported.json
    state = client.get(
        f"/api/v1/workshops/{imported.json['code']}/state", headers=bearer(room.owner_token)
    ).json
    (again,) = state["stories"]
    assert again["manner"] == MANNER and "<em>ilman sanoja</em>" in again["manner_html"]
