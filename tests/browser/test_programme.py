"""The programme in a browser: from the workshop list to a programme of three stores, its
page on a desktop and on a 360 px phone (no sideways scrolling, every tap target 44 px,
axe clean), and its printable report."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import no_horizontal_overflow, run_axe, sign_in
from tests.browser.phone_room import TAP, TAPS_JS
from tests.programmes.rooms import make_room
from workshop.followups import services as followups
from workshop.programmes import services as programmes


@pytest.fixture
def stores(live_server):
    """Three stores of one chain in a programme: two named (6 and 5 people), one anonymous
    of three; a commitment under way, one linked pair of practices."""
    owner = live_server.facilitator("ketju@example.fi")
    with live_server.app.app_context():
        a = make_room(
            owner,
            "Myymälä Kamppi",
            people=6,
            stories_each=[("in_person", 4), ("online", 2), ("phone", 4)],
            practice_titles=["Alennus annetaan iloisesti", "Kassa saa päättää itse"],
            commitments_first=1,
            lens="Etu",
        )
        b = make_room(
            owner,
            "Myymälä Itäkeskus",
            people=5,
            stories_each=[("in_person", 5), ("online", 1)],
            practice_titles=["Kassa antaa alennuksen iloisesti", "Chat vastaa heti"],
            commitments_first=1,
            lens="Etu",
        )
        c = make_room(
            owner,
            "Myymälä Tikkurila",
            people=3,
            stories_each=[("phone", 3)],
            practice_titles=["Puhelimeen vastataan nimellä"],
            commitments_first=1,
            anonymous=True,
        )
        followups.update_status(a.practice_ids[0], {"status": "started"}, facilitator_id=owner)
        programme = programmes.create_programme(owner, "Kauppaketju X, kevät 2027")
        for made in (a, b, c):
            programmes.add_workshop(owner, programme.id, made.id)
        programmes.link_practices(owner, programme.id, [a.practice_ids[1], b.practice_ids[1]])
        return programme.id, (a, b, c)


def _small_taps(page) -> list:
    taps = page.evaluate(TAPS_JS)
    return [t for t in taps if t["width"] < TAP - 0.01 or t["height"] < TAP - 0.01]


def test_from_the_workshop_list_to_a_programme_and_its_report(new_context, stores, shot):
    _programme_id, (a, _b, c) = stores
    page = new_context(viewport={"width": 1280, "height": 900}, bypass_csp=True).new_page()
    sign_in(page, "ketju@example.fi")
    page.goto("/workshops")
    page.get_by_role("link", name=re.compile("Ohjelmat")).click()
    expect(page.get_by_role("heading", name="Ohjelmat", level=1)).to_be_visible()
    page.get_by_role("link", name=re.compile("Kauppaketju X")).click()
    expect(page.get_by_role("heading", name="Kauppaketju X, kevät 2027")).to_be_visible()
    together = page.locator("section", has=page.locator("#together-h"))
    # Kamppi alone is shown; Itäkeskus (5) goes with Tikkurila (3) under "Muut".
    expect(together.get_by_role("table").first).to_contain_text("Myymälä Kamppi")
    expect(together.get_by_role("table").first).to_contain_text("Muut")
    expect(together.get_by_role("table").first).not_to_contain_text("Tikkurila")
    expect(together.locator(".report-flag").first).to_contain_text("Verkossa asiakas on objekti")
    expect(page.locator(".report-group")).to_contain_text("Chat vastaa heti")
    page.locator(f"#workshop-{a.id} summary").click()
    expect(page.locator(f"#workshop-{a.id}")).to_contain_text("Sitoumus · Aloitettu")
    # Nobody of the anonymous store is named anywhere on the page.
    assert all(name not in page.content() for name in c.names)
    shot(page, "programme-desktop", full_page=True)
    assert run_axe(page) == []

    page.get_by_role("link", name=re.compile("tulostettava|Report to print", re.I)).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Kauppaketju X, kevät 2027")
    shot(page, "programme-report", full_page=True)
    assert run_axe(page) == []


def test_the_programme_page_on_a_360_px_phone(new_context, stores, shot):
    programme_id, (a, _b, _c) = stores
    page = new_context(
        viewport={"width": 360, "height": 740}, has_touch=True, bypass_csp=True
    ).new_page()
    sign_in(page, "ketju@example.fi")
    page.goto(f"/programmes/{programme_id}")
    page.locator(f"#workshop-{a.id} summary").click()
    page.locator(".report-link-form summary").click()
    assert no_horizontal_overflow(page)
    assert _small_taps(page) == []
    shot(page, "programme-phone", full_page=True)
    assert run_axe(page) == []
    page.goto("/workshops")
    link = page.get_by_role("link", name=re.compile("Ohjelmat"))
    box = link.bounding_box()
    assert box and box["height"] >= TAP and box["width"] >= TAP
    assert no_horizontal_overflow(page)
    shot(page, "programme-link-phone")
    link.click()
    expect(page.get_by_role("heading", name="Ohjelmat", level=1)).to_be_visible()
    page.wait_for_load_state("load")  # its stylesheet too: the taps are measured styled
    assert no_horizontal_overflow(page) and _small_taps(page) == []
    assert run_axe(page) == []
    page.goto(f"/programmes/{programme_id}/export.html")
    assert no_horizontal_overflow(page)
    shot(page, "programme-report-phone", full_page=True)
    assert run_axe(page) == []
