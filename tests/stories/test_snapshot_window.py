"""What a phone and the projector download on every (re)connect does not grow with the room:
the snapshot carries the newest SNAPSHOT_STORIES stories (100) and a phone's own; older
ones are paged through GET /workshops/<code>/stories. Facilitators get every story."""

from __future__ import annotations

import json

import pytest

from tests.conftest import bearer, story
from workshop.extensions import db
from workshop.participants import services as participants
from workshop.realtime import Audience
from workshop.stories import services as stories
from workshop.stories.models import MANNER_MAX, PART_MAX, PLACE_MAX, TITLE_MAX, Story
from workshop.workshops import services as workshops
from workshop.workshops import state
from workshop.workshops.services import Viewer

WINDOW = 100
#: A story with every field at its longest (plain words) is about 13.8 KB of snapshot.
LONGEST_STORY_BYTES = 14_000


def _longest(n: int) -> dict:
    word = "tulva "
    return story(
        title=(f"{n} " + word * TITLE_MAX)[:TITLE_MAX].strip(),
        happened=(word * PART_MAX)[:PART_MAX].strip(),
        staff_did=(word * PART_MAX)[:PART_MAX].strip(),
        could_do=(word * PART_MAX)[:PART_MAX].strip(),
        manner=(word * MANNER_MAX)[:MANNER_MAX].strip(),
        place=(word * PLACE_MAX)[:PLACE_MAX].strip(),
        agency=1 + n % 5,
    )


def _bytes(snapshot: dict) -> int:
    return len(json.dumps(snapshot).encode())


def _post(phones: list[int], count: int, start: int = 0) -> None:
    for n in range(start, start + count):
        stories.post_story(phones[n % len(phones)], _longest(n), f"flood-{n}")


@pytest.fixture
def flooded(app, workshop):
    """Thirteen phones at their cap of 20: 260 stories, every field at its longest."""
    with app.app_context():
        phones = [participants.join(workshop.code, f"P{n}")[0].id for n in range(13)]
        reader = participants.join(workshop.code, "Lukija")[0].id
        workshops.change_phase(workshop.owner.id, workshop.id, "stories")
        yield workshop, phones, reader


def test_each_audience_gets_a_snapshot_under_its_bound_however_many_stories(app, flooded):
    workshop, phones, reader = flooded
    projector = Viewer(workshop.id, Audience.PROJECTOR)
    other_phone = Viewer(workshop.id, Audience.PARTICIPANTS, participant_id=reader)
    author = Viewer(workshop.id, Audience.PARTICIPANTS, participant_id=phones[0])
    facilitator = Viewer(workshop.id, Audience.FACILITATORS, facilitator_id=workshop.owner.id)
    with app.app_context():
        _post(phones, 130)
        stories.reveal(workshop.owner.id, workshop.id)
        half = _bytes(state.snapshot(projector))
        _post(phones, 130, start=130)  # every phone now at its cap: 20 each
        seen = {who: state.snapshot(who) for who in (projector, other_phone, author, facilitator)}
        total = db.session.query(Story).count()
    assert total == 260
    bound = WINDOW * LONGEST_STORY_BYTES + 50_000  # the window, and the rest of the state
    for who in (projector, other_phone):
        snapshot = seen[who]
        assert len(snapshot["stories"]) == WINDOW and snapshot["stories_more"] is True
        assert [s["id"] for s in snapshot["stories"]] == sorted(
            s["id"] for s in snapshot["stories"]
        )
        assert snapshot["story_count"] == 260  # the counts are the room's, not the window's
        assert snapshot["stories_agency"] == [52] * 5  # and so is the spread
        assert _bytes(snapshot) < bound, (who.audience, _bytes(snapshot))
    # Twice the stories, the same snapshot but for a few digits (it was 21.6 MB at 1,568).
    assert _bytes(seen[projector]) - half < 1_000
    # The author's phone: the newest and all of its own (its cap, 20), the oldest among them.
    mine = [s["id"] for s in seen[author]["stories"] if s["id"] in seen[author]["my_story_ids"]]
    assert len(mine) == 20 and sorted(mine) == seen[author]["my_story_ids"]
    assert len(seen[author]["stories"]) <= WINDOW + 20
    assert _bytes(seen[author]) < bound + 20 * LONGEST_STORY_BYTES
    # Facilitators moderate every story: theirs is the whole wall.
    assert len(seen[facilitator]["stories"]) == 260 and "stories_more" not in seen[facilitator]


def test_while_writing_is_private_a_phone_gets_its_own_and_the_projector_none(app, flooded):
    workshop, phones, _reader = flooded
    with app.app_context():
        for n in range(3):
            stories.post_story(phones[0], story(title=f"Oma {n}"), f"own-{n}")
        stories.post_story(phones[1], story(title="Toisen"), "other")
        phone = state.snapshot(Viewer(workshop.id, Audience.PARTICIPANTS, participant_id=phones[0]))
        screen = state.snapshot(Viewer(workshop.id, Audience.PROJECTOR))
    assert [s["title"] for s in phone["stories"]] == ["Oma 0", "Oma 1", "Oma 2"]
    assert phone["stories_more"] is False
    assert screen["stories"] == [] and screen["stories_more"] is False
    assert screen["stories_agency"] is None  # nothing to count: the wall counts itself
    assert screen["story_count"] == 4


def test_older_stories_are_paged_to_whoever_may_read_them(app, client, room):
    app.config["SNAPSHOT_STORIES"] = 3
    with app.app_context():
        ids = [
            stories.post_story(room.liisa[0] if n % 2 else room.ville[0], story(), f"k{n}")[0].id
            for n in range(8)
        ]
        stories.set_hidden(room.owner_id, ids[2], hidden=True)
    liisa = bearer(room.liisa[1])
    url = f"/api/v1/workshops/{room.code}/stories"
    # Private writing: Liisa pages through her own (the odd ones), nobody else's.
    own = client.get(url, headers=liisa).json
    assert [s["id"] for s in own["stories"]] == ids[1::2] and own["more"] is False
    client.post(f"/api/v1/workshops/{room.code}/reveal", headers=bearer(room.owner_token))
    snapshot = client.get(f"/api/v1/workshops/{room.code}/state", headers=liisa).json
    assert [s["id"] for s in snapshot["stories"]] == [ids[1], ids[3], ids[5], ids[6], ids[7]]
    assert snapshot["stories_more"] is True
    # Paged back from the oldest the phone has; the hidden one is nobody's but facilitators'.
    older = client.get(f"{url}?before={ids[5]}&limit=2", headers=liisa).json
    assert [s["id"] for s in older["stories"]] == [ids[3], ids[4]] and older["more"] is True
    rest = client.get(f"{url}?before={ids[3]}", headers=liisa).json
    assert [s["id"] for s in rest["stories"]] == [ids[0], ids[1]] and rest["more"] is False
    projector = client.get(f"{url}?before={ids[1]}", headers=bearer(room.projector_key)).json
    assert [s["id"] for s in projector["stories"]] == [ids[0]]
    everything = client.get(url, headers=bearer(room.owner_token)).json["stories"]
    assert [s["id"] for s in everything] == ids and everything[2]["is_hidden"] is True
    for wrong in ("0", "x", "-1", "99999999999999999999999"):
        refused = client.get(f"{url}?before={wrong}", headers=liisa)
        assert refused.status_code == 422 and "before" in refused.json["error"]["fields"]
    assert client.get(url).status_code == 401
