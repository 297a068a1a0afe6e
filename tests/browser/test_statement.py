"""The accessibility statement: both languages, linked from the footer of every page but the
projector's, and axe at every level finds nothing on it."""

from __future__ import annotations

from playwright.sync_api import expect

from tests.browser.conftest import run_axe, sign_in
from workshop.charter import services as sharing
from workshop.workshops import services as workshops

FOOTER_LINK = "footer a[href^='/accessibility']"


def test_the_statement_reads_in_both_languages_and_axe_finds_nothing(new_context, shot):
    found = {}
    for language, heading, limits in [
        ("fi", "Saavutettavuusseloste", "Tunnetut puutteet"),
        ("en", "Accessibility statement", "Known limits"),
    ]:
        for device, size in [("Pixel 5", "phone"), (None, "desktop")]:
            options = {"viewport": {"width": 1280, "height": 900}} if device is None else {}
            page = new_context(device, bypass_csp=True, **options).new_page()
            page.goto(f"/accessibility?lang={language}")
            expect(page.locator("html")).to_have_attribute("lang", language)
            expect(page.locator("h1")).to_have_text(heading)
            expect(page.get_by_role("heading", name=limits)).to_be_visible()
            assert "WCAG 2.1" in page.locator("main").inner_text()
            found[f"{language} {size}"] = run_axe(page)
            assert page.evaluate(  # nothing wider than the screen, no heading cut
                """() => document.documentElement.scrollWidth <= window.innerWidth
                  && [...document.querySelectorAll('main h1, main h2, main p, main li')]
                    .every(e => e.scrollWidth <= e.clientWidth
                      && e.getBoundingClientRect().right <= window.innerWidth)"""
            )
            shot(page, f"statement-{language}-{size}", full_page=True)
    assert found == {name: [] for name in found}


def test_every_page_but_the_projector_links_to_the_statement(live_server, new_context, shot):
    owner = live_server.facilitator("statement@example.fi")
    workshop_id, code, key = live_server.workshop(owner, "Seloste")
    with live_server.app.test_request_context():  # the link is made absolute
        workshops.change_phase(owner, workshop_id, "stories")
        share_key = sharing.share(owner, workshop_id).share_key
    phone = new_context("Pixel 5").new_page()
    pages = {}
    phone.goto("/")
    pages["join"] = phone.locator(FOOTER_LINK)
    expect(pages["join"]).to_have_text("Saavutettavuusseloste")
    box = pages["join"].bounding_box()
    assert box["height"] >= 44  # a tap target on a phone
    shot(phone, "join-footer-pixel5", full_page=True)
    phone.goto(f"/join/{code}")
    phone.locator("form button[type=submit]").click()
    expect(phone.locator("body")).to_have_attribute("data-connection-state", "connected")
    expect(phone.locator(FOOTER_LINK)).to_have_count(1)
    shot(phone, "phone-footer-pixel5", full_page=True)
    phone.goto("/w/NOSUCH")  # an error page
    expect(phone.locator(FOOTER_LINK)).to_have_count(1)
    phone.goto(f"/charter/{share_key}")
    expect(phone.locator(FOOTER_LINK)).to_have_count(1)  # the results link

    desk = new_context(viewport={"width": 1366, "height": 900}).new_page()
    desk.goto("/login")
    expect(desk.locator(FOOTER_LINK)).to_have_count(1)
    sign_in(desk, "statement@example.fi")
    for path in ["/workshops", f"/workshops/{workshop_id}", "/account"]:
        desk.goto(path)
        expect(desk.locator(FOOTER_LINK)).to_have_count(1)
    desk.goto(f"/workshops/{workshop_id}")
    desk.locator(FOOTER_LINK).click()
    expect(desk.locator("h1")).to_have_text("Saavutettavuusseloste")

    # The projector is a wall with no controls: no link on it, by decision.
    projector = new_context(viewport={"width": 1920, "height": 1080}).new_page()
    projector.goto(f"/projector/{key}")
    expect(projector.locator("body")).to_have_attribute("data-connection-state", "connected")
    expect(projector.locator("a, .site-footer")).to_have_count(0)
