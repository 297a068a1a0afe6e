"""Bytes a phone downloads to join and reach the lobby, measured in Debian's chromium.

Counts what went over the wire (encoded sizes, as a phone on venue Wi-Fi pays
for them), cold cache. Usage:

    .venv/bin/python -m bench.page_weight
"""

from __future__ import annotations

import os
import tempfile
import threading
from pathlib import Path

from playwright.sync_api import sync_playwright
from werkzeug.serving import make_server

from tests.conftest import make_app
from workshop.facilitators import services as facilitators
from workshop.workshops import services as workshops


def main() -> None:
    tmp = Path(tempfile.mkdtemp(prefix="toimija-weight-"))
    server = make_server("127.0.0.1", 0, None, threaded=True)
    url = f"http://127.0.0.1:{server.server_port}"
    app = make_app(tmp, PUBLIC_URL=url)
    server.app = app
    threading.Thread(target=server.serve_forever, daemon=True).start()
    with app.app_context():
        owner = facilitators.create_facilitator("weight@example.fi", "a long enough password")
        code = workshops.create_workshop(owner.id, "Paino", "fi").code

    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"),
            args=["--disable-gpu", "--disable-quic", "--disable-background-networking"],
        )
        context = browser.new_context(**p.devices["Pixel 5"], base_url=url)
        page = context.new_page()
        cdp = context.new_cdp_session(page)
        cdp.send("Network.enable")
        sizes: dict[str, int] = {}
        urls: dict[str, str] = {}
        cdp.on(
            "Network.requestWillBeSent",
            lambda e: urls.__setitem__(e["requestId"], e["request"]["url"]),
        )
        cdp.on(
            "Network.loadingFinished",
            lambda e: sizes.__setitem__(e["requestId"], int(e["encodedDataLength"])),
        )

        page.goto(f"/join/{code}")
        page.wait_for_load_state("networkidle")
        join_bytes = sum(sizes.values())
        page.get_by_role("button", name="Liity").click()
        page.wait_for_selector("body[data-connection-state=connected]")
        page.wait_for_load_state("networkidle")
        total = sum(sizes.values())
        browser.close()
    server.shutdown()

    print(f"join form (from the QR link): {join_bytes / 1024:6.1f} KiB")
    print(
        f"join + lobby page, total:     {total / 1024:6.1f} KiB (HTTP polling handshake included)"
    )
    for request_id, size in sorted(sizes.items(), key=lambda kv: -kv[1])[:6]:
        print(f"  {size / 1024:6.1f} KiB  {urls.get(request_id, '?').replace(url, '')[:70]}")


if __name__ == "__main__":
    main()
