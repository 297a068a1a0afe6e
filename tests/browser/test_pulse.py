"""The agency pulse in a real browser, in Finnish and English: phones rate the statements
(one offline first, one reloads), the projector counts people and shows no figure until the
facilitator reveals on the control page, then every mean and spread at >= 32 px, nothing
cut, axe clean; the check-in link made on the control page opens a page with no account on
a 360 px phone (taps >= 44 px, axe clean) that takes one answer per phone. And the change
("3,0 → 4,0 (+1,0)") on a follow-up's projector with five 200-character statements, page by
page."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import no_horizontal_overflow, run_axe, sign_in
from tests.browser.phone_room import PHONE, TAP, TAPS_JS
from tests.browser.projector_measure import clipping, smallest_fonts
from tests.browser.test_projector_legibility import Walk, _projector
from workshop.designs import services as designs
from workshop.participants import services as participants
from workshop.pulse import services as pulse
from workshop.pulse.builtin import STATEMENTS
from workshop.workshops import services as workshops

WORDS = {
    "fi": {
        "join": ("Nimesi", "Liity"),
        "reveal": "Näytä tulokset osallistujille",
        "create": "Luo seurantakyselyn linkki",
        "send": "Lähetä vastaukseni",
        "thanks": "Kiitos! Vastauksesi on tallennettu.",
        "people": "henkilöä on vastannut",
    },
    "en": {
        "join": ("Your name", "Join"),
        "reveal": "Show the results to the room",
        "create": "Create a check-in link",
        "send": "Send my answers",
        "thanks": "Thank you! Your answers are in.",
        "people": "people have answered",
    },
}


def _join(context, code: str, name: str, words: dict):
    phone = context.new_page()
    phone.goto(f"/join/{code}")
    label, button = words["join"]
    phone.get_by_label(label).fill(name)
    phone.get_by_role("button", name=button).click()
    expect(phone.locator('[data-phase-view="lobby"]')).to_be_visible()
    return phone


def _tap(phone, statement: int, rating: int) -> None:
    phone.locator(
        f'[data-pulse-statements] > li:nth-child({statement + 1}) input[value="{rating}"]'
    ).check()


def _too_small(page) -> list[dict]:
    return [
        t for t in page.evaluate(TAPS_JS) if t["width"] < TAP - 0.01 or t["height"] < TAP - 0.01
    ]


def _legible(page, min_body: int = 32) -> None:
    smallest, offenders = smallest_fonts(page, min_body, 56)
    assert offenders == [] and smallest >= min_body, offenders[:5]
    assert clipping(page) == []


@pytest.mark.parametrize("language", ["fi", "en"])
def test_the_pulse_with_a_projector_phones_the_control_page_and_a_check_in(
    live_server, new_context, shot, language
):
    words = WORDS[language]
    email = f"pulse-{language}@example.fi"
    owner = live_server.facilitator(email)
    with live_server.app.app_context():
        workshop = designs.start_workshop(owner, "Toimijuus", language)
        others = [participants.join(workshop.code, None)[0].id for _ in range(4)]
        room = (workshop.id, workshop.code, workshop.projector_key)
    workshop_id, code, key = room
    projector = new_context(viewport={"width": 1920, "height": 1080}, bypass_csp=True).new_page()
    projector.goto(f"/projector/{key}")
    phones = []
    for name in ("Liisa", "Ville"):
        context = new_context("Pixel 5", bypass_csp=True, reduced_motion="reduce", **PHONE)
        phones.append((context, _join(context, code, name, words)))
    with live_server.app.app_context():
        workshops.change_phase(owner, workshop_id, "pulse")  # the built-in plan opens with it
    liisa_context, liisa = phones[0]
    _ville_context, ville = phones[1]
    scales = liisa.locator("[data-pulse-statements] fieldset")
    expect(scales).to_have_count(4)
    expect(scales.first.locator("legend")).to_have_text(STATEMENTS[language][0])

    # Liisa answers offline first: kept on the phone, sent when she is back.
    liisa_context.set_offline(True)
    _tap(liisa, 0, 4)
    expect(liisa.locator("[data-pulse-status]")).not_to_be_empty()
    liisa_context.set_offline(False)
    liisa.evaluate("window.dispatchEvent(new Event('online'))")
    for statement, rating in ((1, 3), (2, 5), (3, 2)):
        _tap(liisa, statement, rating)
        _tap(ville, statement, 4)
    _tap(ville, 0, 5)
    _tap(ville, 0, 3)  # changed: the last tap counts
    with live_server.app.app_context():
        for n, person in enumerate(others):
            for statement in range(4):
                pulse.answer(person, statement, 1 + (n + statement) % 5)
    expect(projector.locator("[data-pulse-people]")).to_have_text("6")
    expect(projector.locator(".pulse-count").first).to_contain_text("6")
    expect(projector.locator(".pulse-mean-number")).to_have_count(0)  # no figure before the reveal
    _legible(projector)
    assert run_axe(projector) == []
    shot(projector, f"pulse-projector-counts-{language}")
    assert _too_small(liisa) == [] and no_horizontal_overflow(liisa)
    assert run_axe(liisa) == []
    shot(liisa, f"pulse-phone-{language}-360x740")
    liisa.reload()  # a phone that reloads keeps its answers
    expect(liisa.locator('[data-pulse-statements] input[value="5"]').nth(2)).to_be_checked()

    # The facilitator reveals on the control page: the room sees the means and the spread.
    control = new_context(viewport={"width": 1440, "height": 900}, bypass_csp=True).new_page()
    sign_in(control, email)
    control.goto(f"/workshops/{workshop_id}")
    expect(control.locator(".ctl-pulse-row")).to_have_count(4)
    control.get_by_role("button", name=WORDS["fi"]["reveal"]).click()  # its facilitator's language
    expect(projector.locator(".pulse-mean-number")).to_have_count(4)
    expect(projector.locator("[data-pulse-people-label]")).not_to_contain_text(words["people"])
    _legible(projector)
    assert run_axe(projector) == []
    shot(projector, f"pulse-projector-revealed-{language}")
    expect(ville.locator("[data-pulse-statements] input:disabled")).to_have_count(20)
    expect(ville.locator(".pulse-result").first).to_be_visible()
    assert run_axe(ville) == []
    shot(ville, f"pulse-phone-closed-{language}-360x740")

    # The check-in link: made on the control page, opened on a phone with no account.
    control.get_by_role("button", name=WORDS["fi"]["create"]).click()
    link = control.locator("[data-pulse-link-url]")
    expect(link).not_to_have_value("")
    url = link.input_value()
    assert "/pulse/pls_" in url
    assert run_axe(control) == []
    shot(control, f"pulse-control-{language}", full_page=True)
    team = new_context("Pixel 5", bypass_csp=True, **PHONE).new_page()
    team.goto(url)
    expect(team.locator("html")).to_have_attribute("lang", language)
    assert _too_small(team) == [] and no_horizontal_overflow(team)
    assert run_axe(team) == []
    shot(team, f"pulse-check-in-{language}-360x740", full_page=True)
    team.locator('input[name="s0"][value="4"]').check()
    team.get_by_role("button", name=words["send"]).click()
    expect(team.locator(".pulse-scale.is-invalid")).to_have_count(3)  # three left to rate
    assert run_axe(team) == []
    for statement in range(1, 4):
        team.locator(f'input[name="s{statement}"][value="5"]').check()
    team.get_by_role("button", name=words["send"]).click()
    expect(team.get_by_text(words["thanks"])).to_be_visible()
    team.reload()
    expect(team.get_by_text(words["thanks"])).to_be_visible()  # this phone has answered
    other = "en" if language == "fi" else "fi"
    team.get_by_role("link", name="English" if other == "en" else "Suomi").click()
    expect(team.locator("html")).to_have_attribute("lang", other)
    expect(team.get_by_text(WORDS[other]["thanks"])).to_be_visible()
    expect(control.locator("[data-pulse-check-ins] li")).to_contain_text("1")


def _long_design(language: str) -> dict:
    design = designs.builtin_design(language)
    sentence = (
        "Asiakas saa hoitaa asiansa itse, ilman lupaa ja ilman jonoa, ja tietää aina mitä "
        if language == "fi"
        else "Our customer may sort it out alone, without asking leave or waiting in line, and "
    )
    statements = [f"{n + 1}. " + (sentence * 4)[:196].strip() for n in range(5)]
    design["steps"][0]["settings"] = {"statements": statements}
    return design


@pytest.mark.parametrize("size", [(1920, 1080), (1280, 720)])
def test_a_follow_ups_projector_shows_the_change_and_long_statements_stay_whole(
    live_server, new_context, shot, size
):
    width, height = size
    owner = live_server.facilitator(f"pulse-change-{width}@example.fi")
    with live_server.app.app_context():
        design = designs.clean_design(_long_design("fi"))
        earlier = workshops.create_workshop(owner, "Kevät", "fi", design=design)
        people = [participants.join(earlier.code, None)[0].id for _ in range(6)]
        workshops.change_phase(owner, earlier.id, "pulse")
        for n, person in enumerate(people):
            for statement in range(5):
                pulse.answer(person, statement, 3 if statement else 2 + n % 3)
        workshops.change_phase(owner, earlier.id, "closed")  # the end reveals it
        # The same team months later: a follow-up of the spring workshop.
        later = workshops.create_workshop(owner, "Syksy", "fi", design=design, follows=earlier.id)
        workshop_id, key = later.id, later.projector_key
        team = [participants.join(later.code, None)[0].id for _ in range(7)]
        workshops.change_phase(owner, workshop_id, "pulse")
        for person in team:
            for statement in range(4):  # the fifth: nobody now, so no change for it
                pulse.answer(person, statement, 4)
    page = _projector(
        new_context, _Room(key), width, height, reduced_motion="reduce", bypass_csp=True
    )
    walk = Walk(page, width, height, shot, f"pulse-change-{width}")
    expect(page.locator(".pulse-row")).not_to_have_count(0)
    walk.measure("pulse-long-counts")
    with live_server.app.app_context():
        pulse.reveal(owner, workshop_id)
    expect(page.locator('[data-phase-view="pulse"]')).to_have_class("projector-pulse is-revealed")
    walk.measure("pulse-long-change")
    assert walk.offenders == [], "\n".join(walk.offenders[:20])
    assert walk.cut == [], "\n".join(walk.cut[:20])
    assert walk.axe == [], "\n".join(walk.axe)
    # Every row is on some page (the walk turned them all and found nothing cut).
    rows = page.evaluate(
        "() => [...document.querySelectorAll('.pulse-row')].map((row) => row.textContent)"
    )
    assert len(rows) == 5
    assert all("3,0 → 4,0 (+1,0), 7 vastausta · Vertailukohta " in t for t in rows[:4]), rows
    assert "Alle 5 vastausta: ei lukua" in rows[4]


class _Room:
    def __init__(self, key: str) -> None:
        self.key = key
