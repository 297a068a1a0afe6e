"""Exports and the results link agree with the wall: one rounding rule for the means,
whatever the format (API JSON, Markdown, HTML, CSV, the results link)."""

from __future__ import annotations

import csv
import io
import re

import pytest
from sqlalchemy import select

from tests.charter.rehearsal import api
from tests.conftest import story, walk_to
from workshop.extensions import db
from workshop.voting.results import mean
from workshop.workshops.models import Workshop

#: (agency, ease) of each rater. A: 17/4 = 4.25 and 5/4 = 1.25, where half-to-even gives
#: 4.2 and 1.2; B: 53/20 = 2.65 and 29/20 = 1.45, which are a hair below the half as
#: binary floats (2.6 and 1.4 from a float rounded half-up, or from toFixed).
RATINGS_A = [(4, 1), (4, 1), (4, 1), (5, 2)]
RATINGS_B = [(3, 2)] * 9 + [(3, 1)] * 4 + [(2, 1)] * 7


def test_a_mean_is_rounded_once_halves_up_from_the_exact_sum():
    assert mean(17, 4) == 4.3  # round(4.25, 1) == 4.2
    assert mean(5, 4) == 1.3
    assert mean(53, 20) == 2.7  # 2.65 as a float is 2.6499...
    assert mean(29, 20) == 1.5
    assert mean(107, 40) == 2.7  # 2.675, the classic float trap
    assert mean(21, 8) == 2.6  # 2.625: below the half of the first decimal
    assert mean(2129, 501) == 4.2  # 4.2495...: 4.25 at two decimals, then 4.3 (twice rounded)
    assert mean(5, 1) == 5.0 and mean(1, 3) == 0.3 and mean(2, 3) == 0.7


def _rated_room(client, owner, language: str) -> tuple[str, str]:
    """A workshop at its results: practice A rated by 4 people, B by 20; return the code
    and the results link."""
    token = owner.token
    code = api(
        client, "POST", "/api/v1/workshops", token, {"title": "Keskiarvot", "language": language}
    ).json["code"]
    people = [
        api(client, "POST", f"/api/v1/workshops/{code}/participants", token, {}).json["token"]
        for _ in range(len(RATINGS_B))
    ]
    walk_to(client, code, token, "stories")
    api(client, "POST", f"/api/v1/workshops/{code}/stories", people[0], {**story(), "key": "s1"})
    api(client, "PUT", f"/api/v1/workshops/{code}/phase", token, {"phase": "practices"})
    ids = [
        api(
            client,
            "POST",
            f"/api/v1/workshops/{code}/practices",
            token,
            {"title": title, "description": "", "story_ids": [], "key": title},
        ).json["id"]
        for title in ("A", "B")
    ]
    api(client, "PUT", f"/api/v1/workshops/{code}/phase", token, {"phase": "voting"})
    for practice_id, ratings in zip(ids, (RATINGS_A, RATINGS_B), strict=True):
        for person, (agency, ease) in zip(people, ratings, strict=False):
            api(
                client,
                "PUT",
                f"/api/v1/practices/{practice_id}/rating",
                person,
                {"agency": agency, "ease": ease},
            )
    api(client, "PUT", f"/api/v1/workshops/{code}/votes/v1", people[0], {"practice_id": ids[0]})
    api(client, "POST", f"/api/v1/workshops/{code}/reveal", token, {"what": "votes"})
    api(client, "PUT", f"/api/v1/workshops/{code}/phase", token, {"phase": "results"})
    commitment = {"owner": "Tiimi", "first_step": "Maanantaina.", "position": 0}
    api(client, "PUT", f"/api/v1/practices/{ids[0]}/commitment", token, commitment)
    link = api(client, "POST", f"/api/v1/workshops/{code}/share", token).json["share_url"]
    return code, link


@pytest.mark.parametrize(
    ("language", "shown"),
    [("fi", ["4,3", "1,3", "2,7", "1,5"]), ("en", ["4.3", "1.3", "2.7", "1.5"])],
)
def test_every_format_shows_the_same_means(app, client, facilitator, language, shown):
    code, link = _rated_room(client, facilitator, language)
    token = facilitator.token
    results = api(client, "GET", f"/api/v1/workshops/{code}/results", token).json
    assert [(r["agency"], r["ease"]) for r in results["ranking"]] == [(4.3, 1.3), (2.7, 1.5)]
    with app.app_context():
        projector = db.session.scalar(select(Workshop.projector_key).where(Workshop.code == code))
    # What the control page and the projector are sent: the numbers they only write out.
    for viewer in (token, projector):
        state = api(client, "GET", f"/api/v1/workshops/{code}/state", viewer).json
        means = {k: (v["agency"], v["ease"]) for k, v in state["tally"]["ratings"].items()}
        assert sorted(means.values(), reverse=True) == [(4.3, 1.3), (2.7, 1.5)]
        ranked = state["results"]["ranking"]
        assert [(r["agency"], r["ease"]) for r in ranked] == [(4.3, 1.3), (2.7, 1.5)]

    a_agency, a_ease, b_agency, b_ease = shown
    markdown = api(client, "GET", f"/api/v1/workshops/{code}/export.md", token).get_data(True)
    html = api(client, "GET", f"/api/v1/workshops/{code}/export.html", token).get_data(True)
    shared = client.get(link.replace("http://localhost", "")).get_data(as_text=True)
    assert f"| A ★ | 1 | {a_agency} | {a_ease} |" in markdown
    assert f"| B | 0 | {b_agency} | {b_ease} |" in markdown
    assert f"{a_agency} / 5" in markdown  # the commitments' line uses the same rule
    for page in (html, shared):
        cells = re.sub(r"<td [^>]*>", "<td>", re.sub(r">\s+<", "><", page))
        assert f"<td>A ★</td><td>1</td><td>{a_agency}</td><td>{a_ease}</td>" in cells
        assert f"<td>B</td><td>0</td><td>{b_agency}</td><td>{b_ease}</td>" in cells

    delimiter = ";" if language == "fi" else ","
    text = api(client, "GET", f"/api/v1/workshops/{code}/export.csv", token).data
    rows = list(csv.reader(io.StringIO(text.decode("utf-8-sig")), delimiter=delimiter))
    by_title = {row[3]: row for row in rows[1:] if row[1]}
    assert (by_title["A"][6], by_title["A"][7]) == (a_agency, a_ease)
    assert (by_title["B"][6], by_title["B"][7]) == (b_agency, b_ease)
