"""The means as people see them: the control page, a phone and the results link show the
same one-decimal mean as the exports (halves up, rounded once from the exact sum)."""

from __future__ import annotations

from playwright.sync_api import expect

from tests.browser.conftest import sign_in
from workshop.charter import services as sharing
from workshop.extensions import db
from workshop.participants.models import Participant
from workshop.practices import services as practices
from workshop.realtime import Audience
from workshop.tokens import digest, new_token
from workshop.voting import results
from workshop.voting.models import Rating
from workshop.workshops import services as workshops
from workshop.workshops.services import Viewer

#: A: 17/4 = 4.25, where half-to-even says 4.2. B: 2129/501 = 4.2495..., which is 4.25
#: at two decimals and so 4.3 if rounded twice; once, it is 4.2.
A_RATINGS = [4, 4, 4, 5]
B_RATINGS = [5] * 125 + [4] * 376


def _rated_workshop(live_server, owner: int) -> tuple[int, str]:
    workshop_id, code, _key = live_server.workshop(owner, "Keskiarvot näytöillä")
    return workshop_id, code


def _rate(live_server, owner: int, workshop_id: int) -> str:
    """Two practices rated by 4 and by 501 people, revealed, at the results; return the
    results link's path."""
    with live_server.app.test_request_context():
        people = [
            Participant(workshop_id=workshop_id, token_digest=digest(new_token()))
            for _ in B_RATINGS
        ]
        db.session.add_all(people)
        db.session.commit()
        for phase in ("stories", "practices"):
            workshops.change_phase(owner, workshop_id, phase)
        facilitator = Viewer(workshop_id, Audience.FACILITATORS, facilitator_id=owner)
        ids = [
            practices.post_practice(facilitator, {"title": f"Käytäntö {k}", "story_ids": []}, k)[
                0
            ].id
            for k in ("A", "B")
        ]
        workshops.change_phase(owner, workshop_id, "voting")
        db.session.add_all(
            Rating(participant_id=p.id, practice_id=ids[0], agency=a, ease=3)
            for p, a in zip(people, A_RATINGS, strict=False)
        )
        db.session.add_all(
            Rating(participant_id=p.id, practice_id=ids[1], agency=a, ease=3)
            for p, a in zip(people, B_RATINGS, strict=True)
        )
        db.session.commit()
        results.reveal_votes(owner, workshop_id)
        workshops.change_phase(owner, workshop_id, "results")
        key = sharing.share(owner, workshop_id).share_key
    return f"/charter/{key}"


def test_every_screen_shows_the_mean_rounded_once_halves_up(live_server, new_context):
    owner = live_server.facilitator("means@example.fi")
    workshop_id, code = _rated_workshop(live_server, owner)
    phone = new_context("Pixel 5").new_page()
    phone.goto(f"/join/{code}")
    phone.get_by_role("button", name="Liity").click()
    expect(phone.locator("body")).to_have_attribute("data-connection-state", "connected")
    link = _rate(live_server, owner, workshop_id)

    control = new_context(viewport={"width": 1440, "height": 900}).new_page()
    sign_in(control, "means@example.fi")
    control.goto(f"/workshops/{workshop_id}")
    ranking = control.locator("[data-ranking]").first
    expect(ranking).to_contain_text("Käytäntö A")
    a_row = ranking.locator("li", has_text="Käytäntö A").first
    b_row = ranking.locator("li", has_text="Käytäntö B").first
    expect(a_row).to_contain_text("4,3")
    expect(b_row).to_contain_text("4,2")
    expect(b_row).not_to_contain_text("4,3")

    phone.reload()
    listed = phone.locator("[data-ranking-list]")
    expect(listed).to_contain_text("Käytäntö B")
    expect(listed.locator("li", has_text="Käytäntö A").first).to_contain_text("4,3")
    expect(listed.locator("li", has_text="Käytäntö B").first).to_contain_text("4,2")

    page = new_context(viewport={"width": 360, "height": 740}).new_page()
    page.goto(link)
    rows = page.locator("table.charter-wide tbody tr")
    expect(rows.filter(has_text="Käytäntö A")).to_contain_text("4,3")
    expect(rows.filter(has_text="Käytäntö B")).to_contain_text("4,2")
