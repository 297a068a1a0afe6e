"""The projector follows the plan: the welcome, each phase's instruction, the phase timer
(counting, paused, time up), the join QR over everything, and the example stories, never
counted as the room's. Driven through the HTTP API with a facilitator's token, as the
control page or a script would."""

from __future__ import annotations

import re
from dataclasses import dataclass

import pytest
from flask_babel import force_locale, gettext
from playwright.sync_api import expect

from workshop.designs import services as designs
from workshop.designs.builtin_content import CONTENT
from workshop.facilitators import services as facilitators

FULL_HD = {"width": 1920, "height": 1080}
CLOCK = re.compile(r"^\d{2}:\d{2}$")  # 04:05, as on every screen


@dataclass
class Room:
    code: str
    key: str
    token: str


@pytest.fixture
def room(live_server, request) -> Room:
    """A Finnish workshop from the built-in template, and its owner's API token."""
    owner = live_server.facilitator(f"plan-{request.node.name[5:40].replace('_', '-')}@example.fi")
    with live_server.app.app_context():
        workshop = designs.start_workshop(owner, "Arvotyöpaja", "fi")
        _token, raw = facilitators.mint_api_token(owner, "projector test")
        return Room(workshop.code, workshop.projector_key, raw)


@pytest.fixture
def api(playwright, live_server, room):
    """Call the API as the facilitator (Bearer token, no cookie): every screen gets the event."""
    context = playwright.request.new_context(
        base_url=live_server.url, extra_http_headers={"Authorization": f"Bearer {room.token}"}
    )

    def call(method: str, path: str, body: dict | None = None):
        response = context.fetch(f"/api/v1/workshops/{room.code}{path}", method=method, data=body)
        assert response.ok, (path, response.status, response.text())
        return response

    yield call
    context.dispose()


def _words(live_server, msgid: str) -> str:
    """The projector's words for a msgid, in the workshop's language (Finnish)."""
    with live_server.app.test_request_context(), force_locale("fi"):
        return gettext(msgid)


def _projector(new_context, room: Room, *, clock: bool = False):
    page = new_context(viewport=FULL_HD).new_page()
    if clock:
        page.clock.install()  # time flows, and a test may jump it forward
    page.goto(f"/projector/{room.key}")
    expect(page.locator("body")).to_have_attribute("data-connection-state", "connected")
    return page


def test_the_welcome_and_a_timer_that_counts_pauses_and_ends(
    live_server, new_context, room, api, shot
):
    fi = CONTENT["fi"]
    page = _projector(new_context, room, clock=True)
    expect(page.locator("[data-plan-welcome]")).to_have_text(fi["welcome"])
    expect(page.locator("[data-lobby-step]")).to_have_text(fi["lobby"]["projector"])
    timer = page.locator("[data-timer]")
    time = page.locator("[data-timer-time]")
    expect(timer).to_be_hidden()

    # Started without seconds: the lobby's planned five minutes, counting down here.
    api("PUT", "/timer", {"action": "start"})
    expect(timer).to_be_visible()
    expect(timer).to_have_attribute("data-state", "running")
    expect(time).to_have_text(re.compile(r"^0[45]:\d{2}$"))
    first = time.inner_text()
    page.clock.fast_forward(2000)
    expect(time).not_to_have_text(first)
    expect(time).to_have_text(CLOCK)
    shot(page, "projector-plan-lobby-timer-1920x1080")

    # Paused: the time stands still, however long the pause.
    api("PUT", "/timer", {"action": "pause"})
    expect(timer).to_have_attribute("data-state", "paused")
    expect(page.locator("[data-timer-note]")).to_have_text(_words(live_server, "Paused"))
    frozen = time.inner_text()
    assert CLOCK.match(frozen)
    page.clock.fast_forward(5000)
    expect(time).to_have_text(frozen)
    expect(timer).to_have_attribute("data-state", "paused")

    # A short timer that locks at time up: the projector says so when it runs out.
    api("PUT", "/settings", {"locks_at_time_up": True})
    api("PUT", "/timer", {"action": "stop"})
    expect(timer).to_be_hidden()
    api("PUT", "/timer", {"action": "start", "seconds": 2})
    expect(timer).to_have_attribute("data-state", "running")
    page.clock.fast_forward(2500)
    expect(timer).to_have_attribute("data-state", "ended")
    up = page.locator(".projector-timer-up")
    expect(up).to_be_visible()
    expect(up).to_have_text(_words(live_server, "Time is up"))
    closed = _words(live_server, "Submissions are closed")
    expect(page.locator("[data-timer-note]")).to_have_text(closed)
    expect(time).to_be_hidden()
    shot(page, "projector-plan-time-up-1920x1080")

    # The end is stored: a reload still shows it (this time the server says "ended").
    page.reload()
    expect(page.locator("body")).to_have_attribute("data-connection-state", "connected")
    expect(timer).to_have_attribute("data-state", "ended")
    expect(up).to_be_visible()
    expect(page.locator("[data-timer-note]")).to_have_text(closed)


def test_the_qr_overlay_the_phase_words_and_the_examples(live_server, new_context, room, api, shot):
    fi = CONTENT["fi"]
    page = _projector(new_context, room)
    overlay = page.locator("[data-qr-overlay]")
    expect(overlay).to_be_hidden()

    # The join QR over whatever is shown, for latecomers, and away again.
    api("PUT", "/settings", {"is_qr_shown": True})
    expect(overlay).to_be_visible()
    expect(overlay.locator("svg")).to_be_visible()
    expect(overlay.locator(".qr-overlay-join-code")).to_have_attribute("aria-label", room.code)
    shot(page, "projector-plan-qr-overlay-1920x1080")
    api("PUT", "/settings", {"is_qr_shown": False})
    expect(overlay).to_be_hidden()

    # Each phase brings its own instruction under the title.
    api("PUT", "/phase", {"phase": "pulse"})  # the built-in plan opens with the pulse
    strapline = page.locator("[data-plan-instruction]")
    expect(strapline).to_have_text(fi["steps"][0]["projector"])
    api("PUT", "/phase", {"phase": "wordcloud"})  # then warms up
    expect(strapline).to_have_text(fi["steps"][1]["projector"])
    api("PUT", "/phase", {"phase": "stories"})
    expect(strapline).to_have_text(fi["steps"][2]["projector"])
    expect(page.locator("[data-plan-welcome]")).to_be_hidden()
    expect(page.locator("[data-wall-stats]")).to_contain_text("0 tarinaa · ")

    # The examples: on the wall, marked as examples, with their reading; counted nowhere.
    examples = page.locator("[data-examples]")
    expect(examples).to_have_count(0)
    api("PUT", "/settings", {"are_examples_shown": True})
    expect(examples).to_be_visible()
    expect(examples.locator(".projector-examples-badge")).to_have_text(
        _words(live_server, "Example")
    )
    first = fi["examples"][0]
    expect(examples.locator(".story-title")).to_have_text(first["title"])
    expect(examples.locator(".projector-example-reading-text")).to_have_text(first["reading"])
    # A long example turns its own pages ("1 / 11 · sivu 1 / 2") rather than shrink.
    expect(examples.locator(".projector-examples-page")).to_have_text(
        re.compile(rf"^1 / {len(fi['examples'])}( · sivu 1 / \d+)?$")
    )
    expect(page.locator("[data-wall-stats]")).to_contain_text("0 tarinaa · ")
    expect(page.locator("[data-wall] .story-card")).to_have_count(0)
    for n in range(1, 6):
        expect(page.locator(f'[data-dist-count="{n}"]')).to_have_text("0")
    assert page.locator("[data-private-count]").inner_text() == "0"
    shot(page, "projector-plan-stories-examples-1920x1080")

    # Off again: the wall is the room's own.
    api("PUT", "/settings", {"are_examples_shown": False})
    expect(examples).to_have_count(0)
    expect(page.locator("[data-wall-private]")).to_be_visible()


def test_examples_in_the_lobby_beside_the_way_in(live_server, new_context, room, api):
    page = _projector(new_context, room)
    api("PUT", "/settings", {"are_examples_shown": True})
    lobby = page.locator('[data-phase-view="lobby"]')
    expect(lobby.locator("[data-examples]")).to_be_visible()
    expect(lobby.locator(".projector-qr")).to_be_visible()
    expect(page.locator(".projector-code")).to_be_visible()
    expect(page.locator("[data-participant-count]")).to_have_text("0")
    # The way in stays whole on the screen beside the examples.
    assert page.evaluate(
        """() => [...document.querySelectorAll('.projector-qr, .projector-code, .projector-url')]
                 .every(el => el.getBoundingClientRect().bottom <= window.innerHeight
                             && el.getBoundingClientRect().right <= window.innerWidth)"""
    )


def test_a_deleted_workshop_says_so(live_server, new_context, room, api):
    page = _projector(new_context, room)
    api("DELETE", "")
    notice = page.locator("[data-deleted]")
    expect(notice).to_be_visible()
    expect(notice).to_contain_text(_words(live_server, "This workshop was deleted"))
