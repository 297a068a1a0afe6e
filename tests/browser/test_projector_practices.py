"""The projector after the stories: practice cards with their trace, a hidden tally that
shows only who has voted, the reveal, and the results beside the agency x ease map."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

from playwright.sync_api import expect

from tests.browser.conftest import run_axe
from workshop.extensions import db
from workshop.participants import services as participants
from workshop.practices import commitments
from workshop.practices import services as practices
from workshop.realtime import Audience
from workshop.stories import services as stories
from workshop.voting import dots as voting
from workshop.voting import ratings, results
from workshop.workshops import services as workshops
from workshop.workshops.models import Workshop
from workshop.workshops.services import Viewer

FULL_HD = {"width": 1920, "height": 1080}
STORIES = [
    ("Kanta-asiakaskortti Toscanassa", 5),
    ("Bussikuski viittoi kyytiin", 5),
    ("Jonotusnumero 47", 1),
]
PRACTICES = [
    ("Etu ilman kanta-asiakaskorttia", "Riittää, että asiakas kertoo olevansa jäsen.", [0]),
    ("Kuljettaja saa päättää lipusta", "Kun laite ei toimi, kuljettaja päättää itse.", [1, 0]),
    ("Yksi jono, yksi ihminen", "Ensimmäinen virkailija hoitaa asian loppuun.", [2]),
]


@dataclass
class Room:
    owner: int
    workshop_id: int
    code: str
    key: str
    people: list[int]
    story_ids: list[int]


def _room(live_server, email: str, language: str = "fi", phase: str = "practices") -> Room:
    """A workshop in the practices phase (or just before it): three people, three stories."""
    owner = live_server.facilitator(email)
    workshop_id, code, key = live_server.workshop(owner, "Objektista subjektiksi", language)
    with live_server.app.app_context():
        people = [participants.join(code, name)[0].id for name in ("Aino", "Eero", "Sanna")]
        workshops.change_phase(owner, workshop_id, "stories")
        story_ids = [
            stories.post_story(
                people[n],
                {
                    "title": title,
                    "happened": "Näin kävi.",
                    "agency": agency,
                    "channel": "in_person",
                },
                f"s{n}",
            )[0].id
            for n, (title, agency) in enumerate(STORIES)
        ]
        if phase == "practices":
            workshops.change_phase(owner, workshop_id, "practices")
    return Room(owner, workshop_id, code, key, people, story_ids)


def _propose(live_server, room: Room, n: int) -> int:
    title, description, stories_of = PRACTICES[n]
    body = {
        "title": title,
        "description": description,
        "story_ids": [room.story_ids[i] for i in stories_of],
    }
    author = Viewer(room.workshop_id, Audience.PARTICIPANTS, participant_id=room.people[n])
    with live_server.app.app_context():
        return practices.post_practice(author, body, f"p{n}")[0].id


def _projector(new_context, room: Room):
    page = new_context(viewport=FULL_HD).new_page()
    page.goto(f"/projector/{room.key}")
    expect(page.locator("body")).to_have_attribute("data-connection-state", "connected")
    return page


def test_practice_cards_with_their_trace_arrive_live(live_server, new_context, shot):
    room = _room(live_server, "projector-cards@example.fi", language="en", phase="stories")
    wall = _projector(new_context, room)
    with live_server.app.app_context():
        workshops.change_phase(room.owner, room.workshop_id, "practices")
    expect(wall.locator('[data-phase-view="practices"]')).to_be_visible()

    # Private until the reveal: a count, never the text.
    _propose(live_server, room, 0)
    count = wall.locator("[data-practices-private-count]")
    expect(count).to_have_text("1")
    expect(count).to_be_visible()
    expect(wall.locator("[data-practice-cards]")).to_be_hidden()
    assert PRACTICES[0][0] not in wall.content()
    # A reloaded screen gets the count from the snapshot, still without any text.
    wall.reload()
    expect(wall.locator("[data-practices-private]")).to_be_visible()
    expect(count).to_have_text("1")
    assert PRACTICES[0][0] not in wall.content()

    with live_server.app.app_context():
        practices.reveal(room.owner, room.workshop_id)
    cards = wall.locator("[data-practice-cards] .board-card")
    expect(cards).to_have_count(1)
    expect(cards.first.locator(".board-card-title")).to_have_text(PRACTICES[0][0])
    # The trace as a count on the projector; the titles are on the phones.
    expect(cards.first.locator(".board-trace")).to_have_text("from 1 story")

    # After the reveal a new practice arrives as a card of its own, with its trace.
    _propose(live_server, room, 1)
    expect(cards).to_have_count(2)
    newcomer = wall.locator('.board-card:has-text("Kuljettaja saa päättää lipusta")')
    expect(newcomer.locator(".board-trace")).to_have_text("from 2 stories")
    expect(wall.locator("[data-practices-count]")).to_have_text("Practices: 2")
    expect(wall.locator("[data-practices-basis]")).to_have_text("based on 2 stories")
    shot(wall, "projector-practices-1920x1080")


def _tally_frames(page) -> list[dict]:
    """Collect every tally the page receives on its socket (Socket.IO frames: 42[...])."""
    seen: list[dict] = []

    def on_frame(payload) -> None:
        text = payload if isinstance(payload, str) else payload.decode("utf-8", "replace")
        if text.startswith("42"):
            event = json.loads(text[2:])
            if event[0] == "tally":
                seen.append(event[1])

    page.on("websocket", lambda ws: ws.on("framereceived", on_frame))
    return seen


def test_a_hidden_tally_shows_who_voted_then_the_reveal_ranks(live_server, new_context, shot):
    room = _room(live_server, "projector-votes@example.fi")
    ids = [_propose(live_server, room, n) for n in range(3)]
    with live_server.app.app_context():
        workshops.change_phase(room.owner, room.workshop_id, "voting")
        voting.change_voting(room.owner, room.workshop_id, {"budget": 2, "hide_tally": True})
    page = new_context(viewport=FULL_HD).new_page()
    tallies = _tally_frames(page)
    page.goto(f"/projector/{room.key}")
    expect(page.locator('[data-phase-view="voting"]')).to_be_visible()
    expect(page.locator("[data-voters]")).to_have_text("0 / 3")

    scores = {ids[0]: (5, 4), ids[1]: (4, 2), ids[2]: (2, 5)}
    votes = {room.people[0]: [ids[1], ids[1]], room.people[1]: [ids[0]], room.people[2]: [ids[1]]}
    with live_server.app.app_context():
        for person in room.people:
            for practice_id, (agency, ease) in scores.items():
                ratings.rate(person, practice_id, {"agency": agency, "ease": ease})
            for n, practice_id in enumerate(votes[person]):
                voting.cast_vote(person, f"dot-{person}-{n}", practice_id)

    expect(page.locator("[data-voters]")).to_have_text("3 / 3")
    dots = page.locator("[data-voting-map] .map-dot")
    expect(dots).to_have_count(3)
    # Nothing on the page tells the dots per practice: no counts, every circle alike.
    expect(page.locator("[data-dots]")).to_have_count(0)
    radii = dots.locator("circle").evaluate_all("cs => cs.map(c => c.getAttribute('r'))")
    assert len(set(radii)) == 1
    assert any(t["voters"] == 3 for t in tallies)
    assert all(t["dots"] is None and t["dots_cast"] is None for t in tallies)
    shot(page, "projector-map")

    with live_server.app.app_context():
        results.reveal_votes(room.owner, room.workshop_id)
        workshop = db.session.get(Workshop, room.workshop_id)
        ranking = results.results_json(workshop, None)["ranking"]
    section = page.locator('[data-phase-view="results"]')
    expect(section).to_be_visible()
    expect(section).to_have_attribute("data-reveal-state", "done", timeout=15_000)
    expect(page.locator(".standing-row .standing-title")).to_have_text(
        [r["practice"]["title"] for r in ranking]
    )
    assert ranking[0]["practice"]["title"] == "Kuljettaja saa päättää lipusta"
    expect(page.locator(".standing-row").first.locator("[data-dots]")).to_have_attribute(
        "data-dots", "3"
    )
    expect(page.locator("[data-results-map] .map-dot")).to_have_count(len(ranking))
    shot(page, "projector-results")


def test_results_open_still_and_mark_commitments_live(live_server, new_context):
    room = _room(live_server, "projector-results@example.fi")
    ids = [_propose(live_server, room, n) for n in range(3)]
    with live_server.app.app_context():
        workshops.change_phase(room.owner, room.workshop_id, "voting")
        ratings.rate(room.people[1], ids[0], {"agency": 4, "ease": 4})
        voting.cast_vote(room.people[0], "only-dot", ids[2])
        workshops.change_phase(room.owner, room.workshop_id, "results")
    # axe is injected as an inline script, which the page's CSP refuses unless bypassed.
    page = new_context(viewport=FULL_HD, reduced_motion="reduce", bypass_csp=True).new_page()
    page.goto(f"/projector/{room.key}")
    # A screen opened on the results shows them at once: the reveal is for the room, live.
    section = page.locator('[data-phase-view="results"]')
    expect(section).to_have_attribute("data-reveal-state", "done")
    expect(page.locator(".standing-row").first).to_have_attribute("data-practice-id", str(ids[2]))
    expect(page.locator(".standing-commitment")).to_have_count(0)

    with live_server.app.app_context():
        commitments.set_commitment(room.owner, ids[0], {"owner": "Myymäläpäällikkö"})
    row = page.locator(f'.standing-row[data-practice-id="{ids[0]}"]')
    expect(row.locator(".standing-commitment")).to_contain_text("Myymäläpäällikkö")
    marked = page.locator(f'[data-results-map] .map-dot[data-practice-id="{ids[0]}"]')
    expect(marked).to_have_class(re.compile(r"\bis-marked\b"))
    assert run_axe(page) == []
    # Every row on the first page is whole inside the list.
    assert page.evaluate(
        """() => {
          const box = document.querySelector('[data-ranking]').getBoundingClientRect();
          return [...document.querySelectorAll('.standing-row')].filter(r => !r.hidden)
            .every(r => { const b = r.getBoundingClientRect();
                          return b.top >= box.top - 1 && b.bottom <= box.bottom + 1; });
        }"""
    )
