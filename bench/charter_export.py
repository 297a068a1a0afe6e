"""How long the charter takes for a keynote-sized workshop, in every format, and the
JSON round trip. Prints figures; asserts nothing about time.

    .venv/bin/python -m bench.charter_export [--people 300] [--stories 400] [--practices 80]

The workshop is built through the import (the same checks as the API), on a fresh
SQLite file, then each export is rendered five times in-process.
"""

from __future__ import annotations

import argparse
import random
import tempfile
from pathlib import Path

from flask_migrate import upgrade
from sqlalchemy import event

from bench.common import timed
from workshop import create_app
from workshop.charter import build, exchange, imports, render
from workshop.designs import services as designs
from workshop.extensions import db
from workshop.facilitators import services as facilitators


def _export(people: int, stories: int, practices: int, budget: int, rng: random.Random) -> dict:
    design = designs.builtin_design("fi")
    return {
        "format": exchange.FORMAT,
        "version": exchange.VERSION,
        "workshop": {
            "title": "Keynote",
            "phase": "results",
            "votes_revealed": True,
            "stories_revealed": True,
            "practices_revealed": True,
        },
        "design": design,
        "participants": [{"display_name": f"Osallistuja {n}"} for n in range(people)],
        "stories": [
            {
                "participant": rng.randrange(people),
                "title": f"Tarina {n}: kassa lainasi korttia",
                "happened": "Kassa lainasi jonossa seuraavan **kanta-asiakaskorttia**. " * 4,
                "staff_did": "Katsoi silmiin ja kysyi, mitä tarvitsen.",
                "could_do": "Sain alennuksen ja ilahduin.",
                "agency": rng.randint(1, 5),
                "channel": "in_person",
                "lenses": [rng.randrange(len(design["lenses"]))],
            }
            for n in range(stories)
        ],
        "practices": [
            {
                "participant": rng.randrange(people),
                "authors": [],
                "title": f"Käytäntö {n}: asiakas toimijaksi",
                "description": "Kun asiakas jää ilman etua, **teemme** jotain.",
                "stories": rng.sample(range(stories), 3),
                "commitment": {"position": n, "owner": "Tiimi", "first_step": "Maanantaina"}
                if n < 5
                else None,
            }
            for n in range(practices)
        ],
        "votes": [
            {"participant": p, "practice": rng.randrange(practices)}
            for p in range(people)
            for _ in range(budget)
        ],
        "ratings": [
            {
                "participant": p,
                "practice": rng.randrange(practices),
                "agency": rng.randint(1, 5),
                "ease": rng.randint(1, 5),
            }
            for p in range(people)
        ],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=300)
    parser.add_argument("--stories", type=int, default=400)
    parser.add_argument("--practices", type=int, default=80)
    parser.add_argument("--budget", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        app = create_app(
            {
                "SECRET_KEY": "bench",
                "TESTING": True,
                "SQLALCHEMY_DATABASE_URI": f"sqlite:///{Path(tmp) / 'bench.db'}",
            }
        )
        with app.app_context(), app.test_request_context():
            upgrade()
            owner = facilitators.create_facilitator("bench@example.fi", "a long enough password")
            raw = _export(args.people, args.stories, args.practices, args.budget, random.Random(5))
            print(
                f"{args.people} people, {args.stories} stories, {args.practices} practices, "
                f"{args.people * args.budget} dots"
            )
            workshop = timed(
                "import (JSON)", lambda: imports.import_workshop(owner.id, raw), runs=1
            )
            queries = []
            event.listen(db.engine, "before_cursor_execute", lambda *a: queries.append(1))
            data = timed("charter data", lambda: build.charter(workshop))
            print(f"{'':<22} {len(queries) // 5} queries per charter")
            markdown = timed("markdown", lambda: render.to_markdown(data))
            page, _ = timed("html", lambda: render.to_html(data))
            csv_text = timed("csv", lambda: render.to_csv(data))
            timed("json export", lambda: exchange.export_workshop(workshop))
            print(
                f"sizes: md {len(markdown) // 1024} KiB, html {len(page) // 1024} KiB, "
                f"csv {len(csv_text) // 1024} KiB"
            )


if __name__ == "__main__":
    main()
