"""A phone meets a busy database: SQLite's write lock is held elsewhere longer than the
server waits, so the dot's ack says busy; the phone says it is retrying, sends the same
dot again on its backoff, and once the lock is free the dot lands once."""

from __future__ import annotations

import re
import sqlite3

from playwright.sync_api import expect
from sqlalchemy import func, select

from tests.browser.test_voting_room import _join, _voting_room
from workshop.extensions import db
from workshop.voting.models import Vote

#: Finnish once the catalog has it; the msgid until then.
BUSY = re.compile(r"Palvelimella on ruuhkaa|The server is busy")


def test_a_busy_dot_is_retried_by_the_phone_and_lands_once(live_server, new_context):
    room = _voting_room(live_server)
    rates = live_server.app.extensions["toimija_socket_rates"]
    retry_after, rates.busy_retry_after = rates.busy_retry_after, 0.5
    phone = _join(new_context("Pixel 5"), room["code"], "Aino")
    path = live_server.app.config["SQLALCHEMY_DATABASE_URI"].removeprefix("sqlite:///")
    other = sqlite3.connect(path, isolation_level=None, timeout=0)
    try:
        other.execute("BEGIN IMMEDIATE")  # another writer, longer than the server's wait
        card = phone.locator(f'[data-item-id="{room["practices"][0]}"]')
        card.locator("[data-add]").click()
        state = phone.locator("[data-dots-state]")
        # The server waits DATABASE_BUSY_TIMEOUT (3 s; a dot twice: writer, then ORM path).
        expect(state).to_have_text(BUSY, timeout=15_000)
        expect(card.locator("[data-my-dots]")).to_have_attribute("data-count", "0")
        other.rollback()  # the other writer is done: the next retry lands
        expect(card.locator("[data-my-dots]")).to_have_attribute("data-count", "1", timeout=20_000)
        expect(state).to_be_hidden()
    finally:
        if other.in_transaction:
            other.rollback()
        other.close()
        rates.busy_retry_after = retry_after
    with live_server.app.app_context():
        mine = select(func.count()).select_from(Vote).where(Vote.workshop_id == room["id"])
        assert db.session.scalar(mine) == 1


def test_a_story_posted_while_busy_waits_in_the_outbox_and_arrives_once(live_server, new_context):
    from tests.browser.test_stories import STORY, _fill, _room
    from tests.browser.test_stories import _join as _join_stories
    from workshop.stories import services as stories

    _owner, workshop_id, code, _key = _room(live_server, "busy-story@example.fi")
    phone = _join_stories(new_context("Pixel 5"), code, "Sanna")
    _fill(phone, {**STORY, "title": "Tarina ruuhkasta"})
    config = live_server.app.config
    retry_after, config["BUSY_RETRY_AFTER_SECONDS"] = config["BUSY_RETRY_AFTER_SECONDS"], 0.5
    path = config["SQLALCHEMY_DATABASE_URI"].removeprefix("sqlite:///")
    other = sqlite3.connect(path, isolation_level=None, timeout=0)
    try:
        other.execute("BEGIN IMMEDIATE")
        phone.get_by_role("button", name="Lähetä tarina").click()
        # 503 busy after the server's 3 s wait: kept, said, and sent again by itself.
        expect(phone.locator("[data-form-status]")).to_have_text(BUSY, timeout=15_000)
        other.rollback()
        expect(phone.locator("[data-my-stories] .story-title")).to_have_text(
            ["Tarina ruuhkasta"], timeout=20_000
        )
    finally:
        if other.in_transaction:
            other.rollback()
        other.close()
        config["BUSY_RETRY_AFTER_SECONDS"] = retry_after
    with live_server.app.app_context():
        assert stories.story_stats(workshop_id) == {"story_count": 1, "author_count": 1}
