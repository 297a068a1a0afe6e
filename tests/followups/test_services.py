"""Commitments followed up: due dates, owners' addresses, status and its history, owners'
links and check-ins, at the service layer."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from workshop.errors import Forbidden, NotFound, ValidationFailed
from workshop.extensions import db
from workshop.followups import links, reading
from workshop.followups import services as followups
from workshop.followups.models import CheckIn, CommitmentUpdate
from workshop.practices import commitments
from workshop.practices.models import Practice
from workshop.timeutil import aware, utcnow
from workshop.workshops.models import Workshop
from workshop.workshops.services import WorkshopClosed


def _later(days: int) -> str:
    return (utcnow().date() + timedelta(days=days)).isoformat()


def test_a_closed_workshops_commitment_takes_a_due_date_and_an_address(ctx, followed):
    first = followed.practice_ids[0]
    commitments.set_commitment(
        followed.owner_id, first, {"due_on": _later(30), "owner_email": "pomo@example.fi"}
    )
    practice = db.session.get(Practice, first)
    assert practice.commitment_due_on == date.fromisoformat(_later(30))
    assert practice.commitment_owner_email == "pomo@example.fi"
    assert practice.commitment_status == "not_started"
    assert practice.commitment_owner == "Myymäläpäällikkö"  # untouched


def test_bad_dates_and_addresses_are_refused_whole(ctx, followed):
    first = followed.practice_ids[0]
    with pytest.raises(ValidationFailed) as refused:
        commitments.set_commitment(
            followed.owner_id,
            first,
            {"due_on": "2001-01-01", "owner_email": "ei osoite", "owner": "Uusi"},
        )
    assert set(refused.value.fields) == {"due_on", "owner_email"}
    db.session.expire_all()
    practice = db.session.get(Practice, first)
    assert practice.commitment_owner == "Myymäläpäällikkö"  # nothing half-stored
    assert practice.commitment_due_on is None
    with pytest.raises(ValidationFailed) as refused:
        commitments.set_commitment(followed.owner_id, first, {"due_on": "31.12.2030"})
    assert "due_on" in refused.value.fields


def test_the_list_of_commitments_does_not_change_after_closing(ctx, followed):
    with pytest.raises(WorkshopClosed):
        commitments.set_commitment(followed.owner_id, followed.practice_ids[2], {})
    with pytest.raises(WorkshopClosed):
        commitments.set_commitment(followed.owner_id, followed.practice_ids[2], {"owner": "X"})


def test_status_updates_keep_their_history(ctx, followed):
    first = followed.practice_ids[0]
    followups.update_status(
        first, {"status": "started", "note": "Ohje kirjoitettu"}, facilitator_id=followed.owner_id
    )
    link = links.new_link(first)
    db.session.commit()
    followups.update_status(
        first, {"status": "done", "note": "Käytössä kaikissa kassoissa"}, link=link
    )
    history = followups.history_of([first])[first]
    assert [(u["status"], u["note"], u["by"]) for u in history] == [
        ("started", "Ohje kirjoitettu", "facilitator"),
        ("done", "Käytössä kaikissa kassoissa", "owner"),
    ]
    assert db.session.get(Practice, first).commitment_status == "done"


@pytest.mark.parametrize(
    "data, field",
    [
        ({"status": "finished"}, "status"),
        ({"status": None}, "status"),
        ({"status": "done", "note": "x" * 201}, "note"),
    ],
)
def test_a_bad_status_update_is_refused_and_stores_nothing(ctx, followed, data, field):
    first = followed.practice_ids[0]
    with pytest.raises(ValidationFailed) as refused:
        followups.update_status(first, data, facilitator_id=followed.owner_id)
    assert field in refused.value.fields
    assert db.session.query(CommitmentUpdate).count() == 0


def test_another_facilitator_cannot_update(ctx, followed, make_facilitator):
    stranger = make_facilitator()
    with pytest.raises(Forbidden):
        followups.update_status(
            followed.practice_ids[0], {"status": "done"}, facilitator_id=stranger.id
        )


def test_an_owners_link_opens_its_commitment_until_it_is_revoked(ctx, followed):
    first = followed.practice_ids[0]
    link = followups.make_link(followed.owner_id, first)
    token = links.token_of(link)
    practice, found = followups.commitment_by_token(token)
    assert practice.id == first and found.id == link.id
    for forged in (token[:-1] + ("0" if token[-1] != "0" else "1"), "tc_999.abc", "x", None, 5):
        with pytest.raises(NotFound):
            followups.commitment_by_token(forged)
    followups.revoke_link(followed.owner_id, first)
    with pytest.raises(followups.LinkRevoked):
        followups.commitment_by_token(token)
    with pytest.raises(followups.LinkRevoked):
        followups.update_status(first, {"status": "done"}, link=db.session.get(type(link), link.id))


def test_a_new_link_ends_the_old_one(ctx, followed):
    first = followed.practice_ids[0]
    old = links.token_of(followups.make_link(followed.owner_id, first))
    new = links.token_of(followups.make_link(followed.owner_id, first))
    assert old != new
    with pytest.raises(followups.LinkRevoked):
        followups.commitment_by_token(old)
    assert followups.commitment_by_token(new)[0].id == first


def test_a_token_depends_on_the_secret_key(app, followed):
    with app.app_context():
        token = links.token_of(followups.make_link(followed.owner_id, followed.practice_ids[0]))
        app.config["SECRET_KEY"] = "another"
        with pytest.raises(NotFound):
            followups.commitment_by_token(token)


def test_closing_sets_check_ins_30_and_90_days_on(ctx, followed):
    days = [c.due_on for c in followups.check_ins_of(followed.workshop_id)]
    today = utcnow().date()
    assert days == [today + timedelta(days=30), today + timedelta(days=90)]


def test_check_ins_are_replaced_and_a_past_new_one_is_refused(ctx, followed):
    kept = followups.set_check_ins(followed.owner_id, followed.workshop_id, [_later(7), _later(60)])
    assert [c.due_on.isoformat() for c in kept] == [_later(7), _later(60)]
    with pytest.raises(ValidationFailed) as refused:
        followups.set_check_ins(followed.owner_id, followed.workshop_id, [_later(7), "2020-02-02"])
    assert list(refused.value.fields) == ["check_ins.1"]
    assert len(followups.check_ins_of(followed.workshop_id)) == 2


def test_the_check_in_lists_commitments_without_an_update(ctx, followed):
    workshop = db.session.get(Workshop, followed.workshop_id)
    first, second = followed.practice_ids[:2]
    later = utcnow().date() + timedelta(days=31)
    current, late = followups.waiting(workshop, later)
    assert current.due_on == utcnow().date() + timedelta(days=30)
    assert [p.id for p in late] == [first, second]
    followups.update_status(first, {"status": "started"}, facilitator_id=followed.owner_id)
    followups.update_status(second, {"status": "dropped"}, facilitator_id=followed.owner_id)
    assert followups.waiting(workshop, later)[1] == []  # one updated, one no longer open
    assert followups.waiting(workshop, utcnow().date()) == (None, [])


def test_followup_json_shows_the_owner_address_only_to_facilitators(app, followed):
    with app.test_request_context():
        commitments.set_commitment(
            followed.owner_id, followed.practice_ids[0], {"owner_email": "pomo@example.fi"}
        )
        followups.make_link(followed.owner_id, followed.practice_ids[0])
        workshop = db.session.get(Workshop, followed.workshop_id)
        full = reading.followup_json(workshop)
        first = full["commitments"][0]
        assert first["owner_email"] == "pomo@example.fi"
        assert first["link"]["url"].startswith("http")
        assert [s["title"] for s in first["stories"]] == ["Kanta-asiakaskortti Toscanassa"]
        public = reading.commitments_json(workshop, for_facilitators=False)
        assert "owner_email" not in public[0] and "link" not in public[0]


def test_removing_a_commitment_ends_its_link(ctx, make_workshop, followed):
    first = followed.practice_ids[0]
    link = followups.make_link(followed.owner_id, first)
    db.session.execute(db.update(Workshop).values(closed_at=None, phase="results"))
    db.session.commit()
    commitments.remove_commitment(followed.owner_id, first)
    assert db.session.get(type(link), link.id).revoked_at is not None
    assert db.session.get(Practice, first).commitment_status is None
    assert db.session.query(CheckIn).count() == 2


def test_purge_keeps_a_workshop_until_its_last_check_in_has_passed(ctx, followed):
    from workshop.workshops import admin

    workshop = db.session.get(Workshop, followed.workshop_id)
    closed = aware(workshop.closed_at)
    # 91 days after closing the 90-day retention is over, but the 90-day check-in was
    # yesterday: it stays until 90 days after that.
    assert admin.expired_workshops(closed + timedelta(days=91)) == []
    assert [w.id for w in admin.expired_workshops(closed + timedelta(days=181))] == [workshop.id]


def test_deleting_the_earlier_workshop_leaves_its_follow_up_on_its_own(ctx, followed):
    from workshop.workshops import admin
    from workshop.workshops import services as workshops

    later = workshops.create_workshop(
        followed.owner_id, "Jatko", "fi", follows=followed.workshop_id
    ).id
    admin.delete_workshop(followed.owner_id, followed.workshop_id)
    db.session.expire_all()
    assert db.session.get(Workshop, later).follows_id is None
