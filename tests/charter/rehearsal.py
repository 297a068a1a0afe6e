"""A whole workshop run through the HTTP API, for the rehearsal and the browser tests."""

from __future__ import annotations

from tests.conftest import walk_to
from workshop.designs.builtin_content import CONTENT

PEOPLE = 30
BUDGET = 3
#: Tables that do not belong to a workshop: accounts, their tokens, saved templates.
ACCOUNT_TABLES = {"facilitators", "api_tokens", "setup_tokens", "templates", "alembic_version"}

FI_STORIES = [
    ("Kassa lainasi korttia", "Kassa lainasi jonossa seuraavan **kanta-asiakaskorttia**."),
    ("Kupongit vanhalle herralle", "Kassa ojensi turhat kuponkini seuraavalle asiakkaalle."),
    ("Bussikuski viittasi kyytiin", "Lippuautomaatti ei toiminut, mutta kuski päästi kyytiin."),
]
EN_STORIES = [
    ("The desk meant its welcome", "The receptionist greeted me as if it mattered I came."),
    ("A seller who spoke like an owner", "He talked about the car from his own *experience*."),
    ("A tweet answered like the lobby", "The hotel replied within minutes, in its own voice."),
]
#: A title a Markdown or HTML document must show as typed, never run.
TRICKY_TITLE = "<script>alert(1)</script> *tähdet* | [linkki](javascript:x) #1"


def api(client, method, url, token, json=None, expect=(200, 201, 204)):
    response = client.open(
        url, method=method, json=json, headers={"Authorization": f"Bearer {token}"}
    )
    assert response.status_code in expect, (
        method,
        url,
        response.status_code,
        response.get_data(as_text=True),
    )
    return response


def rehearse(client, owner) -> dict:
    """Run the workshop; return what the checks need."""
    token = owner.token
    created = api(
        client,
        "POST",
        "/api/v1/workshops",
        token,
        {
            "title": "Arvotyöpaja: objektista subjektiksi",
            "language": "fi",
            "template": "object-to-subject",
        },
    ).json
    code = created["code"]
    state = api(client, "GET", f"/api/v1/workshops/{code}/state", token).json
    assert state["plan"]["template_name"] == "Objektista subjektiksi"
    assert len(state["plan"]["examples"]) == len(CONTENT["fi"]["examples"])
    lens_ids = [lens["id"] for lens in state["lenses"]]
    assert len(lens_ids) == 4

    people = []
    for n in range(PEOPLE):
        name = f"Osallistuja {n + 1}" if n % 2 == 0 else f"Participant {n + 1}"
        joined = api(
            client, "POST", f"/api/v1/workshops/{code}/participants", token, {"display_name": name}
        ).json
        people.append(joined["token"])
    # A phone sees no examples until the facilitator shows them: never counted as stories.
    phone_state = api(client, "GET", f"/api/v1/workshops/{code}/state", people[0]).json
    assert phone_state["plan"]["examples"] == []

    walk_to(client, code, token, "stories")
    api(client, "PUT", f"/api/v1/workshops/{code}/settings", token, {"are_examples_shown": True})
    story_ids = []
    for n, person in enumerate(people):
        title, happened = (FI_STORIES if n % 2 == 0 else EN_STORIES)[n % 3]
        body = {
            "title": TRICKY_TITLE if n == 7 else f"{title} ({n + 1})",
            "happened": happened,
            "staff_did": "Katsoi minua silmiin." if n % 2 == 0 else "Looked me in the eye.",
            "agency": 1 + n % 5,
            "channel": "social" if n % 6 == 5 else "in_person",
            "key": f"story-{n}",
        }
        story_ids.append(
            api(client, "POST", f"/api/v1/workshops/{code}/stories", person, body).json["id"]
        )
    for n, story_id in enumerate(story_ids[:20]):
        api(client, "PUT", f"/api/v1/stories/{story_id}/lenses/{lens_ids[n % 4]}", token)
    state = api(client, "GET", f"/api/v1/workshops/{code}/state", token).json
    assert state["story_count"] == PEOPLE  # the examples are shown, and not counted

    api(client, "PUT", f"/api/v1/workshops/{code}/phase", token, {"phase": "practices"})
    practice_ids = []
    for n in range(10):
        linked = [story_ids[(3 * n + k) % PEOPLE] for k in range(3)]
        body = {
            "title": f"Käytäntö {n + 1}: asiakas toimijaksi",
            "description": f"Kun asiakas jää ilman etua, **teemme** jotain (versio {n + 1}).",
            "story_ids": linked,
            "key": f"practice-{n}",
        }
        practice_ids.append(
            api(client, "POST", f"/api/v1/workshops/{code}/practices", people[n], body).json["id"]
        )

    api(client, "PUT", f"/api/v1/workshops/{code}/phase", token, {"phase": "voting"})
    api(client, "PUT", f"/api/v1/workshops/{code}/voting", token, {"budget": BUDGET})
    for n, person in enumerate(people):
        for k in range(BUDGET):
            practice_id = practice_ids[(n + k * k) % 7]  # the first seven get the dots, unevenly
            api(
                client,
                "PUT",
                f"/api/v1/workshops/{code}/votes/v{n}-{k}",
                person,
                {"practice_id": practice_id},
            )
        for k in range(2):
            rating = {"agency": 1 + (n + k) % 5, "ease": 1 + (2 * n + k) % 5}
            api(
                client,
                "PUT",
                f"/api/v1/practices/{practice_ids[(n + k) % 10]}/rating",
                person,
                rating,
            )
    api(client, "POST", f"/api/v1/workshops/{code}/reveal", token, {"what": "votes"})
    api(client, "PUT", f"/api/v1/workshops/{code}/phase", token, {"phase": "results"})
    ranking = api(client, "GET", f"/api/v1/workshops/{code}/results", token).json["ranking"]
    chosen = [
        ranking[2]["practice"]["id"],
        ranking[0]["practice"]["id"],
        ranking[5]["practice"]["id"],
    ]
    for position, practice_id in enumerate(chosen):
        commitment = {
            "owner": f"Tiimi {position + 1}",
            "first_step": "Kokeillaan maanantaina.",
            "position": position,
        }
        api(client, "PUT", f"/api/v1/practices/{practice_id}/commitment", token, commitment)
    titles = {row["practice"]["id"]: row["practice"]["title"] for row in ranking}
    return {
        "code": code,
        "ranking": ranking,
        "commitment_titles": [titles[i] for i in chosen],
        "dots": PEOPLE * BUDGET,
    }
