"""The control page from practices to results: merging, the live tally, the rules, commitments.

Selectors use data attributes, not words: the page must read the same in Finnish and English.
"""

from __future__ import annotations

import re

from playwright.sync_api import expect

from tests.browser.conftest import no_horizontal_overflow, run_axe, sign_in
from tests.conftest import story
from workshop.extensions import db
from workshop.participants import services as participants
from workshop.practices import commitments, reading
from workshop.practices import services as practices
from workshop.realtime import Audience
from workshop.stories import services as stories
from workshop.voting import dots as voting
from workshop.workshops import services as workshops
from workshop.workshops.models import Workshop
from workshop.workshops.services import Viewer

TITLES = ["Etu ilman korttia", "Ihminen tavoitettavissa aina", "Lomake muistaa vastaukset"]
STORIES = ["Kanta-asiakaskortti Toscanassa", "Chatbot looped", "Bussikuski viittoi kyytiin"]
MOVES_FROM_PRACTICES = {"practices": [], "voting": ["voting"], "results": ["voting", "results"]}


def _room(live_server, email: str, phase: str) -> dict:
    """A workshop with three people, three stories and three practices (one story each)."""
    owner = live_server.facilitator(email)
    workshop_id, code, _key = live_server.workshop(owner, "Käytäntötyöpaja")
    with live_server.app.app_context():
        workshops.change_phase(owner, workshop_id, "stories")
        people = [participants.join(code, name)[0].id for name in ("Aino", "Eero", "Sanna")]
        story_ids = [
            stories.post_story(person, story(title=title), f"s{n}")[0].id
            for n, (person, title) in enumerate(zip(people, STORIES, strict=True))
        ]
        workshops.change_phase(owner, workshop_id, "practices")
        practice_ids = []
        for n, (person, title) in enumerate(zip(people, TITLES, strict=True)):
            viewer = Viewer(workshop_id, Audience.PARTICIPANTS, participant_id=person)
            body = {"title": title, "story_ids": [story_ids[n]]}
            practice_ids.append(practices.post_practice(viewer, body, f"p{n}")[0].id)
        for step in MOVES_FROM_PRACTICES[phase]:
            workshops.change_phase(owner, workshop_id, step)
    return {
        "owner": owner,
        "id": workshop_id,
        "code": code,
        "people": people,
        "stories": story_ids,
        "practices": practice_ids,
    }


def _control_page(new_context, room: dict, email: str, **options):
    page = new_context(viewport={"width": 1366, "height": 900}, **options).new_page()
    sign_in(page, email)
    page.goto(f"/workshops/{room['id']}")
    expect(page.locator("body")).to_have_attribute("data-connection-state", "connected")
    return page


def _card(page, practice_id: int):
    return page.locator(f'[data-practice-list] [data-practice-id="{practice_id}"]')


def test_the_facilitator_merges_two_practices(live_server, new_context):
    room = _room(live_server, "merge@example.fi", "practices")
    page = _control_page(new_context, room, "merge@example.fi")
    first, second, third = room["practices"]
    expect(page.locator("[data-practice-list] > [data-practice-id]")).to_have_count(3)

    _card(page, first).locator('[data-action="merge"]').click()
    _card(page, first).locator("select").select_option(str(second))
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    _card(page, first).locator('[data-action="merge-confirm"]').click()
    # It asks in the page, as the phase moves do; Esc goes back to the choice.
    question = _card(page, first).locator("[data-merge-ask]")
    expect(question).to_contain_text(TITLES[0])
    expect(question).to_contain_text(TITLES[1])
    expect(question.locator('[data-action="merge-yes"]')).to_be_focused()
    page.keyboard.press("Escape")
    expect(question).to_have_count(0)
    expect(_card(page, first).locator("select")).to_be_focused()
    expect(_card(page, first).locator("select")).to_have_value(str(second))
    _card(page, first).locator('[data-action="merge-confirm"]').click()
    expect(question.locator('[data-action="merge-yes"]')).to_be_focused()
    page.keyboard.press("Enter")

    expect(page.locator("[data-practice-list] > [data-practice-id]")).to_have_count(2)
    expect(_card(page, first)).to_have_count(0)
    traced = _card(page, second).locator(".ctl-trace-list li")
    expect(traced).to_have_count(2)  # the union of both practices' stories
    for title in STORIES[:2]:
        expect(traced.filter(has_text=title)).to_have_count(1)
    expect(page.locator("[data-practice-count]")).to_have_text("2")
    assert dialogs == []  # no browser confirm()
    with live_server.app.app_context():
        workshop = db.session.get(Workshop, room["id"])
        left = reading.practices_json(workshop, Viewer(room["id"], Audience.FACILITATORS))
    assert [p["id"] for p in left] == [second, third]
    assert sorted(left[0]["story_ids"]) == sorted(room["stories"][:2])


def test_the_live_tally_follows_votes_and_the_budget_is_set(live_server, new_context, shot):
    room = _room(live_server, "tally@example.fi", "voting")
    page = _control_page(new_context, room, "tally@example.fi")
    target = room["practices"][2]
    voters = page.locator("[data-tally-voters]")
    expect(voters).to_have_text("0 / 3")
    expect(page.locator("[data-reveal-votes]")).to_be_visible()

    with live_server.app.app_context():
        voting.cast_vote(room["people"][0], "dot-1", target)
    expect(voters).to_have_text("1 / 3")
    row = page.locator(f'[data-tally-list] [data-practice-id="{target}"]')
    expect(row.locator("[data-tally-dots]")).to_have_text("1")
    # The most dots first: the voted practice leads the list.
    expect(page.locator("[data-tally-list] > li").first).to_have_attribute(
        "data-practice-id", str(target)
    )
    with live_server.app.app_context():
        voting.cast_vote(room["people"][1], "dot-2", target)
    expect(row.locator("[data-tally-dots]")).to_have_text("2")
    expect(voters).to_have_text("2 / 3")
    shot(page, "facilitator-voting-tally-1366x900", full_page=True)

    form = page.locator("[data-voting-form]")
    form.locator("input[name=budget]").fill("4")
    form.locator("[data-voting-save]").click()
    expect(form.locator("[data-form-status]")).to_have_attribute("data-state", "saved")
    with live_server.app.app_context():
        workshop = workshops.workshop_by_code(room["code"])
        assert voting.voting_json(workshop)["budget"] == 4

    # A bad number is refused with the server's message beside the field.
    form.locator("input[name=budget]").fill("0")
    form.locator("[data-voting-save]").click()
    expect(form.locator('[data-error-for="budget"]')).to_be_visible()
    expect(form.locator("input[name=budget]")).to_have_attribute("aria-invalid", "true")

    page.set_viewport_size({"width": 360, "height": 740})
    assert no_horizontal_overflow(page)


def test_the_facilitator_orders_commitments_with_owners(live_server, new_context, shot):
    room = _room(live_server, "commit@example.fi", "results")
    page = _control_page(new_context, room, "commit@example.fi", bypass_csp=True)
    first, second, _third = room["practices"]
    ranking = page.locator("[data-ranking]")
    expect(ranking.locator("> li")).to_have_count(3)
    rows = page.locator("[data-commitments] > li")

    ranking.locator(f'[data-practice-id="{first}"] [data-make-commitment]').click()
    expect(rows).to_have_count(1)
    ranking.locator(f'[data-practice-id="{second}"] [data-make-commitment]').click()
    expect(rows).to_have_count(2)
    expect(rows.nth(1)).to_have_attribute("data-practice-id", str(second))

    row = page.locator(f'[data-commitments] [data-practice-id="{second}"]')
    row.locator("input[name=owner]").fill("Asiakaspalvelun esihenkilö")
    row.locator("[name=first_step]").fill("Kokeillaan kahdessa myymälässä")
    row.locator("[name=first_step]").press("Tab")  # leaving the field saves it
    status = row.locator(".ctl-commitment-status")
    expect(status).to_have_class(re.compile(r"\bis-saved\b"))
    row.locator("[data-move-up]").click()
    expect(rows.first).to_have_attribute("data-practice-id", str(second))
    expect(rows.first.locator("[data-move-up]")).to_be_disabled()
    shot(page, "facilitator-results-commitments-1366x900", full_page=True)

    with live_server.app.app_context():
        chosen = commitments.commitments_of(room["id"])
        assert [p.id for p in chosen] == [second, first]
        assert chosen[0].commitment_owner == "Asiakaspalvelun esihenkilö"
        assert chosen[0].commitment_first_step == "Kokeillaan kahdessa myymälässä"
    assert run_axe(page) == []
