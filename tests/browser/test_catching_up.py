"""A screen that missed an event catches up by itself: static/js/live.js and the heartbeat."""

from __future__ import annotations

from playwright.sync_api import expect

from workshop.extensions import socketio
from workshop.participants import services as participants
from workshop.resync import heartbeat


def test_the_projector_catches_up_on_an_event_it_never_got(live_server, new_context, monkeypatch):
    owner = live_server.facilitator("browser-heartbeat@example.fi")
    _id, code, key = live_server.workshop(owner, "Sydämen syke")
    beat = heartbeat(live_server.app)
    monkeypatch.setattr(beat, "interval", 0.5)  # the live server's tests run without it

    projector = new_context(viewport={"width": 1280, "height": 800}).new_page()
    projector.goto(f"/projector/{key}")
    expect(projector.locator("body")).to_have_attribute("data-connection-state", "connected")
    count = projector.locator("[data-participant-count]")
    expect(count).to_have_text("0")

    # A join whose event is lost on the way, as between processes while Redis is away.
    with monkeypatch.context() as lost:
        lost.setattr(socketio, "emit", lambda *args, **kwargs: None)
        with live_server.app.app_context():
            participants.join(code, "Hukassa")
    expect(count).to_have_text("1")
