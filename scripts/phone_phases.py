"""Photograph a phone at 360x740 in every phase, following the workshop live (no reload),
and again on a cold load in each phase: a check that every part keeps its styles.

    .venv/bin/python scripts/phone_phases.py [--out test-artifacts/phone-phases]
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from playwright.sync_api import expect, sync_playwright  # noqa: E402

from tests.browser.conftest import Live  # noqa: E402
from tests.browser.phone_room import (  # noqa: E402
    make_room,
)
from tests.browser.weighing import serve_throwaway, walk_phases  # noqa: E402
from workshop.participants import services as participants  # noqa: E402
from workshop.workshops.access import participant_cookie_name  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=str(ROOT / "test-artifacts" / "phone-phases"))
    out = Path(parser.parse_args().out)
    out.mkdir(parents=True, exist_ok=True)
    logging.disable(logging.INFO)
    url, app, server = serve_throwaway("toimija-phases-")
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
        for phase in walk_phases(live, room):
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
