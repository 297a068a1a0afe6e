"""Browser tests: Debian's chromium driven by Playwright against a live server in a thread.

Without chromium the tests skip with the reason, except in CI (CI=true), where
they must run. Screenshots go to test-artifacts/.
"""

from __future__ import annotations

import os
import shutil
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from playwright.sync_api import expect
from werkzeug.serving import make_server

from tests.conftest import PASSWORD, UNLIMITED_SOCKETS, make_app
from workshop.config import DEFAULTS
from workshop.facilitators import services as facilitators
from workshop.workshops import services as workshops

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
AXE = Path(__file__).parent / "vendor" / "axe-core" / "axe.min.js"
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")

# On a loaded machine (CI runs these beside the other tests and the PostgreSQL pass) a
# page can take longer than Playwright's 5 s to show what it will show: wait up to 15 s.
# What a page must not show still fails; only a slow right answer is waited for.
expect.set_options(timeout=15_000)


def pytest_collection_modifyitems(config, items):
    here = Path(__file__).parent
    for item in items:
        if here in Path(item.fspath).parents:
            item.add_marker(pytest.mark.browser)
    if not (shutil.which(CHROMIUM) or Path(CHROMIUM).exists()):
        reason = (
            f"chromium not found at {CHROMIUM} (apt-get install chromium, or set CHROMIUM_PATH)"
        )
        if os.environ.get("CI"):
            raise pytest.UsageError(f"CI must run the browser tests: {reason}")
        for item in items:
            if here in Path(item.fspath).parents:
                item.add_marker(pytest.mark.skip(reason=reason))


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
        ],
    }


@dataclass
class Live:
    url: str
    app: object

    def facilitator(self, email: str) -> int:
        """Return the id of the facilitator with this email, creating the account if needed."""
        with self.app.app_context():
            existing = facilitators.facilitator_by_email(email)
            return (existing or facilitators.create_facilitator(email, PASSWORD)).id

    def workshop(self, owner_id: int, title: str = "Palvelun arvot", language: str = "fi"):
        with self.app.app_context():
            w = workshops.create_workshop(owner_id, title, language)
            return w.id, w.code, w.projector_key


@pytest.fixture(scope="session")
def live_server(tmp_path_factory) -> Iterator[Live]:
    """The app on a real SQLite file, served by werkzeug with websockets, in a thread."""
    tmp = tmp_path_factory.mktemp("live")
    server = make_server("127.0.0.1", 0, None, threaded=True)
    url = f"http://127.0.0.1:{server.server_port}"
    # PUBLIC_URL makes the QR code and join links point at this very server.
    app = make_app(
        tmp,
        PUBLIC_URL=url,
        SQLALCHEMY_DATABASE_URI=f"sqlite:///{tmp / 'live.db'}",
        # A real page never meets the socket limits: the browser tests keep the real ones.
        **{name: DEFAULTS[name] for name in UNLIMITED_SOCKETS},
    )
    server.app = app
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield Live(url, app)
    server.shutdown()
    thread.join(timeout=10)


@pytest.fixture(scope="session")
def base_url(live_server) -> str:
    return live_server.url


@pytest.fixture
def shot():
    """Save a screenshot of a page under test-artifacts/ and return its path."""
    ARTIFACTS.mkdir(exist_ok=True)

    def take(page, name: str, **kwargs) -> Path:
        path = ARTIFACTS / f"{name}.png"
        page.screenshot(path=str(path), **kwargs)
        return path

    return take


def run_axe(page) -> list[dict]:
    """Run axe-core (WCAG 2.0/2.1 A and AA) on the page; return its violations at every impact."""
    page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        """() => axe.run(document, {runOnly: {type: 'tag',
             values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})"""
    )
    return [
        {"id": v["id"], "impact": v["impact"], "nodes": [n["target"] for n in v["nodes"]][:5]}
        for v in result["violations"]
    ]


def no_horizontal_overflow(page) -> bool:
    """Return True when nothing on the page is wider than the viewport."""
    return page.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth")


@pytest.fixture
def new_context(browser, playwright, live_server):
    """Open browser contexts on the live server, as a device or a plain window; close them after."""
    contexts = []

    def make(device: str | None = None, **kwargs):
        # A Finnish venue by default; a test that wants English says so.
        options = {**(playwright.devices[device] if device else {}), "locale": "fi-FI", **kwargs}
        context = browser.new_context(base_url=live_server.url, **options)
        contexts.append(context)
        return context

    yield make
    for context in contexts:
        context.close()


def sign_in(page, email: str) -> None:
    """Sign a facilitator in through the real login form (Finnish labels)."""
    page.goto("/login")
    page.get_by_label("Sähköposti").fill(email)
    page.get_by_label("Salasana").fill(PASSWORD)
    page.get_by_role("button", name="Kirjaudu sisään").click()
