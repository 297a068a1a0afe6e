"""The phone follows the plan: the phase's instruction, the timer and its lock, examples.

The facilitator acts through the HTTP API with a personal token, as a script would, so
the phone gets every change as a live event. Locators use data attributes and the
page's own words (its i18n block), not literal strings: the catalogue may change.
"""

from __future__ import annotations

import time

from flask_babel import force_locale
from playwright.sync_api import expect

from tests.browser.conftest import no_horizontal_overflow, run_axe
from workshop.designs import services as designs
from workshop.facilitators import services as facilitators
from workshop.workshops import plan
from workshop.workshops.timer import TimeIsUp

PHONE = {"viewport": {"width": 360, "height": 740}}


def _room(live_server, email: str) -> dict:
    """A workshop from the built-in template, and an API token of its owner."""
    owner = live_server.facilitator(email)
    with live_server.app.app_context():
        workshop = designs.start_workshop(owner, "Arvotyöpaja", "fi")
        _token, raw = facilitators.mint_api_token(owner, "browser test")
        return {
            "code": workshop.code,
            "plan": {**workshop.plan, "phases": plan.phase_texts(workshop)},
            "token": raw,
        }


def _api(playwright, live_server, room):
    return playwright.request.new_context(
        base_url=live_server.url, extra_http_headers={"Authorization": f"Bearer {room['token']}"}
    )


def _call(api, method: str, path: str, body: dict | None = None) -> dict | None:
    response = api.fetch(f"/api/v1/workshops/{path}", method=method, data=body)
    assert response.ok, (method, path, response.status, response.text())
    return response.json() if response.status != 204 else None


def _state(api, code: str) -> dict:
    return _call(api, "GET", f"{code}/state")


def _wait_for_server_timer(api, code: str, state: str) -> None:
    """Wait until the server itself says the timer is in this state."""
    deadline = time.monotonic() + 15
    while _state(api, code)["timer"]["state"] != state:
        assert time.monotonic() < deadline, f"the timer never became {state}"
        time.sleep(0.1)


def _join(context, code: str, name: str):
    phone = context.new_page()
    phone.goto(f"/join/{code}")
    phone.get_by_label("Nimesi").fill(name)
    phone.get_by_role("button", name="Liity").click()
    expect(phone.locator('[data-phase-view="lobby"]')).to_be_visible()
    expect(phone.locator("body")).to_have_attribute("data-connection-state", "connected")
    return phone


def _fill_story(form) -> None:
    form.locator("#s-title").fill("Bussikuski viittoi kyytiin")
    form.locator("#s-happened").fill("Lippuautomaatti ei lukenut korttia. Kuljettaja viittoi.")
    form.locator('input[name="agency"][value="5"]').check()
    form.locator('input[name="channel"][value="in_person"]').check()


def test_the_phone_follows_the_phase_the_timer_and_its_lock(
    live_server, new_context, playwright, shot
):
    room = _room(live_server, "plan-phone@example.fi")
    code, phases = room["code"], room["plan"]["phases"]
    api = _api(playwright, live_server, room)
    # axe needs its script in (CSP) and cards at rest: an arriving card fades in.
    context = new_context("Pixel 5", bypass_csp=True, reduced_motion="reduce", **PHONE)
    phone = _join(context, code, "Aino")
    words = phone.evaluate("() => Live.i18n.plan")
    brief = phone.locator("[data-phase-brief-text]")
    timer = phone.locator("[data-phone-timer]")
    form = phone.locator("[data-story-form]")
    submit = form.locator('button[type="submit"]')
    requested = []  # snapshots the phone asked for: an unknown sequenced event would add one
    phone.on(
        "websocket",
        lambda ws: ws.on(
            "framesent", lambda f: requested.append(1) if "request_snapshot" in str(f) else None
        ),
    )

    expect(brief).to_have_text(phases["lobby"]["phone"])
    expect(timer).to_be_hidden()
    expect(phone.locator("[data-examples]")).to_be_hidden()
    assert no_horizontal_overflow(phone)
    shot(phone, "phone-plan-lobby-360x740")

    # The phase moves on: the instruction changes by itself, no reload.
    phone.evaluate("() => { window.stillHere = true; }")
    _call(api, "PUT", f"{code}/phase", {"phase": "pulse"})  # the built-in plan opens with it
    expect(brief).to_have_text(phases["pulse"]["phone"])
    _call(api, "PUT", f"{code}/phase", {"phase": "wordcloud"})  # then the warm-up
    expect(brief).to_have_text(phases["wordcloud"]["phone"])
    _call(api, "PUT", f"{code}/phase", {"phase": "stories"})
    expect(brief).to_have_text(phases["stories"]["phone"])
    expect(phone.locator('[data-phase-view="stories"]')).to_be_visible()
    assert phone.evaluate("() => window.stillHere === true")
    _fill_story(form)

    # A two-second timer that locks: counted down here, then closed.
    _call(api, "PUT", f"{code}/settings", {"locks_at_time_up": True})
    requested.clear()
    _call(api, "PUT", f"{code}/timer", {"action": "start", "seconds": 2})
    expect(timer).to_have_attribute("data-state", "ended", timeout=10_000)
    expect(timer).to_contain_text(words["time_up"])
    expect(phone.locator("[data-time-up]")).to_have_text(words["closed"])
    expect(submit).to_be_disabled()
    expect(form.locator(".time-up-note")).to_be_visible()
    assert requested == [], "timer_changed made the phone resync"
    assert no_horizontal_overflow(phone)
    assert run_axe(phone) == []
    shot(phone, "phone-plan-time-up-360x740")

    # A story sent while offline meets the closed phase when it arrives: the server's
    # message is shown and the text stays, in the form and through a reload.
    _call(api, "PUT", f"{code}/timer", {"action": "add", "seconds": 60})
    expect(timer).to_have_attribute("data-state", "running")
    expect(submit).to_be_enabled()
    context.set_offline(True)
    submit.click()
    expect(form.locator("[data-form-status]")).to_have_text(
        phone.evaluate("() => Live.i18n.queued")
    )
    _call(api, "PUT", f"{code}/timer", {"action": "start", "seconds": 2})
    _wait_for_server_timer(api, code, "ended")
    context.set_offline(False)
    phone.evaluate("() => window.dispatchEvent(new Event('online'))")
    with live_server.app.test_request_context(), force_locale("fi"):
        refusal = str(TimeIsUp.message)
    expect(form.locator("[data-form-error]")).to_have_text(refusal)
    expect(form.locator("#s-title")).to_have_value("Bussikuski viittoi kyytiin")
    expect(phone.locator("body")).to_have_attribute("data-connection-state", "connected")
    expect(submit).to_be_disabled()
    assert _state(api, code)["stories"] == []
    phone.reload()
    expect(form.locator("#s-title")).to_have_value("Bussikuski viittoi kyytiin")
    expect(form.locator('input[name="agency"][value="5"]')).to_be_checked()
    expect(submit).to_be_disabled()

    # A minute more: the phone may send, and the story lands once.
    _call(api, "PUT", f"{code}/timer", {"action": "add"})
    expect(timer).to_have_attribute("data-state", "running")
    expect(submit).to_be_enabled()
    submit.click()
    expect(phone.locator("[data-my-stories] .story-card")).to_have_count(1)
    expect(form.locator("#s-title")).to_have_value("")
    assert [s["title"] for s in _state(api, code)["stories"]] == ["Bussikuski viittoi kyytiin"]

    # Examples shown: apart, marked, with their reading, and never counted.
    examples = room["plan"]["examples"]
    requested.clear()
    _call(api, "PUT", f"{code}/settings", {"are_examples_shown": True})
    box = phone.locator("[data-examples]")
    expect(box).to_be_visible()
    assert requested == [], "showing the examples made the phone resync"
    box.locator("summary").click()
    cards = box.locator(".story-card.is-example")
    expect(cards).to_have_count(len(examples))
    expect(cards.first.locator(".example-mark")).to_have_text(words["example"])
    expect(cards.first.locator(".story-title")).to_have_text(examples[0]["title"])
    expect(cards.first.locator(".example-reading")).to_contain_text(examples[0]["reading"])
    expect(phone.locator("[data-my-stories] .story-card")).to_have_count(1)
    expect(phone.locator("[data-other-stories] .story-card")).to_have_count(0)
    assert len(_state(api, code)["stories"]) == 1
    assert no_horizontal_overflow(phone)
    assert run_axe(phone) == []
    phone.evaluate("() => window.scrollTo(0, 0)")
    expect(timer).to_have_attribute("data-state", "running")
    shot(phone, "phone-plan-stories-timer-examples-360x740")

    # Hidden again: gone from the phone.
    _call(api, "PUT", f"{code}/settings", {"are_examples_shown": False})
    expect(box).to_be_hidden()
    api.dispose()


def test_drafts_survive_phase_switches_and_reloads(live_server, new_context, playwright):
    room = _room(live_server, "plan-drafts@example.fi")
    code, phases = room["code"], room["plan"]["phases"]
    api = _api(playwright, live_server, room)
    phone = _join(new_context("Pixel 5", **PHONE), code, "Eero")
    brief = phone.locator("[data-phase-brief-text]")
    _call(api, "PUT", f"{code}/phase", {"phase": "pulse"})
    _call(api, "PUT", f"{code}/phase", {"phase": "wordcloud"})
    _call(api, "PUT", f"{code}/phase", {"phase": "stories"})
    story = phone.locator("[data-story-form]")
    _fill_story(story)

    _call(api, "PUT", f"{code}/phase", {"phase": "practices"})
    expect(brief).to_have_text(phases["practices"]["phone"])
    practice = phone.locator("[data-practice-form]")
    practice.locator("#p-title").fill("Kuljettaja saa päättää")
    _call(api, "PUT", f"{code}/phase", {"phase": "stories"})
    expect(brief).to_have_text(phases["stories"]["phone"])
    expect(story.locator("#s-title")).to_have_value("Bussikuski viittoi kyytiin")
    phone.reload()
    expect(story.locator("#s-title")).to_have_value("Bussikuski viittoi kyytiin")
    expect(story.locator('input[name="channel"][value="in_person"]')).to_be_checked()

    _call(api, "PUT", f"{code}/phase", {"phase": "practices"})
    expect(practice.locator("#p-title")).to_have_value("Kuljettaja saa päättää")
    phone.reload()
    expect(brief).to_have_text(phases["practices"]["phone"])
    expect(practice.locator("#p-title")).to_have_value("Kuljettaja saa päättää")

    # Deleted: the phone says so and forgets the drafts; it does not dial again. (Once the
    # reloaded page is connected: a page still connecting is refused instead.)
    expect(phone.locator("body")).to_have_attribute("data-connection-state", "connected")
    _call(api, "DELETE", code)
    expect(phone.locator("body")).to_have_attribute("data-deleted", "true")
    expect(phone.locator(".phone-deleted h1")).to_have_text(
        phone.evaluate("() => Live.i18n.plan.deleted")
    )
    expect(phone.locator("[data-story-form]")).to_have_count(0)
    assert (
        phone.evaluate(
            "() => Object.keys(localStorage).filter(k => k.endsWith(':' + document.body.dataset.code))"
        )
        == []
    )
    api.dispose()
