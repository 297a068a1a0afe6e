"""The control page runs any plan: a facilitator clicks a workshop through a plan that runs
one activity twice (word cloud, stories, stories, voting, results), with one step back,
to closed; the projector and a phone follow each step, the three screens count the timer
down alike (04:05), and a step added to the plan during the workshop shows on the control
page without a reload.

Selectors are data attributes; the words checked are the Finnish ones a facilitator reads.
"""

from __future__ import annotations

import re

from playwright.sync_api import expect

from tests.browser.conftest import no_horizontal_overflow, run_axe, sign_in
from workshop.designs import services as designs
from workshop.facilitators import services as facilitators

PLAN = ["wordcloud", "stories", "stories", "voting", "results"]
ADDED = "wordcloud"  # the step added while the workshop runs: a closing round of words
NAMES = {
    "lobby": "Aula",
    "wordcloud": "Sanapilvi",
    "stories": "Tarinat",
    "voting": "Äänestys",
    "results": "Tulokset",
}
PHONE = {"viewport": {"width": 360, "height": 740}}
CLOCK = re.compile(r"^0\d:\d\d$")


def _step(i: int, key: str) -> dict:
    step = {
        "activity": key,
        "projector": f"Vaihe {i + 1}: {NAMES[key]} valkokankaalle",
        "phone": f"Vaihe {i + 1}: {NAMES[key]} puhelimeen",
        "minutes": 5 + i,
    }
    if key == "voting":
        step["settings"] = {"on_stories": True}
    return step


def _room(live_server, email: str) -> dict:
    owner = live_server.facilitator(email)
    with live_server.app.app_context():
        workshop = designs.start_workshop(owner, "Kulku suunnitelmasta", "fi")
        _token, raw = facilitators.mint_api_token(owner, "browser test")
        return {
            "id": workshop.id,
            "code": workshop.code,
            "key": workshop.projector_key,
            "token": raw,
        }


def _put_plan(api, room: dict, keys: list[str]) -> None:
    steps = [_step(i, key) for i, key in enumerate(keys)]
    response = api.put(f"/api/v1/workshops/{room['code']}/plan", data={"steps": steps})
    assert response.ok, response.text()


def _visible_views(page) -> list[str]:
    """The [data-phase-view] sections the page shows now."""
    return page.evaluate(
        """() => [...document.querySelectorAll('[data-phase-view]')]
            .filter((el) => el.checkVisibility()).map((el) => el.dataset.phaseView)"""
    )


def _follows(page, phase: str) -> None:
    """The screen shows its views of this phase, and none of another."""
    expect(page.locator(f'[data-phase-view~="{phase}"]:visible').first).to_be_visible()
    views = _visible_views(page)
    assert views and all(phase in view.split() for view in views), (phase, views)


def _expect_flow(page, keys: list[str], here: int) -> None:
    """The step list and the move buttons for position `here` (-1 the lobby)."""
    items = page.locator("[data-phase-steps] li")
    expect(items).to_have_count(len(keys) + 1)
    for n, key in enumerate(["lobby", *keys]):
        item = items.nth(n)
        expect(item).to_have_attribute("data-step", key)
        expect(item.locator(".ctl-step-name")).to_have_text(NAMES[key])
        if n - 1 < here:
            expect(item).to_have_class(re.compile(r"\bis-done\b"))
        elif n - 1 == here:
            expect(item).to_have_class(re.compile(r"\bis-current\b"))
            expect(item).to_have_attribute("aria-current", "step")
        else:
            expect(item).not_to_have_class(re.compile(r"\bis-(done|current)\b"))
    forward = page.locator('[data-phase-form][data-way="forward"] button')
    back = page.locator('[data-phase-form][data-way="back"] button')
    if here + 1 < len(keys):
        word = "Aloita" if here < 0 else "Seuraavaksi"
        expect(forward).to_have_text(f"{word}: {here + 2}. {NAMES[keys[here + 1]]}")
    else:
        expect(forward).to_have_count(0)
    if here == 0:
        expect(back).to_have_text("Takaisin aulaan")
    elif here > 0:
        expect(back).to_have_text(f"Takaisin: {here}. {NAMES[keys[here - 1]]}")
    else:
        expect(back).to_have_count(0)


def _press(page, way: str) -> None:
    """Press a move; answer the question in the page where the move asks one."""
    form = "[data-phase-form].is-last" if way == "close" else f'[data-phase-form][data-way="{way}"]'
    page.locator(f"{form} button").click()
    confirm = page.locator("[data-phase-confirm]")
    if confirm.is_visible():
        page.locator("[data-confirm-yes]").click()


def _at(pages: dict, keys: list[str], here: int) -> None:
    """Every screen is at step `here`: the control page's flow, the projector, the phone."""
    control = pages["control"]
    phase = "lobby" if here < 0 else keys[here]
    expect(control.locator("body")).to_have_attribute("data-phase", phase)
    expect(control.locator("body")).to_have_attribute(
        "data-step-index", "" if here < 0 else str(here)
    )
    _expect_flow(control, keys, here)
    for name in ("projector", "phone"):
        _follows(pages[name], phase)
    if here >= 0:  # the words of this very step (a plan may run one activity twice)
        text = _step(here, keys[here])
        expect(control.locator("[data-phase-instruction]")).to_have_text(text["projector"])
        expect(pages["projector"].locator("[data-plan-instruction]")).to_have_text(
            text["projector"]
        )
        expect(pages["phone"].locator("[data-phase-brief-text]")).to_have_text(text["phone"])
        expect(control.locator("[data-timer-minutes]")).to_have_value(str(text["minutes"]))


def _shown_panels(page) -> list[str]:
    return page.evaluate(
        """() => [...document.querySelectorAll('[data-panels] > [data-panel]')]
            .filter((el) => !el.hidden).map((el) => el.dataset.panel)"""
    )


def test_the_control_page_runs_a_plan_with_one_activity_twice(
    live_server, new_context, playwright, shot
):
    email = "flow@example.fi"
    room = _room(live_server, email)
    api = playwright.request.new_context(
        base_url=live_server.url, extra_http_headers={"Authorization": f"Bearer {room['token']}"}
    )
    _put_plan(api, room, PLAN)
    keys = list(PLAN)

    projector = new_context(viewport={"width": 1920, "height": 1080}).new_page()
    projector.goto(f"/projector/{room['key']}")
    phone = new_context("Pixel 5", reduced_motion="reduce", **PHONE).new_page()
    phone.goto(f"/join/{room['code']}")
    phone.get_by_label("Nimesi").fill("Liisa")
    phone.get_by_role("button", name="Liity").click()
    control = new_context(viewport={"width": 1440, "height": 900}, bypass_csp=True).new_page()
    sign_in(control, email)
    control.goto(f"/workshops/{room['id']}")
    expect(control.locator("body")).to_have_attribute("data-connection-state", "connected")
    pages = {"control": control, "projector": projector, "phone": phone}

    _at(pages, keys, -1)
    # No practices in this plan: their panel is hidden; the stories' opens with their step.
    assert _shown_panels(control) == ["stories", "voting", "results"]

    for here in range(0, 3):  # the word cloud, the first stories, the second stories
        _press(control, "forward")
        _at(pages, keys, here)

    # One step back, from the second stories to the first (the step index tells them
    # apart), with the shortcut: ← asks in the page, Enter answers.
    control.evaluate("() => document.activeElement && document.activeElement.blur()")
    control.keyboard.press("ArrowLeft")
    expect(control.locator("[data-confirm-yes]")).to_be_focused()
    expect(control.locator("[data-confirm-text]")).to_contain_text("2. Tarinat")
    control.keyboard.press("Enter")
    _at(pages, keys, 1)
    _press(control, "forward")
    _at(pages, keys, 2)
    assert _shown_panels(control)[0] == "stories"

    # The timer, started on the control page, reads the same on all three screens: 0X:XX.
    control.locator("[data-timer-toggle]").click()
    expect(control.locator("[data-timer]")).to_have_attribute("data-state", "running")
    expect(control.locator("[data-timer-clock]")).to_have_text(CLOCK)
    expect(projector.locator("[data-timer-time]")).to_have_text(CLOCK)
    expect(phone.locator("[data-phone-timer] [data-timer-clock]")).to_have_text(CLOCK)
    assert control.locator("[data-timer-clock]").text_content().startswith("07:")
    shot(control, "control-flow-1440x900")
    assert run_axe(control) == []

    # A step added to the plan during the workshop: the control page shows it at once.
    keys.append(ADDED)
    _put_plan(api, room, keys)
    expect(control.locator("[data-phase-steps] li")).to_have_count(len(keys) + 1)
    _at(pages, keys, 2)
    expect(control.locator("body")).to_have_attribute("data-connection-state", "connected")

    for here in range(3, len(keys)):  # voting, results, the closing word cloud
        _press(control, "forward")
        _at(pages, keys, here)
        if keys[here] == "voting":
            assert _shown_panels(control)[0] == "voting"
    assert run_axe(control) == []

    # Closing: the last move; every step is done, no move is left, the timer goes.
    _press(control, "close")
    expect(control.locator("body")).to_have_attribute("data-phase", "closed")
    expect(control.locator("[data-phase-steps] li.is-done")).to_have_count(len(keys) + 1)
    expect(control.locator("[data-phase-form]:visible")).to_have_count(0)
    expect(control.locator("[data-timer]")).to_be_hidden()
    for name in ("projector", "phone"):
        _follows(pages[name], "closed")
    assert run_axe(control) == []


def test_the_flow_fits_a_phone_and_passes_axe(live_server, new_context, playwright, shot):
    email = "flow-phone@example.fi"
    room = _room(live_server, email)
    api = playwright.request.new_context(
        base_url=live_server.url, extra_http_headers={"Authorization": f"Bearer {room['token']}"}
    )
    _put_plan(api, room, [*PLAN, ADDED])
    for here, key in enumerate(PLAN[:3]):
        moved = api.put(
            f"/api/v1/workshops/{room['code']}/phase", data={"phase": key, "step": here}
        )
        assert moved.ok, moved.text()
    page = new_context(bypass_csp=True, has_touch=True, **PHONE).new_page()
    sign_in(page, email)
    page.goto(f"/workshops/{room['id']}")
    expect(page.locator("body")).to_have_attribute("data-connection-state", "connected")
    _expect_flow(page, [*PLAN, ADDED], 2)
    page.locator("[data-timer-toggle]").click()
    expect(page.locator("[data-timer-clock]")).to_have_text(CLOCK)
    assert no_horizontal_overflow(page)
    for button in page.locator("[data-phase-form]:not([hidden]) .button").all():
        box = button.bounding_box()
        assert box["height"] >= 44 and box["x"] >= 0 and box["x"] + box["width"] <= 360
    page.evaluate("() => window.scrollTo(0, 0)")
    shot(page, "control-flow-360x740")
    shot(page, "control-flow-360x740-full", full_page=True)
    assert run_axe(page) == []
