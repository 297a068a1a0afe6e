"""A whole workshop in chromium: the facilitator creates it from the built-in template and
runs every phase from the keyboard, a phone follows by itself, and the projector shows
each phase. Screenshots of every projector phase go to test-artifacts/."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from tests.browser.conftest import sign_in
from workshop.designs.builtin_content import CONTENT
from workshop.extensions import db
from workshop.voting import rounds
from workshop.workshops.models import Workshop

PLAN = {"lobby": CONTENT["fi"]["lobby"]} | {s["activity"]: s for s in CONTENT["fi"]["steps"]}


def _press(page, key: str) -> None:
    # Shortcuts belong to the page, not to a focused button (which takes Space itself).
    page.evaluate("() => document.activeElement && document.activeElement.blur()")
    page.keyboard.press(key)


def _move(control, key: str, target: str) -> None:
    """Press a phase shortcut; confirm when the move closes something; wait for the phase."""
    _press(control, key)
    control.wait_for_function(
        """target => document.body.dataset.phase === target
                     || !document.querySelector('[data-phase-confirm]').hidden""",
        arg=target,
    )
    if control.locator("[data-phase-confirm]").is_visible():
        expect(control.locator("[data-confirm-yes]")).to_be_focused()
        control.keyboard.press("Enter")
    expect(control.locator("body")).to_have_attribute("data-phase", target)


def _follows(phone, projector, phase: str) -> None:
    """The phone and the projector switch by themselves, each with its own instruction."""
    for page in (phone, projector):
        expect(page.locator(f'[data-phase-view="{phase}"]')).to_be_visible()
    expect(phone.locator("[data-phase-brief-text]")).to_have_text(PLAN[phase]["phone"])
    if phase != "lobby":  # the lobby has the welcome and its own lead line
        expect(projector.locator("[data-plan-instruction]")).to_have_text(PLAN[phase]["projector"])


def _phase_on_server(live_server, workshop_id: int) -> str:
    with live_server.app.app_context():
        return db.session.get(Workshop, workshop_id).phase


def _votes_revealed(live_server, workshop_id: int) -> bool:
    with live_server.app.app_context():
        return rounds.is_revealed(db.session.get(Workshop, workshop_id))


def test_a_facilitator_runs_the_whole_workshop_from_the_keyboard(live_server, new_context, shot):
    email = "koko@example.fi"
    live_server.facilitator(email)
    control = new_context(viewport={"width": 1440, "height": 900}).new_page()
    sign_in(control, email)
    control.goto("/workshops")
    control.get_by_label("Otsikko").fill("Arvotyöpaja kevät")
    expect(control.locator('input[name="template"][value="object-to-subject"]')).to_be_checked()
    control.get_by_role("button", name="Luo työpaja").click()
    expect(control.locator("body")).to_have_attribute("data-connection-state", "connected")
    workshop_id = int(control.locator("body").get_attribute("data-workshop-id"))
    code = control.locator("body").get_attribute("data-code")

    projector = new_context(viewport={"width": 1920, "height": 1080}).new_page()
    projector.goto(control.locator('a[href*="/projector/"]').first.get_attribute("href"))
    expect(projector.locator("[data-plan-welcome]")).to_have_text(CONTENT["fi"]["welcome"])
    phone = new_context("Pixel 5").new_page()
    phone.goto(f"/join/{code}")
    phone.get_by_label("Nimesi").fill("Sanna")
    phone.get_by_role("button", name="Liity").click()
    expect(phone.locator("body")).to_have_attribute("data-connection-state", "connected")
    _follows(phone, projector, "lobby")
    expect(projector.locator("[data-participant-count]")).to_have_text("1")

    # Lobby: the timer with Space, large on the projector, small on the phone.
    _press(control, "Space")
    expect(projector.locator("[data-timer]")).to_have_attribute("data-state", "running")
    expect(phone.locator("[data-phone-timer]")).to_be_visible()
    expect(projector.locator("[data-timer-time]")).to_have_text(re.compile(r"^0[45]:\d\d$"))
    shot(projector, "workshop-projector-lobby", animations="disabled")

    # The built-in plan opens with the agency pulse (the phone rates a statement, the
    # projector counts who answered), then the word-cloud warm-up, then the stories.
    _move(control, "ArrowRight", "pulse")
    _follows(phone, projector, "pulse")
    phone.locator('[data-pulse-statements] input[value="4"]').first.check()
    expect(projector.locator("[data-pulse-people]")).to_have_text("1")
    _move(control, "ArrowRight", "wordcloud")
    _follows(phone, projector, "wordcloud")

    # Stories: the phone writes one; R reveals the wall; J spotlights it, Esc ends it.
    _move(control, "ArrowRight", "stories")
    _follows(phone, projector, "stories")
    expect(projector.locator("[data-timer]")).not_to_have_attribute("data-state", "running")
    phone.get_by_label("Otsikko").fill("Bussikuski viittasi kyytiin")
    phone.get_by_label("Mitä tapahtui").fill(
        "Lippuautomaatti ei toiminut, mutta kuski päästi kyytiin."
    )
    phone.locator('.scale-option input[value="4"]').check()
    phone.get_by_label("Kasvokkain").check()
    phone.get_by_role("button", name="Lähetä tarina").click()
    expect(phone.locator("[data-my-stories] .story-card")).to_have_count(1)
    _press(control, "r")
    expect(projector.locator("[data-wall] .story-card")).to_have_count(1)
    _press(control, "j")
    expect(projector.locator("[data-spotlight]")).to_contain_text("Bussikuski viittasi kyytiin")
    expect(phone.locator("[data-spotlight-banner]")).to_be_visible()
    _press(control, "Escape")
    expect(projector.locator("[data-spotlight]")).to_be_hidden()
    shot(projector, "workshop-projector-stories", animations="disabled")

    # ← and → step back and forth through the plan.
    _move(control, "ArrowLeft", "wordcloud")
    _follows(phone, projector, "wordcloud")
    _move(control, "n", "stories")
    _follows(phone, projector, "stories")

    # Practices: the phone proposes one from its story; R reveals the practices.
    _move(control, "ArrowRight", "practices")
    _follows(phone, projector, "practices")
    form = phone.locator("[data-practice-form]")
    form.locator("#p-title").fill("Kuljettaja saa päättää")
    form.locator(".story-option input").first.check()
    form.locator('button[type="submit"]').click()
    expect(phone.locator("[data-my-practices] .practice-card")).to_have_count(1)
    _press(control, "r")
    expect(projector.locator("[data-practice-cards] .board-card")).to_have_count(1)
    shot(projector, "workshop-projector-practices", animations="disabled")

    # Voting: one dot from the phone; the projector counts voters, not dots.
    _move(control, "ArrowRight", "voting")
    _follows(phone, projector, "voting")
    phone.locator(".vote-card [data-add]").first.click()
    expect(projector.locator("[data-voters]")).to_have_text("1 / 1")
    shot(projector, "workshop-projector-voting", animations="disabled")
    # R shows every dot to the room, which cannot be undone: in voting it takes two presses.
    _press(control, "r")
    expect(control.locator("[data-keys-status]")).to_contain_text("Paina R uudelleen")
    assert not _votes_revealed(live_server, workshop_id)
    _press(control, "r")
    expect(control.locator("[data-votes-revealed-chip]")).to_be_visible()
    assert _votes_revealed(live_server, workshop_id)

    # Results: the ranking, revealed; Q lays the join QR over it for latecomers.
    _move(control, "ArrowRight", "results")
    _follows(phone, projector, "results")
    expect(projector.locator("[data-ranking] > li")).to_have_count(1)
    expect(projector.locator('[data-reveal-state="done"]')).to_have_count(1, timeout=15000)
    expect(phone.locator("[data-ranking-list] li").first).to_contain_text("Kuljettaja saa päättää")
    shot(projector, "workshop-projector-results", animations="disabled")
    _press(control, "q")
    expect(projector.locator("[data-qr-overlay]")).to_be_visible()
    shot(projector, "workshop-projector-qr", animations="disabled")
    _press(control, "q")
    expect(projector.locator("[data-qr-overlay]")).to_be_hidden()
    assert _phase_on_server(live_server, workshop_id) == "results"
    shot(control, "workshop-control-results", full_page=False)
