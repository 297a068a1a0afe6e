"""Merging practices with dots and ratings on them."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from tests.practices.conftest import practice
from workshop.errors import ValidationFailed
from workshop.extensions import db
from workshop.practices import merge, reading
from workshop.practices import services as practices
from workshop.practices.models import Practice
from workshop.voting import dots as voting
from workshop.voting import ratings
from workshop.voting.models import Rating, Vote
from workshop.workshops import services as workshops


def _active_on(practice_id: int) -> int:
    query = select(func.count()).where(Vote.practice_id == practice_id, Vote.withdrawn_at.is_(None))
    return db.session.scalar(query)


def test_merge_keeps_the_union_and_returns_dots_over_the_cap(ctx, practice_room, socket_for):
    liisa_view = practice_room.as_participant(practice_room.liisa)
    ville_view = practice_room.as_participant(practice_room.ville)
    first_story, second_story = practice_room.story_ids
    keep, _ = practices.post_practice(liisa_view, practice(story_ids=[first_story]), "a")
    dupe, _ = practices.post_practice(
        ville_view, practice(title="Sama eri sanoin", story_ids=[second_story]), "b"
    )
    other, _ = practices.post_practice(ville_view, practice(title="Muu"), "c")
    voting.change_voting(
        practice_room.owner_id, practice_room.workshop_id, {"budget": 4, "per_practice_cap": 2}
    )
    workshops.change_phase(practice_room.owner_id, practice_room.workshop_id, "voting")
    liisa, ville = practice_room.liisa[0], practice_room.ville[0]
    phone = socket_for(practice_room.liisa)
    # Liisa: two dots on each duplicate (the cap), so the merged one would hold four.
    for key, target in (("k1", keep.id), ("k2", keep.id), ("k3", dupe.id), ("k4", dupe.id)):
        voting.cast_vote(liisa, key, target)
    voting.cast_vote(ville, "k1", dupe.id)
    voting.cast_vote(ville, "k2", other.id)
    ratings.rate(liisa, keep.id, {"agency": 5, "ease": 5})
    ratings.rate(liisa, dupe.id, {"agency": 1, "ease": 1})
    ratings.rate(ville, dupe.id, {"agency": 3, "ease": 2})
    phone.get_received()

    merged = merge.merge(practice_room.owner_id, dupe.id, keep.id)

    assert merged.id == keep.id
    assert [s.id for s in merged.stories] == [first_story, second_story]
    assert reading.author_ids(keep.id) == {liisa, ville}
    assert db.session.get(Practice, dupe.id).merged_into_id == keep.id
    # Liisa's two newest dots went back (cap 2); Ville's moved over.
    assert voting.ballot_json(liisa)["votes"] == [
        {"key": "k1", "practice_id": keep.id},
        {"key": "k2", "practice_id": keep.id},
    ]
    assert voting.ballot_json(liisa)["remaining"] == 2
    assert _active_on(keep.id) == 3 and _active_on(dupe.id) == 0
    assert voting.ballot_json(ville)["remaining"] == 2
    # One rating per person: Liisa's of the kept practice stays, Ville's moves over.
    kept = db.session.execute(
        select(Rating.participant_id, Rating.agency).where(Rating.practice_id == keep.id)
    ).all()
    assert sorted(kept) == [(liisa, 5), (ville, 3)]
    # Liisa's phone is told, with what she has left now.
    (notice,) = [m for m in phone.get_received() if m["name"] == "dots_returned"]
    assert notice["args"][0]["count"] == 2 and notice["args"][0]["reason"] == "merge"
    assert notice["args"][0]["remaining"] == 2


def test_a_merged_practice_takes_no_more_dots_and_cannot_merge_again(ctx, practice_room):
    view = practice_room.as_participant(practice_room.liisa)
    keep, _ = practices.post_practice(view, practice(), "a")
    dupe, _ = practices.post_practice(view, practice(title="B"), "b")
    workshops.change_phase(practice_room.owner_id, practice_room.workshop_id, "voting")
    merge.merge(practice_room.owner_id, dupe.id, keep.id)
    with pytest.raises(voting.PracticeUnavailable):
        voting.cast_vote(practice_room.liisa[0], "k1", dupe.id)
    with pytest.raises(ValidationFailed):
        merge.merge(practice_room.owner_id, dupe.id, keep.id)
    with pytest.raises(ValidationFailed):
        merge.merge(practice_room.owner_id, keep.id, keep.id)
