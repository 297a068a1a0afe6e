"""Anonymity that holds: decided when a story or a practice is written, on the row, so
nothing written anonymously ever shows a name, in any screen, export or API response,
after any settings change. While the workshop is anonymous no name shows at all, and
joining it keeps no name."""

from __future__ import annotations

import json

from sqlalchemy import select

from tests.charter.rehearsal import api
from tests.conftest import story, walk_to
from workshop.extensions import db
from workshop.participants.models import Participant
from workshop.workshops.models import Workshop

OPEN = "Aino Avoin"  # writes one story while names are shown, one while anonymous
HIDDEN = "Bertta Salainen"  # joins while names are shown, writes only anonymously
LATE = "Cecilia Myöhäinen"  # joins while the workshop is anonymous


def _settings(client, code, token, anonymous: bool) -> None:
    api(client, "PUT", f"/api/v1/workshops/{code}/settings", token, {"is_anonymous": anonymous})


def _room(client, app, owner) -> dict:
    token = owner.token
    code = api(
        client, "POST", "/api/v1/workshops", token, {"title": "Nimet", "language": "fi"}
    ).json["code"]
    with app.app_context():
        projector = db.session.scalar(select(Workshop.projector_key).where(Workshop.code == code))

    def join(name):
        body = {"display_name": name}
        return api(client, "POST", f"/api/v1/workshops/{code}/participants", token, body).json[
            "token"
        ]

    aino, bertta = join(OPEN), join(HIDDEN)
    walk_to(client, code, token, "stories")

    def post(person, key, title):
        body = {**story(title=title), "key": key}
        return api(client, "POST", f"/api/v1/workshops/{code}/stories", person, body).json

    named = post(aino, "s1", "Kirjoitettu nimellä")
    _settings(client, code, token, True)
    cecilia = join(LATE)
    secret = post(aino, "s2", "Kirjoitettu nimettömänä")
    # The API's own answer to the post carries no name.
    assert post(bertta, "s3", "Bertan tarina")["author"] is None
    post(cecilia, "s4", "Cecilian tarina")
    api(client, "POST", f"/api/v1/workshops/{code}/reveal", token, {"what": "stories"})
    return {
        "code": code,
        "token": token,
        "projector": projector,
        "people": {"aino": aino, "bertta": bertta, "cecilia": cecilia},
        "named": named["id"],
        "secret": secret["id"],
    }


def _views(client, room) -> dict[str, dict]:
    """The state each audience is sent: the control page, a phone, the projector."""
    url = f"/api/v1/workshops/{room['code']}/state"
    return {
        "control": api(client, "GET", url, room["token"]).json,
        "phone": api(client, "GET", url, room["people"]["aino"]).json,
        "projector": api(client, "GET", url, room["projector"]).json,
    }


def _written(view: dict) -> str:
    """Everything in a state that shows what people wrote (not the participant list)."""
    return json.dumps(
        {key: view.get(key) for key in ("stories", "practices", "results", "spotlight")},
        ensure_ascii=False,
    )


def _authors(view: dict) -> dict[str, str | None]:
    return {s["title"]: s["author"] for s in view["stories"]}


def _exports(client, room) -> dict[str, str]:
    code = room["code"]
    return {
        extension: api(
            client, "GET", f"/api/v1/workshops/{code}/export.{extension}", room["token"]
        ).data.decode("utf-8-sig")
        for extension in ("md", "html", "csv", "json")
    }


def test_nothing_written_anonymously_shows_a_name_after_the_switch_back(client, app, facilitator):
    room = _room(client, app, facilitator)
    code, token = room["code"], room["token"]

    # Anonymous now: no name anywhere, not even beside what was written with names.
    for audience, view in _views(client, room).items():
        assert OPEN not in _written(view) and HIDDEN not in _written(view), audience
        assert set(_authors(view).values()) == {None}, audience
    for extension, text in _exports(client, room).items():
        assert OPEN not in text and HIDDEN not in text, extension

    # Names shown again: only beside what was written while they were shown.
    _settings(client, code, token, False)
    for audience, view in _views(client, room).items():
        assert _authors(view) == {
            "Kirjoitettu nimellä": OPEN,
            "Kirjoitettu nimettömänä": None,
            "Bertan tarina": None,
            "Cecilian tarina": None,
        }, audience
        assert HIDDEN not in _written(view) and LATE not in json.dumps(view), audience
    # An edit keeps the flag the story was written with.
    edited = api(
        client, "PATCH", f"/api/v1/stories/{room['secret']}", room["people"]["aino"], {"place": "X"}
    ).json
    assert edited["author"] is None
    # Spotlighted on every screen: still no name.
    api(client, "POST", f"/api/v1/stories/{room['secret']}/spotlight", token)
    for audience, view in _views(client, room).items():
        assert view["spotlight"]["title"] == "Kirjoitettu nimettömänä", audience
        assert view["spotlight"]["author"] is None, audience

    # Practices: written while anonymous, merged into one written with names.
    api(client, "PUT", f"/api/v1/workshops/{code}/phase", token, {"phase": "practices"})

    def propose(person, key, title):
        body = {"title": title, "description": "", "story_ids": [], "key": key}
        return api(client, "POST", f"/api/v1/workshops/{code}/practices", person, body).json

    kept = propose(room["people"]["aino"], "p1", "Nimellä ehdotettu")
    _settings(client, code, token, True)
    gone = propose(room["people"]["bertta"], "p2", "Nimettömänä ehdotettu")
    assert gone["authors"] == []
    _settings(client, code, token, False)
    merged = api(
        client, "POST", f"/api/v1/practices/{gone['id']}/merge", token, {"into": kept["id"]}
    )
    assert merged.status_code == 200
    api(client, "POST", f"/api/v1/workshops/{code}/reveal", token, {"what": "practices"})
    for audience, view in _views(client, room).items():
        (practice,) = view["practices"]
        assert practice["authors"] == [OPEN], audience

    api(client, "PUT", f"/api/v1/workshops/{code}/phase", token, {"phase": "voting"})
    api(client, "POST", f"/api/v1/workshops/{code}/reveal", token, {"what": "votes"})
    api(client, "PUT", f"/api/v1/workshops/{code}/phase", token, {"phase": "results"})
    results = api(client, "GET", f"/api/v1/workshops/{code}/results", token).json
    assert results["ranking"][0]["practice"]["authors"] == [OPEN]
    link = api(client, "POST", f"/api/v1/workshops/{code}/share", token).json["share_url"]
    exports = _exports(client, room)
    exports["shared"] = client.get(link.replace("http://localhost", "")).get_data(as_text=True)
    for extension, text in exports.items():
        assert HIDDEN not in text and LATE not in text, extension
    assert OPEN in exports["md"] and OPEN in exports["csv"]  # beside her named story

    # The JSON export gives no name to anyone who wrote anything anonymously (their rows
    # point at them), and carries each row's flag; an import keeps it.
    exported = json.loads(exports["json"])
    assert [s["is_anonymous"] for s in exported["stories"]] == [False, True, True, True]
    assert all(p["display_name"] is None for p in exported["participants"])
    (practice,) = exported["practices"]
    assert sorted(practice["anonymous_authors"]) == [1]  # Bertta's authorship
    imported = api(client, "POST", "/api/v1/workshops/import", token, exported).json
    again = api(client, "GET", f"/api/v1/workshops/{imported['code']}/state", token).json
    assert set(_authors(again).values()) == {None}
    assert again["practices"][0]["authors"] == []
    with app.app_context():
        workshop_id = db.session.scalar(
            select(Workshop.id).where(Workshop.code == imported["code"])
        )
        flags = db.session.scalars(
            select(Participant.display_name).where(Participant.workshop_id == workshop_id)
        ).all()
    assert flags == [None, None, None]


def test_joining_an_anonymous_workshop_keeps_no_name(client, app, facilitator):
    token = facilitator.token
    code = api(
        client, "POST", "/api/v1/workshops", token, {"title": "Nimetön", "language": "fi"}
    ).json["code"]
    _settings(client, code, token, True)
    api(client, "POST", f"/api/v1/workshops/{code}/participants", token, {"display_name": LATE})
    client.post("/join", data={"code": code, "display_name": HIDDEN})
    with app.app_context():
        names = db.session.scalars(select(Participant.display_name)).all()
    assert names == [None, None]
    _settings(client, code, token, False)
    view = api(client, "GET", f"/api/v1/workshops/{code}/state", token).json
    assert [p["display_name"] for p in view["participants"]] == [None, None]


def test_the_join_page_of_an_anonymous_workshop_asks_for_no_name(client, facilitator):
    token = facilitator.token
    code = api(
        client, "POST", "/api/v1/workshops", token, {"title": "Nimetön", "language": "fi"}
    ).json["code"]
    named = client.get(f"/join/{code}").get_data(as_text=True)
    assert 'name="display_name"' in named
    _settings(client, code, token, True)
    anonymous = client.get(f"/join/{code}").get_data(as_text=True)
    assert 'name="display_name"' not in anonymous
    assert "fasilitaattori mukaan lukien" in anonymous
    # Refused (joining is closed): the page it comes back with asks for no name either.
    api(client, "PUT", f"/api/v1/workshops/{code}/settings", token, {"is_locked": True})
    refused = client.post("/join", data={"code": code, "display_name": "Nimi"})
    assert refused.status_code == 409
    assert 'name="display_name"' not in refused.get_data(as_text=True)


def test_dots_and_ratings_given_anonymously_give_their_owner_no_name(client, app, facilitator):
    """Someone who joined with a name and only rated and voted while the workshop was
    anonymous: after names come back, the JSON export (whose dots and ratings point at
    people) still gives them no name; a person who voted with names shown keeps theirs."""
    token = facilitator.token
    code = api(
        client, "POST", "/api/v1/workshops", token, {"title": "Pisteet", "language": "fi"}
    ).json["code"]

    def join(name):
        body = {"display_name": name}
        url = f"/api/v1/workshops/{code}/participants"
        return api(client, "POST", url, token, body).json["token"]

    author, quiet, named = join("Kirjoittaja"), join(HIDDEN), join(OPEN)
    walk_to(client, code, token, "practices")
    body = {"title": "Kysytään asiakkaalta", "description": "", "story_ids": [], "key": "p"}
    practice = api(client, "POST", f"/api/v1/workshops/{code}/practices", author, body).json
    api(client, "PUT", f"/api/v1/workshops/{code}/phase", token, {"phase": "voting"})
    api(client, "PUT", f"/api/v1/workshops/{code}/votes/n1", named, {"practice_id": practice["id"]})
    _settings(client, code, token, True)
    api(client, "PUT", f"/api/v1/workshops/{code}/votes/q1", quiet, {"practice_id": practice["id"]})
    rating = {"agency": 4, "ease": 2}
    api(client, "PUT", f"/api/v1/practices/{practice['id']}/rating", quiet, rating)
    _settings(client, code, token, False)

    exported = api(client, "GET", f"/api/v1/workshops/{code}/export.json", token).json
    names = [p["display_name"] for p in exported["participants"]]
    assert names == ["Kirjoittaja", None, OPEN]
