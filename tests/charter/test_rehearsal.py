"""A whole workshop rehearsed through the HTTP API: the built-in template, 30 people
writing in Finnish and English, practices traced to stories, ratings, dots, the reveal,
three commitments; then every export checked, the JSON re-imported to the same charter,
and deletion leaving no row behind."""

from __future__ import annotations

import csv
import io
import re

from sqlalchemy import func, select

from tests.charter.rehearsal import ACCOUNT_TABLES, PEOPLE, api, rehearse
from workshop.extensions import db


def _section(markdown: str, heading: str) -> str:
    start = markdown.index(f"## {heading}\n")
    following = markdown.find("\n## ", start + 1)
    return markdown[start : following if following != -1 else None]


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
    run = rehearse(client, facilitator)
    code, token = run["code"], facilitator.token

    markdown = api(client, "GET", f"/api/v1/workshops/{code}/export.md", token).get_data(
        as_text=True
    )
    _check_markdown(markdown, run)
    html_response = api(client, "GET", f"/api/v1/workshops/{code}/export.html", token)
    assert "style-src 'sha256-" in html_response.headers["Content-Security-Policy"]
    _check_html(html_response.get_data(as_text=True), run)
    csv_response = api(client, "GET", f"/api/v1/workshops/{code}/export.csv", token)
    assert csv_response.headers["Content-Type"].startswith("text/csv")
    _check_csv(csv_response.data, run)

    exported = api(client, "GET", f"/api/v1/workshops/{code}/export.json", token).json
    assert len(exported["stories"]) == PEOPLE and len(exported["votes"]) == run["dots"]
    again = api(client, "POST", "/api/v1/workshops/import", token, exported).json
    assert again["code"] != code
    markdown_again = api(
        client, "GET", f"/api/v1/workshops/{again['code']}/export.md", token
    ).get_data(as_text=True)
    assert markdown_again == markdown  # the same charter
    csv_again = api(client, "GET", f"/api/v1/workshops/{again['code']}/export.csv", token).data
    assert csv_again == csv_response.data

    # Deleting both workshops leaves no row that belonged to them, in any table.
    assert _rows_left(app)["stories"] == 2 * PEOPLE
    api(client, "DELETE", f"/api/v1/workshops/{code}", token)
    api(client, "DELETE", f"/api/v1/workshops/{again['code']}", token)
    assert _rows_left(app) == dict.fromkeys(_rows_left(app), 0)
    api(client, "GET", f"/api/v1/workshops/{code}/export.md", token, expect=(404,))
