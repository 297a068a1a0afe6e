"""A merge reaches every screen at once: the projector's count equals the cards it shows,
and the merged author's phone gets the practice that stayed, without a reload."""

from __future__ import annotations

from playwright.sync_api import expect
from sqlalchemy import select

from workshop.extensions import db
from workshop.participants import services as participants
from workshop.participants.models import Participant
from workshop.practices import merge
from workshop.practices import services as practices
from workshop.realtime import Audience
from workshop.stories import services as stories
from workshop.workshops import services as workshops
from workshop.workshops.services import Viewer

FULL_HD = {"width": 1920, "height": 1080}
PRACTICES = [
    "Etu ilman kanta-asiakaskorttia",
    "Kuljettaja saa päättää lipusta",
    "Yksi jono, yksi ihminen",
    "Vastaamme someen kuin aulassa",
    "Botti ohjaa ihmiselle",
    "Lomake tallentaa luonnoksen",
]


def _room(live_server, email: str, language: str = "fi"):
    owner = live_server.facilitator(email)
    workshop_id, code, key = live_server.workshop(owner, "Yhdistäminen", language)
    with live_server.app.app_context():
        workshops.change_phase(owner, workshop_id, "stories")
        writer = participants.join(code, "Kirjoittaja")[0].id
        story = stories.post_story(
            writer,
            {"title": "Bussikuski", "happened": "Näin kävi.", "agency": 5, "channel": "phone"},
            "s",
        )[0]
        workshops.change_phase(owner, workshop_id, "practices")
    return owner, workshop_id, code, key, story.id


def _propose(live_server, workshop_id: int, participant_id: int, title: str, story_id: int) -> int:
    author = Viewer(workshop_id, Audience.PARTICIPANTS, participant_id=participant_id)
    body = {"title": title, "description": "Kuvaus.", "story_ids": [story_id]}
    with live_server.app.app_context():
        return practices.post_practice(author, body, f"key-{abs(hash(title))}")[0].id


def _phone(new_context, live_server, code: str, workshop_id: int, name: str):
    phone = new_context("Pixel 5", viewport={"width": 360, "height": 740}).new_page()
    phone.goto(f"/join/{code}")
    phone.locator("input[name=display_name]").fill(name)
    phone.locator("form:has(#display_name) button[type=submit]").click()
    expect(phone.locator('[data-phase-view="practices"]')).to_be_visible()
    expect(phone.locator("body")).to_have_attribute("data-connection-state", "connected")
    with live_server.app.app_context():
        query = select(Participant.id).where(
            Participant.workshop_id == workshop_id, Participant.display_name == name
        )
        return phone, db.session.scalar(query)


def _projector(new_context, key: str):
    page = new_context(viewport=FULL_HD).new_page()
    page.goto(f"/projector/{key}")
    expect(page.locator("body")).to_have_attribute("data-connection-state", "connected")
    return page


def test_a_private_merge_reaches_the_projector_and_the_merged_authors_phone(
    live_server, new_context
):
    owner, workshop_id, code, key, story_id = _room(live_server, "merge-private@example.fi")
    phone, author = _phone(new_context, live_server, code, workshop_id, "Sanna")
    with live_server.app.app_context():
        others = participants.join(code, "Eero")[0].id
    kept = _propose(live_server, workshop_id, others, PRACTICES[0], story_id)
    merged = _propose(live_server, workshop_id, author, PRACTICES[1], story_id)
    projector = _projector(new_context, key)
    phone.reload()  # the phone's own private practice comes with its snapshot
    mine = phone.locator("[data-my-practices] .practice-card")
    expect(mine).to_have_count(1)
    expect(mine).to_contain_text(PRACTICES[1])
    count = projector.locator("[data-practices-private-count]")
    expect(count).to_have_text("2")

    with live_server.app.app_context():
        merge.merge(owner, merged, kept)
    # At once: the projector counts one, and Sanna's phone has the practice that stayed,
    # now hers too (she is one of its authors), though it is still private to others.
    expect(count).to_have_text("1")
    expect(mine).to_have_count(1)
    expect(mine).to_contain_text(PRACTICES[0])
    assert PRACTICES[1] not in phone.locator("[data-my-practices]").inner_text()


def test_a_merge_on_the_revealed_wall_counts_what_it_shows(live_server, new_context):
    for language, label in (("fi", "Käytäntöjä"), ("en", "Practices")):
        owner, workshop_id, code, key, story_id = _room(
            live_server, f"merge-public-{language}@example.fi", language
        )
        with live_server.app.app_context():
            people = [participants.join(code, f"P{n}")[0].id for n in range(len(PRACTICES))]
        ids = [
            _propose(live_server, workshop_id, people[n], title, story_id)
            for n, title in enumerate(PRACTICES)
        ]
        with live_server.app.app_context():
            practices.reveal(owner, workshop_id)
        projector = _projector(new_context, key)
        cards = projector.locator("[data-practice-cards] .board-card")
        expect(cards).to_have_count(len(PRACTICES))
        expect(projector.locator("[data-practices-count]")).to_have_text(
            f"{label}: {len(PRACTICES)}"
        )
        with live_server.app.app_context():
            merge.merge(owner, ids[1], ids[0])
        expect(cards).to_have_count(len(PRACTICES) - 1)
        expect(projector.locator("[data-practices-count]")).to_have_text(
            f"{label}: {len(PRACTICES) - 1}"
        )
