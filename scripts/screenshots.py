"""Retake the README's screenshots from a real room with realistic, long and messy content.

    .venv/bin/python scripts/screenshots.py [--out docs/screenshots]

Starts the app on a throwaway SQLite file (served in a thread, as the browser tests
do), runs a Finnish workshop from the built-in template through the HTTP API
(40 stories, some long, one with a Markdown heading; 9 practices; 12 people voting),
and photographs each screen in Debian's chromium (CHROMIUM_PATH) at 1920x1080
(projector), 1440x900 (control page) and 360x740 (phones).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from playwright.sync_api import expect, sync_playwright  # noqa: E402
from werkzeug.serving import make_server  # noqa: E402

from tests.conftest import PASSWORD, make_app  # noqa: E402
from workshop.facilitators import services as facilitators  # noqa: E402

EMAIL = "fasilitaattori@example.fi"
PEOPLE = [
    "Liisa",
    "Ville",
    "Aino",
    "Mikko",
    "Sanna",
    "Juha",
    "Elina",
    "Pekka",
    "Kaisa",
    "Tuomas",
    "Riikka",
    "",
]
#: (title, what happened, what the staff did, what I could do, agency, channel, place)
STORIES = [
    (
        "Myyjä lainasi kanta-asiakaskortin jonon seuraavalta",
        "Olin turistina Toscanassa ruokakaupassa. Kassalla myyjä huomasi, ettei minulla ollut "
        "kanta-asiakaskorttia, ja kysyi jonossa seuraavalta, saako hänen korttiaan lainata. "
        "Sain saman alennuksen kuin paikalliset.",
        "Kysyi luvan toiselta asiakkaalta ja selitti minulle englanniksi, mitä tapahtui.",
        "Tunsin olevani tervetullut, en pelkkä ohikulkija.",
        5,
        "in_person",
        "Siena",
    ),
    (
        "Kupongit vanhalle herralle",
        "Sain kassalta nipun kuponkeja, joita en tarvinnut. Myyjä kysyi, saako hän antaa ne "
        "jonossa seuraavalle vanhalle herralle, ja herra ilahtui.",
        "Huomasi, ettei kupongeista ollut minulle hyötyä.",
        "Sain päättää itse, mitä kupongeilleni tapahtuu.",
        4,
        "in_person",
        "Siena",
    ),
    (
        "Bussikuski viittasi istumaan",
        "Matkakortissa oli kaksi matkaa jäljellä, mutta leimauslaite ei hyväksynyt sitä, vaikka "
        "yritin monta kertaa. Kuljettaja viittasi iloisesti istumaan.",
        "Ei syyllistänyt, vaan ratkaisi tilanteen hymyillen.",
        "Pääsin perille ajoissa.",
        5,
        "in_person",
        "Tampere",
    ),
    (
        "Hotellin vastaanotto Chicagossa",
        "Vastaanoton virkailija toivotti meidät tervetulleiksi niin, että tuntui kuin olisimme "
        "olleet odotettuja vieraita. Sanat olivat tavalliset, mutta tapa, jolla ne sanottiin, "
        "jäi mieleen.",
        "Katsoi silmiin ja otti aikaa.",
        None,
        4,
        "in_person",
        "Chicago",
    ),
    (
        "Lomake, joka piti täyttää kolmesti",
        "Asiakaspalvelu pyysi samat tiedot puhelimessa, verkkolomakkeella ja vielä kerran "
        "paperilla. Kukaan ei tiennyt, mihin aiemmat tiedot olivat menneet.",
        "Luki ohjeen ääneen.",
        "En mitään: odotin.",
        1,
        "phone",
        None,
    ),
    (
        "Kiitosviesti vastattiin kuin aulassa",
        "Twiittasin hotellille kiitoksen ja kuvan parvekkeelta. Vastaus tuli lähes yhtä nopeasti "
        "ja luontevasti kuin aulasta: verkko ja paikan päällä olivat yhtä kokemusta.",
        "Vastasi omalla äänellään, ei valmiilla fraasilla.",
        "Tunsin, että viestilläni oli merkitystä.",
        4,
        "social",
        "New York",
    ),
    (
        "Alennus, jota ei ensin ollut",
        "Myyjä sanoi ensin, ettei huivissa ole alennusta. Kassa kuitenkin löysi sen, ja myyjä "
        "antoi alennuksen mielellään ja iloitsi kanssani.",
        "Ei puolustellut, vaan iloitsi yhdessä.",
        "Sain edun, joka minulle kuului.",
        3,
        "in_person",
        "Helsinki",
    ),
    (
        "## Pitkä jono ja sääntö\nKaikki tapahtui sääntöjen mukaan",
        "Jonotin apteekissa puoli tuntia. Kun vihdoin pääsin tiskille, minulta puuttui yksi "
        "paperi, ja minut ohjattiin jonon perälle. " * 3,
        "Sanoi, että sääntö on sääntö, eikä katsonut minuun.",
        "En voinut tehdä mitään.",
        2,
        "in_person",
        "Espoo",
    ),
]
PRACTICES = [
    "Annamme myyjälle luvan joustaa säännöstä, kun asiakas hyötyy",
    "Vastaamme somessa omalla äänellämme, kuin aulassa",
    "Kysymme asiakkaalta, mitä hän itse haluaa tehdä",
    "Kerromme yrityksen suunnitelmista kuin omistajat",
    "Tiedot kysytään vain kerran",
    "Kuljettaja saa päättää pienistä poikkeuksista",
    "Jokainen tervehdys kuin odotetulle vieraalle",
    "Jaamme turhat edut seuraavalle asiakkaalle",
    "Vuoron perään: kuuntelemme ennen kuin vastaamme",
]

#: Where each practice lands on the agency x ease map, give or take a point.
AGENCY = [5, 4, 5, 3, 2, 4, 4, 3, 2]
EASE = [3, 5, 4, 2, 4, 3, 5, 4, 1]


def _serve(tmp: Path):
    server = make_server("127.0.0.1", 0, None, threaded=True)
    url = f"http://127.0.0.1:{server.server_port}"
    app = make_app(tmp, PUBLIC_URL=url, SQLALCHEMY_DATABASE_URI=f"sqlite:///{tmp / 'shots.db'}")
    server.app = app
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return app, url


def _seed(app) -> dict:
    """Run the workshop through the API up to the voting; return codes and tokens."""
    with app.app_context():
        owner = facilitators.create_facilitator(EMAIL, PASSWORD)
        _row, token = facilitators.mint_api_token(owner.id, "screenshots")
    client = app.test_client()

    def call(method, url, who=token, json=None):
        response = client.open(
            url, method=method, json=json, headers={"Authorization": f"Bearer {who}"}
        )
        assert response.status_code < 300, (url, response.status_code, response.get_data())
        return response.json if response.data else None

    created = call(
        "POST",
        "/api/v1/workshops",
        json={
            "title": "Palvelun arvot: objektista subjektiksi",
            "language": "fi",
            "template": "object-to-subject",
        },
    )
    code = created["code"]
    people = [
        call("POST", f"/api/v1/workshops/{code}/participants", json={"display_name": name})["token"]
        for name in PEOPLE
    ]
    return {"code": code, "people": people, "call": call}


def _stories(room: dict, count: int = 40) -> list[int]:
    code, call = room["code"], room["call"]
    # The built-in plan opens with a word cloud: the room passes through it to the stories.
    call("PUT", f"/api/v1/workshops/{code}/phase", json={"phase": "wordcloud"})
    call("PUT", f"/api/v1/workshops/{code}/phase", json={"phase": "stories"})
    ids = []
    for n in range(count):
        title, happened, did, could, agency, channel, place = STORIES[n % len(STORIES)]
        body = {
            "title": title if n < len(STORIES) else f"{title} ({n // len(STORIES) + 1})",
            "happened": happened,
            "staff_did": did,
            "could_do": could,
            "agency": agency if n < len(STORIES) else 1 + (n * 7) % 5,
            "channel": channel,
            "place": place,
            "key": f"s{n}",
        }
        body = {k: v for k, v in body.items() if v is not None}
        person = room["people"][n % len(room["people"])]
        ids.append(call("POST", f"/api/v1/workshops/{code}/stories", person, body)["id"])
    call("POST", f"/api/v1/workshops/{code}/reveal", json={"what": "stories"})
    return ids


def _practices(room: dict, story_ids: list[int]) -> list[int]:
    code, call = room["code"], room["call"]
    call("PUT", f"/api/v1/workshops/{code}/phase", json={"phase": "practices"})
    ids = []
    for n, title in enumerate(PRACTICES):
        body = {
            "title": title,
            "description": "Kokeillaan kuukausi ja kerrotaan, mitä opittiin.",
            "story_ids": story_ids[n : n + 1 + n % 3],
            "key": f"p{n}",
        }
        person = room["people"][n]
        ids.append(call("POST", f"/api/v1/workshops/{code}/practices", person, body)["id"])
    call("POST", f"/api/v1/workshops/{code}/reveal", json={"what": "practices"})
    return ids


def _votes(room: dict, practice_ids: list[int], voters: int) -> None:
    code, call = room["code"], room["call"]
    call("PUT", f"/api/v1/workshops/{code}/phase", json={"phase": "voting"})
    call("PUT", f"/api/v1/workshops/{code}/voting", json={"budget": 3})
    for n, person in enumerate(room["people"][:voters]):
        for k in range(3):
            practice = practice_ids[(n + k * k + (k == 2)) % 7 if n % 4 else (k + 1) % 3]
            path = f"/api/v1/workshops/{code}/votes/v{n}-{k}"
            call("PUT", path, person, {"practice_id": practice})
        for k, practice in enumerate(practice_ids):
            spread = n % 3 - 1  # people differ a little around what the practice is
            rating = {
                "agency": min(5, max(1, AGENCY[k] + spread)),
                "ease": min(5, max(1, EASE[k] - spread)),
            }
            call("PUT", f"/api/v1/practices/{practice}/rating", person, rating)


def _commit(room: dict) -> None:
    code, call = room["code"], room["call"]
    call("POST", f"/api/v1/workshops/{code}/reveal", json={"what": "votes"})
    call("PUT", f"/api/v1/workshops/{code}/phase", json={"phase": "results"})
    ranking = call("GET", f"/api/v1/workshops/{code}/results")["ranking"]
    owners = [
        ("Asiakaspalvelun tiimi", "Kokeillaan maanantaina aamupalaverissa."),
        ("Myymäläpäällikkö", "Sovitaan seuraavassa tiimipalaverissa, mistä aloitetaan."),
    ]
    for position, (owner, step) in enumerate(owners):
        call(
            "PUT",
            f"/api/v1/practices/{ranking[position]['practice']['id']}/commitment",
            json={"owner": owner, "first_step": step, "position": position},
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=str(ROOT / "docs" / "screenshots"))
    out = Path(parser.parse_args().out)
    out.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix="toimija-shots-"))
    app, url = _serve(tmp)
    room = _seed(app)
    code = room["code"]
    with app.app_context():
        from workshop.workshops import services as workshops

        workshop = workshops.workshop_by_code(code)
        key, workshop_id = workshop.projector_key, workshop.id

    chromium = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=chromium,
            args=["--disable-gpu", "--disable-quic", "--disable-background-networking"],
        )

        def page(**options):
            context = browser.new_context(base_url=url, locale="fi-FI", **options)
            return context.new_page()

        def snap(target, name: str, **kwargs) -> None:
            target.screenshot(path=str(out / f"{name}.png"), animations="disabled", **kwargs)
            print("wrote", out / f"{name}.png")

        projector = page(viewport={"width": 1920, "height": 1080})
        projector.goto(f"/projector/{key}")
        expect(projector.locator("body")).to_have_attribute("data-connection-state", "connected")
        snap(projector, "projector")
        room["call"]("PUT", f"/api/v1/workshops/{code}/timer", json={"action": "start"})
        expect(projector.locator("[data-timer]")).to_have_attribute("data-state", "running")
        snap(projector, "workshop-lobby")
        room["call"]("PUT", f"/api/v1/workshops/{code}/timer", json={"action": "stop"})

        phone = page(viewport={"width": 360, "height": 740}, device_scale_factor=2)
        phone.goto(f"/join/{code}")
        phone.get_by_role("button", name="Liity").click()
        expect(phone.locator("body")).to_have_attribute("data-connection-state", "connected")
        snap(phone, "phone")

        story_ids = _stories(room)
        settings = {"are_examples_shown": True}
        room["call"]("PUT", f"/api/v1/workshops/{code}/settings", json=settings)
        room["call"]("PUT", f"/api/v1/workshops/{code}/timer", json={"action": "start"})
        expect(projector.locator("[data-wall] .story-card").first).to_be_visible()
        projector.wait_for_timeout(800)
        snap(projector, "story-wall")
        phone.wait_for_timeout(500)
        snap(phone, "phone-stories")
        settings = {"are_examples_shown": False}
        room["call"]("PUT", f"/api/v1/workshops/{code}/settings", json=settings)

        control = page(viewport={"width": 1440, "height": 900})
        control.goto("/login")
        control.get_by_label("Sähköposti").fill(EMAIL)
        control.get_by_label("Salasana").fill(PASSWORD)
        control.get_by_role("button", name="Kirjaudu sisään").click()
        control.goto(f"/workshops/{workshop_id}")
        expect(control.locator("body")).to_have_attribute("data-connection-state", "connected")
        snap(control, "control")

        practice_ids = _practices(room, story_ids)
        _votes(room, practice_ids, voters=10)
        expect(projector.locator("[data-voting-map]")).to_be_visible()
        projector.wait_for_timeout(1500)
        snap(projector, "voting")
        phone.wait_for_timeout(500)
        snap(phone, "phone-voting")

        _commit(room)
        expect(projector.locator('[data-reveal-state="done"]').first).to_be_visible(timeout=20000)
        projector.wait_for_timeout(500)
        snap(projector, "results")
        snap(projector, "workshop-results")

        share = room["call"]("POST", f"/api/v1/workshops/{code}/share")
        charter = page(viewport={"width": 794, "height": 1123})
        charter.emulate_media(media="print")
        charter.goto(share["share_url"])
        snap(charter, "charter")
        browser.close()


if __name__ == "__main__":
    main()
