"""Closing the workshop: the phones keep what the room decided, and nothing more."""

from __future__ import annotations

from tests.conftest import socket_client
from workshop.practices import commitments
from workshop.voting import dots as voting
from workshop.workshops import services as workshops
from workshop.workshops import state


def _phone(app, room, who):
    phone = socket_client(app, {"role": "participant", "code": room.code, "token": who[1]})
    phone.get_received()
    return phone


def _sent(phone, name: str) -> list[dict]:
    return [m["args"][0] for m in phone.get_received() if m["name"] == name]


def test_closing_after_the_results_keeps_the_ranking_and_the_commitments(voting_room, app):
    owner, workshop_id = voting_room.owner_id, voting_room.workshop_id
    a, b, c = voting_room.practice_ids
    voting.cast_vote(voting_room.ville[0], "k1", a)
    voting.cast_vote(voting_room.ville[0], "k2", b)
    voting.cast_vote(voting_room.liisa[0], "k3", b)
    workshops.change_phase(owner, workshop_id, "results")
    commitments.set_commitment(
        owner, b, {"owner": "Myymäläpäällikkö", "first_step": "Ohje kassoille maanantaina"}
    )
    phone = _phone(app, voting_room, voting_room.liisa)

    workshops.change_phase(owner, workshop_id, "closed")

    # The move itself carries them: a phone needs no snapshot to keep them.
    [moved] = _sent(phone, "phase_changed")
    assert moved["phase"] == "closed"
    decided = moved["results"]
    assert [r["practice"]["id"] for r in decided["ranking"]] == [b, a, c]
    assert [r["dots"] for r in decided["ranking"]] == [2, 1, 0]
    assert decided["commitments"] == [b]
    kept = decided["ranking"][0]["practice"]["commitment"]
    assert (kept["owner"], kept["first_step"]) == (
        "Myymäläpäällikkö",
        "Ohje kassoille maanantaina",
    )
    phone.disconnect()

    # A phone that comes back later (until the workshop is deleted) gets them too.
    later = state.snapshot(voting_room.as_participant(voting_room.ville))
    assert later["workshop"]["phase"] == "closed"
    assert later["results"]["commitments"] == [b]
    assert [r["practice"]["id"] for r in later["results"]["ranking"]] == [b, a, c]


def test_closing_before_a_hidden_tally_was_shown_tells_the_phones_nothing_of_it(voting_room, app):
    owner, workshop_id = voting_room.owner_id, voting_room.workshop_id
    a, _b, _c = voting_room.practice_ids
    voting.cast_vote(voting_room.ville[0], "k1", a)
    phone = _phone(app, voting_room, voting_room.liisa)
    facilitator = socket_client(
        app,
        {"role": "facilitator", "workshop_id": workshop_id, "token": voting_room.owner_token},
    )
    facilitator.get_received()

    workshops.change_phase(owner, workshop_id, "closed")

    [moved] = _sent(phone, "phase_changed")
    assert "results" not in moved
    assert "results" not in state.snapshot(voting_room.as_participant(voting_room.liisa))
    # The facilitators always had the tally: they get the final one with the move.
    [told] = _sent(facilitator, "phase_changed")
    assert told["results"]["ranking"][0]["dots"] == 1
    phone.disconnect()
    facilitator.disconnect()
