"""A live room in a real browser: phones join, the projector and the facilitator see it."""

from __future__ import annotations

import io

import pytest
import zxingcpp
from PIL import Image
from playwright.sync_api import expect

from tests.browser.conftest import no_horizontal_overflow, sign_in
from tests.conftest import PASSWORD

PROJECTOR = {"viewport": {"width": 1920, "height": 1080}}


@pytest.fixture
def phone_context(new_context):
    return lambda device="Pixel 5", **kwargs: new_context(device, **kwargs)


@pytest.fixture
def projector_page(new_context):
    return new_context(**PROJECTOR).new_page()


def test_phones_join_by_code_and_by_qr_while_the_projector_counts(
    live_server, projector_page, phone_context, shot
):
    owner = live_server.facilitator("browser-owner@example.fi")
    _id, code, key = live_server.workshop(owner, "Palvelun arvot 2026")

    projector = projector_page
    projector.goto(f"/projector/{key}")
    count = projector.locator("[data-participant-count]")
    expect(count).to_have_text("0")
    expect(projector.locator("body")).to_have_attribute("data-connection-state", "connected")
    expect(projector.locator(".projector-code")).to_contain_text(code[:3])
    shot(projector, "projector-lobby-1920x1080")

    # The QR on the wall, as a camera would see it: decode the rendered pixels.
    qr_png = projector.locator(".projector-qr").screenshot()
    decoded = [r.text for r in zxingcpp.read_barcodes(Image.open(io.BytesIO(qr_png)))]
    assert decoded == [f"{live_server.url}/join/{code}"]

    # Phone one types the code (lower case, with a dash, as people do).
    phone = phone_context("Pixel 5").new_page()
    phone.goto("/")
    phone.get_by_label("Koodi").fill(f"{code[:3].lower()}-{code[3:].lower()}")
    phone.get_by_label("Nimesi").fill("Liisa")
    phone.get_by_role("button", name="Liity").click()
    expect(phone.get_by_role("heading", name="Olet mukana, Liisa.")).to_be_visible()
    expect(phone.locator("[data-connection]")).to_have_text("Yhteydessä")
    expect(count).to_have_text("1")

    # Phone two opens the URL from the QR code and joins without a name.
    phone_two = phone_context("iPhone 12").new_page()
    phone_two.goto(decoded[0])
    expect(phone_two.get_by_label("Koodi")).to_have_value(code)
    phone_two.get_by_role("button", name="Liity").click()
    expect(phone_two.get_by_role("heading", name="Olet mukana.")).to_be_visible()
    expect(count).to_have_text("2")
    expect(projector.locator("[data-participant-label]")).to_have_text("osallistujaa")
    shot(projector, "projector-two-joined-1920x1080")

    # Reloading keeps the identity: the count does not move.
    phone.reload()
    expect(phone.get_by_role("heading", name="Olet mukana, Liisa.")).to_be_visible()
    expect(phone.locator("[data-participant-count]")).to_have_text("2")
    expect(count).to_have_text("2")
    assert "prj_" not in phone.content()


def test_phone_screens_fit_a_360px_phone(live_server, phone_context, shot):
    owner = live_server.facilitator("narrow@example.fi")
    _id, code, _key = live_server.workshop(
        owner, "Asiakkaasta toimijaksi: pitkä otsikko, joka rivittyy"
    )
    context = phone_context("Pixel 5", viewport={"width": 360, "height": 740})
    phone = context.new_page()
    phone.goto("/")
    assert no_horizontal_overflow(phone)
    shot(phone, "phone-join-360x740", full_page=True)
    phone.get_by_role("button", name="Liity").click()  # no code: a clear error, nothing lost
    expect(phone.get_by_role("alert")).to_contain_text("Tällä koodilla ei ole avointa työpajaa")
    phone.get_by_label("Koodi").fill(code)
    phone.get_by_label("Nimesi").fill("Maija-Liisa Virtanen-Korhonen")
    phone.get_by_role("button", name="Liity").click()
    expect(phone.locator("[data-connection]")).to_have_text("Yhteydessä")
    assert no_horizontal_overflow(phone)
    shot(phone, "phone-lobby-360x740", full_page=True)
    for button in phone.locator("button, .button, .lang-switch a").all():
        box = button.bounding_box()
        if box:
            assert box["height"] >= 44, button.inner_text()

    phone.get_by_role("link", name="English").click()
    expect(
        phone.get_by_role("heading", name="You are in, Maija-Liisa Virtanen-Korhonen.")
    ).to_be_visible()
    expect(phone.locator("[data-connection]")).to_have_text("Connected")
    shot(phone, "phone-lobby-english-360x740", full_page=True)


def test_phone_shows_a_dropped_connection_and_comes_back(live_server, phone_context):
    owner = live_server.facilitator("offline@example.fi")
    _id, code, _key = live_server.workshop(owner)
    context = phone_context("Pixel 5")
    phone = context.new_page()
    phone.goto(f"/join/{code}")
    phone.get_by_role("button", name="Liity").click()
    expect(phone.locator("body")).to_have_attribute("data-connection-state", "connected")

    context.set_offline(True)
    phone.evaluate("() => window.dispatchEvent(new Event('offline'))")
    # Engine.IO notices within its ping window; the banner follows.
    expect(phone.locator("[data-offline-banner]")).to_be_visible(timeout=60_000)
    expect(phone.locator("[data-offline-banner]")).to_contain_text("Yhdistetään uudelleen")

    context.set_offline(False)
    expect(phone.locator("body")).to_have_attribute(
        "data-connection-state", "connected", timeout=30_000
    )
    expect(phone.locator("[data-offline-banner]")).to_be_hidden()


def test_facilitator_creates_a_workshop_and_sees_people_arrive(
    live_server, new_context, phone_context, shot
):
    live_server.facilitator("runner@example.fi")
    context = new_context(viewport={"width": 1440, "height": 900}, locale="en-GB")
    page = context.new_page()
    page.goto("/login")
    page.get_by_label("Email").fill("runner@example.fi")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.get_by_label("Title").fill("Values workshop, Tampere")
    page.get_by_label("English").check()
    page.get_by_role("button", name="Create workshop").click()
    expect(page.get_by_role("heading", name="Values workshop, Tampere")).to_be_visible()
    expect(page.locator("body")).to_have_attribute("data-connection-state", "connected")
    code = page.locator(".big-code").inner_text().replace("\u202f", "").strip()

    phone = phone_context("Pixel 5").new_page()
    phone.goto(f"/join/{code}")
    phone.get_by_label("Your name").fill("Ville")
    phone.get_by_role("button", name="Join").click()
    expect(page.locator("[data-participant-list]")).to_contain_text("Ville")
    expect(page.locator("[data-participant-count]")).to_have_text("1")
    shot(page, "facilitator-control-1440x900")

    page.get_by_role("button", name="Close workshop").click()
    # Closing asks first, in the page: the question's own button closes it.
    expect(page.locator("[data-phase-confirm]")).to_be_visible()
    expect(page.locator("[data-phase-badge]")).to_have_text("Lobby")
    page.locator("[data-confirm-yes]").click()
    expect(page.locator("[data-phase-badge]")).to_have_text("Closed")
    expect(phone.get_by_role("heading", name="The workshop has ended.")).to_be_visible()


def test_the_facilitator_removes_a_participant(live_server, new_context, phone_context):
    owner = live_server.facilitator("remover@example.fi")
    workshop_id, code, _key = live_server.workshop(owner, "Poistotesti")
    phone = phone_context("Pixel 5").new_page()
    phone.goto(f"/join/{code}")
    phone.get_by_label("Nimesi").fill("Häiritsijä")
    phone.get_by_role("button", name="Liity").click()
    expect(phone.locator("body")).to_have_attribute("data-connection-state", "connected")

    page = new_context(viewport={"width": 1440, "height": 900}).new_page()
    sign_in(page, "remover@example.fi")
    page.goto(f"/workshops/{workshop_id}")
    page.get_by_role("button", name="Poista työpajasta: Häiritsijä").click()
    page.locator("[data-ask] [data-confirm-yes]").click()  # it asks in the page first
    expect(page.locator("[data-participant-list]")).not_to_contain_text("Häiritsijä")
    expect(page.locator("[data-participant-count]")).to_have_text("0")
    expect(phone.locator("[data-offline-banner]")).to_contain_text("Et ole enää mukana")
    phone.reload()
    expect(phone.get_by_role("heading", name="Liity työpajaan")).to_be_visible()  # back to joining
