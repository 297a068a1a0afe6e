"""One way of asking: every destructive action asks in the page, never in a browser dialog.

On the control page each question is the merge question's box (the question, a red button
that acts, focused, and Cancel); on the phone an inline question in the card with tap-sized
buttons. Esc or Cancel keeps the thing, the red button removes it, axe finds nothing while
the question is open, and no native dialog ever opens. Without JavaScript a form button that
asks just submits.

Selectors use data attributes, not words: the page must read the same in Finnish and English.
"""

from __future__ import annotations

import re
from pathlib import Path

from playwright.sync_api import expect
from sqlalchemy import select

from tests.browser.conftest import no_horizontal_overflow, run_axe, sign_in
from tests.browser.test_facilitator_practices import _room as practices_room
from workshop.extensions import db
from workshop.participants.models import Participant
from workshop.practices import commitments
from workshop.practices import services as practices
from workshop.realtime import Audience
from workshop.stories import services as stories
from workshop.workshops import admin
from workshop.workshops import services as workshops
from workshop.workshops.models import Workshop
from workshop.workshops.services import Viewer

DANGER = "rgb(163, 34, 42)"  # --danger
JS = Path(__file__).resolve().parents[2] / "static" / "js"
# confirm( / alert( / prompt( called bare or on window (window.confirm, window["confirm"]).
NATIVE_DIALOG = re.compile(
    r"(?<![\w$.])(?:confirm|alert|prompt)\s*\(|window\s*(?:\.\s*|\[\s*[\"'])(?:confirm|alert|prompt)\b"
)


def test_no_script_opens_a_browser_dialog():
    found = [
        f"{path.name}:{n}: {line.strip()}"
        for path in sorted(JS.glob("*.js"))
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if NATIVE_DIALOG.search(line) and not line.strip().startswith(("//", "*", "/*"))
    ]
    assert found == []


def _watch_dialogs(page) -> list[str]:
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    return dialogs


def _ask_keep_then_remove(
    page, scope, trigger, thing, text: str | re.Pattern, shot=None, name: str = ""
) -> list[dict]:
    """Open the question three times: Esc keeps the thing, Cancel keeps it, the red button
    removes it. Return axe's findings with the question open."""
    question = scope.locator("[data-ask]")
    yes = question.locator("[data-confirm-yes]")

    trigger.click()
    expect(page.locator("[data-ask]")).to_have_count(1)  # one question at a time
    expect(question).to_be_visible()
    expect(question).to_have_attribute("role", "group")
    expect(question.locator("p")).to_have_text(text)
    expect(yes).to_be_focused()
    assert yes.evaluate("b => getComputedStyle(b).backgroundColor") == DANGER  # red: it removes
    page.keyboard.press("Escape")
    expect(question).to_have_count(0)
    expect(trigger).to_be_focused()  # back where the person was
    expect(thing).to_have_count(1)

    trigger.click()
    expect(yes).to_be_focused()
    question.locator("[data-confirm-no]").click()
    expect(question).to_have_count(0)
    expect(thing).to_have_count(1)

    trigger.click()
    expect(yes).to_be_focused()
    found = run_axe(page)
    if shot:
        question.scroll_into_view_if_needed()
        shot(page, f"ask-{name}")
    yes.click()
    expect(thing).to_have_count(0)
    expect(page.locator("[data-ask]")).to_have_count(0)
    return found


def _open_panel(page, name: str):
    panel = page.locator(f'[data-panel="{name}"]')
    toggle = panel.locator("[data-fold-toggle]")
    if toggle.count() and toggle.get_attribute("aria-expanded") != "true":
        toggle.click()
    return panel


def test_every_destructive_action_on_the_control_page_asks_in_the_page(
    live_server, new_context, shot
):
    email = "ask-owner@example.fi"
    live_server.facilitator("ask-co@example.fi")
    room = practices_room(live_server, email, "results")
    first, second, _third = room["practices"]
    with live_server.app.app_context():
        admin.add_co_facilitator(room["owner"], room["id"], "ask-co@example.fi")
        commitments.set_commitment(room["owner"], first, {"owner": "Esihenkilö"})
    page = new_context(bypass_csp=True, viewport={"width": 1366, "height": 900}).new_page()
    dialogs = _watch_dialogs(page)
    sign_in(page, email)
    page.goto(f"/workshops/{room['id']}")
    expect(page.locator("body")).to_have_attribute("data-connection-state", "connected")
    title = page.evaluate("id => Control.store.practices.get(id).title", second)
    found = {}

    stories_panel = _open_panel(page, "stories")
    story = stories_panel.locator(f'[data-stories] [data-story-id="{room["stories"][1]}"]')
    found["story"] = _ask_keep_then_remove(
        page,
        story,
        story.locator('[data-action="delete"]'),
        story,
        re.compile(r"\S"),
        shot=shot,
        name="control-story",
    )

    person = page.locator(f'[data-participant-list] [data-participant-id="{room["people"][2]}"]')
    found["person"] = _ask_keep_then_remove(
        page,
        page.locator("[data-participant-list]").locator(".."),
        person.locator("button"),
        person,
        re.compile("Sanna"),
        shot=shot,
        name="control-person",
    )

    practices_panel = _open_panel(page, "practices")
    practice = practices_panel.locator(f'[data-practice-list] [data-practice-id="{second}"]')
    found["practice"] = _ask_keep_then_remove(
        page,
        practice,
        practice.locator('[data-action="delete"]'),
        practice,
        re.compile(re.escape(title)),
        shot=shot,
        name="control-practice",
    )

    results_panel = _open_panel(page, "results")
    commitment = results_panel.locator(f'[data-commitments] [data-practice-id="{first}"]')
    found["commitment"] = _ask_keep_then_remove(
        page,
        commitment,
        commitment.locator("button.button-danger"),
        commitment,
        re.compile(r"\S"),
        shot=shot,
        name="control-commitment",
    )

    panel = page.locator("[data-deliverables]")
    toggle = panel.locator("[data-deliverables-toggle]")
    if toggle.get_attribute("aria-expanded") != "true":
        toggle.click()
    share = panel.locator("[data-share]")
    share.locator("[data-share-create]").click()
    expect(share.locator('[data-share-url][href*="/charter/"]')).to_have_count(1)
    found["results link"] = _ask_keep_then_remove(
        page,
        share,
        share.locator("[data-share-revoke]"),
        share.locator('[data-share-url][href*="/charter/"]'),
        re.compile(r"\S"),
        shot=shot,
        name="control-share",
    )
    expect(share.locator("[data-share-create]")).to_be_visible()

    row = panel.locator("[data-team-list] li", has_text="ask-co@example.fi")
    found["co-facilitator"] = _ask_keep_then_remove(
        page,
        row,
        row.locator("button"),
        row,
        re.compile("ask-co@example.fi"),
        shot=shot,
        name="control-team",
    )

    assert dialogs == []
    assert found == {name: [] for name in found}


def test_a_question_on_the_control_page_survives_a_live_redraw(live_server, new_context):
    email = "ask-redraw@example.fi"
    room = practices_room(live_server, email, "practices")
    page = new_context(viewport={"width": 1366, "height": 900}).new_page()
    sign_in(page, email)
    page.goto(f"/workshops/{room['id']}")
    expect(page.locator("body")).to_have_attribute("data-connection-state", "connected")
    card = page.locator(f'[data-practice-list] [data-practice-id="{room["practices"][0]}"]')
    card.locator('[data-action="delete"]').click()
    yes = card.locator("[data-ask] [data-confirm-yes]")
    expect(yes).to_be_focused()
    with live_server.app.app_context():  # a practice arrives meanwhile: every card redraws
        viewer = Viewer(room["id"], Audience.PARTICIPANTS, participant_id=room["people"][0])
        practices.post_practice(viewer, {"title": "Myöhäinen ehdotus", "story_ids": []}, "late")
    expect(page.locator("[data-practice-list] > [data-practice-id]")).to_have_count(4)
    expect(yes).to_be_focused()  # still asking, the answer still under the thumb
    page.keyboard.press("Escape")
    expect(card.locator("[data-ask]")).to_have_count(0)
    expect(card.locator('[data-action="delete"]')).to_be_focused()
    page.keyboard.press("Enter")  # the keyboard asks again, and Enter confirms
    expect(yes).to_be_focused()
    page.keyboard.press("Enter")
    expect(card).to_have_count(0)


def _phone(new_context, code: str, name: str):
    page = new_context(
        "Pixel 5", bypass_csp=True, viewport={"width": 360, "height": 740}
    ).new_page()
    page.goto(f"/join/{code}")
    page.get_by_label("Nimesi").fill(name)
    page.get_by_role("button", name="Liity").click()
    expect(page.locator("body")).to_have_attribute("data-connection-state", "connected")
    return page


def _tap_sizes(question) -> list[float]:
    return question.locator("button").evaluate_all(
        "bs => bs.map(b => Math.min(b.getBoundingClientRect().height, b.getBoundingClientRect().width))"
    )


def test_deleting_on_the_phone_asks_in_the_card(live_server, new_context, shot):
    owner = live_server.facilitator("ask-phone@example.fi")
    workshop_id, code, _key = live_server.workshop(owner, "Puhelin kysyy")
    with live_server.app.app_context():
        workshops.change_phase(owner, workshop_id, "stories")
    page = _phone(new_context, code, "Puhelin")
    dialogs = _watch_dialogs(page)
    with live_server.app.app_context():
        me = (
            db.session.scalars(
                select(Participant).where(
                    Participant.workshop_id == workshop_id, Participant.display_name == "Puhelin"
                )
            )
            .one()
            .id
        )
        story_id = stories.post_story(
            me,
            {
                "title": "Bussikuski viittoi kyytiin",
                "happened": "Kuljettaja viittoi istumaan.",
                "agency": 5,
                "channel": "in_person",
            },
            "mine-1",
        )[0].id
    page.reload()
    expect(page.locator("body")).to_have_attribute("data-connection-state", "connected")
    found = {}

    card = page.locator(f'[data-my-stories] [data-story-id="{story_id}"]')
    expect(card).to_be_visible()
    trigger = card.locator("button.button-danger")
    trigger.click()
    question = card.locator("[data-ask]")
    expect(question.locator("[data-confirm-yes]")).to_be_focused()
    sizes = _tap_sizes(question)
    assert len(sizes) == 2 and min(sizes) >= 44, sizes
    assert no_horizontal_overflow(page)
    box = question.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 360, box
    shot(page, "ask-phone-story")
    page.keyboard.press("Escape")
    found["story"] = _ask_keep_then_remove(page, card, trigger, card, re.compile(r"\S"))

    with live_server.app.app_context():
        workshops.change_phase(owner, workshop_id, "practices")
        viewer = Viewer(workshop_id, Audience.PARTICIPANTS, participant_id=me)
        practice_id = practices.post_practice(
            viewer, {"title": "Kuljettaja saa päättää", "story_ids": []}, "mine-p"
        )[0].id
    page.reload()
    expect(page.locator("body")).to_have_attribute("data-connection-state", "connected")
    card = page.locator(f'[data-my-practices] [data-practice-id="{practice_id}"]')
    expect(card).to_be_visible()
    trigger = card.locator("button.button-danger")
    trigger.click()
    question = card.locator("[data-ask]")
    sizes = _tap_sizes(question)
    assert len(sizes) == 2 and min(sizes) >= 44, sizes
    assert no_horizontal_overflow(page)
    shot(page, "ask-phone-practice")
    page.keyboard.press("Escape")
    found["practice"] = _ask_keep_then_remove(page, card, trigger, card, re.compile(r"\S"))

    assert dialogs == []
    assert found == {name: [] for name in found}


def test_a_form_button_that_asks_still_submits_without_javascript(live_server, new_context):
    email = "ask-nojs@example.fi"
    owner = live_server.facilitator(email)
    workshop_id, _code, _key = live_server.workshop(owner, "Ilman skriptejä")
    page = new_context(
        java_script_enabled=False, viewport={"width": 1366, "height": 900}
    ).new_page()
    sign_in(page, email)
    page.goto(f"/workshops/{workshop_id}")
    page.locator('[data-phase-form] input[name="phase"][value="closed"]').locator("..").locator(
        "button[data-confirm]"
    ).click()
    page.wait_for_load_state()
    with live_server.app.app_context():
        assert db.session.get(Workshop, workshop_id).phase == "closed"
