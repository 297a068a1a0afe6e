"""The posting core on its own: keys, who may read, the views, one spotlight per room."""

import pytest

from tests.conftest import story
from workshop import writes
from workshop.errors import ValidationFailed
from workshop.extensions import db
from workshop.posting import keys, reading
from workshop.posting import spotlight as spotlights
from workshop.realtime import Audience
from workshop.stories import services as stories
from workshop.stories.models import Story
from workshop.workshops.models import Workshop
from workshop.workshops.services import Viewer


@pytest.mark.parametrize("raw", ["", "a b", "x" * 65, 7, None, "ä"])
def test_a_key_is_1_to_64_safe_characters(raw):
    with pytest.raises(ValidationFailed) as caught:
        keys.clean_key(raw)
    assert "key" in caught.value.fields


def _story(unit: writes.Unit, room, key: str) -> Story:
    row = Story(workshop_id=unit.workshop_id, participant_id=room.liisa[0], key=key)
    stories.apply_values(row, stories.parse_story(story()))
    db.session.add(row)
    unit.write()
    return row


def test_post_by_key_writes_once_and_replays_the_first(ctx, room):
    def find():
        return stories._by_key(room.liisa[0], "one")

    first, is_new = keys.post_by_key(
        find, lambda: room.workshop_id, lambda unit: _story(unit, room, "one"), open_only=False
    )
    again, is_again_new = keys.post_by_key(
        find,
        lambda: pytest.fail("a replay checks no input and locks nothing"),
        lambda unit: pytest.fail("a replay writes nothing"),
    )
    assert is_new and not is_again_new and again.id == first.id
    refused, _ = keys.post_by_key(
        find, lambda: pytest.fail("never"), lambda unit: None, replay=lambda item: ("refused", 0)
    )
    assert refused == "refused"  # a practice's replay by someone else is refused this way


def test_who_may_read_an_item():
    me = Viewer(1, Audience.PARTICIPANTS, participant_id=5)
    facilitator = Viewer(1, Audience.FACILITATORS, facilitator_id=2)

    def read(viewer, **flags):
        return reading.can_read(
            viewer,
            is_hidden=flags.get("hidden", False),
            is_public=flags.get("public", False),
            is_own=lambda: flags.get("own", False),
        )

    assert read(facilitator, hidden=True)  # facilitators read everything
    assert not read(me, hidden=True, own=True, public=True)  # nobody else a hidden one
    assert read(None, public=True) and read(me, public=True)
    assert read(me, own=True) and not read(me) and not read(None, own=True)


def test_the_facilitators_view_says_if_it_is_hidden():
    assert reading.view({"id": 1}, is_hidden=True, for_facilitators=True) == {
        "id": 1,
        "is_hidden": True,
    }
    assert reading.view({"id": 1}, is_hidden=True, for_facilitators=False) == {"id": 1}


def test_one_spotlight_per_room_whatever_its_kind(ctx, room):
    with writes.change(room.workshop_id, facilitator_id=room.owner_id) as unit:
        spotlights.show(unit, spotlights.STORY, 11, lambda: {"id": 11})
    workshop = db.session.get(Workshop, room.workshop_id)
    assert spotlights.current(workshop) == ("story", 11)
    with writes.change(room.workshop_id, facilitator_id=room.owner_id) as unit:
        spotlights.show(unit, spotlights.PRACTICE, 12, lambda: {"id": 12})
    workshop = db.session.get(Workshop, room.workshop_id)
    assert spotlights.current(workshop) == ("practice", 12)
    assert workshop.spotlight_story_id is None
    with writes.change(room.workshop_id, facilitator_id=room.owner_id) as unit:
        spotlights.leaves(unit, spotlights.STORY, 12)  # not the story in it: nothing ends
        unit.write()
    assert spotlights.current(db.session.get(Workshop, room.workshop_id)) == ("practice", 12)
    with writes.change(room.workshop_id, facilitator_id=room.owner_id) as unit:
        spotlights.leaves(unit, spotlights.PRACTICE, 12)
    assert spotlights.current(db.session.get(Workshop, room.workshop_id)) is None
