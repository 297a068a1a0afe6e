"""After the workshop, in a real browser: the facilitator sets a due date and makes the
owner's link; the owner opens it on a phone and updates the status; a check-in marks the
workshop list; a follow-up workshop opens its lobby with last time's open commitments on
the projector (read from the back row) and their status on the phones."""

from __future__ import annotations

from datetime import timedelta
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import no_horizontal_overflow, run_axe, sign_in
from tests.browser.phone_room import PRACTICES, STORIES, TAP, TAPS_JS, phone_context
from tests.browser.projector_measure import clipping, smallest_fonts
from tests.conftest import story, walk
from workshop.designs import services as designs
from workshop.extensions import db
from workshop.participants import services as participants
from workshop.practices import commitments
from workshop.practices import services as practices
from workshop.pulse import services as pulse
from workshop.realtime import Audience
from workshop.stories import services as stories
from workshop.timeutil import utcnow
from workshop.workshops.services import Viewer

pytestmark = pytest.mark.browser
EMAIL = "seuranta@example.fi"


def _pulse(owner: int, workshop_id: int, code: str, rating: int) -> None:
    """Six people answer the pulse (every statement ``rating``); the facilitator reveals it."""
    people = [participants.join(code, f"Pulssi {n}")[0].id for n in range(6)]
    walk(owner, workshop_id, "pulse")
    for person in people:
        for position in range(4):
            pulse.answer(person, position, rating)
    pulse.reveal(owner, workshop_id)


def _ended_workshop(live_server) -> tuple[int, list[int]]:
    """A workshop of the built-in design: the pulse (the team rates 2), long, messy stories
    and practices; three commitments; closed."""
    owner = live_server.facilitator(EMAIL)
    with live_server.app.app_context():
        made = designs.start_workshop(owner, "Kauppaketju X: myymälä 4, kevät", "fi")
        workshop_id, code = made.id, made.code
        _pulse(owner, workshop_id, code, 2)
        person = participants.join(code, "Liisa")[0].id
        walk(owner, workshop_id, "stories")
        story_ids = []
        for i, (title, happened, agency, channel) in enumerate(STORIES):
            written = story(title=title, happened=happened, agency=agency, channel=channel)
            story_ids.append(stories.post_story(person, written, f"s{i}")[0].id)
        walk(owner, workshop_id, "practices")
        ids = []
        facilitator = Viewer(workshop_id, Audience.FACILITATORS, facilitator_id=owner)
        for i, (title, description, linked) in enumerate(PRACTICES):
            body = {"title": title, "description": description}
            body["story_ids"] = [story_ids[n] for n in linked]
            ids.append(practices.post_practice(facilitator, body, f"p{i}")[0].id)
        for practice_id, who in zip(
            ids[:3], ["Myymäläpäällikkö", "Liikennepäällikkö", ""], strict=False
        ):
            commitments.set_commitment(owner, practice_id, {"owner": who})
        walk(owner, workshop_id, "closed")
        db.session.remove()
    return workshop_id, ids[:3]


def _taps_too_small(page) -> list[dict]:
    return [t for t in page.evaluate(TAPS_JS) if min(t["width"], t["height"]) < TAP - 0.5]


def test_a_commitment_is_followed_up_into_the_next_workshop(live_server, new_context, shot):
    workshop_id, (first, second, _third) = _ended_workshop(live_server)
    desk = new_context(viewport={"width": 1280, "height": 900}, bypass_csp=True).new_page()
    sign_in(desk, EMAIL)

    # The facilitator: a due date, the owner's address, the owner's link.
    desk.goto(f"/workshops/{workshop_id}/follow-up")
    card = desk.locator(f"#commitment-{first}")
    due = (utcnow().date() + timedelta(days=30)).isoformat()
    card.get_by_label("Määräpäivä").fill(due)
    card.get_by_label("Omistajan sähköposti (valinnainen)").fill("ei-osoite")
    card.get_by_role("button", name="Tallenna").click()
    expect(card.locator(".field-error")).to_have_text("Tämä ei ole sähköpostiosoite.")
    card = desk.locator(f"#commitment-{first}")
    card.get_by_label("Omistajan sähköposti (valinnainen)").fill("pomo@example.fi")
    card.get_by_role("button", name="Tallenna").click()
    expect(desk.locator(".flash, [role=status]").first).to_be_visible()
    card = desk.locator(f"#commitment-{first}")
    expect(card).to_contain_text(f"Määräpäivä {due}")
    card.get_by_role("button", name="Tee linkki").click()
    link = desk.locator(f"#commitment-{first} input.followup-link").input_value()
    assert "/commitment/tc_" in link
    assert run_axe(desk) == []
    shot(desk, "followup-facilitator", full_page=True)

    # The owner, on a phone: sees where it came from, records a status.
    phone = phone_context(new_context).new_page()
    phone.goto(urlsplit(link).path)
    expect(phone.get_by_role("heading", level=1)).to_have_text(PRACTICES[0][0])
    expect(phone.locator(".followup-stories")).to_contain_text(STORIES[0][0])
    assert no_horizontal_overflow(phone)
    assert _taps_too_small(phone) == []
    assert run_axe(phone) == []
    phone.get_by_label("Aloitettu", exact=True).check()
    phone.get_by_label("Yksi rivi siitä, mitä on tapahtunut (valinnainen)").fill(
        "Ohje kirjoitettu, kassat koulutetaan maanantaina"
    )
    phone.get_by_role("button", name="Tallenna tila").click()
    expect(phone.locator("body")).to_contain_text("Kiitos: tila on tallennettu")
    expect(phone.locator(".followup-history")).to_contain_text("omistajan kirjaama")
    assert no_horizontal_overflow(phone)
    shot(phone, "followup-owner-phone", full_page=True)

    # The facilitator sees it; a check-in today marks the one without an update.
    desk.goto(f"/workshops/{workshop_id}/follow-up")
    expect(desk.locator(f"#commitment-{first} .followup-history")).to_contain_text(
        "kassat koulutetaan"
    )
    desk.locator("#check-in-1").fill(utcnow().date().isoformat())
    desk.get_by_role("button", name="Tallenna seurantapäivät").click()
    expect(desk.locator(f"#commitment-{second}")).to_contain_text("Ei päivitystä")
    desk.goto("/workshops")
    expect(desk.locator(".workshop-followup")).to_contain_text("Seuranta: 2 sitoumusta")

    # The follow-up workshop, made from the list.
    desk.get_by_label("Otsikko").fill("Kauppaketju X: myymälä 4, syksy")
    desk.get_by_label("Jatkoa työpajalle (valinnainen)").select_option(str(workshop_id))
    desk.get_by_role("button", name="Luo työpaja").click()
    projector_link = desk.get_by_role("link", name="Avaa valkokangasnäkymä").get_attribute("href")
    projector = new_context(viewport={"width": 1920, "height": 1080}, bypass_csp=True).new_page()
    projector.goto(urlsplit(projector_link).path)
    expect(projector.locator("body")).to_have_attribute("data-connection-state", "connected")
    since = projector.locator("[data-since]")
    expect(since).to_contain_text(PRACTICES[0][0])
    expect(since).to_contain_text("Aloitettu · Myymäläpäällikkö")
    projector.evaluate("() => document.fonts.ready.then(() => true)")
    _smallest, offenders = smallest_fonts(projector, 32, 56)
    assert offenders == [], offenders
    assert clipping(projector) == []
    assert run_axe(projector) == []
    shot(projector, "followup-projector-lobby")

    # The follow-up runs its pulse (the team now rates 4); another store has one too.
    follow_up_id = int(desk.url.rstrip("/").rsplit("/", 1)[1])
    with live_server.app.app_context():
        from workshop.workshops.models import Workshop

        later = db.session.get(Workshop, follow_up_id)
        assert later.follows_id == workshop_id
        _pulse(later.owner_id, later.id, later.code, 4)
        other = designs.start_workshop(later.owner_id, "Kauppaketju X: myymälä 9", "fi")
        _pulse(other.owner_id, other.id, other.code, 3)
        other_id = other.id
        db.session.remove()

    # A programme of the three, made on its pages; the team's change is on it.
    desk.goto("/programmes")
    desk.get_by_label("Otsikko").fill("Kauppaketju X, 2027")
    desk.get_by_role("button", name="Luo ohjelma").click()
    for added in (workshop_id, follow_up_id, other_id):
        desk.get_by_label("Lisää jokin työpajoistasi").select_option(str(added))
        desk.get_by_role("button", name="Lisää ohjelmaan").click()
    page = desk.locator("main")
    for title in ("myymälä 4, kevät", "myymälä 4, syksy", "myymälä 9"):
        expect(page).to_contain_text(title)
    autumn = desk.locator(f"#workshop-{follow_up_id}")
    autumn.locator("summary").click()
    expect(autumn.get_by_text("+2,0").first).to_be_visible()  # 2 in the spring, 4 in the autumn
    assert run_axe(desk) == []
    shot(desk, "followup-programme", full_page=True)
