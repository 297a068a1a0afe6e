"""Dot voting and ratings at the service layer: budget, cap, self-votes, replays, reveal."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from workshop.errors import Conflict, ValidationFailed
from workshop.extensions import db
from workshop.practices import commitments, merge
from workshop.practices import services as practices
from workshop.voting import dots as voting
from workshop.voting import ratings, results
from workshop.voting.dots import (
    OverBudget,
    OverCap,
    OwnPractice,
    PracticeUnavailable,
    VotesNotRevealed,
    VotingClosed,
)
from workshop.voting.models import Vote
from workshop.workshops import services as workshops
from workshop.workshops.models import Workshop


def _active(participant_id: int) -> int:
    query = select(func.count()).where(
        Vote.participant_id == participant_id, Vote.withdrawn_at.is_(None)
    )
    return db.session.scalar(query)


def test_budget_holds_and_remaining_comes_back(voting_room):
    liisa = voting_room.liisa[0]
    a, b, c = voting_room.practice_ids
    first, created = voting.cast_vote(liisa, "k1", c)
    assert created and first["remaining"] == 2 and first["vote"]["practice_id"] == c
    assert voting.cast_vote(liisa, "k2", c)[0]["remaining"] == 1
    assert voting.cast_vote(liisa, "k3", a)[0]["remaining"] == 0
    with pytest.raises(OverBudget):
        voting.cast_vote(liisa, "k4", b)
    assert _active(liisa) == 3
    back = voting.withdraw_vote(liisa, "k1")
    assert back["remaining"] == 1 and back["vote"]["withdrawn"] is True
    assert voting.withdraw_vote(liisa, "k1")["remaining"] == 1  # twice changes nothing
    # A late replay of a withdrawn key does not bring the dot back.
    replay, created = voting.cast_vote(liisa, "k1", c)
    assert not created and replay["remaining"] == 1
    assert _active(liisa) == 2


def test_replay_returns_the_same_body(voting_room):
    liisa = voting_room.liisa[0]
    first, _ = voting.cast_vote(liisa, "k1", voting_room.practice_ids[2])
    again, created = voting.cast_vote(liisa, "k1", voting_room.practice_ids[0])
    assert (again, created) == (first, False)


def test_cap_and_self_votes(voting_room):
    liisa, ville = voting_room.liisa[0], voting_room.ville[0]
    a, _b, c = voting_room.practice_ids
    voting.change_voting(voting_room.owner_id, voting_room.workshop_id, {"per_practice_cap": 1})
    voting.cast_vote(liisa, "k1", c)
    with pytest.raises(OverCap):
        voting.cast_vote(liisa, "k2", c)
    voting.cast_vote(liisa, "k3", a)  # her own: allowed by default
    voting.change_voting(voting_room.owner_id, voting_room.workshop_id, {"self_votes": False})
    assert _active(liisa) == 1  # the dot on her own practice went back
    with pytest.raises(OwnPractice):
        voting.cast_vote(liisa, "k4", a)
    voting.cast_vote(ville, "k1", a)


def test_lower_budget_returns_the_newest_dots(voting_room):
    liisa = voting_room.liisa[0]
    a, b, c = voting_room.practice_ids
    for key, target in (("k1", a), ("k2", b), ("k3", c)):
        voting.cast_vote(liisa, key, target)
    voting.change_voting(voting_room.owner_id, voting_room.workshop_id, {"budget": 1})
    ballot = voting.ballot_json(liisa)
    assert ballot == {"budget": 1, "remaining": 0, "votes": [{"key": "k1", "practice_id": a}]}


def test_no_votes_outside_voting_or_on_hidden_practices(voting_room):
    liisa = voting_room.liisa[0]
    a, b, _c = voting_room.practice_ids
    practices.set_hidden(voting_room.owner_id, b, hidden=True)
    with pytest.raises(PracticeUnavailable):
        voting.cast_vote(liisa, "k1", b)
    with pytest.raises(ValidationFailed):
        voting.cast_vote(liisa, "k1", 424242)
    with pytest.raises(ValidationFailed):
        voting.cast_vote(liisa, "bad key!", a)
    workshops.change_phase(voting_room.owner_id, voting_room.workshop_id, "results")
    with pytest.raises(VotingClosed):
        voting.cast_vote(liisa, "k2", a)
    with pytest.raises(VotingClosed):
        ratings.rate(liisa, a, {"agency": 5, "ease": 5})
    assert _active(liisa) == 0


def test_ratings_and_ranking(voting_room):
    liisa, ville = voting_room.liisa[0], voting_room.ville[0]
    a, b, c = voting_room.practice_ids
    ratings.rate(liisa, a, {"agency": 5, "ease": 2})
    ratings.rate(ville, a, {"agency": 4, "ease": 4})
    ratings.rate(liisa, b, {"agency": 2, "ease": 5})
    ratings.rate(liisa, b, {"agency": 3, "ease": 5})  # changed, not added
    with pytest.raises(ValidationFailed) as caught:
        ratings.rate(liisa, c, {"agency": 0, "ease": "5"})
    assert set(caught.value.fields) == {"agency", "ease"}
    voting.cast_vote(liisa, "k1", c)
    voting.cast_vote(ville, "k1", a)
    workshop = db.session.get(Workshop, voting_room.workshop_id)
    with pytest.raises(VotesNotRevealed):
        results.results_json(workshop, None)
    facilitators = results.results_json(workshop, voting_room.facilitator)
    # One dot each on A and C: A wins the tie on agency (4.5 against none).
    assert [r["practice"]["title"] for r in facilitators["ranking"]] == ["A", "C", "B"]
    assert facilitators["ranking"][0]["agency"] == 4.5
    assert facilitators["ranking"][2]["ratings"] == 1
    # The tally carries the same ranking, so no screen ranks on its own.
    assert results.tally(workshop)["ranked"] == [a, c, b]
    results.reveal_votes(voting_room.owner_id, voting_room.workshop_id)
    public = results.results_json(workshop, None)
    assert [r["dots"] for r in public["ranking"]] == [1, 1, 0]


def test_public_tally_hides_the_dots_until_reveal(voting_room):
    liisa = voting_room.liisa[0]
    voting.cast_vote(liisa, "k1", voting_room.practice_ids[0])
    workshop = db.session.get(Workshop, voting_room.workshop_id)
    full = results.tally(workshop)
    assert (full["voters"], full["participants"], full["dots_left"]) == (1, 2, 5)
    assert full["dots"] == {str(voting_room.practice_ids[0]): 1}
    public = results.public_tally(workshop, full)
    assert public["dots"] is None and public["dots_cast"] is None and public["voters"] == 1
    assert public["ranked"] is None and full["ranked"][0] == voting_room.practice_ids[0]


def test_nothing_changes_once_the_workshop_is_closed(voting_room):
    liisa = voting_room.liisa[0]
    a, b, _c = voting_room.practice_ids
    voting.cast_vote(liisa, "k1", a)
    workshops.change_phase(voting_room.owner_id, voting_room.workshop_id, "closed")
    for attempt in (
        lambda: practices.set_hidden(voting_room.owner_id, a, hidden=True),
        lambda: merge.merge(voting_room.owner_id, a, b),
        lambda: voting.withdraw_vote(liisa, "k1"),
        lambda: voting.change_voting(voting_room.owner_id, voting_room.workshop_id, {"budget": 1}),
        lambda: commitments.set_commitment(voting_room.owner_id, a, {"owner": "Tiimi"}),
    ):
        with pytest.raises(Conflict):
            attempt()
    assert _active(liisa) == 1


def test_a_practice_with_dots_is_hidden_not_deleted(voting_room):
    liisa = voting_room.liisa[0]
    a, b, _c = voting_room.practice_ids
    voting.cast_vote(liisa, "k1", a)
    voting.withdraw_vote(liisa, "k1")
    with pytest.raises(practices.PracticeHasDots):
        practices.delete_practice(voting_room.facilitator, a)
    # So a late replay of that key still changes nothing.
    assert voting.cast_vote(liisa, "k1", a)[1] is False
    practices.delete_practice(voting_room.facilitator, b)  # no dot ever: it goes


def test_merging_into_a_hidden_practice_is_refused(voting_room):
    a, b, _c = voting_room.practice_ids
    practices.set_hidden(voting_room.owner_id, b, hidden=True)
    with pytest.raises(ValidationFailed):
        merge.merge(voting_room.owner_id, a, b)


def test_commitments_reach_each_audience_as_it_may_read_them(voting_room, app):
    from tests.conftest import socket_client

    a, b, _c = voting_room.practice_ids
    projector = socket_client(app, {"role": "projector", "key": voting_room.projector_key})
    projector.get_received()
    commitments.set_commitment(voting_room.owner_id, a, {"owner": "Tiimi"})
    commitments.set_commitment(voting_room.owner_id, b, {})
    practices.set_hidden(voting_room.owner_id, b, hidden=True)
    commitments.set_commitment(voting_room.owner_id, a, {"position": 5})
    sent = [m["args"][0] for m in projector.get_received() if m["name"] == "commitments_changed"]
    assert [[p["id"] for p in body["commitments"]] for body in sent] == [[a], [a, b], [a]]
    assert "is_hidden" not in sent[0]["commitments"][0]
    projector.disconnect()
    workshop = db.session.get(Workshop, voting_room.workshop_id)
    assert [p.id for p in commitments.commitments_of(workshop.id)] == [b, a]  # positions 0, 1


def test_the_results_link_waits_for_the_reveal_while_the_dots_are_hidden(voting_room, client):
    voting.cast_vote(voting_room.liisa[0], "k1", voting_room.practice_ids[0])
    made = client.post(
        f"/api/v1/workshops/{voting_room.code}/share",
        headers={"Authorization": f"Bearer {voting_room.owner_token}"},
    )
    path = "/charter/" + made.json["share_url"].rsplit("/charter/", 1)[1]
    waiting = client.get(path)
    page = waiting.get_data(as_text=True)
    assert waiting.status_code == 200 and "Tulokset näkyvät tässä" in page
    assert "data-check-again" in page and "<table" not in page  # no ranking yet
    assert 'http-equiv="refresh"' not in page  # no timed reload (WCAG 2.2.1)
    assert waiting.headers["Content-Security-Policy"].startswith("default-src 'none'")

    results.reveal_votes(voting_room.owner_id, voting_room.workshop_id)
    page = client.get(path).get_data(as_text=True)
    assert "<table" in page and "Tulokset näkyvät tässä" not in page
    assert "data-check-again" not in page


def test_the_results_link_shows_live_dots_when_the_tally_is_not_hidden(voting_room, client):
    voting.change_voting(voting_room.owner_id, voting_room.workshop_id, {"hide_tally": False})
    made = client.post(
        f"/api/v1/workshops/{voting_room.code}/share",
        headers={"Authorization": f"Bearer {voting_room.owner_token}"},
    )
    page = client.get("/charter/" + made.json["share_url"].rsplit("/charter/", 1)[1])
    assert "<table" in page.get_data(as_text=True)
