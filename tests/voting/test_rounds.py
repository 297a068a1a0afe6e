"""Two voting rounds in one plan: each voting step has its own dots. A round's dots stay
where it left them, the tally and the results count the round that runs (or ran last),
and an export brings each dot back into its round."""

from __future__ import annotations

import pytest

from tests.conftest import story
from workshop.charter import exchange, imports
from workshop.designs import editing
from workshop.designs import services as designs
from workshop.extensions import db
from workshop.practices import services as practices
from workshop.realtime import Audience
from workshop.stories import services as stories
from workshop.voting import dots as voting
from workshop.voting import results, rounds
from workshop.voting.models import VotingRound
from workshop.workshops import services as workshops
from workshop.workshops.models import Workshop
from workshop.workshops.services import Viewer

FLOW = ["stories", "practices", "voting", "voting"]


def _titles(workshop: Workshop) -> list[tuple[str, int]]:
    ranked = results.ranking(workshop, Viewer(workshop.id, Audience.FACILITATORS))
    return [(r["practice"]["title"], r["dots"]) for r in ranked]


def test_each_voting_round_has_its_own_dots(app, ctx, facilitator, join):
    design = designs.builtin_design("fi")
    design["steps"] = [
        {"activity": key, "projector": f"Vaihe {i}", "phone": "", "minutes": 5}
        for i, key in enumerate(FLOW)
    ]
    workshop = workshops.create_workshop(
        facilitator.id, "Kaksi kierrosta", "fi", design=designs.clean_design(design)
    )
    liisa = join(workshop.code, "Liisa")[0]
    workshops.change_phase(facilitator.id, workshop.id, "stories")
    stories.post_story(liisa, story(), "s1")
    workshops.change_phase(facilitator.id, workshop.id, "practices")
    me = Viewer(workshop.id, Audience.FACILITATORS, facilitator_id=facilitator.id)
    a = practices.post_practice(me, {"title": "A"}, "a")[0].id
    b = practices.post_practice(me, {"title": "B"}, "b")[0].id
    voting.change_voting(facilitator.id, workshop.id, {"budget": 2})

    workshops.change_phase(facilitator.id, workshop.id, "voting")  # round one: step 2
    voting.cast_vote(liisa, "r1-1", a)
    voting.cast_vote(liisa, "r1-2", a)
    row = db.session.get(Workshop, workshop.id)
    assert _titles(row) == [("A", 2), ("B", 0)]
    assert voting.ballot_json(liisa)["remaining"] == 0

    workshops.change_phase(facilitator.id, workshop.id, "voting", 3)  # round two
    db.session.refresh(row)
    # A fresh ballot under the round's own rules: the suggestion (a third of two
    # practices), not the 2 set for round one.
    assert voting.ballot_json(liisa)["remaining"] == 1
    assert results.tally(row)["dots"] == {}
    with pytest.raises(voting.VotingClosed):
        voting.withdraw_vote(liisa, "r1-1")  # round one's dots stay as they were
    voting.cast_vote(liisa, "r2-1", b)
    assert _titles(row) == [("B", 1), ("A", 0)]

    copy = imports.import_workshop(facilitator.id, exchange.export_workshop(row))
    assert sorted(v["step_index"] for v in exchange.export_workshop(copy)["votes"]) == [2, 2, 3]

    workshops.change_phase(facilitator.id, workshop.id, "voting", 2)  # back to round one
    db.session.refresh(row)
    assert _titles(row) == [("A", 2), ("B", 0)]


def _two_rounds(facilitator, flow=FLOW) -> Workshop:
    design = designs.builtin_design("fi")
    design["steps"] = [
        {"activity": key, "projector": f"Vaihe {i}", "phone": "", "minutes": 5}
        for i, key in enumerate(flow)
    ]
    return workshops.create_workshop(
        facilitator.id, "Kaksi kierrosta", "fi", design=designs.clean_design(design)
    )


def test_each_round_keeps_its_own_rules_and_reveal(app, ctx, facilitator, join):
    workshop = _two_rounds(facilitator)
    assert {r.step_index: r.status for r in _stored(workshop)} == {2: "waiting", 3: "waiting"}
    workshops.change_phase(facilitator.id, workshop.id, "stories")
    workshops.change_phase(facilitator.id, workshop.id, "practices")
    voting.change_voting(facilitator.id, workshop.id, {"budget": 5, "self_votes": False})
    workshops.change_phase(facilitator.id, workshop.id, "voting")
    results.reveal_votes(facilitator.id, workshop.id)
    row = db.session.get(Workshop, workshop.id)
    assert rounds.tally_is_public(row)

    workshops.change_phase(facilitator.id, workshop.id, "voting", 3)
    db.session.refresh(row)
    # Round two starts from the design's rules, hidden until its own reveal.
    assert voting.voting_json(row)["is_budget_set"]  # fixed from the suggestion on entering
    assert voting.voting_json(row)["self_votes"] is True
    assert not rounds.tally_is_public(row)
    voting.change_voting(facilitator.id, workshop.id, {"budget": 1, "hide_tally": False})

    stored = {r.step_index: r for r in _stored(row)}
    assert (stored[2].budget, stored[2].allows_self_votes, stored[2].status) == (5, False, "closed")
    assert (stored[3].budget, stored[3].is_tally_hidden, stored[3].status) == (1, False, "open")
    assert stored[2].revealed_at is not None and stored[3].revealed_at is None

    # An export carries each round; its copy has the same rules, reveal and place.
    copy = imports.import_workshop(facilitator.id, exchange.export_workshop(row))
    copied = {r.step_index: r for r in _stored(copy)}
    assert (copied[2].budget, copied[2].allows_self_votes, copied[2].status) == (5, False, "closed")
    assert (copied[3].budget, copied[3].is_tally_hidden, copied[3].status) == (1, False, "open")
    assert copied[2].revealed_at is not None and copied[3].revealed_at is None


def test_a_file_from_before_rounds_imports_its_rules_into_the_round_that_counts(
    app, ctx, facilitator
):
    workshop = _two_rounds(facilitator)
    workshops.change_phase(facilitator.id, workshop.id, "stories")
    data = exchange.export_workshop(db.session.get(Workshop, workshop.id))
    del data["activities"]["voting"]
    data["design"]["settings"]["vote_budget"] = 3
    data["workshop"]["votes_revealed"] = True
    copy = imports.import_workshop(facilitator.id, data)
    stored = {r.step_index: r for r in _stored(copy)}
    assert stored[2].budget == 3 and stored[3].budget == 3  # the design's rules, every round
    assert stored[2].revealed_at is not None  # the round that counts: the first to come
    assert stored[3].revealed_at is None


def test_a_round_moves_with_its_step_when_the_plan_is_edited(app, ctx, facilitator):
    workshop = _two_rounds(facilitator, ["stories", "voting", "practices", "voting"])
    voting.change_voting(facilitator.id, workshop.id, {"budget": 7})  # the first round's
    row = db.session.get(Workshop, workshop.id)
    plan = editing.workshop_plan_json(row)
    steps = plan["steps"]
    # Move the first voting step after the practices, and drop the second one.
    plan["steps"] = [steps[0], steps[2], steps[1]]
    editing.update_plan(facilitator.id, workshop.id, plan)
    db.session.refresh(row)
    assert {r.step_index: r.budget for r in _stored(row)} == {2: 7}
    assert voting.voting_json(row)["budget"] == 7


def _stored(workshop: Workshop) -> list[VotingRound]:
    db.session.expire_all()
    query = db.select(VotingRound).where(VotingRound.workshop_id == workshop.id)
    return list(db.session.scalars(query))
