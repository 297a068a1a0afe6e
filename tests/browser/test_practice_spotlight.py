"""Practices have the spotlight and reactions that stories have, on every screen: the
facilitator spotlights a practice from its card, the projector shows it large (the back
row's sizes), phones show it as a banner; phones react to other people's practices and
every other phone's count follows, live. Axe finds nothing on any of the screens."""

from __future__ import annotations

from playwright.sync_api import expect

from tests.browser.conftest import no_horizontal_overflow, run_axe, sign_in
from tests.browser.projector_measure import clipping, smallest_fonts
from tests.browser.test_phone_practices import PHONE, _join, _participant_id, _workshop
from workshop.practices import posting
from workshop.practices import services as practices
from workshop.realtime import Audience
from workshop.workshops.services import Viewer

LONG_TITLE = (
    "Kuljettaja saa päättää itse, päästääkö matkustajan kyytiin, kun lippuautomaatti tai "
    "maksukortti ei toimi"
)[:120]
LONG_DESCRIPTION = " ".join(
    [
        "Kun automaatti ei lue korttia, kuljettaja voi päästää matkustajan kyytiin ja kirjata "
        "tapahtuman jälkikäteen. Hänen ei tarvitse kysyä lupaa keneltäkään."
    ]
    * 7
)[:1000]


def _projector(new_context, key: str):
    page = new_context(viewport={"width": 1920, "height": 1080}, bypass_csp=True).new_page()
    page.goto(f"/projector/{key}")
    expect(page.locator("body")).to_have_attribute("data-connection-state", "connected")
    return page


def _settle(page) -> None:
    page.evaluate("() => document.fonts.ready.then(() => true)")
    page.evaluate("() => document.getAnimations().forEach(a => a.finish())")


def test_a_spotlighted_practice_is_large_on_the_wall_and_a_banner_on_phones(
    live_server, new_context, shot
):
    room = _workshop(
        live_server, "practice-spot@example.fi", with_practices=True, phase="practices"
    )
    with live_server.app.app_context():
        from workshop.extensions import db
        from workshop.workshops.models import Workshop

        key = db.session.get(Workshop, room["id"]).projector_key
    wall = _projector(new_context, key)
    phone = _join(
        new_context("Pixel 5", bypass_csp=True, **PHONE), room["code"], "Katsoja", "practices"
    )
    control = new_context(viewport={"width": 1440, "height": 900}, bypass_csp=True).new_page()
    sign_in(control, "practice-spot@example.fi")
    control.goto(f"/workshops/{room['id']}")
    card = control.locator(
        '[data-practice-list] [data-practice-id]:has-text("Kuljettaja saa päättää")'
    )
    card.get_by_role("button", name="Valokeilaan").click()

    spotlight = wall.locator("[data-practice-spotlight]")
    expect(spotlight).to_be_visible()  # even while practices are private
    expect(spotlight.locator("h2")).to_have_text("Kuljettaja saa päättää")
    banner = phone.locator("[data-practice-spotlight]")
    expect(banner.locator(".practice-title")).to_have_text("Kuljettaja saa päättää")
    expect(card).to_have_class("ctl-practice-card is-spotlit")
    _settle(wall)
    smallest, offenders = smallest_fonts(wall, 32, 56)
    assert offenders == [] and smallest >= 32, offenders
    assert no_horizontal_overflow(phone)
    shot(wall, "projector-practice-spotlight-1920x1080")
    shot(phone, "phone-practice-spotlight-360x740")
    for page in (wall, phone, control):
        assert run_axe(page) == [], page.url

    # The longest practice there can be is still whole, at the back row's sizes, with its
    # reactions (public once the practices are).
    watcher = _participant_id(live_server, room["id"], "Katsoja")
    with live_server.app.app_context():
        practices.reveal(room["owner"], room["id"])
        for kind in ("heart", "clap", "idea", "wow"):
            posting.set_reaction(watcher, room["practices"][1], kind, on=True)
        practices.edit_practice(
            Viewer(room["id"], Audience.FACILITATORS, facilitator_id=room["owner"]),
            room["practices"][1],
            {"title": LONG_TITLE, "description": LONG_DESCRIPTION},
        )
    expect(spotlight.locator("h2")).to_have_text(LONG_TITLE)
    expect(spotlight.locator(".reaction")).to_have_count(4)
    _settle(wall)
    smallest, offenders = smallest_fonts(wall, 32, 56)
    assert offenders == [] and smallest >= 32, offenders
    assert clipping(wall) == []
    shot(wall, "projector-practice-spotlight-long-1920x1080")

    # One spotlight per room: a story's ends the practice's.
    with live_server.app.app_context():
        from workshop.stories import spotlight as story_spotlight

        story_spotlight.spotlight(room["owner"], room["id"], room["stories"][1])
    expect(wall.locator("[data-spotlight] .story-title")).to_have_text("Bussikuski viittoi kyytiin")
    expect(spotlight).to_be_hidden()
    expect(banner).to_be_hidden()
    expect(wall.locator("body")).to_have_class("projector has-spotlight")
    expect(card.get_by_role("button", name="Valokeilaan")).to_be_visible()

    card.get_by_role("button", name="Valokeilaan").click()  # and back: the story's ends
    expect(spotlight).to_be_visible()
    expect(wall.locator("[data-spotlight]")).to_be_hidden()
    card.get_by_role("button", name="Lopeta valokeila").click()
    expect(spotlight).to_be_hidden()
    expect(banner).to_be_hidden()
    expect(wall.locator("body")).not_to_have_class("projector has-spotlight")


def test_a_phone_reacts_to_a_practice_and_another_phone_counts_it(live_server, new_context, shot):
    room = _workshop(
        live_server, "practice-react@example.fi", with_practices=True, phase="practices"
    )
    with live_server.app.app_context():
        practices.reveal(room["owner"], room["id"])
    first = _join(
        new_context("Pixel 5", bypass_csp=True, **PHONE), room["code"], "Reagoija", "practices"
    )
    second = _join(
        new_context("Pixel 5", bypass_csp=True, **PHONE), room["code"], "Toinen", "practices"
    )
    title = "Vastaamme someen kuin aulassa"
    card = first.locator(f'[data-other-practices] .practice-card:has-text("{title}")')
    heart = card.get_by_role("button", name="Sydän: 0")
    box = heart.bounding_box()
    assert box["width"] >= 44 and box["height"] >= 44, box
    heart.click()
    expect(card.get_by_role("button", name="Sydän: 1")).to_have_attribute("aria-pressed", "true")
    other = second.locator(f'[data-other-practices] .practice-card:has-text("{title}")')
    expect(other.get_by_role("button", name="Sydän: 1")).to_have_attribute("aria-pressed", "false")
    assert no_horizontal_overflow(first)
    card.scroll_into_view_if_needed()
    shot(first, "phone-practice-reactions-360x740")
    assert run_axe(first) == []
    card.get_by_role("button", name="Sydän: 1").click()  # and back
    expect(other.get_by_role("button", name="Sydän: 0")).to_be_visible()
