"""The control page runs the room: the phase strip, the timer, the shortcuts, the QR toggle.

Selectors use data attributes, not words: the page must read the same in Finnish and English.
Every step waits for a state the page shows, then checks the server's.
"""

from __future__ import annotations

import re

from playwright.sync_api import expect

from tests.browser.conftest import no_horizontal_overflow, sign_in
from tests.conftest import story, walk
from workshop.designs import services as designs
from workshop.extensions import db
from workshop.participants import services as participants
from workshop.stories import services as stories
from workshop.workshops import admin, timer
from workshop.workshops import services as workshops
from workshop.workshops.models import Workshop


def _room(live_server, email: str) -> dict:
    """A workshop from the built-in template, in stories, with two people and a story."""
    owner = live_server.facilitator(email)
    with live_server.app.app_context():
        workshop = designs.start_workshop(owner, "Ajastettu työpaja", "fi")
        walk(owner, workshop.id, "stories")
        people = [participants.join(workshop.code, name)[0].id for name in ("Aino", "Eero")]
        stories.post_story(people[0], story(), "s1")
        return {"owner": owner, "id": workshop.id, "code": workshop.code}


def _server(live_server, room: dict) -> tuple[str, dict, dict]:
    """The workshop's phase, timer and settings as the server has them now."""
    with live_server.app.app_context():
        workshop = db.session.get(Workshop, room["id"])
        return (
            workshop.phase,
            timer.timer_json(workshop),
            workshops.settings_json(workshop),
        )


def _control_page(new_context, room: dict, email: str, **options):
    page = new_context(**{"viewport": {"width": 1366, "height": 900}, **options}).new_page()
    sign_in(page, email)
    page.goto(f"/workshops/{room['id']}")
    expect(page.locator("body")).to_have_attribute("data-connection-state", "connected")
    expect(page.locator("[data-timer]")).to_be_visible()  # shown once the snapshot told its state
    return page


def _clock(seconds: int) -> str:
    return f"{seconds // 60:02d}:{seconds % 60:02d}"


def test_the_facilitator_runs_the_timer_and_the_phase_from_the_keyboard(
    live_server, new_context, shot
):
    email = "timer@example.fi"
    room = _room(live_server, email)
    page = _control_page(new_context, room, email)
    box = page.locator("[data-timer]")
    clock = page.locator("[data-timer-clock]")
    keys = page.locator("[data-keys]")
    expect(keys).to_be_visible()
    expect(keys.locator("kbd").first).to_be_visible()
    forward = page.locator('[data-phase-form][data-way="forward"] button')
    expect(forward).to_have_attribute("aria-keyshortcuts", "ArrowRight N")
    expect(box).to_have_attribute("data-state", "stopped")
    # The stories phase of the built-in plan: 15 minutes, and its instruction for the room.
    expect(page.locator("[data-timer-minutes]")).to_have_value("15")
    expect(page.locator("[data-phase-instruction]")).not_to_be_empty()

    # Start with the button: the countdown runs.
    page.locator("[data-timer-toggle]").click()
    expect(box).to_have_attribute("data-state", "running")
    phase, state, _settings = _server(live_server, room)
    assert state["state"] == "running"
    assert 14 * 60 < state["seconds_left"] <= 15 * 60
    first = clock.text_content()
    expect(clock).not_to_have_text(first, timeout=5000)  # it ticks down by itself
    shot(page, "control-timer-running-1366x900")

    # Space pauses it, when no button has the focus (a focused button takes Space itself).
    page.evaluate("() => document.activeElement && document.activeElement.blur()")
    page.keyboard.press("Space")
    expect(box).to_have_attribute("data-state", "paused")
    expect(page.locator("[data-keys-status]")).not_to_be_empty()
    phase, state, _settings = _server(live_server, room)
    assert state["state"] == "paused"
    paused_left = state["seconds_left"]
    expect(clock).to_have_text(_clock(paused_left))

    # A minute more, still paused.
    page.locator("[data-timer-add]").click()
    expect(clock).to_have_text(_clock(paused_left + 60))
    phase, state, _settings = _server(live_server, room)
    assert (state["state"], state["seconds_left"]) == ("paused", paused_left + 60)

    # → asks first: moving on closes story writing. Nothing moves until it is confirmed.
    page.evaluate("() => document.activeElement && document.activeElement.blur()")
    page.keyboard.press("ArrowRight")
    confirm = page.locator("[data-phase-confirm]")
    expect(confirm).to_be_visible()
    expect(page.locator("[data-confirm-yes]")).to_be_focused()
    assert _server(live_server, room)[0] == "stories"
    page.keyboard.press("Enter")
    expect(page.locator("body")).to_have_attribute("data-phase", "practices")
    expect(confirm).to_be_hidden()
    phase, state, _settings = _server(live_server, room)
    assert phase == "practices"
    assert state["state"] == "stopped"  # a timer belongs to its phase
    expect(box).to_have_attribute("data-state", "stopped")
    expect(page.locator("[data-timer-minutes]")).to_have_value("20")
    expect(page.locator('[data-phase-steps] [data-step="practices"]')).to_have_class(
        re.compile(r"\bis-current\b")
    )

    # Q shows the join QR on the projector, and hides it again.
    qr = page.locator('[data-setting-toggle][name="is_qr_shown"]')
    expect(qr).not_to_be_checked()
    page.keyboard.press("q")
    expect(qr).to_be_checked()
    page.wait_for_function("() => Control.store.workshop.is_qr_shown === true")
    assert _server(live_server, room)[2]["is_qr_shown"] is True
    page.keyboard.press("q")
    expect(qr).not_to_be_checked()
    page.wait_for_function("() => Control.store.workshop.is_qr_shown === false")
    assert _server(live_server, room)[2]["is_qr_shown"] is False


def test_the_shortcuts_wait_while_typing(live_server, new_context):
    email = "typing@example.fi"
    room = _room(live_server, email)
    page = _control_page(new_context, room, email)
    minutes = page.locator("[data-timer-minutes]")
    minutes.fill("")
    minutes.press_sequentially("7")
    page.keyboard.press("t")  # typed into the field, not a shortcut
    page.keyboard.press("ArrowRight")
    expect(page.locator("[data-phase-confirm]")).to_be_hidden()
    assert _server(live_server, room)[1]["state"] == "stopped"
    # The field's minutes start the timer.
    page.locator("[data-timer-toggle]").click()
    expect(page.locator("[data-timer]")).to_have_attribute("data-state", "running")
    assert 6 * 60 < _server(live_server, room)[1]["seconds_left"] <= 7 * 60


def test_a_co_facilitators_timer_shows_live_and_the_phone_size_fits(live_server, new_context, shot):
    email = "owner-run@example.fi"
    room = _room(live_server, email)
    co = live_server.facilitator("co-run@example.fi")
    with live_server.app.app_context():
        admin.add_co_facilitator(room["owner"], room["id"], "co-run@example.fi")
    page = _control_page(
        new_context, room, email, viewport={"width": 360, "height": 740}, has_touch=True
    )
    box = page.locator("[data-timer]")
    expect(box).to_have_attribute("data-state", "stopped")
    with live_server.app.app_context():  # the other facilitator, on another machine
        timer.change_timer(co, room["id"], "start", 120)
    expect(box).to_have_attribute("data-state", "running")
    expect(page.locator("[data-timer-clock]")).to_have_text(re.compile(r"^0[12]:\d\d$"))
    with live_server.app.app_context():
        timer.change_timer(co, room["id"], "pause")
    expect(box).to_have_attribute("data-state", "paused")
    assert no_horizontal_overflow(page)
    buttons = page.locator(".ctl-timer-buttons .button, [data-phase-form]:not([hidden]) .button")
    expect(buttons).to_have_count(6)  # start, +1 min, stop; on, back, close the workshop
    for button in buttons.all():
        rect = button.bounding_box()
        assert rect["height"] >= 44 and rect["x"] >= 0 and rect["x"] + rect["width"] <= 360
    shot(page, "control-timer-phone-360x740", full_page=True)
