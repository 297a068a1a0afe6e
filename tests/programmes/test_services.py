"""Programmes at the service layer: who may do what, its workshops, sharing, links, and the
report's figures (per workshop and combined, privacy, lenses by name, commitments)."""

from __future__ import annotations

import threading
from datetime import date, timedelta

import pytest
from sqlalchemy import event, func, select

from tests.programmes.rooms import make_room
from workshop.errors import Forbidden, NotFound, ValidationFailed
from workshop.extensions import db
from workshop.followups import services as followups
from workshop.practices import commitments
from workshop.programmes import report, services
from workshop.programmes.models import PracticeLink, ProgrammeWorkshop
from workshop.stories import services as stories
from workshop.workshops import admin


@pytest.fixture
def owner(make_facilitator):
    return make_facilitator("ohjelma@example.fi")


@pytest.fixture
def colleague(make_facilitator):
    return make_facilitator("kollega@example.fi")


def _three(owner_id):
    """Three stores: A (6 people), B (5 people), C (3 people, anonymous)."""
    a = make_room(
        owner_id,
        "Myymälä A",
        people=6,
        stories_each=[("in_person", 4), ("online", 2)],
        practice_titles=["Alennus annetaan iloisesti", "Kassa saa päättää itse"],
        commitments_first=1,
        lens="Etu",
    )
    b = make_room(
        owner_id,
        "Myymälä B",
        people=5,
        stories_each=[("in_person", 5), ("online", 1)],
        practice_titles=["Kassa antaa alennuksen iloisesti", "Chat vastaa heti"],
        commitments_first=1,
        lens=" etu",
    )
    c = make_room(
        owner_id,
        "Myymälä C",
        people=3,
        stories_each=[("phone", 3)],
        practice_titles=["Puhelimeen vastataan"],
        commitments_first=1,
        anonymous=True,
    )
    return a, b, c


def _programme(owner_id, *rooms):
    programme = services.create_programme(owner_id, "Kauppaketju X, kevät 2027")
    for made in rooms:
        services.add_workshop(owner_id, programme.id, made.id)
    return programme


def test_the_owner_shares_and_a_colleague_reads_and_adds_only_their_own(
    ctx, owner, colleague, make_facilitator
):
    programme = services.create_programme(owner.id, "  Kauppaketju X,   kevät 2027 ")
    assert programme.title == "Kauppaketju X, kevät 2027"
    theirs = make_room(colleague.id, "Kollegan", people=1, stories_each=[])
    mine = make_room(owner.id, "Oma", people=1, stories_each=[])
    with pytest.raises(Forbidden):
        services.readable_programme(colleague.id, programme.id)
    with pytest.raises(Forbidden):
        services.add_co_facilitator(colleague.id, programme.id, colleague.email)
    services.add_co_facilitator(owner.id, programme.id, "KOLLEGA@example.fi")
    services.add_co_facilitator(owner.id, programme.id, colleague.email)  # twice is once
    assert [p.id for p in services.programmes_of(colleague.id)] == [programme.id]
    services.add_workshop(colleague.id, programme.id, theirs.id)
    with pytest.raises(ValidationFailed) as refused:
        services.add_workshop(colleague.id, programme.id, mine.id)  # not theirs to add
    assert "workshop_id" in refused.value.fields
    services.add_workshop(owner.id, programme.id, mine.id)
    services.add_workshop(owner.id, programme.id, mine.id)
    assert services.workshop_ids_of(programme.id) == sorted([theirs.id, mine.id])
    with pytest.raises(Forbidden):
        services.rename_programme(colleague.id, programme.id, "Toinen")
    with pytest.raises(Forbidden):  # a workshop they do not run, in the owner's programme
        services.remove_workshop(colleague.id, programme.id, mine.id)
    services.remove_workshop(colleague.id, programme.id, theirs.id)
    with pytest.raises(ValidationFailed):
        services.add_co_facilitator(owner.id, programme.id, "nobody@example.fi")
    services.remove_co_facilitator(owner.id, programme.id, colleague.id)
    with pytest.raises(Forbidden):
        services.readable_programme(colleague.id, programme.id)
    with pytest.raises(NotFound):
        services.readable_programme(owner.id, programme.id + 100)
    with pytest.raises(ValidationFailed):
        services.create_programme(owner.id, "   ")


def test_deleting_a_programme_leaves_its_workshops_and_deleting_a_workshop_leaves_it(ctx, owner):
    a, b, _c = _three(owner.id)
    programme_id = _programme(owner.id, a, b).id
    admin.delete_workshop(owner.id, a.id)  # (it lets go of every row the session held)
    assert services.workshop_ids_of(programme_id) == [b.id]
    services.delete_programme(owner.id, programme_id)
    assert db.session.scalar(select(func.count()).select_from(ProgrammeWorkshop)) == 0
    assert stories.story_stats(b.id)["story_count"] == 10


def test_links_join_practices_of_different_workshops_into_groups(ctx, owner):
    a, b, c = _three(owner.id)
    programme = _programme(owner.id, a, b, c)
    with pytest.raises(ValidationFailed):  # one workshop
        services.link_practices(owner.id, programme.id, a.practice_ids)
    with pytest.raises(ValidationFailed):  # one practice
        services.link_practices(owner.id, programme.id, [a.practice_ids[0]] * 2)
    outside = make_room(owner.id, "Ulkona", people=1, stories_each=[], practice_titles=["X"])
    with pytest.raises(ValidationFailed):  # not in the programme
        services.link_practices(owner.id, programme.id, [a.practice_ids[0], *outside.practice_ids])
    services.link_practices(owner.id, programme.id, [b.practice_ids[0], a.practice_ids[0]])
    services.link_practices(owner.id, programme.id, [a.practice_ids[0], b.practice_ids[0]])
    services.link_practices(owner.id, programme.id, [b.practice_ids[0], c.practice_ids[0]])
    data = report.report(services.readable_programme(owner.id, programme.id))
    (group,) = data["recurring"]
    assert [p["id"] for p in group["practices"]] == [
        a.practice_ids[0],
        b.practice_ids[0],
        c.practice_ids[0],
    ]
    assert group["workshops"] == 3
    assert db.session.scalar(select(func.count()).select_from(PracticeLink)) == 2
    services.unlink_practice(owner.id, programme.id, b.practice_ids[0])  # the middle one
    assert report.report(services.readable_programme(owner.id, programme.id))["recurring"] == []
    services.link_practices(owner.id, programme.id, [a.practice_ids[0], c.practice_ids[0]])
    services.remove_workshop(owner.id, programme.id, c.id)  # its links go with it
    assert db.session.scalar(select(func.count()).select_from(PracticeLink)) == 0


def test_suggestions_pair_practices_of_other_workshops_that_share_words(ctx, owner):
    a, b, c = _three(owner.id)
    programme = _programme(owner.id, a, b, c)
    data = report.report(programme)
    pairs = [sorted(s["practice_ids"]) for s in data["suggestions"]]
    # "Alennus annetaan iloisesti" ~ "Kassa antaa alennuksen iloisesti": alenn, ilois.
    assert sorted([a.practice_ids[0], b.practice_ids[0]]) in pairs
    assert pairs[0] == sorted([a.practice_ids[0], b.practice_ids[0]])
    services.link_practices(owner.id, programme.id, [a.practice_ids[0], b.practice_ids[0]])
    pairs = [sorted(s["practice_ids"]) for s in report.report(programme)["suggestions"]]
    assert sorted([a.practice_ids[0], b.practice_ids[0]]) not in pairs  # grouped already


def test_no_breakdown_of_fewer_than_five_people(ctx, owner):
    a, b, c = _three(owner.id)
    data = report.report(_programme(owner.id, a, b, c))
    shops = {shop["id"]: shop for shop in data["workshops"]}
    assert shops[a.id]["is_shown"] and shops[a.id]["agency"]["count"] == 12
    assert shops[c.id]["is_shown"] is False
    assert shops[c.id]["agency"] is shops[c.id]["channels"] is shops[c.id]["lenses"] is None
    # C (3 people) joins the others; the others would still be fewer than 5, so the
    # smallest shown workshop (B, 5 people) joins them too.
    by_workshop = data["combined"]["by_workshop"]
    assert [(row["workshop_id"], row["count"]) for row in by_workshop] == [(a.id, 12), (None, 13)]
    assert sum(row["count"] for row in by_workshop) == data["combined"]["agency"]["count"] == 25
    # Phone is C's alone (3 people): it is pooled, and pulls the smaller of the rest along.
    combined = data["combined"]["channels"]
    assert "phone" not in [row["channel"] for row in combined["channels"]]
    assert combined["channels"][-1]["channel"] == "others"
    # Two workshops' lenses compared by name ("Etu" and " etu").
    assert [row["lens"] for row in data["combined"]["lenses"]] == ["Etu"]
    assert data["combined"]["lenses"][0]["count"] == 22


def test_a_workshop_of_three_alone_shows_nothing_and_names_nobody(ctx, owner):
    c = make_room(
        owner.id,
        "Pieni",
        people=3,
        stories_each=[("online", 1)],
        practice_titles=["Vastataan"],
        commitments_first=1,
        anonymous=True,
    )
    data = report.report(_programme(owner.id, c))
    assert data["combined"]["agency"] is None and data["combined"]["by_workshop"] is None
    assert data["combined"]["channels"] is None and data["combined"]["lenses"] is None
    text = repr(data)
    assert all(name not in text for name in c.names)
    (practice,) = data["workshops"][0]["practices"]
    assert practice["is_commitment"] and practice["owner"] is None  # anonymous: no owner


def test_commitments_carry_their_status_and_due_date(ctx, owner):
    a, b, _c = _three(owner.id)
    programme = _programme(owner.id, a, b)
    due = date.today() + timedelta(days=30)
    commitments.set_commitment(owner.id, a.practice_ids[0], {"due_on": due.isoformat()})
    followups.update_status(a.practice_ids[0], {"status": "started"}, facilitator_id=owner.id)
    followups.update_status(b.practice_ids[0], {"status": "done"}, facilitator_id=owner.id)
    data = report.report(programme)
    first = data["workshops"][0]["practices"][0]
    assert (first["status"], first["due_on"], first["owner"]) == (
        "started",
        due.isoformat(),
        a.names[0],  # a named workshop shows who carries it
    )
    assert data["workshops"][0]["practices"][1]["is_commitment"] is False
    assert data["combined"]["by_status"] == {
        "not_started": 0,
        "started": 1,
        "done": 1,
        "dropped": 0,
    }


def test_hidden_stories_do_not_count(ctx, owner):
    a, _b, _c = _three(owner.id)
    programme = _programme(owner.id, a)
    before = report.report(programme)["workshops"][0]["agency"]["count"]
    stories.set_hidden(owner.id, a.story_ids[0], hidden=True)
    assert report.report(programme)["workshops"][0]["agency"]["count"] == before - 1


def test_the_report_reads_a_bounded_number_of_times(ctx, owner, app):
    rooms = _three(owner.id)
    programme = _programme(owner.id, *rooms)

    def count(programme_id):
        programme = services.readable_programme(owner.id, programme_id)
        db.session.expire_all()  # each count starts from a cold session
        statements = []
        here = threading.get_ident()

        def listener(*args):
            # This thread's reads only: the ticker's sends (the rooms' joins) run beside.
            if threading.get_ident() == here:
                statements.append(args[2])

        event.listen(db.engine, "before_cursor_execute", listener)
        try:
            report.report(programme)
        finally:
            event.remove(db.engine, "before_cursor_execute", listener)
        return statements

    small = count(programme.id)
    # The programme, its workshops' ids, the workshops, their people, stories, lenses,
    # practices, practice links and pulse rounds.
    assert len(small) <= 9, small
    more = [
        make_room(owner.id, f"Lisä {n}", people=6, stories_each=[("online", 3)]) for n in range(4)
    ]
    for made in more:
        services.add_workshop(owner.id, programme.id, made.id)
    assert len(count(programme.id)) == len(small)  # seven workshops read as three
