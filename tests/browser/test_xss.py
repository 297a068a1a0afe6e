"""The XSS corpus on real screens: the projector and a phone render every payload, run none."""

from __future__ import annotations

from playwright.sync_api import expect

from tests.stories.xss_corpus import corpus
from workshop.participants import services as participants
from workshop.stories import services as stories
from workshop.stories import spotlight
from workshop.workshops import services as workshops


def _hooked(page, executed: list[str]):
    page.on(
        "dialog", lambda dialog: (executed.append(f"dialog: {dialog.message}"), dialog.dismiss())
    )
    page.on(
        "console",
        lambda message: (
            executed.append(f"console: {message.text}")
            if "alert" in message.text or "xss" in message.text.lower()
            else None
        ),
    )
    page.on("pageerror", lambda error: executed.append(f"pageerror: {error}"))
    return page


def test_no_payload_runs_on_the_projector_or_a_phone(live_server, new_context):
    owner = live_server.facilitator("xss-browser@example.fi")
    workshop_id, code, key = live_server.workshop(owner, "<script>alert('title')</script>")
    payloads = corpus()
    # Every payload must reach both screens, so the snapshot's window holds the whole corpus
    # (the paging of older stories is tested in test_volume with the same card renderer).
    live_server.app.config["SNAPSHOT_STORIES"] = len(payloads)
    try:
        _post_and_look(live_server, owner, workshop_id, code, key, payloads, new_context)
    finally:
        live_server.app.config["SNAPSHOT_STORIES"] = 100


def _post_and_look(live_server, owner, workshop_id, code, key, payloads, new_context):
    with live_server.app.app_context():
        workshops.change_phase(owner, workshop_id, "stories")
        # One participant posts the whole corpus: past a real one's cap on purpose.
        workshops.change_settings(owner, workshop_id, {"stories_per_participant": 1000})
        author = participants.join(code, "<img src=x onerror=alert('name')>")[0].id
        for number, payload in enumerate(payloads):
            stories.post_story(
                author,
                {
                    "title": payload[:120],
                    "happened": payload,
                    "staff_did": payload,
                    "could_do": payload,
                    "agency": 3,
                    "channel": "online",
                    "place": payload[:80],
                },
                f"xss-{number}",
            )
        stories.reveal(owner, workshop_id)
        first = stories.visible_stories(workshops.workshop_by_code(code), None)[0].id
        spotlight.spotlight(owner, workshop_id, first)

    executed: list[str] = []
    wall = _hooked(new_context(viewport={"width": 1920, "height": 1080}).new_page(), executed)
    wall.goto(f"/projector/{key}")
    expect(wall.locator("[data-wall] .story-card")).to_have_count(len(payloads))
    wall.evaluate("() => alert('probe')")  # the hook itself must catch a real alert
    assert executed == ["dialog: probe"]
    executed.clear()
    expect(wall.locator("[data-spotlight] .story-title")).to_be_visible()

    phone = _hooked(new_context("Pixel 5").new_page(), executed)
    phone.goto(f"/join/{code}")
    phone.get_by_role("button", name="Liity").click()
    expect(phone.locator("[data-other-stories] .story-card")).to_have_count(len(payloads))
    phone.mouse.wheel(0, 200_000)  # scroll through everything, so lazy things would load
    wall.wait_for_timeout(1500)
    phone.wait_for_timeout(500)

    assert executed == []
    for page in (wall, phone):
        assert (
            page.evaluate(
                "() => document.querySelectorAll('.story-card script, .story-card img, .story-card iframe, .story-card svg, .story-card style, .story-card [onerror], .story-card [onclick]').length"
            )
            == 0
        )
