"""A follow-up workshop: made "as a follow-up of" an earlier one, its lobby opens with last
time's open commitments (projector) and their status (phones), and its charter has a
section "since last time"; the earlier charter shows each status with its history."""

from __future__ import annotations

import pytest

from tests.conftest import bearer, login
from workshop.charter import build, render
from workshop.errors import ValidationFailed
from workshop.extensions import db
from workshop.followups import services as followups
from workshop.participants import services as participants
from workshop.workshops import services as workshops
from workshop.workshops.models import Workshop


@pytest.fixture
def follow_up(app, followed):
    """The earlier workshop's first commitment started (with a note), the second done."""
    with app.app_context():
        first, second = followed.practice_ids[:2]
        followups.update_status(
            first,
            {"status": "started", "note": "Ohje <b>kirjoitettu</b> # ei otsikko"},
            facilitator_id=followed.owner_id,
        )
        followups.update_status(second, {"status": "done"}, facilitator_id=followed.owner_id)
        later = workshops.create_workshop(
            followed.owner_id, "Palvelun arvot, syksy", "fi", follows=followed.workshop_id
        )
        return later.id, later.code, later.projector_key


def test_only_an_earlier_workshop_of_ones_own_can_be_followed(ctx, followed, make_facilitator):
    stranger = make_facilitator()
    for follows in (followed.workshop_id, 999999, "x", True):
        with pytest.raises(ValidationFailed) as refused:
            workshops.create_workshop(stranger.id, "Toinen", "fi", follows=follows)
        assert "follows" in refused.value.fields


def test_the_lobby_shows_the_open_commitments_and_phones_their_status(app, client, follow_up):
    _id, code, key = follow_up
    projector = client.get(f"/projector/{key}").get_data(as_text=True)
    assert "Etu ilman korttia" in projector  # started: still open
    assert "Kuljettaja päättää" not in projector  # done
    with app.app_context():
        _participant, token = participants.join(code, "Liisa")
    client.set_cookie(f"toimija_p_{code}", token)
    phone = client.get(f"/w/{code}").get_data(as_text=True)
    assert "Etu ilman korttia" in phone and "Kuljettaja päättää" in phone
    assert "Valmis" in phone and "Aloitettu" in phone
    assert "pomo@" not in phone


def test_the_charter_tells_what_happened_since_last_time(app, followed, follow_up):
    later_id = follow_up[0]
    with app.app_context():
        earlier = render.to_markdown(build.charter(db.session.get(Workshop, followed.workshop_id)))
        later = render.to_markdown(build.charter(db.session.get(Workshop, later_id)))
    assert "**Tila:** Aloitettu" in earlier
    assert "Ohje &lt;b&gt;kirjoitettu&lt;/b&gt; \\# ei otsikko" in earlier  # a note stays text
    assert "## Edellisen kerran jälkeen" in later
    assert "**Etu ilman korttia** · Myymäläpäällikkö" in later
    assert not any(line.startswith("#") and "otsikko" in line for line in later.splitlines())


def test_the_api_makes_a_follow_up(client, followed):
    made = client.post(
        "/api/v1/workshops",
        json={"title": "Jatko", "language": "fi", "follows": followed.workshop_id},
        headers=bearer(followed.room.owner_token),
    )
    assert made.status_code == 201, made.json


def test_the_workshop_list_marks_a_check_in_and_offers_the_earlier_workshop(app, client, followed):
    with app.app_context():
        followups.set_check_ins(followed.owner_id, followed.workshop_id, [])
        # A check-in that has come: set in the database, as if made weeks ago.
        db.session.add(
            followups.CheckIn(workshop_id=followed.workshop_id, due_on=followups.earliest_today())
        )
        db.session.commit()
    login(client, "owner@example.fi")
    page = client.get("/workshops").get_data(as_text=True)
    assert "Seuranta: 2 sitoumusta ilman päivitystä" in page
    assert f'<option value="{followed.workshop_id}"' in page
