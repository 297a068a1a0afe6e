"""The control page's team and deliverables, and the workshop list's create form.

Co-facilitators see the owner's changes live, the client's results link opens without a
login until it is revoked, deleting takes the join code and tells the other open pages,
and a new workshop starts from the built-in template.

Selectors use data attributes and ids, not words: the page must read the same in Finnish
and English.
"""

from __future__ import annotations

import re

from playwright.sync_api import expect

from tests.browser.conftest import no_horizontal_overflow, sign_in
from workshop.designs import services as designs
from workshop.extensions import db
from workshop.workshops import admin
from workshop.workshops.models import Workshop


def _workshop(live_server, owner_email: str, title: str, *co_emails: str) -> dict:
    """A workshop started from the built-in template, shared with co_emails."""
    owner = live_server.facilitator(owner_email)
    others = [live_server.facilitator(email) for email in co_emails]
    with live_server.app.app_context():
        workshop = designs.start_workshop(owner, title, "fi")
        for email in co_emails:
            admin.add_co_facilitator(owner, workshop.id, email)
        return {"id": workshop.id, "code": workshop.code, "owner": owner, "others": others}


def _control_page(new_context, room: dict, email: str, **options):
    options = {"viewport": {"width": 1440, "height": 900}, **options}
    page = new_context(**options).new_page()
    sign_in(page, email)
    page.goto(f"/workshops/{room['id']}")
    expect(page.locator("body")).to_have_attribute("data-connection-state", "connected")
    return page


def _panel(page):
    """The team and deliverables panel, unfolded."""
    panel = page.locator("[data-deliverables]")
    toggle = panel.locator("[data-deliverables-toggle]")
    if toggle.get_attribute("aria-expanded") != "true":
        toggle.click()
    expect(panel.locator("[data-deliverables-body]")).to_be_visible()
    return panel


def _team_emails(panel):
    return panel.locator("[data-team-list] .ctl-team-email")


def test_a_co_facilitator_sees_the_team_change_live(live_server, new_context, shot):
    room = _workshop(live_server, "team-owner@example.fi", "Yhteinen työpaja")
    live_server.facilitator("team-b@example.fi")
    live_server.facilitator("team-c@example.fi")
    owner_page = _control_page(new_context, room, "team-owner@example.fi")
    owner = _panel(owner_page)
    expect(owner.locator("[data-team-empty]")).to_be_visible()

    # An unknown email: the server's field message, next to the field.
    owner.locator("#team-email").fill("nobody@example.fi")
    owner.locator("[data-team-add] button[type=submit]").click()
    expect(owner.locator('[data-team-add] [data-error-for="email"]')).to_be_visible()
    expect(owner.locator("#team-email")).to_have_attribute("aria-invalid", "true")

    owner.locator("#team-email").fill("team-b@example.fi")
    owner.locator("[data-team-add] button[type=submit]").click()
    expect(_team_emails(owner)).to_have_text(["team-owner@example.fi", "team-b@example.fi"])
    expect(owner.locator('[data-team-add] [data-error-for="email"]')).to_be_hidden()

    # The second facilitator now has the control page, read-only for the team.
    other_page = _control_page(
        new_context, room, "team-b@example.fi", viewport={"width": 360, "height": 740}
    )
    other = _panel(other_page)
    expect(_team_emails(other)).to_have_text(["team-owner@example.fi", "team-b@example.fi"])
    expect(other.locator("[data-team-readonly]")).to_be_visible()
    expect(other.locator("[data-team-add]")).to_have_count(0)
    expect(other.locator("[data-team-list] button")).to_have_count(0)
    expect(other.locator("[data-delete]")).to_have_count(0)

    # The owner shares with a third, then stops: the second page follows live.
    owner.locator("#team-email").fill("team-c@example.fi")
    owner.locator("[data-team-add] button[type=submit]").click()
    expect(_team_emails(other)).to_have_text(
        ["team-owner@example.fi", "team-b@example.fi", "team-c@example.fi"]
    )
    third_page = _control_page(new_context, room, "team-c@example.fi")
    expect(third_page.locator("[data-gone]")).to_be_hidden()
    row = owner.locator("[data-team-list] li", has_text="team-c@example.fi")
    third_id = row.get_attribute("data-facilitator-id")
    row.locator("button").click()
    row.locator("[data-ask] [data-confirm-yes]").click()  # it asks in the page first
    expect(_team_emails(other)).to_have_text(["team-owner@example.fi", "team-b@example.fi"])
    expect(other.locator(f'[data-facilitator-id="{third_id}"]')).to_have_count(0)
    expect(other_page.locator("[data-gone]")).to_be_hidden()
    # The one it is no longer shared with is told so, and the page stops.
    expect(third_page.locator("[data-gone]")).to_be_visible()

    other.scroll_into_view_if_needed()
    assert no_horizontal_overflow(other_page)
    shot(other_page, "deliverables-co-facilitator-phone", full_page=True)
    shot(owner_page, "deliverables-owner-1440", full_page=True)


def test_the_results_link_opens_without_login_until_revoked(live_server, new_context):
    room = _workshop(
        live_server, "share-owner@example.fi", "Asiakkaan tulokset", "share-b@example.fi"
    )
    owner_page = _control_page(new_context, room, "share-owner@example.fi")
    owner = _panel(owner_page)
    other = _panel(_control_page(new_context, room, "share-b@example.fi"))
    expect(owner.locator("[data-share-create]")).to_be_visible()

    owner.locator("[data-share-create]").click()
    link = owner.locator("[data-share-url]")
    expect(link).to_have_attribute("href", re.compile(r"/charter/shr_"))
    url = link.get_attribute("href")
    expect(other.locator("[data-share-url]")).to_have_attribute("href", url)  # live

    client = new_context().new_page()  # a fresh context: no session, no cookie
    response = client.goto(url)
    assert response.status == 200
    expect(client.locator("h1")).to_have_text("Asiakkaan tulokset")
    assert client.locator("form, input, [data-deliverables]").count() == 0

    owner.locator("[data-share-revoke]").click()
    owner.locator("[data-ask] [data-confirm-yes]").click()  # it asks in the page first
    expect(owner.locator("[data-share-create]")).to_be_visible()
    expect(other.locator("[data-share-create]")).to_be_visible()  # live
    assert client.goto(url).status == 404


def test_deleting_takes_the_code_and_tells_the_other_pages(live_server, new_context, shot):
    room = _workshop(live_server, "del-owner@example.fi", "Poistettava", "del-b@example.fi")
    owner_page = _control_page(new_context, room, "del-owner@example.fi")
    other_page = _control_page(
        new_context, room, "del-b@example.fi", viewport={"width": 360, "height": 740}
    )
    owner = _panel(owner_page)
    button = owner.locator("[data-delete-form] button[type=submit]")
    expect(button).to_be_disabled()
    owner.locator("#delete-code").fill("ABCDEF" if room["code"] != "ABCDEF" else "ABCDEG")
    expect(button).to_be_disabled()
    owner.locator("#delete-code").fill(room["code"].lower())
    expect(button).to_be_enabled()
    button.click()

    owner_page.wait_for_url(re.compile(r"/workshops$"))
    expect(owner_page.locator(f'a[href="/workshops/{room["id"]}"]')).to_have_count(0)
    notice = other_page.locator("[data-gone]")
    expect(notice).to_be_visible()
    expect(notice.locator("[data-gone-link]")).to_be_focused()
    expect(notice.locator("[data-gone-link]")).to_have_attribute("href", "/workshops")
    shot(other_page, "deliverables-deleted-notice-phone", animations="disabled")
    with live_server.app.app_context():
        assert db.session.get(Workshop, room["id"]) is None


def test_a_new_workshop_starts_from_the_built_in_template(live_server, new_context, shot):
    live_server.facilitator("create-owner@example.fi")
    page = new_context(viewport={"width": 1440, "height": 900}).new_page()
    sign_in(page, "create-owner@example.fi")
    page.goto("/workshops")
    builtin = page.locator(f'input[name="template"][value="{designs.BUILTIN_ID}"]')
    expect(builtin).to_be_checked()
    expect(page.locator('form[enctype="multipart/form-data"] input[name="file"]')).to_be_visible()
    shot(page, "deliverables-index-1440", full_page=True)

    page.locator("#title").fill("Uusi pohjasta")
    builtin.check()
    page.locator("form:has(#title) button[type=submit]").click()
    page.wait_for_url(re.compile(r"/workshops/\d+$"))
    expect(page.locator("h1")).to_have_text("Uusi pohjasta")
    expect(page.locator("[data-deliverables]")).to_be_visible()
    workshop_id = int(page.url.rsplit("/", 1)[1])
    with live_server.app.app_context():
        workshop = db.session.get(Workshop, workshop_id)
        assert workshop.template_name == designs.builtin_design("fi")["name"]
