"""Joining an anonymous workshop from a phone: the page asks for no name and says that
nobody, the facilitator included, will see one."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import run_axe
from workshop.workshops import services as workshops


@pytest.mark.parametrize(
    ("language", "join", "note"),
    [
        ("fi", "Liity", "fasilitaattori mukaan lukien"),
        ("en", "Join", "the facilitator included"),
    ],
)
def test_the_join_page_of_an_anonymous_workshop_asks_for_no_name(
    live_server, new_context, shot, language, join, note
):
    owner = live_server.facilitator("anonymous-join@example.fi")
    workshop_id, code, _key = live_server.workshop(owner, "Nimetön työpaja", language)
    with live_server.app.app_context():
        workshops.change_settings(owner, workshop_id, {"is_anonymous": True})
    page = new_context("Pixel 5", bypass_csp=True).new_page()
    page.goto(f"/join/{code}")
    expect(page.locator("[data-anonymous-note]")).to_contain_text(note)
    expect(page.locator("input[name=display_name]")).to_have_count(0)
    shot(page, f"join-anonymous-{language}")
    assert run_axe(page) == []
    page.get_by_role("button", name=join).click()
    expect(page.locator("body")).to_have_attribute("data-connection-state", "connected")
