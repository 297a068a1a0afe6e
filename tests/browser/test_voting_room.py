"""The whole room votes: three phones cast their dots in chromium, the projector shows
"3 / 3" and no tally until the facilitator reveals; then the ranking and the map."""

from __future__ import annotations

from playwright.sync_api import expect

from tests.browser.conftest import no_horizontal_overflow
from workshop.extensions import db
from workshop.participants import services as participants
from workshop.practices import services as practices
from workshop.realtime import Audience
from workshop.stories import services as stories
from workshop.voting import dots as voting
from workshop.voting import ratings, results
from workshop.workshops import services as workshops
from workshop.workshops.models import Workshop
from workshop.workshops.services import Viewer

PRACTICES = [
    ("Etu ilman kanta-asiakaskorttia", 0),
    ("Kuljettaja saa päättää lipusta", 1),
    ("Vastaamme someen kuin aulassa", 2),
]
STORIES = [
    "Kanta-asiakaskortti Toscanassa",
    "Bussikuski viittoi kyytiin",
    "Hotelli vastasi twiittiin",
]
#: Each phone's two dots, by practice index: the first practice gets 3, the second 2, the third 1.
DOTS = {"Aino": (0, 1), "Eero": (0, 2), "Sanna": (0, 1)}


def _voting_room(live_server) -> dict:
    owner = live_server.facilitator("room@example.fi")
    workshop_id, code, key = live_server.workshop(owner, "Objektista subjektiksi")
    with live_server.app.app_context():
        author = participants.join(code, "Kirjoittaja")[0].id
        workshops.change_phase(owner, workshop_id, "stories")
        story_ids = [
            stories.post_story(
                author,
                {"title": t, "happened": "Näin kävi.", "agency": 5, "channel": "online"},
                f"s{n}",
            )[0].id
            for n, t in enumerate(STORIES)
        ]
        workshops.change_phase(owner, workshop_id, "practices")
        facilitator = Viewer(workshop_id, Audience.FACILITATORS, facilitator_id=owner)
        ids = [
            practices.post_practice(
                facilitator, {"title": title, "story_ids": [story_ids[n]]}, f"p{n}"
            )[0].id
            for title, n in PRACTICES
        ]
        voting.change_voting(owner, workshop_id, {"budget": 2})
        # The author stays in the room but does not vote: they leave before voting.
        participants.remove(owner, author)
        workshops.change_phase(owner, workshop_id, "voting")
    return {"owner": owner, "id": workshop_id, "code": code, "key": key, "practices": ids}


def _join(context, code: str, name: str):
    phone = context.new_page()
    phone.goto(f"/join/{code}")
    phone.get_by_label("Nimesi").fill(name)
    phone.get_by_role("button", name="Liity").click()
    expect(phone.locator('[data-phase-view="voting"]')).to_be_visible()
    expect(phone.locator("body")).to_have_attribute("data-connection-state", "connected")
    return phone


def test_three_phones_vote_and_the_projector_shows_no_tally_until_the_reveal(
    live_server, new_context, shot
):
    room = _voting_room(live_server)
    projector = new_context(viewport={"width": 1920, "height": 1080}).new_page()
    # Every tally the projector's socket hears, to prove none carries the dots early.
    projector.add_init_script(
        """window.__tallies = [];
        const Native = window.WebSocket;
        function Listening(url, protocols) {
          const ws = protocols === undefined ? new Native(url) : new Native(url, protocols);
          ws.addEventListener('message', (event) => {
            if (typeof event.data === 'string' && event.data.startsWith('42["tally"')) {
              window.__tallies.push(JSON.parse(event.data.slice(2))[1]);
            }
          });
          return ws;
        }
        Listening.prototype = Native.prototype;
        for (const name of ['CONNECTING', 'OPEN', 'CLOSING', 'CLOSED']) Listening[name] = Native[name];
        window.WebSocket = Listening;"""
    )
    projector.goto(f"/projector/{room['key']}")
    expect(projector.locator('[data-phase-view="voting"]')).to_be_visible()

    phones = {name: _join(new_context("Pixel 5"), room["code"], name) for name in DOTS}
    with live_server.app.app_context():
        # Ratings put each practice on the map (the phones' rating buttons have their own test).
        people = [
            p.id for p in db.session.get(Workshop, room["id"]).participants if not p.removed_at
        ]
        for n, person in enumerate(people):
            for index, practice_id in enumerate(room["practices"]):
                ratings.rate(
                    person, practice_id, {"agency": 5 - index, "ease": 2 + 2 * (index % 2) + n % 2}
                )
    expect(projector.locator("[data-voters]")).to_have_text("0 / 3")
    for name, picks in DOTS.items():
        phone = phones[name]
        left = phone.locator("[data-dots-left]")
        expect(left).to_have_attribute("data-remaining", "2")
        for remaining, pick in zip(("1", "0"), picks, strict=True):
            card = phone.locator(f'.vote-card[data-practice-id="{room["practices"][pick]}"]')
            card.locator("[data-add]").click()
            expect(left).to_have_attribute("data-remaining", remaining)
        assert no_horizontal_overflow(phone)

    expect(projector.locator("[data-voters]")).to_have_text("3 / 3")
    expect(projector.locator('[data-phase-view="voting"]')).not_to_contain_text("pistettä:")
    tallies = projector.evaluate("window.__tallies")
    assert tallies and all(t["dots"] is None and t["dots_cast"] is None for t in tallies)
    assert tallies[-1]["voters"] == 3
    map_dots = projector.locator("[data-voting-map] .map-dot circle")
    expect(map_dots).to_have_count(len(PRACTICES))
    radii = {c.get_attribute("r") for c in map_dots.all()}
    assert map_dots.count() == len(PRACTICES) and len(radii) == 1  # equal while hidden
    projector.wait_for_function(  # the progress bar has finished growing to full
        """() => { const bar = document.querySelector('[data-voters-bar]');
                   return bar.getBoundingClientRect().width >= bar.parentElement.clientWidth - 1; }"""
    )
    shot(projector, "projector-voting-hidden-1920x1080")

    with live_server.app.app_context():
        results.reveal_votes(room["owner"], room["id"])
        workshop = db.session.get(Workshop, room["id"])
        expected = [r["practice"]["title"] for r in results.results_json(workshop, None)["ranking"]]
        assert [r["dots"] for r in results.results_json(workshop, None)["ranking"]] == [3, 2, 1]

    rows = projector.locator("[data-ranking] > li")
    expect(rows).to_have_count(len(PRACTICES))
    expect(rows.first).to_contain_text(expected[0])
    expect(rows.first).to_contain_text("3")
    for index, title in enumerate(expected):
        expect(rows.nth(index)).to_contain_text(title)
    expect(projector.locator("[data-results-map] .map-dot")).to_have_count(len(PRACTICES))
    expect(projector.locator('[data-reveal-state="done"]')).to_have_count(1, timeout=15000)
    shot(projector, "projector-results")
    shot(projector, "projector-map", clip={"x": 1180, "y": 140, "width": 700, "height": 760})

    # Phones: the reveal shows them the ranking too.
    for phone in phones.values():
        expect(phone.locator("[data-ranking-list] li").first).to_contain_text(expected[0])
