"""Weigh a page as a phone or projector pays for it: a cold cache, every response's
encoded bytes (headers included) as chromium received them, and the websocket frames
it received (the snapshot comes in one, or in a polling response: either way it
counts), until the socket is connected and the network is idle. Shared by tests/browser/test_page_weight.py and
bench/page_weights.py.
"""

from __future__ import annotations

import tempfile
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tests.browser.phone_room import make_room, move, others_propose, others_write_stories
from workshop.participants import services as participants
from workshop.workshops import services as workshops
from workshop.workshops.access import participant_cookie_name

#: Every phase of the built-in plan, and the frame's two.
PHASES = ("lobby", "pulse", "wordcloud", "stories", "practices", "voting", "results", "closed")
#: The goal of issue "keynote scale", in bytes over the wire on a cold load.
PHONE_BUDGET = 60 * 1024
PROJECTOR_BUDGET = 120 * 1024


@dataclass
class Weight:
    """What one cold load downloaded: each response's path, encoded bytes and encoding.

    ``total`` is the page: its document, styles, scripts and icon. The live connection's
    traffic (the polling handshake, and the snapshot in a frame or a polling response,
    whichever way the race went) is data that grows with the room: ``live`` keeps it
    apart, so the page's figure is the same from run to run.
    """

    resources: list[tuple[str, int, str]] = field(default_factory=list)

    @staticmethod
    def is_live(path: str) -> bool:
        return path.startswith(("/socket.io/", "(websocket"))

    @property
    def total(self) -> int:
        return sum(size for path, size, _encoding in self.resources if not self.is_live(path))

    @property
    def live(self) -> int:
        return sum(size for path, size, _encoding in self.resources if self.is_live(path))


def weigh(context, base_url: str, path: str) -> Weight:
    """Load ``path`` in a fresh page of ``context`` (a context of its own: the cache is cold)."""
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
    urls: dict[str, str] = {}
    encodings: dict[str, str] = {}
    sizes: dict[str, int] = {}
    frames: list[int] = []

    def sent(event: dict) -> None:
        urls[event["requestId"]] = event["request"]["url"]

    def answered(event: dict) -> None:
        headers = {k.lower(): v for k, v in event["response"]["headers"].items()}
        encodings[event["requestId"]] = headers.get("content-encoding", "-")

    def finished(event: dict) -> None:
        sizes[event["requestId"]] = int(event["encodedDataLength"])

    def framed(event: dict) -> None:
        # After the upgrade the snapshot comes in a websocket frame, not in a response.
        payload = event["response"]["payloadData"]
        frames.append(len(payload.encode()) + 2)  # a server's frame header: 2 bytes at least

    cdp.on("Network.requestWillBeSent", sent)
    cdp.on("Network.responseReceived", answered)
    cdp.on("Network.loadingFinished", finished)
    cdp.on("Network.webSocketFrameReceived", framed)
    page.goto(path)
    page.wait_for_selector("body[data-connection-state=connected]")
    page.wait_for_load_state("networkidle")
    page.close()
    weight = Weight()
    for request_id, size in sorted(sizes.items(), key=lambda kv: -kv[1]):
        url = urls.get(request_id, "?").replace(base_url, "")
        weight.resources.append((url, size, encodings.get(request_id, "?")))
    if frames:
        weight.resources.append((f"(websocket: {len(frames)} frames received)", sum(frames), "-"))
    return weight


def weigh_every_phase(live_server, new_context, email: str) -> dict[str, dict[str, Weight]]:
    """Run a room from the built-in plan (others' stories and practices in it) through
    every phase; weigh the phone and the projector on a cold load in each.

    ``new_context(device=None)`` opens a browser context on the live server."""
    room = make_room(live_server, email)
    with live_server.app.app_context():
        _person, token = participants.join(room["code"], "Punnitsija")
    cookie = {
        "name": participant_cookie_name(room["code"]),
        "value": token,
        "url": live_server.url,
    }
    with live_server.app.app_context():
        key = workshops.workshop_by_code(room["code"]).projector_key
    weights: dict[str, dict[str, Weight]] = {}
    for phase in walk_phases(live_server, room):
        phone_context = new_context("Pixel 5")
        phone_context.add_cookies([cookie])
        weights[phase] = {
            "phone": weigh(phone_context, live_server.url, f"/w/{room['code']}"),
            "projector": weigh(new_context(), live_server.url, f"/projector/{key}"),
        }
        phone_context.close()
    return weights


def walk_phases(live: Any, room: dict[str, Any]) -> Iterator[str]:
    """Move the room through PHASES, the others writing stories and practices on the way;
    yield each phase once the room is in it."""
    story_ids: list[int] = []
    for phase in PHASES:
        if phase != "lobby":
            move(live, room, phase)
        if phase == "stories":
            story_ids = others_write_stories(live, room)
        if phase == "practices":
            others_propose(live, room, story_ids)
        yield phase


def serve_throwaway(prefix: str) -> tuple[str, Any, Any]:
    """Serve a fresh app on a throwaway SQLite file in a thread (for scripts and benches);
    return its URL, the app and the server (shut it down at the end)."""
    from werkzeug.serving import make_server

    from tests.conftest import make_app

    tmp = Path(tempfile.mkdtemp(prefix=prefix))
    server = make_server("127.0.0.1", 0, None, threaded=True)
    url = f"http://127.0.0.1:{server.server_port}"
    app = make_app(tmp, PUBLIC_URL=url, SQLALCHEMY_DATABASE_URI=f"sqlite:///{tmp / 'app.db'}")
    server.app = app
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return url, app, server
