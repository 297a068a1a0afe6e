"""Bytes a phone and the projector download on a cold load, in every phase, measured in
Debian's chromium: each response's encoded size as it went over the wire (headers
included), until the socket is connected and the network is idle. The page (document,
styles, scripts, icon) apart from the live data (the socket's handshake and snapshot,
which grow with the room). Usage:

    .venv/bin/python -m bench.page_weights [--all]

Without --all, each page lists only its six heaviest responses. The goal (issue
"keynote scale"): a phone at most 60 KiB in every phase, the projector at most 120 KiB.
"""

from __future__ import annotations

import argparse
import logging
import os

from playwright.sync_api import sync_playwright

from tests.browser.conftest import Live
from tests.browser.weighing import (
    PHONE_BUDGET,
    PROJECTOR_BUDGET,
    serve_throwaway,
    weigh_every_phase,
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--all", action="store_true", help="list every response")
    shown = None if parser.parse_args().all else 6
    logging.disable(logging.INFO)  # werkzeug's line per request and alembic's per migration

    url, app, server = serve_throwaway("toimija-weights-")

    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"),
            args=["--disable-gpu", "--disable-quic", "--disable-background-networking"],
        )

        def new_context(device: str | None = None):
            options = p.devices[device] if device else {}
            return browser.new_context(**options, base_url=url, locale="fi-FI")

        weights = weigh_every_phase(Live(url, app), new_context, "weights@example.fi")
        browser.close()
    server.shutdown()

    budgets = {"phone": PHONE_BUDGET, "projector": PROJECTOR_BUDGET}
    print(f"{'phase':<10} {'phone KiB':>10} {'projector KiB':>14}   live data: phone, projector")
    for phase, pages in weights.items():
        marks = {
            screen: "!" if weight.total > budgets[screen] else " "
            for screen, weight in pages.items()
        }
        print(
            f"{phase:<10} {pages['phone'].total / 1024:9.1f}{marks['phone']}"
            f" {pages['projector'].total / 1024:13.1f}{marks['projector']}"
            f"   {pages['phone'].live / 1024:5.1f}, {pages['projector'].live / 1024:5.1f}"
        )
    print("(! over the goal: phone 60 KiB, projector 120 KiB; the page, without the live data)")
    for phase, pages in weights.items():
        for screen, weight in pages.items():
            print(
                f"\n{screen} in {phase}: {weight.total / 1024:.1f} KiB"
                f" + {weight.live / 1024:.1f} KiB live data"
            )
            for path, size, encoding in weight.resources[:shown]:
                print(f"  {size / 1024:6.1f} KiB  {encoding:<8} {path[:70]}")


if __name__ == "__main__":
    main()
