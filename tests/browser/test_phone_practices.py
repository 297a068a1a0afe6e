"""The phone in the practices, voting and results phases, in a real browser.

Locators use data attributes and form names, not words: the page's words change
with the catalogue, the behaviour must not.
"""

from __future__ import annotations

from playwright.sync_api import expect
from sqlalchemy import select

from tests.browser.conftest import no_horizontal_overflow
from workshop.extensions import db
from workshop.participants import services as participants
from workshop.participants.models import Participant
from workshop.practices import commitments
from workshop.practices import services as practices
from workshop.practices.models import Practice
from workshop.realtime import Audience
from workshop.stories import services as stories
from workshop.voting import dots as voting
from workshop.voting import ratings
from workshop.workshops import services as workshops
from workshop.workshops import timer
from workshop.workshops.services import Viewer

PHONE = {"viewport": {"width": 360, "height": 740}}

STORIES = [
    ("Kanta-asiakaskortti Toscanassa", "Kassa lainasi seuraavan asiakkaan korttia.", 5),
    ("Bussikuski viittoi kyytiin", "Lippuautomaatti ei lukenut korttia. Kuljettaja viittoi.", 5),
    ("Hotelli vastasi twiittiin", "Vastaus tuli kymmenessä minuutissa kuin aulassa.", 4),
    ("Jonotusnumero 47", "Minut ohjattiin kolmeen eri jonoon.", 1),
]
PRACTICES = [
    ("Etu ilman kanta-asiakaskorttia", "Etu myös **ilman korttia**, nimellä.", [0]),
    ("Kuljettaja saa päättää", "Kuljettaja voi päästää kyytiin, jos automaatti ei toimi.", [1]),
    ("Vastaamme someen kuin aulassa", "Omalla nimellä, omin sanoin, kymmenessä minuutissa.", [2]),
    ("Yksi jono, yksi vastaava", "Ensimmäinen virkailija hoitaa asian loppuun.", [3, 1]),
]


def _workshop(live_server, email: str, *, with_practices: bool, phase: str) -> dict:
    """A workshop with stories (and practices by others), moved on to `phase`."""
    owner = live_server.facilitator(email)
    workshop_id, code, _key = live_server.workshop(owner, "Objektista subjektiksi")
    app = live_server.app
    with app.app_context():
        workshops.change_phase(owner, workshop_id, "stories")
        people = [participants.join(code, f"Osallistuja {n}")[0].id for n in range(4)]
        story_ids = []
        for n, (title, happened, agency) in enumerate(STORIES):
            body = {"title": title, "happened": happened, "agency": agency, "channel": "in_person"}
            story_ids.append(stories.post_story(people[n], body, f"s-{n}")[0].id)
        workshops.change_phase(owner, workshop_id, "practices")
        practice_ids = []
        if with_practices:
            for n, (title, description, links) in enumerate(PRACTICES):
                author = Viewer(workshop_id, Audience.PARTICIPANTS, participant_id=people[n])
                body = {
                    "title": title,
                    "description": description,
                    "story_ids": [story_ids[i] for i in links],
                }
                practice_ids.append(practices.post_practice(author, body, f"p-{n}")[0].id)
        if phase in ("voting", "results"):
            voting.change_voting(owner, workshop_id, {"budget": 2, "per_practice_cap": None})
            workshops.change_phase(owner, workshop_id, "voting")
    return {
        "owner": owner,
        "id": workshop_id,
        "code": code,
        "stories": story_ids,
        "practices": practice_ids,
    }


def _join(context, code: str, name: str, phase: str):
    phone = context.new_page()
    phone.goto(f"/join/{code}")
    phone.get_by_label("Nimesi").fill(name)
    phone.get_by_role("button", name="Liity").click()
    expect(phone.locator(f'[data-phase-view="{phase}"]')).to_be_visible()
    expect(phone.locator("body")).to_have_attribute("data-connection-state", "connected")
    return phone


def _participant_id(live_server, workshop_id: int, name: str) -> int:
    with live_server.app.app_context():
        query = select(Participant.id).where(
            Participant.workshop_id == workshop_id, Participant.display_name == name
        )
        return db.session.scalar(query)


def _practices_of(live_server, workshop_id: int) -> list[tuple[str, list[int]]]:
    with live_server.app.app_context():
        query = select(Practice).where(Practice.workshop_id == workshop_id)
        return [(p.title, [s.id for s in p.stories]) for p in db.session.scalars(query)]


def test_a_phone_proposes_a_practice_from_a_searched_story_once(live_server, new_context, shot):
    room = _workshop(live_server, "propose@example.fi", with_practices=False, phase="practices")
    context = new_context("Pixel 5", **PHONE)
    phone = _join(context, room["code"], "Aino", "practices")
    form = phone.locator("[data-practice-form]")
    options = form.locator(".story-option")
    expect(options).to_have_count(len(STORIES))

    # The server's refusal comes back next to the field, and nothing is saved.
    form.locator('button[type="submit"]').click()
    expect(form.locator('[data-error-for="title"]')).to_be_visible()
    expect(form.locator("#p-title")).to_have_attribute("aria-invalid", "true")

    form.locator("#p-title").fill("Kuljettaja saa päättää")
    expect(form.locator('[data-error-for="title"]')).to_be_hidden()  # fixed: no longer marked
    form.locator("#p-description").fill("Kuljettaja voi päästää kyytiin **ilman lippua**.")
    search = form.locator("[data-story-search]")
    search.fill("kuljettaja")  # found in the text, not the title
    expect(options.locator("visible=true")).to_have_count(1)
    search.fill("bussik")
    visible = options.locator("visible=true")
    expect(visible).to_have_count(1)
    expect(visible).to_contain_text("Bussikuski viittoi kyytiin")
    visible.locator("input").check()
    expect(form.locator("[data-picked] .picked-chip")).to_have_count(1)
    search.fill("")
    expect(options.locator("visible=true")).to_have_count(len(STORIES))
    expect(options.locator("input:checked")).to_have_count(1)
    assert no_horizontal_overflow(phone)
    shot(phone, "phone-practice-form-360x740", full_page=True)

    # Sent while offline: it waits in the outbox, then lands once.
    context.set_offline(True)
    form.locator('button[type="submit"]').click()
    phone.wait_for_function(
        "code => JSON.parse(localStorage.getItem('toimija:practice-outbox:' + code) || '[]').length === 1",
        arg=room["code"],
    )
    context.set_offline(False)
    phone.evaluate("() => window.dispatchEvent(new Event('online'))")
    mine = phone.locator("[data-my-practices] .practice-card")
    expect(mine.locator(".practice-title")).to_have_text(["Kuljettaja saa päättää"])
    expect(mine.locator(".trace")).to_contain_text("Bussikuski viittoi kyytiin")
    expect(mine.locator(".practice-body strong")).to_have_text("ilman lippua")
    expect(form.locator("#p-title")).to_have_value("")  # ready for the next one
    expect(form.locator("[data-picked] .picked-chip")).to_have_count(0)

    phone.evaluate("() => window.dispatchEvent(new Event('online'))")  # another try sends nothing
    phone.reload()
    expect(phone.locator("[data-my-practices] .practice-card")).to_have_count(1)
    assert _practices_of(live_server, room["id"]) == [
        ("Kuljettaja saa päättää", [room["stories"][1]])
    ]


def test_a_refused_edit_comes_back_as_that_edit_after_a_reload(live_server, new_context):
    """A change waiting in the outbox meets "time is up" after a reload: it comes back
    as the same edit (not a new practice) and lands once time is added."""
    room = _workshop(
        live_server, "refused-edit@example.fi", with_practices=False, phase="practices"
    )
    phone = _join(new_context("Pixel 5", **PHONE), room["code"], "Kaisa", "practices")
    form = phone.locator("[data-practice-form]")
    form.locator("#p-title").fill("Yksi jono")
    form.locator('button[type="submit"]').click()
    mine = phone.locator("[data-my-practices] .practice-card")
    expect(mine.locator(".practice-title")).to_have_text(["Yksi jono"])
    [practice_id] = _ids_of(live_server, room["id"])

    owner, workshop_id = room["owner"], room["id"]
    with live_server.app.app_context():
        workshops.change_settings(owner, workshop_id, {"locks_at_time_up": True})
        timer.change_timer(owner, workshop_id, "start", 1)
    timer_line = phone.locator("[data-phone-timer]")
    expect(timer_line).to_have_attribute("data-state", "ended", timeout=10_000)

    # The edit was queued before the page went away; the reload sends it, and time is up.
    queued = {
        "key": "edit-1",
        "edit": practice_id,
        "practice": {"title": "Yksi jono, yksi vastaava", "description": "", "story_ids": []},
    }
    phone.evaluate(
        "([code, item]) => localStorage.setItem('toimija:practice-outbox:' + code,"
        " JSON.stringify([item]))",
        [room["code"], queued],
    )
    phone.reload()
    expect(form).to_have_attribute("data-editing", str(practice_id))
    expect(form.locator("#p-title")).to_have_value("Yksi jono, yksi vastaava")
    expect(form.locator("[data-practice-error]")).to_be_visible()

    with live_server.app.app_context():
        timer.change_timer(owner, workshop_id, "add", 60)
    expect(timer_line).to_have_attribute("data-state", "running")
    form.locator('button[type="submit"]').click()
    expect(mine.locator(".practice-title")).to_have_text(["Yksi jono, yksi vastaava"])
    expect(form).not_to_have_attribute("data-editing", str(practice_id))
    assert _practices_of(live_server, room["id"]) == [("Yksi jono, yksi vastaava", [])]


def _ids_of(live_server, workshop_id: int) -> list[int]:
    with live_server.app.app_context():
        query = select(Practice.id).where(Practice.workshop_id == workshop_id)
        return list(db.session.scalars(query))


def _card(phone, practice_id: int):
    return phone.locator(f'.vote-card[data-practice-id="{practice_id}"]')


def test_a_phone_casts_takes_back_and_rates_and_the_server_agrees(live_server, new_context, shot):
    room = _workshop(live_server, "dots@example.fi", with_practices=True, phase="voting")
    phone = _join(new_context("Pixel 5", **PHONE), room["code"], "Eero", "voting")
    me = _participant_id(live_server, room["id"], "Eero")
    first, second = room["practices"][0], room["practices"][1]
    left = phone.locator("[data-dots-left]")
    expect(left).to_have_attribute("data-remaining", "2")
    expect(phone.locator(".vote-card")).to_have_count(len(PRACTICES))
    expect(phone.locator("[data-voters]")).to_contain_text("0")

    _card(phone, first).locator("[data-add]").click()
    expect(left).to_have_attribute("data-remaining", "1")
    _card(phone, second).locator("[data-add]").click()
    expect(left).to_have_attribute("data-remaining", "0")
    for add in phone.locator("[data-add]").all():
        expect(add).to_be_disabled()
    expect(_card(phone, first).locator("[data-my-dots]")).to_have_attribute("data-count", "1")

    _card(phone, first).locator("[data-take]").click()
    expect(left).to_have_attribute("data-remaining", "1")
    expect(_card(phone, first).locator("[data-take]")).to_be_disabled()
    expect(_card(phone, first).locator("[data-add]")).to_be_enabled()

    card = _card(phone, second)
    card.locator(".rating-agency .segment").nth(3).click()  # 4
    card.locator(".rating-ease .segment").nth(1).click()  # 2
    expect(card).to_have_attribute("data-rated", "4,2")
    expect(card.locator('input[data-rate="agency"][value="4"]')).to_be_checked()
    assert no_horizontal_overflow(phone)
    card.scroll_into_view_if_needed()
    shot(phone, "phone-voting-360x740")

    with live_server.app.app_context():
        ballot = voting.ballot_json(me)
        assert ballot["remaining"] == 1
        assert [v["practice_id"] for v in ballot["votes"]] == [second]
        assert ratings.my_ratings(me) == {second: {"agency": 4, "ease": 2}}

    # A reload keeps it all: the ballot and the ratings come from the server.
    phone.reload()
    expect(left).to_have_attribute("data-remaining", "1")
    expect(_card(phone, second)).to_have_attribute("data-rated", "4,2")
    expect(_card(phone, second).locator("[data-my-dots]")).to_have_attribute("data-count", "1")


def test_nothing_overflows_360_px_as_the_phases_change(live_server, new_context, shot):
    room = _workshop(live_server, "phases@example.fi", with_practices=True, phase="practices")
    with live_server.app.app_context():
        practices.reveal(room["owner"], room["id"])
    phone = _join(new_context("Pixel 5", **PHONE), room["code"], "Sanna", "practices")
    expect(phone.locator("[data-other-practices] .practice-card")).to_have_count(len(PRACTICES))
    expect(phone.locator("[data-all-practices] .trace").first).to_be_visible()
    assert no_horizontal_overflow(phone)
    shot(phone, "phone-practices-360x740", full_page=True)

    # The phone follows the facilitator by itself.
    owner, workshop_id = room["owner"], room["id"]
    with live_server.app.app_context():
        voting.change_voting(owner, workshop_id, {"budget": 3, "per_practice_cap": 2})
        workshops.change_phase(owner, workshop_id, "voting")
    expect(phone.locator('[data-phase-view="voting"]')).to_be_visible()
    left = phone.locator("[data-dots-left]")
    expect(left).to_have_attribute("data-remaining", "3")
    hidden_one = room["practices"][2]
    _card(phone, hidden_one).locator("[data-add]").click()
    expect(left).to_have_attribute("data-remaining", "2")
    _card(phone, hidden_one).locator("[data-add]").click()
    expect(left).to_have_attribute("data-remaining", "1")
    expect(_card(phone, hidden_one).locator("[data-add]")).to_be_disabled()  # the cap is 2
    assert no_horizontal_overflow(phone)

    # A practice taken off the wall gives its dots back, and the phone says so.
    with live_server.app.app_context():
        practices.set_hidden(owner, hidden_one, hidden=True)
    expect(phone.locator("[data-dots-notice]")).to_be_visible()
    expect(left).to_have_attribute("data-remaining", "3")
    expect(_card(phone, hidden_one)).to_have_count(0)
    expect(phone.locator(".vote-card")).to_have_count(len(PRACTICES) - 1)
    assert no_horizontal_overflow(phone)
    phone.wait_for_timeout(450)  # let the notice's arrival settle for the picture
    shot(phone, "phone-voting-dots-returned-360x740")

    with live_server.app.app_context():
        workshops.change_phase(owner, workshop_id, "results")
        commitments.set_commitment(
            owner,
            room["practices"][1],
            {"owner": "Liikennepäällikkö", "first_step": "Ohje kuljettajille maanantaina"},
        )
    expect(phone.locator('[data-phase-view="results"]')).to_be_visible()
    expect(phone.locator("[data-ranking-list] .rank-item")).to_have_count(len(PRACTICES) - 1)
    commitment = phone.locator("[data-commitment-list] .commitment")
    expect(commitment).to_have_count(1)
    expect(commitment).to_contain_text("Kuljettaja saa päättää")
    expect(commitment).to_contain_text("Ohje kuljettajille maanantaina")
    assert no_horizontal_overflow(phone)
    shot(phone, "phone-results-360x740", full_page=True)


def test_a_dot_cast_offline_lands_once_with_its_own_key(live_server, new_context):
    room = _workshop(live_server, "offline-dot@example.fi", with_practices=True, phase="voting")
    context = new_context("Pixel 5")
    phone = _join(context, room["code"], "Ville", "voting")
    me = _participant_id(live_server, room["id"], "Ville")
    target = room["practices"][3]
    left = phone.locator("[data-dots-left]")
    expect(left).to_have_attribute("data-remaining", "2")

    context.set_offline(True)
    expect(phone.locator("body")).to_have_attribute("data-connection-state", "reconnecting")
    _card(phone, target).locator("[data-add]").click()
    expect(phone.locator("[data-dots-state]")).to_be_visible()
    queued = phone.evaluate(
        "code => JSON.parse(localStorage.getItem('toimija:dots:' + code))", room["code"]
    )
    assert [(q["op"], q["practice_id"]) for q in queued] == [("cast", target)]
    expect(left).to_have_attribute("data-remaining", "2")  # never a guess: the server has not said

    context.set_offline(False)
    expect(left).to_have_attribute("data-remaining", "1")
    with live_server.app.app_context():
        assert voting.ballot_json(me)["votes"] == [{"key": queued[0]["key"], "practice_id": target}]

    # The answer was lost, say: the same key goes again after a reload, and changes nothing.
    phone.evaluate(
        "([code, op]) => localStorage.setItem('toimija:dots:' + code, JSON.stringify([op]))",
        [room["code"], queued[0]],
    )
    phone.reload()
    phone.wait_for_function(
        "code => localStorage.getItem('toimija:dots:' + code) === '[]'", arg=room["code"]
    )
    expect(left).to_have_attribute("data-remaining", "1")
    with live_server.app.app_context():
        assert len(voting.ballot_json(me)["votes"]) == 1
