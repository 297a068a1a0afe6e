"""What checking a body against its shape costs: a story post, a dot, and the largest
import the server takes (8 MB), each parsed from JSON and checked as json_body does.
Prints figures; asserts nothing about time.

    .venv/bin/python -m bench.request_shapes
"""

from __future__ import annotations

import json
import statistics
import time

from workshop.charter.schemas import WorkshopExport
from workshop.stories.schemas import NewStory
from workshop.validation import given
from workshop.voting.schemas import CastVote

STORY = {
    "title": "Kanta-asiakaskortti Toscanassa",
    "happened": "Kassa lainasi *toisen asiakkaan* korttia, jotta sain alennuksen. " * 20,
    "staff_did": "Kysyi jonossa seuraavalta, saako kortin lainata.",
    "agency": 5,
    "channel": "in_person",
    "place": "Siena",
    "key": "story-1",
}


def _big_export(size: int) -> str:
    story = {k: v for k, v in STORY.items() if k != "key"}
    stories = []
    while len(json.dumps(stories)) < size:
        stories.extend([{**story, "participant": i % 300, "lens_ids": [1, 2]} for i in range(500)])
    return json.dumps({"format": "toimija-workshop", "version": 1, "stories": stories})


def _time(label: str, raw: str, check, runs: int) -> None:
    plain, checked = [], []
    for _ in range(runs):
        start = time.perf_counter()
        body = json.loads(raw)
        middle = time.perf_counter()
        check(body)
        end = time.perf_counter()
        plain.append(middle - start)
        checked.append(end - middle)
    parse, shape = statistics.median(plain), statistics.median(checked)
    print(
        f"{label:<28} {len(raw):>9} B   json.loads {parse * 1e6:>10.1f} µs"
        f"   shape check {shape * 1e6:>10.1f} µs   ({shape / parse:.1f} times the parse)"
    )


def main() -> None:
    """Print the cost of the shape check beside the cost of decoding the JSON."""
    _time("story post", json.dumps(STORY), lambda b: given(NewStory, b), 2000)
    dot = json.dumps({"key": "k1", "practice_id": 12})
    _time("dot (socket cast_vote)", dot, lambda b: given(CastVote, b), 5000)
    _time("import, 8 MB", _big_export(8 * 1024 * 1024), lambda b: given(WorkshopExport, b), 5)


if __name__ == "__main__":
    main()
