"""Workshop services: creation, join codes, lookups, phase changes."""

import pytest
from sqlalchemy import select

from workshop.errors import (
    Forbidden,
    PhaseTransitionNotAllowed,
    ValidationFailed,
    WorkshopNotFound,
)
from workshop.extensions import db
from workshop.workshops import services, state
from workshop.workshops.models import CODE_ALPHABET, Phase, Workshop


def test_alphabet_has_31_symbols_and_no_look_alikes():
    assert len(CODE_ALPHABET) == 31
    assert len(set(CODE_ALPHABET)) == 31
    assert not set("0O1IL") & set(CODE_ALPHABET)


def test_created_workshop_has_code_key_and_lobby(ctx, facilitator):
    workshop = services.create_workshop(facilitator.id, "  Palvelun   arvot ", "fi")
    assert workshop.title == "Palvelun arvot"
    assert len(workshop.code) == 6 and set(workshop.code) <= set(CODE_ALPHABET)
    assert workshop.projector_key.startswith("prj_") and len(workshop.projector_key) > 30
    assert workshop.phase == Phase.LOBBY
    assert workshop.seq == 0


@pytest.mark.parametrize(
    "title, language, field",
    [
        ("", "fi", "title"),
        ("   ", "fi", "title"),
        ("x" * 121, "fi", "title"),
        ("x" * 10_000, "en", "title"),
        (None, "fi", "title"),
        (42, "fi", "title"),
        ("Hyvä otsikko", "sv", "language"),
        ("Hyvä otsikko", None, "language"),
    ],
)
def test_bad_input_is_refused_and_nothing_is_stored(ctx, facilitator, title, language, field):
    with pytest.raises(ValidationFailed) as caught:
        services.create_workshop(facilitator.id, title, language)
    assert field in caught.value.fields
    assert db.session.scalars(select(Workshop)).all() == []


def test_title_at_the_limit_is_accepted(ctx, facilitator):
    assert services.create_workshop(facilitator.id, "é" * 120, "en").title == "é" * 120


def test_title_is_cleaned_of_nul_and_bidi_controls(ctx, facilitator):
    workshop = services.create_workshop(facilitator.id, "Ar\u202evot\x00 \u2066X", "fi")
    assert workshop.title == "Arvot X"


@pytest.mark.parametrize(
    "typed", ["{code}", "{lower}", " {code} ", "{first}-{last}", "{first} {last}"]
)
def test_code_is_found_in_any_case_with_spaces_or_dash(ctx, workshop, typed):
    code = workshop.code
    typed = typed.format(code=code, lower=code.lower(), first=code[:3], last=code[3:])
    assert services.open_workshop_by_code(typed).id == workshop.id


@pytest.mark.parametrize("typed", ["", "ABC", "ABCDEFG", None, 123, "ZZZZZZ"])
def test_unknown_codes_are_not_found(ctx, workshop, typed):
    with pytest.raises(WorkshopNotFound):
        services.open_workshop_by_code(typed)


def test_codes_are_unique_among_open_workshops_but_free_after_closing(ctx, facilitator):
    from sqlalchemy.exc import IntegrityError

    def row_with_code(code: str, key: str) -> Workshop:
        return Workshop(
            code=code,
            title=key,
            language="fi",
            phase=Phase.LOBBY,
            seq=0,
            owner_id=facilitator.id,
            projector_key=key,
        )

    first = services.create_workshop(facilitator.id, "Eka", "fi")
    db.session.add(row_with_code(first.code, "prj_clash"))
    with pytest.raises(IntegrityError):
        db.session.commit()
    db.session.rollback()

    services.change_phase(facilitator.id, first.id, "closed")
    reuse = row_with_code(first.code, "prj_reuse")
    db.session.add(reuse)
    db.session.commit()
    assert services.open_workshop_by_code(first.code).id == reuse.id


def test_creation_draws_again_when_the_code_is_taken(ctx, facilitator, monkeypatch):
    taken = services.create_workshop(facilitator.id, "Eka", "fi").code
    draws = iter([taken, taken, "XYZ234"])
    monkeypatch.setattr(services, "_random_code", lambda: next(draws))
    assert services.create_workshop(facilitator.id, "Toka", "fi").code == "XYZ234"


def test_phase_change_is_guarded_and_only_for_the_owner(ctx, workshop, make_facilitator):
    stranger = make_facilitator()
    with pytest.raises(Forbidden):
        services.change_phase(stranger.id, workshop.id, "closed")
    with pytest.raises(ValidationFailed):
        services.change_phase(workshop.owner.id, workshop.id, "dancing")
    with pytest.raises(PhaseTransitionNotAllowed):
        services.change_phase(workshop.owner.id, workshop.id, "voting")
    closed = services.change_phase(workshop.owner.id, workshop.id, "closed")
    assert closed.phase == Phase.CLOSED and closed.seq == 1
    with pytest.raises(PhaseTransitionNotAllowed):
        services.change_phase(workshop.owner.id, workshop.id, "lobby")
    assert db.session.get(Workshop, workshop.id).seq == 1


def test_a_move_to_the_phase_the_room_is_in_succeeds_quietly(app, ctx, workshop, make_facilitator):
    """The second of two facilitators pressing the same move gets no error and no event."""
    from tests.conftest import socket_client
    from workshop.workshops import admin

    co = make_facilitator("co@example.fi")
    admin.add_co_facilitator(workshop.owner.id, workshop.id, co.email)
    projector = socket_client(app, {"role": "projector", "key": workshop.projector_key})
    services.change_phase(workshop.owner.id, workshop.id, "stories")
    seq = db.session.get(Workshop, workshop.id).seq
    assert "phase_changed" in [event["name"] for event in projector.get_received()]
    again = services.change_phase(co.id, workshop.id, "stories")
    assert again.phase == Phase.STORIES and again.seq == seq
    assert projector.get_received() == []  # nothing changed, nothing to tell
    # Closing twice is the same: the second finds it closed, as it wanted.
    services.change_phase(workshop.owner.id, workshop.id, "closed")
    assert services.change_phase(co.id, workshop.id, "closed").phase == Phase.CLOSED
    with pytest.raises(PhaseTransitionNotAllowed):  # other moves stay guarded
        services.change_phase(co.id, workshop.id, "stories")


def test_two_facilitators_pressing_the_same_move_at_once_both_succeed(
    app, workshop, make_facilitator
):
    from tests.conftest import run_together
    from workshop.workshops import admin

    co = make_facilitator("co2@example.fi")
    with app.app_context():
        admin.add_co_facilitator(workshop.owner.id, workshop.id, co.email)
        seq = db.session.get(Workshop, workshop.id).seq

    def press(facilitator_id):
        with app.app_context():
            services.change_phase(facilitator_id, workshop.id, "stories")

    assert run_together(press, [(workshop.owner.id,), (co.id,), (workshop.owner.id,)]) == []
    with app.app_context():
        moved = db.session.get(Workshop, workshop.id)
        assert moved.phase == Phase.STORIES and moved.seq == seq + 1  # moved once


def test_closed_workshop_cannot_be_joined(ctx, workshop, join):
    services.change_phase(workshop.owner.id, workshop.id, "closed")
    with pytest.raises(WorkshopNotFound):
        join(workshop.code)


def test_snapshot_shows_each_audience_what_it_may_see(ctx, workshop, join):
    from workshop.realtime import Audience

    participant_id, _ = join(workshop.code, "Liisa")
    facilitators_view = state.snapshot(
        services.Viewer(workshop.id, Audience.FACILITATORS, facilitator_id=workshop.owner.id)
    )
    projector_view = state.snapshot(services.Viewer(workshop.id, Audience.PROJECTOR))
    participant_view = state.snapshot(
        services.Viewer(workshop.id, Audience.PARTICIPANTS, participant_id=participant_id)
    )
    assert facilitators_view["participants"][0]["display_name"] == "Liisa"
    assert facilitators_view["participants"][0]["joined_at"].endswith("+00:00")
    assert "participants" not in projector_view and "me" not in projector_view
    assert participant_view["me"] == {"id": participant_id, "display_name": "Liisa"}
    assert "participants" not in participant_view
    for view in (facilitators_view, projector_view, participant_view):
        assert view["seq"] == 0  # a join moves no seq: the count goes on the tick
        assert view["workshop"]["participant_count"] == 1
        assert workshop.projector_key not in str(view)


def test_the_form_moves_to_the_phase_it_is_in_without_an_error(client, workshop):
    """The control page's form fallback: a move already made shows no red error."""
    from tests.conftest import login

    login(client, workshop.owner.email)
    url = f"/workshops/{workshop.id}/phase"
    client.post(url, data={"phase": "stories"})
    page = client.post(url, data={"phase": "stories"}, follow_redirects=True)
    assert page.status_code == 200
    assert b"flash-error" not in page.data
    refused = client.post(url, data={"phase": "results"}, follow_redirects=True)
    assert b"flash-error" in refused.data  # a move the state machine forbids still says so
