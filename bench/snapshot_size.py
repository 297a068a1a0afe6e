"""How big the snapshot is that each screen downloads on every (re)connect, for a room that
was flooded with stories. Prints bytes; asserts nothing.

    .venv/bin/python -m bench.snapshot_size [--stories 1568] [--shape full|typical]

The stories are posted through the service (no HTTP limits in the way), 20 per phone
(the default cap on one participant's stories), then revealed. ``full`` fills every
field to its maximum length (what a flooding script sends: about 13.8 KB of snapshot per
story); ``typical`` is a story a person writes.
Measured: the JSON of ``state.snapshot`` for the projector, a phone that wrote none, the
phone that wrote them, and the facilitator.
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from pathlib import Path

from flask_migrate import upgrade

from workshop import create_app
from workshop.extensions import db
from workshop.facilitators import services as facilitators
from workshop.participants import services as participants
from workshop.realtime import Audience
from workshop.stories import services as stories
from workshop.stories.models import MANNER_MAX, PART_MAX, PLACE_MAX, TITLE_MAX
from workshop.workshops import services as workshops
from workshop.workshops import state
from workshop.workshops.services import Viewer

PER_PHONE = 20


def _story(n: int, shape: str) -> dict:
    if shape == "typical":
        return {
            "title": f"Tarina {n}: kassa lainasi korttia",
            "happened": "Kassa lainasi jonossa seuraavan **kanta-asiakaskorttia**. " * 3,
            "staff_did": "Katsoi silmiin ja kysyi, mitä tarvitsen.",
            "could_do": "Sain alennuksen ja ilahduin.",
            "agency": 1 + n % 5,
            "channel": "in_person",
        }
    word = "tulva "  # plain words: the longest text each field takes
    return {
        "title": (f"{n} " + word * TITLE_MAX)[:TITLE_MAX].strip(),
        "happened": (word * PART_MAX)[:PART_MAX].strip(),
        "staff_did": (word * PART_MAX)[:PART_MAX].strip(),
        "could_do": (word * PART_MAX)[:PART_MAX].strip(),
        "manner": (word * MANNER_MAX)[:MANNER_MAX].strip(),
        "place": (word * PLACE_MAX)[:PLACE_MAX].strip(),
        "agency": 1 + n % 5,
        "channel": "in_person",
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--stories", type=int, default=1568)
    parser.add_argument("--shape", choices=("full", "typical"), default="full")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp())
    app = create_app(
        {
            "TESTING": True,
            "SECRET_KEY": "bench",
            "SQLALCHEMY_DATABASE_URI": f"sqlite:///{folder / 'bench.db'}",
            "SOCKETIO_ASYNC_MODE": "threading",
        }
    )
    with app.app_context():
        upgrade()
        owner = facilitators.create_facilitator("bench@example.fi", "a long enough password")
        workshop = workshops.create_workshop(owner.id, "Tulva", "fi")
        workshop_id, code = workshop.id, workshop.code
        count = -(-args.stories // PER_PHONE)
        phones = [participants.join(code, f"Puhelin {n}")[0].id for n in range(count)]
        reader = participants.join(code, "Lukija")[0].id
        workshops.change_phase(owner.id, workshop_id, "stories")
        started = time.perf_counter()
        for n in range(args.stories):
            stories.post_story(phones[n // PER_PHONE], _story(n, args.shape), f"bench-{n}")
        posted = time.perf_counter() - started
        stories.reveal(owner.id, workshop_id)
        viewers = {
            "projector": Viewer(workshop_id, Audience.PROJECTOR),
            "phone (wrote none)": Viewer(workshop_id, Audience.PARTICIPANTS, participant_id=reader),
            "phone (wrote 20)": Viewer(
                workshop_id, Audience.PARTICIPANTS, participant_id=phones[0]
            ),
            "facilitator": Viewer(workshop_id, Audience.FACILITATORS, facilitator_id=owner.id),
        }
        print(f"{args.stories} stories ({args.shape}) by {count} phones, posted in {posted:.1f} s")
        for label, viewer in viewers.items():
            db.session.expire_all()
            snapshot = state.snapshot(viewer)
            size = len(json.dumps(snapshot, separators=(",", ":")).encode())
            carried = len(snapshot.get("stories", []))
            print(
                f"{label:<20} {size / 1e6:8.3f} MB  {carried:5d} stories carried"
                f"  {size / max(carried, 1):8.0f} B per story carried"
            )


if __name__ == "__main__":
    main()
