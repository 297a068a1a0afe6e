"""The results link as the client opens it: first on a phone (no sideways scroll), then
on a desktop and on paper; axe finds nothing at any level, on screen and in print."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from tests.browser.conftest import run_axe
from tests.charter.test_inert import _charter_room
from tests.conftest import story
from workshop.facilitators import services as facilitators

LONG_TITLE = (
    "Asiakaspalvelija ojensi kanta-asiakaskortin jonossa seuraavalta, jotta sain saman "
    "alennuksen kuin paikalliset"
)
#: A long word without a break: a URL pasted into a story, a compound in a title.
UNBROKEN = "https://example.fi/" + "asiakaskokemuksenkehittämisohjelmanvastuuhenkilö" * 2


@dataclass
class Owner:
    id: int
    token: str


@pytest.fixture(params=["fi", "en"])
def results_link(live_server, request):
    """A workshop at its results with long titles, a heading typed in a story, and a
    results link, in each language; return the link's path."""
    app = live_server.app
    person_id = live_server.facilitator("results-link@example.fi")
    with app.app_context():
        _token, raw = facilitators.mint_api_token(person_id, "results-link")
    bodies = [
        story(
            title=LONG_TITLE,
            happened=f"## Otsikko tarinassa\n\nKassa lainasi korttia. {UNBROKEN}",
            place="Kauppakeskus Ison Omenan alakerran ruokakauppa",
        ),
        story(title=UNBROKEN[:120], happened="Kuski viittasi kyytiin.", agency=2),
        story(title="Hotelli vastasi kiitokseen", happened="# Iso otsikko\nVastaus tuli heti."),
    ]
    room = _charter_room(
        app.test_client(), Owner(person_id, raw), bodies, names=["Liisa"], language=request.param
    )
    return room["link"]


def _overflow(page) -> dict:
    """The page's scroll width, and any element reaching past the right edge (unless a
    box that clips it, such as the visually hidden table header, keeps it in)."""
    return page.evaluate(
        """() => {
          const clipped = (e) => {
            for (let a = e.parentElement; a; a = a.parentElement) {
              if (getComputedStyle(a).overflowX !== 'visible'
                  && a.getBoundingClientRect().right <= innerWidth) return true;
            }
            return false;
          };
          return {scroll: document.documentElement.scrollWidth, view: innerWidth,
                  wide: [...document.querySelectorAll('main *')]
                    .filter(e => e.getBoundingClientRect().right > innerWidth + 0.5)
                    .filter(e => !clipped(e))
                    .map(e => e.tagName + ' ' + Math.round(e.getBoundingClientRect().width))
                    .slice(0, 5)};
        }"""
    )


def test_the_results_link_fits_a_phone_without_sideways_scroll(new_context, results_link, shot):
    page = new_context(viewport={"width": 360, "height": 740}, bypass_csp=True).new_page()
    page.goto(results_link)
    measured = _overflow(page)
    language = page.evaluate("document.documentElement.lang")
    shot(page, f"results-link-360-{language}", full_page=True)
    assert measured["scroll"] <= measured["view"], measured
    assert measured["wide"] == [], measured
    assert run_axe(page) == []
    page.emulate_media(media="print")
    assert run_axe(page) == []


def test_the_results_link_reads_well_on_a_desktop_and_in_print(new_context, results_link, shot):
    page = new_context(viewport={"width": 1280, "height": 900}, bypass_csp=True).new_page()
    page.goto(results_link)
    assert _overflow(page)["scroll"] <= 1280
    # The ranking is still a table where there is room for one.
    assert page.locator("table").first.evaluate("t => getComputedStyle(t).display") == "table"
    language = page.evaluate("document.documentElement.lang")
    shot(page, f"results-link-1280-{language}", full_page=True)
    assert run_axe(page) == []
    page.emulate_media(media="print")
    shot(page, f"results-link-print-{language}", full_page=True)
    assert run_axe(page) == []


def test_the_results_link_waiting_for_the_reveal_passes_axe(live_server, new_context):
    from workshop.charter import services as sharing

    owner = live_server.facilitator("results-wait@example.fi")
    workshop_id, _code, _key = live_server.workshop(owner, "Odottava työpaja")
    with live_server.app.test_request_context():  # the link is told to facilitators
        key = sharing.share(owner, workshop_id).share_key
    page = new_context(viewport={"width": 360, "height": 740}, bypass_csp=True).new_page()
    page.goto(f"/charter/{key}")
    assert page.locator("h1").inner_text() == "Odottava työpaja"
    assert _overflow(page)["scroll"] <= 360
    assert run_axe(page) == []
