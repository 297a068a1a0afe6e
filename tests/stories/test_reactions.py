"""Reactions: one of each kind per person per story, toggled, on others' readable stories."""

import pytest
from sqlalchemy import func, select

from tests.conftest import bearer, run_together, socket_client, story
from workshop.errors import NotFound, ValidationFailed
from workshop.extensions import db
from workshop.stories import reactions, services
from workshop.stories.models import Reaction


def _liisas_story(room) -> int:
    posted, _ = services.post_story(room.liisa[0], story(), "a")
    return posted.id


def test_react_toggle_and_counts(ctx, room):
    story_id = _liisas_story(room)
    services.reveal(room.owner_id, room.workshop_id)
    result = reactions.set_reaction(room.ville[0], story_id, "heart", on=True)
    assert result["reactions"] == {"heart": 1, "clap": 0, "idea": 0, "wow": 0}
    assert result["mine"] == ["heart"]
    again = reactions.set_reaction(room.ville[0], story_id, "heart", on=True)  # idempotent
    assert again["reactions"]["heart"] == 1
    reactions.set_reaction(room.ville[0], story_id, "idea", on=True)
    off = reactions.set_reaction(room.ville[0], story_id, "heart", on=False)
    assert off["reactions"] == {"heart": 0, "clap": 0, "idea": 1, "wow": 0} and off["mine"] == [
        "idea"
    ]


def test_no_reactions_to_own_unreadable_or_unknown(ctx, room):
    story_id = _liisas_story(room)
    with pytest.raises(NotFound):  # private until the reveal
        reactions.set_reaction(room.ville[0], story_id, "heart", on=True)
    services.reveal(room.owner_id, room.workshop_id)
    with pytest.raises(reactions.OwnStory):
        reactions.set_reaction(room.liisa[0], story_id, "heart", on=True)
    with pytest.raises(ValidationFailed):
        reactions.set_reaction(room.ville[0], story_id, "thumbs-down", on=True)
    assert db.session.scalar(select(func.count()).select_from(Reaction)) == 0


def test_concurrent_taps_leave_one_reaction(app, room):
    with app.app_context():
        story_id = _liisas_story(room)
        services.reveal(room.owner_id, room.workshop_id)

    def tap(on: bool):
        with app.app_context():
            reactions.set_reaction(room.ville[0], story_id, "clap", on=on)

    assert run_together(tap, [(n % 3 != 2,) for n in range(12)]) == []
    with app.app_context():
        rows = db.session.scalar(select(func.count()).select_from(Reaction))
        assert rows in (0, 1)
        reactions.set_reaction(room.ville[0], story_id, "clap", on=True)
        assert db.session.scalar(select(func.count()).select_from(Reaction)) == 1


def test_reactions_over_the_api_reach_every_screen(app, client, room):
    projector = socket_client(app, {"role": "projector", "key": room.projector_key})
    with app.app_context():
        story_id = _liisas_story(room)
        services.reveal(room.owner_id, room.workshop_id)
    projector.get_received()
    url = f"/api/v1/stories/{story_id}/reactions/wow"
    response = client.put(url, headers=bearer(room.ville[1]))
    assert response.status_code == 200 and response.json["reactions"]["wow"] == 1
    (event,) = [m for m in projector.get_received() if m["name"] == "reactions_changed"]
    assert event["args"][0]["reactions"]["wow"] == 1
    assert client.put(url, headers=bearer(room.liisa[1])).status_code == 403
    assert client.put(url, headers=bearer(room.owner_token)).status_code == 401
    state = client.get(f"/api/v1/workshops/{room.code}/state", headers=bearer(room.ville[1])).json
    assert state["my_reactions"] == {str(story_id): ["wow"]}
    assert state["stories"][0]["reactions"]["wow"] == 1
    assert client.delete(url, headers=bearer(room.ville[1])).json["reactions"]["wow"] == 0
