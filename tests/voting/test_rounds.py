"""Two voting rounds in one plan: each voting step has its own dots. A round's dots stay
where it left them, the tally and the results count the round that runs (or ran last),
and an export brings each dot back into its round."""

from __future__ import annotations

import pytest

from tests.conftest import story
from workshop.charter import exchange, imports
from workshop.designs import services as designs
from workshop.extensions import db
from workshop.practices import services as practices
from workshop.realtime import Audience
from workshop.stories import services as stories
from workshop.voting import dots as voting
from workshop.voting import results
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
    assert voting.ballot_json(liisa)["remaining"] == 2  # a fresh budget
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
