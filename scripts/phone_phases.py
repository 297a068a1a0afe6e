"""Photograph a phone at 360x740 in every phase, following the workshop live (no reload),
and again on a cold load in each phase: a check that every part keeps its styles.

    .venv/bin/python scripts/phone_phases.py [--out test-artifacts/phone-phases]
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
import tempfile
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from playwright.sync_api import expect, sync_playwright  # noqa: E402
from werkzeug.serving import make_server  # noqa: E402

from tests.browser.conftest import Live  # noqa: E402
from tests.browser.phone_room import (  # noqa: E402
    make_room,
    move,
    others_propose,
    others_write_stories,
)
from tests.browser.weighing import PHASES  # noqa: E402
from tests.conftest import make_app  # noqa: E402
from workshop.participants import services as participants  # noqa: E402
from workshop.workshops.access import participant_cookie_name  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=str(ROOT / "test-artifacts" / "phone-phases"))
    out = Path(parser.parse_args().out)
    out.mkdir(parents=True, exist_ok=True)
    logging.disable(logging.INFO)
    tmp = Path(tempfile.mkdtemp(prefix="toimija-phases-"))
    server = make_server("127.0.0.1", 0, None, threaded=True)
    url = f"http://127.0.0.1:{server.server_port}"
    app = make_app(tmp, PUBLIC_URL=url, SQLALCHEMY_DATABASE_URI=f"sqlite:///{tmp / 'p.db'}")
    server.app = app
    threading.Thread(target=server.serve_forever, daemon=True).start()
    live = Live(url, app)
    room = make_room(live, "kuvat@example.fi")
    with app.app_context():
        _person, token = participants.join(room["code"], "Kuvaaja")
    cookie = {"name": participant_cookie_name(room["code"]), "value": token, "url": url}

    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"),
            args=["--disable-gpu", "--disable-quic", "--disable-background-networking"],
        )
        options = {
            **p.devices["Pixel 5"],
            "viewport": {"width": 360, "height": 740},
            "base_url": url,
            "locale": "fi-FI",
        }
        following = browser.new_context(**options)
        following.add_cookies([cookie])
        phone = following.new_page()
        errors: list[str] = []
        phone.on("pageerror", lambda error: errors.append(str(error)))
        phone.goto(f"/w/{room['code']}")
        expect(phone.locator("body")).to_have_attribute("data-connection-state", "connected")
        story_ids: list[int] = []
        for phase in PHASES:
            if phase != "lobby":
                move(live, room, phase)
            if phase == "stories":
                story_ids = others_write_stories(live, room)
            if phase == "practices":
                others_propose(live, room, story_ids)
            expect(phone.locator("body")).to_have_attribute("data-phase", phase)
            phone.wait_for_timeout(1200)
            phone.screenshot(path=str(out / f"live-{phase}.png"))
            cold = browser.new_context(**options)
            cold.add_cookies([cookie])
            page = cold.new_page()
            page.on("pageerror", lambda error: errors.append(str(error)))
            page.goto(f"/w/{room['code']}")
            expect(page.locator("body")).to_have_attribute("data-connection-state", "connected")
            page.wait_for_timeout(800)
            page.screenshot(path=str(out / f"cold-{phase}.png"))
            cold.close()
            print("photographed", phase)
        print("page errors:", errors or "none")
        browser.close()
    server.shutdown()


if __name__ == "__main__":
    main()
