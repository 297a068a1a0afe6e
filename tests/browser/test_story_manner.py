"""How it was said, and the lenses' questions, in a real browser (issue 10, section 9): the
phone asks both while people write, and the card, the wall and the spotlight show the manner."""

from __future__ import annotations

from playwright.sync_api import expect

from tests.browser.conftest import AXE, no_horizontal_overflow
from tests.conftest import walk
from workshop.designs import services as designs
from workshop.extensions import db
from workshop.stories import lenses, spotlight
from workshop.stories import services as stories
from workshop.workshops.models import Workshop

MANNER = "Iloisesti, yhdellä kädenheilautuksella. Nolous katosi heti."


def _room(live_server, email: str):
    owner = live_server.facilitator(email)
    with live_server.app.test_request_context():
        workshop = designs.start_workshop(owner, "Tarinat ja asenne", "fi")
        walk(owner, workshop.id, "stories")
        questions = designs.builtin_lens_questions("fi")
        return owner, workshop.id, workshop.code, workshop.projector_key, questions


def _axe_on(page, selector: str) -> list[dict]:
    page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        """(selector) => axe.run({include: [[selector]]}, {runOnly: {type: 'tag',
             values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})""",
        selector,
    )
    return [
        {"id": v["id"], "nodes": [n["target"] for n in v["nodes"]]} for v in result["violations"]
    ]


def test_the_phone_asks_how_it_was_said_beside_the_lens_questions(live_server, new_context, shot):
    owner, workshop_id, code, key, questions = _room(live_server, "manner@example.fi")
    phone = new_context(
        "Pixel 5", viewport={"width": 360, "height": 740}, bypass_csp=True
    ).new_page()
    phone.goto(f"/join/{code}")
    phone.get_by_label("Nimesi").fill("Aino")
    phone.get_by_role("button", name="Liity").click()
    expect(phone.get_by_role("heading", name="Kerro palvelutarina")).to_be_visible()

    # The lenses' questions, each under its lens, above the form while people write.
    box = phone.locator("[data-lens-questions]")
    expect(box).to_be_visible()
    expect(box.get_by_role("heading")).to_have_text("Kysymyksiä kirjoittamisen tueksi")
    items = box.locator(".lens-question")
    expect(items.locator(".lens-question-name")).to_have_text(list(questions))
    expect(items.locator(".lens-question-text")).to_have_text(list(questions.values()))
    form_top = phone.locator("[data-story-form]").bounding_box()["y"]
    questions_box = box.bounding_box()
    assert questions_box["y"] + questions_box["height"] <= form_top
    assert no_horizontal_overflow(phone)

    # The optional field, named by its own label, between what the staff did and what I could do.
    manner = phone.get_by_label("Miten se sanottiin, miltä se tuntui?")
    expect(manner).to_be_visible()
    expect(manner).to_have_attribute("maxlength", "600")
    order = phone.evaluate(
        "() => [...document.querySelectorAll('[data-story-form] textarea')].map(t => t.name)"
    )
    assert order == ["happened", "staff_did", "manner", "could_do"]
    assert _axe_on(phone, "[data-phase-view='stories'] > .card") == []
    shot(phone, "phone-story-form-manner-lenses-360x740", full_page=True)

    phone.get_by_label("Otsikko").fill("Leimauslaite ei ottanut lippua")
    phone.get_by_label("Mitä tapahtui").fill("Kuljettaja viittasi minut istumaan.")
    manner.fill(MANNER)
    phone.locator('.scale-option:has(input[value="4"])').click()
    phone.locator('[data-story-form] input[name="channel"][value="in_person"]').check()
    phone.get_by_role("button", name="Lähetä tarina").click()
    mine = phone.locator("[data-my-stories] .story-card")
    expect(mine.locator(".story-part")).to_have_text(["Miten se sanottiin, miltä se tuntui?"])
    expect(mine.locator(".story-manner")).to_have_text(MANNER)

    # A renamed lens keeps its question, on the phone at once.
    with live_server.app.app_context():
        first = lenses.lenses_of(workshop_id)[0]
        lenses.rename_lens(owner, first.id, "Kohtaamisen asenne")
    expect(items.first.locator(".lens-question-name")).to_have_text("Kohtaamisen asenne")
    expect(items.first.locator(".lens-question-text")).to_have_text(next(iter(questions.values())))

    # The wall shows how it was said under what happened; the spotlight with its heading.
    wall = new_context(viewport={"width": 1920, "height": 1080}).new_page()
    wall.goto(f"/projector/{key}")
    with live_server.app.app_context():
        stories.reveal(owner, workshop_id)
    card = wall.locator("[data-wall] .story-card")
    # One line on the wall: the whole manner, or its first whole words and "…" (the
    # spotlight below shows it all).
    expect(card.locator(".story-manner")).to_be_visible()
    on_wall = card.locator(".story-manner").inner_text().strip()
    assert on_wall == MANNER or (
        on_wall.endswith("…")
        and MANNER.startswith(on_wall[:-1].rstrip(" ,."))
        and MANNER[len(on_wall[:-1].rstrip(" ,."))] in " ,."
    ), on_wall
    shown = card.locator(".story-manner").bounding_box()
    happened = card.locator(".story-body").first.bounding_box()
    assert shown["y"] >= happened["y"] + happened["height"]  # below it, not over it
    shot(wall, "projector-wall-manner-1920x1080")
    with live_server.app.app_context():
        (story_id,) = [
            s.id for s in stories.visible_stories(db.session.get(Workshop, workshop_id), None)
        ]
        spotlight.spotlight(owner, workshop_id, story_id)
    spot = wall.locator("[data-spotlight] .story-card")
    expect(spot.locator(".story-part")).to_have_text(["Miten se sanottiin, miltä se tuntui?"])
    expect(spot.locator(".story-manner")).to_have_text(MANNER)
