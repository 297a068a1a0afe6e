"""Volume on a real phone: a refusal for going too fast or past the cap shows the server's
words and keeps the text in the form; the wall's older stories come a page at a time, and
picking a practice's stories still offers every one."""

from __future__ import annotations

from playwright.sync_api import expect

from tests.browser.test_stories import STORY, _fill, _join, _room
from tests.conftest import story
from workshop import throttle
from workshop.participants import services as participants
from workshop.stories import services as stories
from workshop.workshops import services as workshops


def test_a_refused_story_keeps_its_text_and_says_why(live_server, new_context):
    owner, workshop_id, code, _key = _room(live_server, "volume@example.fi")
    app = live_server.app
    app.config[throttle.STORIES] = "1 per minute"
    try:
        phone = _join(new_context("Pixel 5"), code, "Nopea")
        _fill(phone, STORY)
        phone.get_by_role("button", name="Lähetä tarina").click()
        expect(phone.locator("[data-my-stories] .story-title")).to_have_text([STORY["title"]])
        _fill(phone, {**STORY, "title": "Toinen tarina heti perään"})
        phone.get_by_role("button", name="Lähetä tarina").click()
        error = phone.locator("[data-story-form] [data-form-error]")
        expect(error).to_contain_text("Lähetät nopeammin kuin kukaan ehtii kirjoittaa")
        expect(phone.get_by_label("Otsikko")).to_have_value("Toinen tarina heti perään")
        expect(phone.get_by_label("Mitä tapahtui")).to_have_value(STORY["happened"])
        # Past the workshop's cap: the same, in the cap's words.
        app.config[throttle.STORIES] = "100 per minute"
        with app.app_context():
            workshops.change_settings(owner, workshop_id, {"stories_per_participant": 1})
        phone.get_by_role("button", name="Lähetä tarina").click()
        expect(error).to_contain_text("Olet jo kertonut 1 tarinan")
        expect(phone.get_by_label("Otsikko")).to_have_value("Toinen tarina heti perään")
        phone.reload()  # the draft outlives the page too
        expect(phone.get_by_label("Otsikko")).to_have_value("Toinen tarina heti perään")
        expect(phone.locator("[data-my-stories] .story-title")).to_have_text([STORY["title"]])
    finally:
        app.config[throttle.STORIES] = "20 per minute"


def test_older_stories_come_a_page_at_a_time_and_the_picker_offers_all(live_server, new_context):
    owner, workshop_id, code, _key = _room(live_server, "window@example.fi")
    app = live_server.app
    app.config["SNAPSHOT_STORIES"] = 3
    try:
        with app.app_context():
            writers = [participants.join(code, f"Kirjoittaja {n}")[0].id for n in range(7)]
            for n, writer in enumerate(writers):
                stories.post_story(writer, story(title=f"Tarina {n}"), f"w{n}")
            stories.reveal(owner, workshop_id)
        phone = _join(new_context("Pixel 5"), code, "Lukija")
        others = phone.locator("[data-other-stories] .story-title")
        expect(others).to_have_text(["Tarina 4", "Tarina 5", "Tarina 6"])
        older = phone.get_by_role("button", name="Näytä aiemmat tarinat")
        older.click()
        expect(others).to_have_text([f"Tarina {n}" for n in range(7)])
        expect(older).to_be_hidden()
        with app.app_context():
            workshops.change_phase(owner, workshop_id, "practices")
        picker = phone.locator("[data-story-options] .story-option-title")
        expect(picker).to_have_text([f"Tarina {n}" for n in range(7)])
        phone.reload()  # a fresh snapshot: three, then the rest fetched for the picker
        expect(picker).to_have_text([f"Tarina {n}" for n in range(7)])
    finally:
        app.config["SNAPSHOT_STORIES"] = 100


def test_the_projector_counts_the_whole_room_though_its_wall_holds_the_newest(
    live_server, new_context
):
    owner, workshop_id, code, key = _room(live_server, "spread@example.fi")
    app = live_server.app
    app.config["SNAPSHOT_STORIES"] = 3
    try:
        with app.app_context():
            writer = participants.join(code, "Kirjoittaja")[0].id
            ids = [
                stories.post_story(writer, story(title=f"T{n}", agency=1 + n % 2), f"a{n}")[0].id
                for n in range(7)
            ]
            stories.reveal(owner, workshop_id)
        wall = new_context(viewport={"width": 1920, "height": 1080}).new_page()
        wall.goto(f"/projector/{key}")
        counts = [wall.locator(f'[data-dist-count="{n}"]') for n in range(1, 6)]

        def spread_is(*expected: int) -> None:
            for count, n in zip(counts, expected, strict=True):
                expect(count).to_have_text(str(n))

        expect(wall.locator("[data-wall] .story-title")).to_have_text(["T4", "T5", "T6"])
        spread_is(4, 3, 0, 0, 0)  # all seven, not the three on the wall
        with app.app_context():
            stories.post_story(writer, story(title="T7", agency=5), "a7")
        spread_is(4, 3, 0, 0, 1)
        with app.app_context():  # an old one, not on the wall, is hidden: counted again
            stories.set_hidden(owner, ids[0], hidden=True)
        spread_is(3, 3, 0, 0, 1)
    finally:
        app.config["SNAPSHOT_STORIES"] = 100


def test_a_phone_votes_on_every_story_though_its_snapshot_holds_the_newest(
    live_server, new_context
):
    from tests.browser.test_story_vote import _card, _plan

    room = _plan(live_server)
    app = live_server.app
    app.config["SNAPSHOT_STORIES"] = 2
    try:
        with app.app_context():
            writer = participants.join(room["code"], "Kirjoittaja")[0].id
            for n in range(5):
                stories.post_story(writer, story(title=f"Vanha {n}"), f"old{n}")
            workshops.change_phase(room["owner"], room["id"], "voting")
        phone = new_context("Pixel 5").new_page()
        phone.goto(f"/join/{room['code']}")
        phone.get_by_label("Nimesi").fill("Äänestäjä")
        phone.get_by_role("button", name="Liity").click()
        for n in range(5):
            expect(_card(phone, f"Vanha {n}")).to_be_visible()
    finally:
        app.config["SNAPSHOT_STORIES"] = 100
