"""A whole workshop rehearsed through the HTTP API: the built-in template, 30 people
writing in Finnish and English, practices traced to stories, ratings, dots, the reveal,
three commitments; then every export checked, the JSON re-imported to the same charter,
and deletion leaving no row behind."""

from __future__ import annotations

import csv
import io
import re

from sqlalchemy import func, select

from workshop.extensions import db

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


def _api(client, method, url, token, json=None, expect=(200, 201, 204)):
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


def _section(markdown: str, heading: str) -> str:
    start = markdown.index(f"## {heading}\n")
    following = markdown.find("\n## ", start + 1)
    return markdown[start : following if following != -1 else None]


def _rehearse(client, owner) -> dict:
    """Run the workshop; return what the checks need."""
    token = owner.token
    created = _api(
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
    state = _api(client, "GET", f"/api/v1/workshops/{code}/state", token).json
    assert state["plan"]["template_name"] == "Objektista subjektiksi"
    assert len(state["plan"]["examples"]) == 7
    lens_ids = [lens["id"] for lens in state["lenses"]]
    assert len(lens_ids) == 4

    people = []
    for n in range(PEOPLE):
        name = f"Osallistuja {n + 1}" if n % 2 == 0 else f"Participant {n + 1}"
        joined = _api(
            client, "POST", f"/api/v1/workshops/{code}/participants", token, {"display_name": name}
        ).json
        people.append(joined["token"])
    # A phone sees no examples until the facilitator shows them: never counted as stories.
    phone_state = _api(client, "GET", f"/api/v1/workshops/{code}/state", people[0]).json
    assert phone_state["plan"]["examples"] == []

    _api(client, "PUT", f"/api/v1/workshops/{code}/phase", token, {"phase": "stories"})
    _api(client, "PUT", f"/api/v1/workshops/{code}/settings", token, {"are_examples_shown": True})
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
            _api(client, "POST", f"/api/v1/workshops/{code}/stories", person, body).json["id"]
        )
    for n, story_id in enumerate(story_ids[:20]):
        _api(client, "PUT", f"/api/v1/stories/{story_id}/lenses/{lens_ids[n % 4]}", token)
    state = _api(client, "GET", f"/api/v1/workshops/{code}/state", token).json
    assert state["story_count"] == PEOPLE  # the 7 examples are shown, and not counted

    _api(client, "PUT", f"/api/v1/workshops/{code}/phase", token, {"phase": "practices"})
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
            _api(client, "POST", f"/api/v1/workshops/{code}/practices", people[n], body).json["id"]
        )

    _api(client, "PUT", f"/api/v1/workshops/{code}/phase", token, {"phase": "voting"})
    _api(client, "PUT", f"/api/v1/workshops/{code}/voting", token, {"budget": BUDGET})
    for n, person in enumerate(people):
        for k in range(BUDGET):
            practice_id = practice_ids[(n + k * k) % 7]  # the first seven get the dots, unevenly
            _api(
                client,
                "PUT",
                f"/api/v1/workshops/{code}/votes/v{n}-{k}",
                person,
                {"practice_id": practice_id},
            )
        for k in range(2):
            rating = {"agency": 1 + (n + k) % 5, "ease": 1 + (2 * n + k) % 5}
            _api(
                client,
                "PUT",
                f"/api/v1/practices/{practice_ids[(n + k) % 10]}/rating",
                person,
                rating,
            )
    _api(client, "POST", f"/api/v1/workshops/{code}/reveal", token, {"what": "votes"})
    _api(client, "PUT", f"/api/v1/workshops/{code}/phase", token, {"phase": "results"})
    ranking = _api(client, "GET", f"/api/v1/workshops/{code}/results", token).json["ranking"]
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
        _api(client, "PUT", f"/api/v1/practices/{practice_id}/commitment", token, commitment)
    titles = {row["practice"]["id"]: row["practice"]["title"] for row in ranking}
    return {
        "code": code,
        "ranking": ranking,
        "commitment_titles": [titles[i] for i in chosen],
        "dots": PEOPLE * BUDGET,
    }


def _check_markdown(markdown: str, run: dict) -> None:
    commitments = _section(markdown, "Sitoumukset")
    ranked = _section(markdown, "Kaikki käytännöt järjestyksessä")
    assert markdown.index(commitments) < markdown.index(ranked)  # commitments first
    positions = [commitments.index(title) for title in run["commitment_titles"]]
    assert positions == sorted(positions)  # in the chosen order
    assert commitments.count("**Vastuuhenkilö:** Tiimi") == 3
    # Each commitment quotes the stories it came from.
    for block in commitments.split("\n### ")[1:]:
        assert re.search(r"^> \*\*.+\*\* · ", block, re.MULTILINE), block
    # The ranking table: one row per practice, its dots adding up to every dot cast.
    rows = [line for line in ranked.splitlines() if re.match(r"^\| \d+ \|", line)]
    assert len(rows) == len(run["ranking"])
    assert sum(int(row.split(" | ")[2]) for row in rows) == run["dots"]
    spread = _section(markdown, "Objektista subjektiksi: tarinoiden jakauma")
    counts = [
        int(line.rsplit("|", 2)[1]) for line in spread.splitlines() if re.match(r"^\| \d –", line)
    ]
    assert counts == [PEOPLE // 5] * 5
    # Typed text stays text.
    assert "\\<script>" not in markdown and "\\*tähdet\\*" in markdown and "\\|" in markdown
    assert "Osallistuja 1" in markdown  # names: the workshop is not anonymous
    assert "Esimerkki" not in markdown and "Lippuautomaatti petti" not in markdown  # no examples


def _check_html(html: str, run: dict) -> None:
    assert "<script" not in html and 'href="javascript' not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert html.index("<h2>Sitoumukset</h2>") < html.index(
        "<h2>Kaikki käytännöt järjestyksessä</h2>"
    )
    assert html.count("<blockquote>") >= 3
    for title in run["commitment_titles"]:
        assert title in html


def _check_csv(data: bytes, run: dict) -> None:
    assert data.startswith(b"\xef\xbb\xbf")  # the BOM: Excel reads UTF-8
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))
    header, body = rows[0], rows[1:]
    kind, commitment, dots = (
        header.index("Tyyppi"),
        header.index("Sitoumus"),
        header.index("Pisteet"),
    )
    practices = [row for row in body if row[kind] == "Käytäntö"]
    stories = [row for row in body if row[kind] == "Tarina"]
    assert len(practices) == len(run["ranking"]) and len(stories) == PEOPLE
    assert sum(int(row[dots]) for row in practices) == run["dots"]
    committed = sorted(
        (row for row in practices if row[commitment]), key=lambda r: int(r[commitment])
    )
    assert [row[header.index("Otsikko")] for row in committed] == run["commitment_titles"]
    assert any("ä" in row[header.index("Otsikko")] for row in body)  # UTF-8 survived


def _rows_left(app) -> dict[str, int]:
    with app.app_context():
        return {
            table.name: db.session.scalar(select(func.count()).select_from(table))
            for table in db.metadata.sorted_tables
            if table.name not in ACCOUNT_TABLES
        }


def test_a_whole_workshop_from_template_to_charter_and_back(app, client, facilitator):
    run = _rehearse(client, facilitator)
    code, token = run["code"], facilitator.token

    markdown = _api(client, "GET", f"/api/v1/workshops/{code}/export.md", token).get_data(
        as_text=True
    )
    _check_markdown(markdown, run)
    html_response = _api(client, "GET", f"/api/v1/workshops/{code}/export.html", token)
    assert "style-src 'sha256-" in html_response.headers["Content-Security-Policy"]
    _check_html(html_response.get_data(as_text=True), run)
    csv_response = _api(client, "GET", f"/api/v1/workshops/{code}/export.csv", token)
    assert csv_response.headers["Content-Type"].startswith("text/csv")
    _check_csv(csv_response.data, run)

    exported = _api(client, "GET", f"/api/v1/workshops/{code}/export.json", token).json
    assert len(exported["stories"]) == PEOPLE and len(exported["votes"]) == run["dots"]
    again = _api(client, "POST", "/api/v1/workshops/import", token, exported).json
    assert again["code"] != code
    markdown_again = _api(
        client, "GET", f"/api/v1/workshops/{again['code']}/export.md", token
    ).get_data(as_text=True)
    assert markdown_again == markdown  # the same charter
    csv_again = _api(client, "GET", f"/api/v1/workshops/{again['code']}/export.csv", token).data
    assert csv_again == csv_response.data

    # Deleting both workshops leaves no row that belonged to them, in any table.
    assert _rows_left(app)["stories"] == 2 * PEOPLE
    _api(client, "DELETE", f"/api/v1/workshops/{code}", token)
    _api(client, "DELETE", f"/api/v1/workshops/{again['code']}", token)
    assert _rows_left(app) == dict.fromkeys(_rows_left(app), 0)
    _api(client, "GET", f"/api/v1/workshops/{code}/export.md", token, expect=(404,))
