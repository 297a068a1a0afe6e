"""What leaves the app: the signed webhook (a real HTTP server), owners' mail at a check-in
(a real SMTP server, aiosmtpd), the calendar file, and `flask followups`."""

from __future__ import annotations

import email
import email.policy
import hashlib
import hmac
import json
import socket
import threading
import time
from collections.abc import Iterator
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

import pytest
from aiosmtpd.controller import Controller
from icalendar import Calendar

from tests.conftest import login
from workshop.extensions import db
from workshop.followups import calendar, webhooks
from workshop.followups import services as followups
from workshop.followups.models import CheckIn, WebhookDelivery
from workshop.practices import commitments
from workshop.timeutil import utcnow
from workshop.workshops.models import Workshop


class Target:
    """A webhook target on loopback: records what it gets; answers with ``status`` after
    ``delay`` seconds."""

    def __init__(self) -> None:
        self.received: list[tuple[dict[str, str], bytes]] = []
        self.status = 204
        self.delay = 0.0
        self.got = threading.Event()
        target = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers["Content-Length"]))
                time.sleep(target.delay)
                target.received.append((dict(self.headers), body))
                self.send_response(target.status)
                self.end_headers()
                target.got.set()

            def log_message(self, *args) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/hook"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()


@pytest.fixture
def target() -> Iterator[Target]:
    found = Target()
    yield found
    found.server.shutdown()


def _wait(condition, timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError("waited in vain")
        time.sleep(0.02)


def _deliveries(app) -> list[WebhookDelivery]:
    with app.app_context():
        rows = list(db.session.scalars(db.select(WebhookDelivery).order_by(WebhookDelivery.id)))
        db.session.expunge_all()
        return rows


def test_a_status_change_is_posted_signed_with_the_workshops_secret(app, followed, target):
    with app.app_context():
        workshop = followups.set_webhook(followed.owner_id, followed.workshop_id, target.url)
        secret = workshop.webhook_secret
        followups.update_status(
            followed.practice_ids[0],
            {"status": "started", "note": "Aloitettu"},
            facilitator_id=followed.owner_id,
        )
    _wait(lambda: target.received)
    headers, body = target.received[0]
    expected = "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()
    assert hmac.compare_digest(headers[webhooks.SIGNATURE_HEADER], expected)
    sent = json.loads(body)
    assert sent["event"] == "commitment.status_changed"
    assert sent["commitment"]["title"] == "Etu ilman korttia"
    assert sent["update"] == {**sent["update"], "status": "started", "note": "Aloitettu"}
    _wait(lambda: _deliveries(app)[0].delivered_at is not None)


def test_a_failing_target_is_retried_with_backoff_and_shown(app, followed, target):
    app.config.update(WEBHOOK_RETRY_SECONDS=0.2, WEBHOOK_ATTEMPTS=3, WEBHOOK_TIMEOUT=0.5)
    target.delay = 1.0  # longer than the timeout: every attempt fails
    with app.app_context():
        followups.set_webhook(followed.owner_id, followed.workshop_id, target.url)
        followups.update_status(
            followed.practice_ids[0], {"status": "done"}, facilitator_id=followed.owner_id
        )
        # The change is stored whatever the target does.
        assert followups.history_of([followed.practice_ids[0]])[followed.practice_ids[0]]
    _wait(lambda: _deliveries(app)[0].attempts == 3)
    (delivery,) = _deliveries(app)
    assert delivery.delivered_at is None and delivery.next_at is None  # gave up
    assert "timed out" in delivery.last_error
    with app.app_context():
        assert webhooks.failing(followed.workshop_id)["gave_up"] is True
    client = app.test_client()
    login(client, "owner@example.fi")
    page = client.get(f"/workshops/{followed.workshop_id}/follow-up").get_data(as_text=True)
    assert "timed out" in page


def test_a_target_that_answers_500_is_tried_again_until_it_takes_it(app, followed, target):
    app.config.update(WEBHOOK_RETRY_SECONDS=0.1)
    target.status = 500
    with app.app_context():
        followups.set_webhook(followed.owner_id, followed.workshop_id, target.url)
        followups.update_status(
            followed.practice_ids[0], {"status": "started"}, facilitator_id=followed.owner_id
        )
    _wait(lambda: _deliveries(app)[0].attempts >= 1)
    assert _deliveries(app)[0].last_error == "HTTP 500"
    target.status = 200
    _wait(lambda: _deliveries(app)[0].delivered_at is not None)
    assert len(target.received) >= 2


def test_a_webhook_address_must_be_http(ctx, followed):
    from workshop.errors import ValidationFailed

    for bad in ("ftp://example.fi/x", "javascript:alert(1)", "http://", 5):
        with pytest.raises(ValidationFailed):
            followups.set_webhook(followed.owner_id, followed.workshop_id, bad)
    assert db.session.get(Workshop, followed.workshop_id).webhook_url is None


def test_the_calendar_has_each_due_date_and_check_in(app, followed):
    due = (utcnow().date() + timedelta(days=14)).isoformat()
    with app.app_context():
        commitments.set_commitment(followed.owner_id, followed.practice_ids[0], {"due_on": due})
    client = app.test_client()
    login(client, "owner@example.fi")
    response = client.get(f"/workshops/{followed.workshop_id}/follow-up/calendar.ics")
    assert response.status_code == 200
    assert response.mimetype == "text/calendar"
    events = Calendar.from_ical(response.data).walk("VEVENT")
    summaries = sorted(str(e["summary"]) for e in events)
    assert summaries[0] == "Erääntyy: Etu ilman korttia"  # the workshop's language
    assert [s.startswith("Seuranta") for s in summaries[1:]] == [True, True]
    assert {e.decoded("dtstart").isoformat() for e in events} >= {due}
    assert calendar  # the module under test


class Inbox:
    def __init__(self) -> None:
        self.messages: list = []
        self.refused: set[str] = set()

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address in self.refused:
            return "550 No such mailbox"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        self.messages.append(envelope)
        return "250 OK"


@pytest.fixture
def smtp() -> Iterator[tuple[Inbox, int]]:
    inbox = Inbox()
    with socket.socket() as probe:  # a free port: the controller checks it by connecting
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    yield inbox, port
    controller.stop()


def _due_day(app, workshop_id: int) -> str:
    with app.app_context():
        return (followups.check_ins_of(workshop_id)[0].due_on + timedelta(days=1)).isoformat()


def test_followups_lists_what_is_due_and_mails_owners_once(app, followed, smtp, runner):
    inbox, port = smtp
    with app.app_context():
        commitments.set_commitment(
            followed.owner_id, followed.practice_ids[0], {"owner_email": "pomo@example.fi"}
        )
    day = _due_day(app, followed.workshop_id)
    listed = runner.invoke(args=["followups", "--today", day])
    assert listed.exit_code == 0, listed.output
    assert "2 without update" in listed.output
    assert "pomo@example.fi" in listed.output and "no link yet" in listed.output
    assert "MAIL_URL is not set" in listed.output
    assert inbox.messages == []

    app.config.update(MAIL_URL=f"smtp://127.0.0.1:{port}", MAIL_FROM="toimija@example.fi")
    sent = runner.invoke(args=["followups", "--today", day])
    assert "mailed pomo@example.fi" in sent.output, sent.output
    (message,) = inbox.messages
    assert message.rcpt_tos == ["pomo@example.fi"]
    text = email.message_from_bytes(message.content, policy=email.policy.default).get_content()
    assert "Etu ilman korttia" in text
    token_url = next(word for word in text.split() if "/commitment/tc_" in word)
    again = runner.invoke(args=["followups", "--today", day])
    assert "mailed" not in again.output and len(inbox.messages) == 1  # once per check-in
    with app.app_context():
        first = db.session.scalars(db.select(CheckIn).order_by(CheckIn.due_on)).first()
        assert first.mailed_at is not None  # the check-in of that day, not the later one
    page = app.test_client().get(urlsplit(token_url).path)
    assert page.status_code == 200 and "Etu ilman korttia" in page.get_data(as_text=True)


def test_a_refused_address_stops_no_one_and_is_tried_again(app, followed, smtp, runner):
    inbox, port = smtp
    first, second = followed.practice_ids[:2]
    with app.app_context():
        commitments.set_commitment(followed.owner_id, first, {"owner_email": "pomo@example.fi"})
        commitments.set_commitment(followed.owner_id, second, {"owner_email": "ei@example.fi"})
    app.config.update(MAIL_URL=f"smtp://127.0.0.1:{port}")
    inbox.refused.add("ei@example.fi")
    day = _due_day(app, followed.workshop_id)
    once = runner.invoke(args=["followups", "--today", day])
    assert "mailed pomo@example.fi" in once.output
    assert "NOT mailed ei@example.fi" in once.output and "No such mailbox" in once.output
    inbox.refused.clear()
    again = runner.invoke(args=["followups", "--today", day])
    assert "mailed ei@example.fi" in again.output
    assert "mailed pomo@example.fi" not in again.output  # not a second time
    assert [m.rcpt_tos for m in inbox.messages] == [["pomo@example.fi"], ["ei@example.fi"]]
    third = runner.invoke(args=["followups", "--today", day])
    assert "mailed" not in third.output and len(inbox.messages) == 2


def test_followups_refuses_a_bad_day(runner, app):
    result = runner.invoke(args=["followups", "--today", "huomenna"])
    assert result.exit_code != 0 and "YYYY-MM-DD" in result.output
