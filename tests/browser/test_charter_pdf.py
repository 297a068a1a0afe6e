"""The practice charter as the client gets it: the results link, printed to PDF by
chromium, with the commitments on the first A4 page."""

from __future__ import annotations

from dataclasses import dataclass

from pypdf import PdfReader

from tests.charter.rehearsal import rehearse
from tests.conftest import PASSWORD
from workshop.facilitators import services as facilitators


@dataclass
class Owner:
    id: int
    token: str


def test_the_printed_charter_opens_with_the_commitments(live_server, new_context, shot, tmp_path):
    app = live_server.app
    with app.app_context():
        person_id = facilitators.create_facilitator("charter@example.fi", PASSWORD).id
        _token, raw = facilitators.mint_api_token(person_id, "charter")
    client = app.test_client()
    run = rehearse(client, Owner(person_id, raw))
    made = client.post(
        f"/api/v1/workshops/{run['code']}/share", headers={"Authorization": f"Bearer {raw}"}
    )
    link = made.json["share_url"]

    # The client's view: no sign-in, no controls, no script.
    page = new_context(viewport={"width": 794, "height": 1123}).new_page()
    errors = []
    page.on(
        "console", lambda message: errors.append(message.text) if message.type == "error" else None
    )
    page.goto(link)
    assert page.locator("h1").inner_text() == "Arvotyöpaja: objektista subjektiksi"
    assert page.locator("script, button, form, input").count() == 0
    assert errors == []  # the style got past the page's CSP: nothing was refused
    page.emulate_media(media="print")
    shot(page, "charter-first-page", clip={"x": 0, "y": 0, "width": 794, "height": 1123})

    pdf = tmp_path / "charter.pdf"
    page.pdf(path=str(pdf), format="A4", print_background=True)
    pages = [p.extract_text() for p in PdfReader(pdf).pages]
    first = pages[0]
    assert "Sitoumukset" in first
    for title in run["commitment_titles"]:
        assert title in first, (title, first)
    assert "Kaikki käytännöt järjestyksessä" not in first  # the ranking starts the next page
    assert any("Kaikki käytännöt järjestyksessä" in text for text in pages[1:])
