"""A pulse step's statements in the flow editor: one field each, added up to five and removed
down to three, an empty one named by its field in Finnish with nothing typed lost, saved
and read back; a new pulse step starts with the built-in statements in the design's
language. axe clean, taps >= 44 px, at 1440 and at 360 px."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from tests.browser.conftest import no_horizontal_overflow, run_axe, sign_in
from tests.browser.phone_room import TAP, TAPS_JS
from workshop.designs import services as designs
from workshop.pulse.builtin import STATEMENTS


def _checked(page) -> None:
    assert no_horizontal_overflow(page)
    assert run_axe(page) == []
    small = [t for t in page.evaluate(TAPS_JS) if min(t["width"], t["height"]) < TAP - 0.01]
    assert small == []


def test_the_statements_are_edited_one_field_each(live_server, new_context, shot):
    email = "pulse-editor@example.fi"
    owner = live_server.facilitator(email)
    with live_server.app.app_context():
        design = designs.builtin_design("en")  # an English design, a Finnish facilitator
        design["name"] = "Pulssipohja"
        template_id = designs.save_template(owner, design).id
    page = new_context(viewport={"width": 1440, "height": 900}, bypass_csp=True).new_page()
    sign_in(page, email)
    page.goto(f"/templates/{template_id}/edit")
    pulse = page.locator(".ed-step").first
    fields = pulse.locator(".ed-list textarea")
    expect(fields).to_have_count(4)
    for index, text in enumerate(STATEMENTS["en"]):
        expect(pulse.get_by_label(f"Väite {index + 1}", exact=True)).to_have_value(text)
    _checked(page)

    # Up to five; the add button goes when there are five, the remove buttons at three.
    add = pulse.get_by_role("button", name="Lisää väite")
    add.click()
    expect(fields).to_have_count(5)
    expect(fields.nth(4)).to_be_focused()
    expect(add).to_be_hidden()
    fields.nth(4).fill("Our customer hears from us before they have to ask.")
    pulse.get_by_role("button", name="Poista väite 1").click()
    expect(fields).to_have_count(4)
    expect(fields.first).to_have_value(STATEMENTS["en"][1])

    # An empty statement: named by its field, in Finnish; the rest stays as typed.
    fields.nth(1).fill("   ")
    page.locator("[data-editor-save]").click()
    error = page.locator("#ed-steps-0-settings-statements-1-error")
    expect(error).to_have_text("Pakollinen.")
    expect(fields.nth(1)).to_have_attribute("aria-invalid", "true")
    expect(fields.nth(3)).to_have_value("Our customer hears from us before they have to ask.")
    shot(page, "pulse-editor-error-1440")
    fields.nth(1).fill("Our customer can change their order without calling us.")
    page.locator("[data-editor-save]").click()
    expect(page.locator(".ed-status")).to_have_class(re.compile("is-saved"))
    saved = page.request.get(f"/api/v1/templates/{template_id}").json()["design"]
    assert saved["steps"][0]["settings"]["statements"] == [
        STATEMENTS["en"][1],
        "Our customer can change their order without calling us.",
        STATEMENTS["en"][3],
        "Our customer hears from us before they have to ask.",
    ]
    pulse.get_by_role("button", name="Poista väite 4").click()
    expect(pulse.get_by_role("button", name=re.compile("Poista väite"))).to_have_count(0)

    # A new pulse step speaks the design's language, not the facilitator's.
    page.locator("#ed-add-activity").select_option("pulse")
    page.locator(".ed-add button").click()
    added = page.locator(".ed-step").last.locator(".ed-list textarea")
    expect(added).to_have_count(4)
    expect(added.first).to_have_value(STATEMENTS["en"][0])
    _checked(page)

    small = new_context(viewport={"width": 360, "height": 740}, bypass_csp=True).new_page()
    sign_in(small, email)
    small.goto(f"/templates/{template_id}/edit")
    expect(small.locator(".ed-step").first.locator(".ed-list textarea")).to_have_count(4)
    _checked(small)
    shot(small, "pulse-editor-360", full_page=True)
