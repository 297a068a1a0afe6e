"""Practices on the posting core: the spotlight (one per room, a story's or a practice's)
and reactions, as stories have them; both in snapshots and in the export and import."""

from __future__ import annotations

import pytest

from tests.conftest import bearer, socket_client
from tests.practices.conftest import practice
from workshop.charter import exchange, imports
from workshop.errors import Forbidden, NotFound, ValidationFailed
from workshop.extensions import db
from workshop.practices import merge, posting
from workshop.practices import services as practices
from workshop.stories import spotlight as story_spotlight
from workshop.workshops import state
from workshop.workshops.models import Workshop


def _post(room, who, title="A", key=None):
    viewer = room.as_participant(who)
    return practices.post_practice(viewer, practice(title=title), key or title)[0].id


def _events(client, name):
    return [m["args"][0] for m in client.get_received() if m["name"] == name]


def test_a_facilitator_spotlights_a_practice_for_every_screen(app, client, practice_room):
    room = practice_room
    phone = socket_client(app, {"role": "participant", "code": room.code, "token": room.ville[1]})
    projector = socket_client(app, {"role": "projector", "key": room.projector_key})
    with app.app_context():
        practice_id = _post(room, room.liisa, "Valokeilassa")
    phone.get_received(), projector.get_received()
    response = client.post(
        f"/api/v1/practices/{practice_id}/spotlight", headers=bearer(room.owner_token)
    )
    assert response.status_code == 200
    assert response.json["practice_spotlight"]["title"] == "Valokeilassa"
    for screen in (phone, projector):  # even while practices are private
        (event,) = _events(screen, "spotlight_changed")
        assert event["practice"]["title"] == "Valokeilassa" and event["story"] is None
    with app.app_context():
        snapshot = state.snapshot(room.as_participant(room.ville))
        assert snapshot["practice_spotlight"]["id"] == practice_id
        assert snapshot["spotlight"] is None
    ended = client.delete(
        f"/api/v1/workshops/{room.code}/spotlight", headers=bearer(room.owner_token)
    )
    assert ended.status_code == 200
    (event,) = _events(phone, "spotlight_changed")
    assert event == {"story": None, "practice": None, "seq": event["seq"]}


def test_only_facilitators_spotlight_and_only_practices_on_the_wall(
    ctx, practice_room, make_facilitator, client
):
    room = practice_room
    practice_id = _post(room, room.liisa)
    with pytest.raises(Forbidden):
        posting.spotlight(make_facilitator().id, room.workshop_id, practice_id)
    participant = client.post(
        f"/api/v1/practices/{practice_id}/spotlight", headers=bearer(room.liisa[1])
    )
    assert participant.status_code in (401, 403)
    practices.set_hidden(room.owner_id, practice_id, hidden=True)
    with pytest.raises(NotFound):
        posting.spotlight(room.owner_id, room.workshop_id, practice_id)
    with pytest.raises(NotFound):
        posting.spotlight(room.owner_id, room.workshop_id, 987654)


def test_a_practice_in_the_spotlight_replaces_a_story_and_back(ctx, practice_room):
    room = practice_room
    practice_id = _post(room, room.liisa)
    story_spotlight.spotlight(room.owner_id, room.workshop_id, room.story_ids[0])
    posting.spotlight(room.owner_id, room.workshop_id, practice_id)
    workshop = db.session.get(Workshop, room.workshop_id)
    assert (workshop.spotlight_story_id, workshop.spotlight_practice_id) == (None, practice_id)
    story_spotlight.spotlight(room.owner_id, room.workshop_id, room.story_ids[1])
    workshop = db.session.get(Workshop, room.workshop_id)
    assert (workshop.spotlight_story_id, workshop.spotlight_practice_id) == (
        room.story_ids[1],
        None,
    )
    assert state.snapshot(room.facilitator)["practice_spotlight"] is None


@pytest.mark.parametrize("how", ["hide", "delete", "merge"])
def test_hiding_deleting_or_merging_the_practice_ends_its_spotlight(app, practice_room, how):
    room = practice_room
    projector = socket_client(app, {"role": "projector", "key": room.projector_key})
    with app.app_context():
        practice_id, other_id = _post(room, room.liisa, "A"), _post(room, room.ville, "B")
        posting.spotlight(room.owner_id, room.workshop_id, practice_id)
        projector.get_received()
        if how == "hide":
            practices.set_hidden(room.owner_id, practice_id, hidden=True)
        elif how == "delete":
            practices.delete_practice(room.facilitator, practice_id)
        else:
            merge.merge(room.owner_id, practice_id, other_id)
        assert state.snapshot(room.facilitator)["practice_spotlight"] is None
    (event,) = _events(projector, "spotlight_changed")
    assert event["practice"] is None


def test_react_to_practices_like_to_stories(app, practice_room, hand_ticked):
    room = practice_room
    phone = socket_client(app, {"role": "participant", "code": room.code, "token": room.liisa[1]})
    with app.app_context():
        practice_id = _post(room, room.liisa)
        with pytest.raises(NotFound):  # private until the reveal
            posting.set_reaction(room.ville[0], practice_id, "heart", on=True)
        practices.reveal(room.owner_id, room.workshop_id)
        phone.get_received()
        result = posting.set_reaction(room.ville[0], practice_id, "heart", on=True)
        assert result == {
            "practice_id": practice_id,
            "reactions": {"heart": 1, "clap": 0, "idea": 0, "wow": 0},
            "mine": ["heart"],
        }
        again = posting.set_reaction(room.ville[0], practice_id, "heart", on=True)
        assert again["reactions"]["heart"] == 1  # one of each kind per person
        posting.set_reaction(room.ville[0], practice_id, "idea", on=True)
        off = posting.set_reaction(room.ville[0], practice_id, "heart", on=False)
        assert off["reactions"] == {"heart": 0, "clap": 0, "idea": 1, "wow": 0}
        with pytest.raises(posting.OwnPractice):
            posting.set_reaction(room.liisa[0], practice_id, "heart", on=True)
        with pytest.raises(ValidationFailed):
            posting.set_reaction(room.ville[0], practice_id, "thumbs-down", on=True)
        liisas = state.snapshot(room.as_participant(room.liisa))
        (shown,) = [p for p in liisas["practices"] if p["id"] == practice_id]
        assert shown["reactions"]["idea"] == 1  # counts are public once practices are
        ville = state.snapshot(room.as_participant(room.ville))
        assert ville["my_practice_reactions"] == {practice_id: ["idea"]}
    hand_ticked.flush()
    # Three changes (the repeat changed nothing), one send on the tick: the counts now.
    (sent,) = _events(phone, "reaction_counts")
    assert sent == {"practices": {str(practice_id): {"heart": 0, "clap": 0, "idea": 1, "wow": 0}}}


def test_a_practice_a_facilitator_added_is_everyones_to_react_to(ctx, practice_room, client):
    room = practice_room
    added, _ = practices.post_practice(room.facilitator, practice(title="Ohjaaja"), "f1")
    response = client.put(
        f"/api/v1/practices/{added.id}/reactions/clap", headers=bearer(room.liisa[1])
    )
    assert response.status_code == 200 and response.json["reactions"]["clap"] == 1
    gone = client.delete(
        f"/api/v1/practices/{added.id}/reactions/clap", headers=bearer(room.liisa[1])
    )
    assert gone.json["reactions"]["clap"] == 0 and gone.json["mine"] == []


def test_a_merge_carries_the_reactions_once_each(ctx, practice_room):
    room = practice_room
    added, _ = practices.post_practice(room.facilitator, practice(title="X"), "x")
    other, _ = practices.post_practice(room.facilitator, practice(title="Y"), "y")
    for target in (added.id, other.id):
        posting.set_reaction(room.liisa[0], target, "wow", on=True)
    posting.set_reaction(room.ville[0], added.id, "clap", on=True)
    merge.merge(room.owner_id, added.id, other.id)
    counts = posting.REACTIONS.counts([other.id])[other.id]
    assert counts == {"heart": 0, "clap": 1, "idea": 0, "wow": 1}


def test_the_export_carries_reactions_and_the_spotlight(ctx, practice_room):
    room = practice_room
    practice_id = _post(room, room.liisa)
    practices.reveal(room.owner_id, room.workshop_id)
    posting.set_reaction(room.ville[0], practice_id, "idea", on=True)
    from workshop.stories import reactions as story_reactions

    story_reactions.set_reaction(room.ville[0], room.story_ids[0], "heart", on=True)
    posting.spotlight(room.owner_id, room.workshop_id, practice_id)
    exported = exchange.export_workshop(db.session.get(Workshop, room.workshop_id))
    assert exported["spotlight"] == {"practice": 0}
    assert sorted(r["kind"] for r in exported["reactions"]) == ["heart", "idea"]

    copy = imports.import_workshop(room.owner_id, exported)
    snapshot = state.snapshot(
        state.Viewer(copy.id, state.Audience.FACILITATORS, facilitator_id=room.owner_id)
    )
    assert snapshot["practice_spotlight"]["title"] == "A"
    (copied,) = snapshot["practices"]
    assert copied["reactions"]["idea"] == 1
    assert snapshot["stories"][0]["reactions"]["heart"] == 1

    older = {k: v for k, v in exported.items() if k not in ("reactions", "spotlight")}
    assert imports.import_workshop(room.owner_id, older).spotlight_practice_id is None
    broken = {**exported, "reactions": [{"participant": 0, "practice": 9, "kind": "wow"}]}
    with pytest.raises(ValidationFailed) as caught:
        imports.import_workshop(room.owner_id, broken)
    assert "reactions.0.practice" in caught.value.fields


def test_editing_the_practice_in_the_spotlight_shows_it_again(app, practice_room):
    room = practice_room
    projector = socket_client(app, {"role": "projector", "key": room.projector_key})
    with app.app_context():
        practice_id, other_id = _post(room, room.liisa, "A"), _post(room, room.ville, "B")
        posting.spotlight(room.owner_id, room.workshop_id, practice_id)
        projector.get_received()
        practices.edit_practice(room.facilitator, other_id, {"title": "B2"})
        assert _events(projector, "spotlight_changed") == []  # not the one in the spotlight
        practices.edit_practice(room.facilitator, practice_id, {"title": "A2"})
    (event,) = _events(projector, "spotlight_changed")
    assert event["practice"]["title"] == "A2"  # though private, its own event says nothing
