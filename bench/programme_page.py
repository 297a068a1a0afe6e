"""How long a programme's page and exports take for 50 workshops of 30 participants on
SQLite (the issue's goal: the page under a second). Prints figures; asserts nothing.

    .venv/bin/python -m bench.programme_page [--workshops 50] [--people 30] [--stories 2]

Each workshop is built through the import (the same checks as the API): every person
writes ``--stories`` stories over five channels and two lenses, proposes a practice
(ten per workshop, the first three commitments); a third of the practices are linked as
recurring. Then the page (a signed-in GET, rendered whole) and each export are timed
five times each, with the number of SQL statements of one page.
"""

from __future__ import annotations

import argparse
import itertools
import random
import tempfile
import time
from pathlib import Path

from flask_migrate import upgrade
from sqlalchemy import event, select

from bench.common import timed
from workshop import create_app
from workshop.charter import exchange, imports
from workshop.designs import services as designs
from workshop.extensions import db
from workshop.facilitators import services as facilitators
from workshop.practices.models import Practice
from workshop.programmes import services as programmes

PASSWORD = "a long enough password"
CHANNELS = ("in_person", "phone", "online", "social", "other")
TITLES = (
    "Alennus annetaan iloisesti",
    "Kassa saa päättää itse",
    "Chat vastaa heti ihmisen äänellä",
    "Puhelimeen vastataan nimellä",
    "Asiakas saa valita ajan itse",
    "Jonossa kysytään mitä tarvitset",
    "Verkkolomake tallentaa luonnoksen",
    "Somessa vastataan samana päivänä",
    "Kanta-asiakasetu ilman korttia",
    "Palautteeseen vastataan viikossa",
)


def _export(people: int, stories: int, rng: random.Random, n: int) -> dict:
    design = designs.builtin_design("fi")
    return {
        "format": exchange.FORMAT,
        "version": exchange.VERSION,
        "workshop": {
            "title": f"Myymälä {n + 1}",
            "phase": "closed",
            "votes_revealed": True,
            "stories_revealed": True,
            "practices_revealed": True,
        },
        "design": design,
        "participants": [{"display_name": f"Osallistuja {k}"} for k in range(people)],
        "stories": [
            {
                "participant": k % people,
                "title": f"Tarina {k}",
                "happened": "Kassa lainasi jonossa seuraavan kanta-asiakaskorttia.",
                "agency": rng.randint(1, 5),
                "channel": CHANNELS[rng.randrange(len(CHANNELS))],
                "lenses": [rng.randrange(2)],
            }
            for k in range(people * stories)
        ],
        "practices": [
            {
                "participant": k,
                "authors": [],
                "title": f"{TITLES[k % len(TITLES)]} {'' if k < 10 else k}".strip(),
                "description": None,
                "stories": rng.sample(range(people * stories), 2),
                "commitment": {"position": k, "owner": "Tiimi", "first_step": "Maanantaina"}
                if k < 3
                else None,
            }
            for k in range(10)
        ],
        "votes": [],
        "ratings": [],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workshops", type=int, default=50)
    parser.add_argument("--people", type=int, default=30)
    parser.add_argument("--stories", type=int, default=2, help="per person")
    args = parser.parse_args()
    rng = random.Random(7)
    with tempfile.TemporaryDirectory() as tmp:
        app = create_app(
            {
                "SECRET_KEY": "bench",
                "TESTING": True,
                "WTF_CSRF_ENABLED": False,
                "PASSWORD_HASH_METHOD": "pbkdf2:sha256:1000",
                "SQLALCHEMY_DATABASE_URI": f"sqlite:///{Path(tmp) / 'bench.db'}",
            }
        )
        with app.app_context(), app.test_request_context():
            upgrade()
            owner = facilitators.create_facilitator("bench@example.fi", PASSWORD)
            start = time.perf_counter()
            ids = [
                imports.import_workshop(owner.id, _export(args.people, args.stories, rng, n)).id
                for n in range(args.workshops)
            ]
            programme = programmes.create_programme(owner.id, "Kauppaketju X, kevät 2027")
            for workshop_id in ids:
                programmes.add_workshop(owner.id, programme.id, workshop_id)
            firsts = db.session.execute(
                select(Practice.id, Practice.workshop_id)
                .where(Practice.workshop_id.in_(ids), Practice.title == TITLES[0])
                .order_by(Practice.id)
            ).all()
            for (one, _w), (other, _v) in itertools.pairwise(firsts):
                if rng.random() < 0.33:
                    programmes.link_practices(owner.id, programme.id, [one, other])
            programme_id = programme.id
            print(
                f"{args.workshops} workshops of {args.people} participants, "
                f"{args.workshops * args.people * args.stories} stories, "
                f"{args.workshops * 10} practices; built in {time.perf_counter() - start:.1f} s"
            )
        client = app.test_client()
        client.post("/login", data={"email": "bench@example.fi", "password": PASSWORD})
        base = f"/programmes/{programme_id}"

        def get(path: str, encoding: str = "identity") -> int:
            response = client.get(path, headers={"Accept-Encoding": encoding})
            assert response.status_code == 200, (path, response.status_code)
            return len(response.data)

        with app.app_context():
            statements: list[str] = []
            listener = lambda *a: statements.append(a[2])  # noqa: E731
            event.listen(db.engine, "before_cursor_execute", listener)
            size = get(base)
            event.remove(db.engine, "before_cursor_execute", listener)
        sent = get(base, "br")
        print(
            f"the page: {size / 1024:.0f} KB ({sent / 1024:.0f} KB sent with br), "
            f"{len(statements)} SQL statements"
        )
        timed("page (GET, rendered)", lambda: get(base))
        timed("export.html", lambda: get(base + "/export.html"))
        timed("export.csv", lambda: get(base + "/export.csv"))
        timed("export.json", lambda: get(base + "/export.json"))
        timed("API GET /programmes/<id>", lambda: get(f"/api/v1/programmes/{programme_id}"))


if __name__ == "__main__":
    main()
