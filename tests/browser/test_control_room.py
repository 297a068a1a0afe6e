"""The control page as two facilitators live it: the same move at once, one way of asking,
the story grid without gaps, and axe at every level in every phase.

Selectors use data attributes, not words: the page must read the same in Finnish and English.
"""

from __future__ import annotations

from playwright.sync_api import expect

from tests.browser.conftest import no_horizontal_overflow, run_axe, sign_in
from tests.conftest import story
from workshop.extensions import db
from workshop.facilitators.models import Facilitator
from workshop.participants import services as participants
from workshop.stories import services as stories
from workshop.workshops import admin
from workshop.workshops import services as workshops
from workshop.workshops.models import Workshop

FLOW = ["lobby", "stories", "practices", "voting", "results"]


def _room(live_server, email: str, phase: str = "stories", *, texts: list[str] = ()) -> dict:
    """A workshop with two people and a story each (or the given story texts), in a phase."""
    owner = live_server.facilitator(email)
    workshop_id, code, _key = live_server.workshop(owner, "Yhteinen ohjaus")
    with live_server.app.app_context():
        if phase != "lobby":
            workshops.change_phase(owner, workshop_id, "stories")
            people = [participants.join(code, name)[0].id for name in ("Aino", "Eero")]
            for n, text in enumerate(texts or ["Lyhyt tarina.", "Toinen lyhyt tarina."]):
                body = story(title=f"Tarina {n + 1}", happened=text)
                stories.post_story(people[n % 2], body, f"s{n}")
        if phase == "closed":
            workshops.change_phase(owner, workshop_id, "closed")
        else:
            for step in FLOW[2 : FLOW.index(phase) + 1]:
                workshops.change_phase(owner, workshop_id, step)
    return {"owner": owner, "id": workshop_id, "code": code}


def _control_page(new_context, room: dict, email: str, **options):
    viewport = {"width": 1366, "height": 900}
    page = new_context(**{"viewport": viewport, **options}).new_page()
    sign_in(page, email)
    page.goto(f"/workshops/{room['id']}")
    expect(page.locator("body")).to_have_attribute("data-connection-state", "connected")
    return page


def _phase(live_server, room: dict) -> str:
    with live_server.app.app_context():
        return db.session.get(Workshop, room["id"]).phase


def test_two_facilitators_pressing_the_same_move_at_once_both_get_there(live_server, new_context):
    room = _room(live_server, "same-owner@example.fi")
    live_server.facilitator("same-co@example.fi")
    with live_server.app.app_context():
        admin.add_co_facilitator(room["owner"], room["id"], "same-co@example.fi")
    pages = [
        _control_page(new_context, room, "same-owner@example.fi"),
        _control_page(new_context, room, "same-co@example.fi"),
    ]
    for page in pages:  # both ask, both are about to confirm
        page.locator('[data-phase-form][data-way="forward"] button').click()
        expect(page.locator("[data-confirm-yes]")).to_be_focused()
    # Pressed within the same few milliseconds: neither page has heard of the other's move.
    # Both pages share the browser's clock, so each is told the same moment to press (on
    # a loaded machine, a press made right after the other page's could come after the
    # other's move reached it). Each page's own answer is awaited (an event may reach a
    # page before its response).
    moved = lambda response: response.url.endswith("/phase")  # noqa: E731
    at = pages[0].evaluate("() => Date.now() + 1000")
    press = "at => setTimeout(() => document.querySelector('[data-confirm-yes]').click(), at - Date.now())"
    with (
        pages[0].expect_response(moved) as first,
        pages[1].expect_response(moved) as second,
    ):
        for page in pages:
            page.evaluate(press, at)
    for page in pages:
        expect(page.locator("body")).to_have_attribute("data-phase", "practices")
        page.wait_for_function(
            "() => !document.querySelector('[data-phase-moves] button:disabled')"
        )
    assert [first.value.status, second.value.status] == [200, 200]
    for page in pages:
        expect(page.locator("[data-phase-error]")).to_be_hidden()
    assert _phase(live_server, room) == "practices"


def test_every_step_back_asks_in_the_page_and_the_hint_goes_with_the_question(
    live_server, new_context
):
    email = "back@example.fi"
    room = _room(live_server, email, "results")
    page = _control_page(new_context, room, email)
    confirm = page.locator("[data-phase-confirm]")
    status = page.locator("[data-keys-status]")
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))

    # Results → voting asks like every other step back, and the hint leaves with the question.
    page.evaluate("() => document.activeElement && document.activeElement.blur()")
    page.keyboard.press("ArrowLeft")
    expect(confirm).to_be_visible()
    expect(page.locator("[data-confirm-text]")).not_to_be_empty()
    expect(status).not_to_be_empty()  # "Press Enter to confirm, Esc to cancel."
    assert _phase(live_server, room) == "results"
    page.keyboard.press("Enter")
    expect(page.locator("body")).to_have_attribute("data-phase", "voting")
    expect(confirm).to_be_hidden()
    expect(status).to_be_empty()

    # Cancelled with the mouse: the hint goes too.
    page.evaluate("() => document.activeElement && document.activeElement.blur()")
    page.keyboard.press("ArrowLeft")
    expect(status).not_to_be_empty()
    page.locator("[data-confirm-no]").click()
    expect(confirm).to_be_hidden()
    expect(status).to_be_empty()

    # Each step back with its button: the question first, then the move.
    for target in ["practices", "stories", "lobby"]:
        page.locator('[data-phase-form][data-way="back"] button').click()
        expect(confirm).to_be_visible()
        expect(page.locator("[data-confirm-yes]")).to_be_focused()
        assert _phase(live_server, room) != target
        page.locator("[data-confirm-yes]").click()
        expect(page.locator("body")).to_have_attribute("data-phase", target)
    assert _phase(live_server, room) == "lobby"
    assert dialogs == []


LONG = " ".join(["Myyjä kuunteli, kysyi tarkentavan kysymyksen ja löysi ratkaisun."] * 22)


def test_the_story_grid_leaves_no_gap_under_a_short_card_beside_a_long_one(
    live_server, new_context, shot
):
    email = "grid@example.fi"
    texts = ["Lyhyt.", LONG, "Lyhyt toinen.", "Kolmas lyhyt.", "Neljäs.", "Viides lyhyt."]
    room = _room(live_server, email, "stories", texts=texts)
    page = _control_page(new_context, room, email)
    expect(page.locator("[data-stories] > [data-story-id]")).to_have_count(6)
    # For each card, the space down to the next card below it (overlapping columns).
    gaps = page.evaluate(
        """() => {
          const cards = [...document.querySelectorAll('[data-stories] > [data-story-id]')]
            .map(c => c.getBoundingClientRect());
          return cards.map(a => {
            const below = cards.filter(b => b !== a && b.top >= a.bottom - 1
              && b.left < a.right - 1 && b.right > a.left + 1);
            return below.length ? Math.min(...below.map(b => b.top - a.bottom)) : null;
          });
        }"""
    )
    heights = page.evaluate(
        """() => [...document.querySelectorAll('[data-stories] > [data-story-id]')]
          .map(c => c.getBoundingClientRect().height)"""
    )
    shot(page, "control-story-grid-1366x900", full_page=True)
    assert max(heights) > 2 * min(heights)  # one long story among short ones
    measured = [gap for gap in gaps if gap is not None]
    assert measured and max(measured) <= 24, gaps  # 1rem between cards, no hole


def _audit(new_context, **options):
    # axe is injected as a script: let it past the page's CSP for the audit only.
    return new_context(bypass_csp=True, **options).new_page()


def test_axe_finds_nothing_on_the_control_page_in_any_phase(live_server, new_context):
    email = "axe-control@example.fi"
    live_server.facilitator("axe-co@example.fi")
    found = {}
    for phase in [*FLOW, "closed"]:
        room = _room(live_server, email, phase)
        with live_server.app.app_context():  # a co-facilitator: the Remove button's name
            admin.add_co_facilitator(room["owner"], room["id"], "axe-co@example.fi")
        page = _audit(new_context, viewport={"width": 1440, "height": 900})
        sign_in(page, email)
        page.goto(f"/workshops/{room['id']}")
        expect(page.locator("body")).to_have_attribute("data-connection-state", "connected")
        expect(page.locator("[data-stories] > [data-story-id]")).to_have_count(
            0 if phase == "lobby" else 2
        )
        found[phase] = run_axe(page)
        if phase == "stories":  # a question open, and a merge asked in the page
            page.locator('[data-phase-form][data-way="forward"] button').click()
            expect(page.locator("[data-phase-confirm]")).to_be_visible()
            found["stories, asking"] = run_axe(page)
        page.context.close()
    assert found == {name: [] for name in found}


def _setup_page(live_server, errors: dict) -> str:
    """The setup page as its view renders it before the first account exists.

    The shared live server has accounts already (so its setup links are used up), and a
    second app in this process would take the Socket.IO server over: the same template,
    with the same arguments, rendered by the live app.
    """
    from flask import render_template

    with live_server.app.test_request_context("/setup/first", method="GET"):
        return render_template("facilitators/setup.html", errors=errors, form={})


def test_axe_finds_nothing_on_the_workshop_list_and_account_pages(live_server, new_context):
    page = _audit(new_context, viewport={"width": 1440, "height": 900})
    found = {}
    refused = {"email": "Anna sähköpostiosoite.", "password": "Vähintään 10 merkkiä."}
    for name, errors in [("setup", {}), ("setup, refused", refused)]:
        html = _setup_page(live_server, errors)
        page.route(
            "**/setup/first",
            lambda route, _request, html=html: route.fulfill(
                body=html, content_type="text/html; charset=utf-8"
            ),
        )
        page.goto("/setup/first")
        expect(page.locator("input[type=password]")).to_have_count(1)
        expect(page.locator(".field-error")).to_have_count(len(errors))
        found[name] = run_axe(page)
        page.unroute("**/setup/first")
    page.goto("/setup/used-or-wrong")
    found["setup link used"] = run_axe(page)
    page.goto("/w/NOSUCH")
    found["error page"] = run_axe(page)
    page.goto("/login")
    found["login"] = run_axe(page)
    page.get_by_label("Salasana").fill("wrong password here")
    page.get_by_label("Sähköposti").fill("nobody@example.fi")
    page.get_by_role("button", name="Kirjaudu sisään").click()
    found["login, refused"] = run_axe(page)
    email = "axe-list@example.fi"
    room = _room(live_server, email, "stories")
    with live_server.app.app_context():  # an administrator's page: it has the account form
        db.session.get(Facilitator, room["owner"]).is_admin = True
        db.session.commit()
    sign_in(page, email)
    page.goto("/workshops")
    expect(page.locator("main")).to_contain_text("Yhteinen ohjaus")
    found["workshops"] = run_axe(page)
    page.goto("/account")
    found["account"] = run_axe(page)
    page.locator("#new-email").fill("not an email")
    page.locator("#new-password").fill("short")
    page.locator("form[action$='/account/facilitators'] button[type=submit]").click()
    found["account, refused"] = run_axe(page)
    assert room
    assert found == {name: [] for name in found}
    # As the statement says: they fit a 360-pixel-wide phone without scrolling sideways.
    page.set_viewport_size({"width": 360, "height": 740})
    for path in ["/workshops", "/account", "/login", "/accessibility"]:
        page.goto(path)
        assert no_horizontal_overflow(page), path


def test_the_single_key_shortcuts_can_be_switched_off(live_server, new_context):
    email = "keys-off@example.fi"
    room = _room(live_server, email, "stories")
    page = _control_page(new_context, room, email)
    switch = page.locator("[data-keys-switch]")
    expect(switch).to_be_checked()
    expect(page.locator('[data-phase-form][data-way="forward"]')).to_have_count(1)
    switch.uncheck()
    page.evaluate("() => document.activeElement && document.activeElement.blur()")
    for key in ["ArrowRight", "n", "q", "t"]:
        page.keyboard.press(key)
    expect(page.locator("[data-phase-confirm]")).to_be_hidden()
    expect(page.locator("[data-timer]")).to_have_attribute("data-state", "stopped")
    page.reload()  # the choice stays on this browser
    expect(page.locator("body")).to_have_attribute("data-connection-state", "connected")
    expect(page.locator('[data-phase-form][data-way="forward"]')).to_have_count(1)  # snapshot in
    expect(page.locator("[data-keys-switch]")).not_to_be_checked()
    page.keyboard.press("ArrowRight")
    expect(page.locator("[data-phase-confirm]")).to_be_hidden()
    page.locator("[data-keys-switch]").check()
    page.evaluate("() => document.activeElement && document.activeElement.blur()")
    page.keyboard.press("ArrowRight")
    expect(page.locator("[data-phase-confirm]")).to_be_visible()
    page.keyboard.press("Escape")  # not a character key: it always cancels
    expect(page.locator("[data-phase-confirm]")).to_be_hidden()
    assert _phase(live_server, room) == "stories"


def test_axe_finds_nothing_with_practices_a_merge_question_and_commitments(
    live_server, new_context
):
    from tests.browser.test_facilitator_practices import _room as practices_room
    from workshop.practices import commitments

    found = {}
    for phase in ["practices", "voting", "results"]:
        email = f"axe-{phase}@example.fi"
        room = practices_room(live_server, email, phase)
        if phase == "results":
            with live_server.app.app_context():
                commitments.set_commitment(
                    room["owner"], room["practices"][0], {"owner": "Esihenkilö"}
                )
        page = _audit(new_context, viewport={"width": 1440, "height": 900})
        sign_in(page, email)
        page.goto(f"/workshops/{room['id']}")
        expect(page.locator("body")).to_have_attribute("data-connection-state", "connected")
        expect(page.locator("[data-practice-list] > [data-practice-id]")).to_have_count(3)
        found[phase] = run_axe(page)
        if phase == "practices":
            card = page.locator(f'[data-practice-id="{room["practices"][0]}"]')
            card.locator('[data-action="merge"]').click()
            card.locator('[data-action="merge-confirm"]').click()
            expect(card.locator('[data-action="merge-yes"]')).to_be_focused()
            found["practices, merge asked"] = run_axe(page)
        page.context.close()
    assert found == {name: [] for name in found}


def test_a_merge_question_keeps_its_focus_when_a_practice_arrives(live_server, new_context):
    from tests.browser.test_facilitator_practices import _room as practices_room
    from workshop.practices import services as practices
    from workshop.realtime import Audience
    from workshop.workshops.services import Viewer

    email = "merge-focus@example.fi"
    room = practices_room(live_server, email, "practices")
    page = _control_page(new_context, room, email)
    card = page.locator(f'[data-practice-list] [data-practice-id="{room["practices"][0]}"]')
    card.locator('[data-action="merge"]').click()
    card.locator('[data-action="merge-confirm"]').click()
    yes = card.locator('[data-action="merge-yes"]')
    expect(yes).to_be_focused()
    with live_server.app.app_context():  # a practice arrives meanwhile: every card redraws
        viewer = Viewer(room["id"], Audience.PARTICIPANTS, participant_id=room["people"][0])
        practices.post_practice(viewer, {"title": "Myöhäinen ehdotus", "story_ids": []}, "late")
    expect(page.locator("[data-practice-list] > [data-practice-id]")).to_have_count(4)
    expect(yes).to_be_focused()  # still asking, the answer still under the keyboard
