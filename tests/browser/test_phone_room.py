"""A phone through a whole workshop at 360x740, measured as a person would meet it.

In every phase (the join page, lobby, stories, practices, voting, results, closed):
every tap target is at least 44x44 px, sticky bars take at most 15 % of the screen and
never sit over text while the page scrolls, nothing is wider than the screen, no clamped
text ends in a cut word, and axe-core finds nothing at any impact.

The figures measured are written to test-artifacts/phone-room-figures-<language>.json.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.phone_room import (
    PRACTICES,
    STORIES,
    Figures,
    join_phone,
    make_room,
    move,
    others_propose,
    others_write_stories,
    phone_context,
    view_of,
)
from workshop.practices import commitments
from workshop.practices import services as practices
from workshop.voting import dots as voting


@pytest.mark.parametrize("language", ["fi", "en"])
def test_every_phase_fits_a_360_px_phone(live_server, new_context, shot, language):
    room = make_room(live_server, f"phone-room-{language}@example.fi", language)
    figures = Figures(language)
    context = phone_context(new_context, locale="fi-FI" if language == "fi" else "en-GB")
    phone = join_phone(context, room["code"], "Aino", figures, shot)
    expect(view_of(phone, "lobby")).to_be_visible()
    expect(phone.locator("[data-examples]")).to_be_visible()
    figures.measure(phone, "lobby", shot)

    # Stories: everyone's on the wall, links in them, my own with its buttons, a timer.
    move(live_server, room, "stories")
    story_ids = others_write_stories(live_server, room)
    expect(view_of(phone, "stories")).to_be_visible()
    form = phone.locator("[data-story-form]")
    form.locator("#s-title").fill("Kassa keksi keinon")
    form.locator("#s-happened").fill("Myyjä lainasi kortin [jonosta](https://example.fi/j).")
    form.locator('input[name="agency"][value="4"]').check()
    form.locator('input[name="channel"][value="in_person"]').check()
    form.locator('button[type="submit"]').click()
    expect(phone.locator("[data-my-stories] .story-card .card-actions")).to_have_count(1)
    expect(phone.locator("[data-other-stories] .story-card")).to_have_count(len(STORIES))
    expect(phone.locator("[data-phone-timer]")).to_be_visible()
    figures.measure(phone, "stories", shot)

    # Offline while writing: the banner above the timer's band, the story kept on the phone.
    context.set_offline(True)
    expect(phone.locator("[data-offline-banner]")).to_be_visible(timeout=10_000)
    form.locator("#s-title").fill("Kirjoitettu ilman yhteyttä")
    form.locator("#s-happened").fill("Verkko katkesi kesken kaiken.")
    form.locator('input[name="agency"][value="2"]').check()
    form.locator('input[name="channel"][value="online"]').check()
    form.locator('button[type="submit"]').click()
    queued = phone.evaluate("() => Live.i18n.queued")
    expect(form.locator("[data-form-status]")).to_have_text(queued)
    figures.measure(phone, "stories-offline", shot)
    context.set_offline(False)
    phone.evaluate("() => window.dispatchEvent(new Event('online'))")
    expect(phone.locator("[data-my-stories] .story-card")).to_have_count(2)

    # Practices: a story picked (its chip), my own practice with its buttons, everyone's.
    move(live_server, room, "practices")
    others_propose(live_server, room, story_ids)
    expect(view_of(phone, "practices")).to_be_visible()
    practice_form = phone.locator("[data-practice-form]")
    practice_form.locator("#p-title").fill("Myyjä saa antaa alennuksen")
    practice_form.locator(".story-option input").first.check()
    practice_form.locator('button[type="submit"]').click()
    expect(phone.locator("[data-my-practices] .practice-card .card-actions")).to_have_count(1)
    practice_form.locator(".story-option input").nth(1).check()
    expect(practice_form.locator(".picked-chip")).to_have_count(1)
    expect(phone.locator("[data-other-practices] .practice-card")).to_have_count(len(PRACTICES))
    figures.measure(phone, "practices", shot)

    # Voting: the dots bar with the timer; a notice with its button.
    with live_server.app.app_context():
        voting.change_voting(room["owner"], room["id"], {"budget": 5, "per_practice_cap": 2})
    move(live_server, room, "voting")
    expect(view_of(phone, "voting")).to_be_visible()
    cards = phone.locator(".vote-card")
    expect(cards).to_have_count(len(PRACTICES) + 1)
    cards.nth(2).locator("[data-add]").click()
    expect(phone.locator("[data-dots-left]")).to_have_attribute("data-remaining", "4")
    with live_server.app.app_context():
        voting.change_voting(room["owner"], room["id"], {"budget": 3})
    expect(phone.locator("[data-dots-left]")).to_have_attribute("data-remaining", "2")
    with live_server.app.app_context():
        practices.set_hidden(
            room["owner"], int(cards.nth(2).get_attribute("data-practice-id")), hidden=True
        )
    expect(phone.locator("[data-dots-notice]")).to_be_visible()
    figures.measure(phone, "voting", shot)

    # Offline while voting: the banner and the bar share the top, and the waiting dot says so.
    context.set_offline(True)
    expect(phone.locator("[data-offline-banner]")).to_be_visible(timeout=10_000)
    phone.locator(".vote-card").first.locator("[data-add]").click()
    expect(phone.locator("[data-dots-state]")).to_be_visible()
    figures.measure(phone, "voting-offline", shot)
    context.set_offline(False)
    expect(phone.locator("body")).to_have_attribute("data-connection-state", "connected")
    expect(phone.locator("[data-offline-banner]")).to_be_hidden()

    # Results and closed: the commitments and the ranking.
    move(live_server, room, "results")
    with live_server.app.app_context():
        first = int(phone.locator(".vote-card").first.get_attribute("data-practice-id"))
        commitments.set_commitment(
            room["owner"],
            first,
            {"owner": "Myymäläpäällikkö Liisa Mäkelä", "first_step": "Ohje kassoille maanantaina"},
        )
    expect(phone.locator("[data-commitment-list] .commitment")).to_have_count(1)
    figures.measure(phone, "results", shot)
    move(live_server, room, "closed")
    expect(view_of(phone, "closed")).to_be_visible()
    figures.measure(phone, "closed", shot)
    figures.check()
