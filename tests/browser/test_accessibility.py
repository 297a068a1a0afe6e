"""axe-core on the projector, phone and facilitator pages: no serious or critical violation."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import run_axe, sign_in
from tests.conftest import PASSWORD


@pytest.fixture
def room(live_server):
    owner = live_server.facilitator("axe@example.fi")
    workshop_id, code, key = live_server.workshop(owner, "Saavutettavuus")
    return workshop_id, code, key


@pytest.fixture
def audit_context(new_context):
    # axe is injected as a script: let it past the page's CSP for the audit only.
    return lambda device=None, **kwargs: new_context(device, bypass_csp=True, **kwargs)


def test_projector_page(audit_context, room):
    _id, _code, key = room
    context = audit_context(viewport={"width": 1920, "height": 1080})
    page = context.new_page()
    page.goto(f"/projector/{key}")
    expect(page.locator("body")).to_have_attribute("data-connection-state", "connected")
    assert run_axe(page) == []


def test_phone_pages(audit_context, room):
    _id, code, _key = room
    context = audit_context("Pixel 5")
    page = context.new_page()
    page.goto("/")
    assert run_axe(page) == []
    page.goto(f"/join/{code}")
    page.get_by_role("button", name="Liity").click()
    expect(page.locator("body")).to_have_attribute("data-connection-state", "connected")
    assert run_axe(page) == []


def test_facilitator_pages(audit_context, room):
    workshop_id, _code, _key = room
    context = audit_context(viewport={"width": 1440, "height": 900})
    page = context.new_page()
    page.goto("/login")
    assert run_axe(page) == []
    page.get_by_label("Sähköposti").fill("axe@example.fi")
    page.get_by_label("Salasana").fill(PASSWORD)
    page.get_by_role("button", name="Kirjaudu sisään").click()
    assert run_axe(page) == []
    page.goto(f"/workshops/{workshop_id}")
    expect(page.locator("body")).to_have_attribute("data-connection-state", "connected")
    assert run_axe(page) == []
    page.goto("/account")
    assert run_axe(page) == []


def test_story_views(audit_context, live_server, shot):
    from tests.browser.test_stories import _seed

    key = _seed(live_server, 6, "axe-stories@example.fi")
    projector = audit_context(viewport={"width": 1920, "height": 1080}).new_page()
    projector.goto(f"/projector/{key}")
    expect(projector.locator("[data-wall] .story-card").first).to_be_visible()
    assert run_axe(projector) == []

    with live_server.app.app_context():
        from workshop.workshops import services as workshops

        workshop = workshops.workshop_by_projector_key(key)
        code, workshop_id = workshop.code, workshop.id
    phone = audit_context("Pixel 5").new_page()
    phone.goto(f"/join/{code}")
    phone.get_by_role("button", name="Liity").click()
    expect(phone.get_by_role("heading", name="Kerro palvelutarina")).to_be_visible()
    expect(phone.locator("[data-other-stories] .story-card").first).to_be_visible()
    assert run_axe(phone) == []

    facilitator = audit_context(viewport={"width": 1440, "height": 900}).new_page()
    sign_in(facilitator, "axe-stories@example.fi")
    facilitator.goto(f"/workshops/{workshop_id}")
    expect(facilitator.locator("[data-stories] .story-card")).to_have_count(6)
    assert run_axe(facilitator) == []
    shot(facilitator, "facilitator-stories-1440x900", full_page=True)
