"""Finnish as the screens show it (issue 10, section 8): one author is "Kirjoittaja", several
are "Kirjoittajat"; every screen says "Yhteydessä" when connected."""

from __future__ import annotations

from playwright.sync_api import expect

from tests.browser.test_facilitator_practices import _card, _control_page, _room
from workshop.practices import merge


def test_a_practice_names_its_author_in_the_singular_and_its_authors_in_the_plural(
    live_server, new_context
):
    room = _room(live_server, "kirjoittaja@example.fi", "practices")
    first, second, third = room["practices"]
    with live_server.app.app_context():
        merge.merge(room["owner"], first, second)  # the one left has both authors
    page = _control_page(new_context, room, "kirjoittaja@example.fi")
    expect(page.locator("[data-connection]")).to_have_text("Yhteydessä")
    expect(_card(page, third).locator(".ctl-practice-meta")).to_contain_text("Kirjoittaja: Sanna")
    expect(_card(page, third).locator(".ctl-practice-meta")).not_to_contain_text("Kirjoittajat")
    both = _card(page, second).locator(".ctl-practice-meta")
    expect(both).to_contain_text("Kirjoittajat: ")
    expect(both).to_contain_text("Aino")
    expect(both).to_contain_text("Eero")


def test_the_phone_says_yhteydessa_when_connected(live_server, new_context):
    room = _room(live_server, "yhteys@example.fi", "practices")
    phone = new_context("Pixel 5", viewport={"width": 360, "height": 740}).new_page()
    phone.goto(f"/join/{room['code']}")
    phone.get_by_label("Nimesi").fill("Oona")
    phone.get_by_role("button", name="Liity").click()
    expect(phone.locator("body")).to_have_attribute("data-connection-state", "connected")
    assert phone.evaluate("() => Live.i18n.connected") == "Yhteydessä"
