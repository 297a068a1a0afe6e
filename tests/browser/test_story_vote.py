"""Voting on the stories, without practices, in chromium: a plan of anonymous stories →
voting on the stories → results. Three phones put their dots on story cards (never on their own),
the control page counts the stories, and the projector and the phones rank the stories
after the reveal, with no practices' map."""

from __future__ import annotations

from playwright.sync_api import expect

from tests.browser.conftest import no_horizontal_overflow, run_axe, sign_in
from workshop.designs import services as designs
from workshop.voting import dots as voting
from workshop.workshops import services as workshops

FLOW = ["stories", "voting", "results"]
PEOPLE = {
    "Aino": "Kanta-asiakaskortti Toscanassa",
    "Eero": "Bussikuski viittoi kyytiin",
    "Sanna": "Hotelli vastasi twiittiin",
}
#: Each phone's two dots, by whose story: Toscana gets 2, the bus 1, the hotel 1.
DOTS = {"Aino": ("Eero", "Sanna"), "Eero": ("Aino",), "Sanna": ("Aino",)}
EMAIL = "storyvote@example.fi"


def _plan(live_server) -> dict:
    owner = live_server.facilitator(EMAIL)
    design = designs.builtin_design("fi")
    design["steps"] = [
        {"activity": key, "projector": f"Vaihe {i + 1}", "phone": "", "minutes": 5}
        for i, key in enumerate(FLOW)
    ]
    design["steps"][1]["settings"] = {"on_stories": True}
    design["steps"][0]["settings"] = {"anonymous": True}  # no names on the stories
    with live_server.app.app_context():
        workshop = workshops.create_workshop(
            owner, "Tarinat äänestykseen", "fi", design=designs.clean_design(design)
        )
        workshops.change_phase(owner, workshop.id, "stories")
        voting.change_voting(owner, workshop.id, {"budget": 2, "self_votes": False})
        return {
            "owner": owner,
            "id": workshop.id,
            "code": workshop.code,
            "key": workshop.projector_key,
        }


def _join(context, code: str, name: str):
    phone = context.new_page()
    phone.goto(f"/join/{code}")
    phone.get_by_label("Nimesi").fill(name)
    phone.get_by_role("button", name="Liity").click()
    expect(phone.locator('[data-phase-view="stories"]')).to_be_visible()
    return phone


def _card(phone, title: str):
    return phone.locator("[data-vote-list] .vote-card").filter(has_text=title)


def test_a_room_votes_on_its_stories_and_sees_them_ranked(live_server, new_context, shot):
    room = _plan(live_server)
    projector = new_context(viewport={"width": 1920, "height": 1080}, bypass_csp=True).new_page()
    projector.goto(f"/projector/{room['key']}")
    phones = {
        name: _join(
            new_context("Pixel 5", viewport={"width": 360, "height": 740}, bypass_csp=True),
            room["code"],
            name,
        )
        for name in PEOPLE
    }
    # Each phone writes its own story on its own form, told that no name goes with it.
    for name, phone in phones.items():
        expect(phone.locator("[data-anonymous-note]")).to_have_text(
            "Tässä vaiheessa kirjoittamasi näkyy ilman nimeäsi."
        )
        phone.get_by_label("Otsikko").fill(PEOPLE[name])
        phone.get_by_label("Mitä tapahtui").fill("Näin kävi, ja se ratkaisi.")
        phone.locator('.scale-option input[value="5"]').check()
        phone.get_by_label("Kasvokkain").check()
        phone.get_by_role("button", name="Lähetä tarina").click()
        expect(phone.locator("[data-my-stories] .story-card")).to_have_count(1)
    with live_server.app.app_context():
        workshops.change_phase(room["owner"], room["id"], "voting")

    for name, phone in phones.items():
        expect(phone.get_by_role("heading", name="Äänestä tarinoita")).to_be_visible()
        expect(phone.locator("[data-anonymous-note]")).to_be_hidden()  # this step is not anonymous
        expect(phone.locator(".vote-card .story-author")).to_have_count(0)  # written anonymously
        expect(phone.locator("[data-vote-list] .vote-card")).to_have_count(3)
        own = _card(phone, PEOPLE[name])
        expect(own.locator("[data-add]")).to_be_hidden()  # never a dot on one's own story
        expect(own.locator("[data-note]")).to_contain_text("omaa tarinaa ei voi äänestää")
        for whose in DOTS[name]:
            _card(phone, PEOPLE[whose]).locator("[data-add]").click()
        expect(phone.locator("[data-dots-left]")).to_have_attribute(
            "data-remaining", str(2 - len(DOTS[name]))
        )
    aino = phones["Aino"]
    assert no_horizontal_overflow(aino)
    assert run_axe(aino) == []
    shot(aino, "story-vote-phone")

    # The projector counts who has voted, without the practices' map.
    expect(projector.locator("[data-voters]")).to_have_text("3 / 3")
    expect(projector.locator(".projector-voting [data-voting-map]")).to_be_hidden()

    # The control page lists the stories with their dots, most first.
    control = new_context(viewport={"width": 1440, "height": 900}, bypass_csp=True).new_page()
    sign_in(control, EMAIL)
    control.goto(f"/workshops/{room['id']}")
    rows = control.locator(".ctl-tally-row")
    expect(rows.first).to_contain_text(PEOPLE["Aino"])
    expect(rows.first.locator("[data-tally-dots]")).to_have_text("2")
    assert run_axe(control) == []
    shot(control, "story-vote-control")

    with live_server.app.app_context():
        workshops.change_phase(room["owner"], room["id"], "results")
    standings = projector.locator(".standing-row")
    expect(standings).to_have_count(3)
    expect(standings.first).to_contain_text(PEOPLE["Aino"])
    expect(standings.first.locator("[data-dots]")).to_have_attribute("data-dots", "2")
    expect(projector.locator(".projector-results [data-results-map]")).to_be_hidden()
    expect(projector.locator('[data-reveal-state="done"]')).to_have_count(1, timeout=15000)
    assert run_axe(projector) == []
    shot(projector, "story-vote-projector")

    expect(aino.get_by_role("heading", name="Kaikki tarinat pisteiden mukaan")).to_be_visible()
    expect(aino.locator("[data-ranking-list] .rank-item").first).to_contain_text(PEOPLE["Aino"])
    assert no_horizontal_overflow(aino)
    assert run_axe(aino) == []
