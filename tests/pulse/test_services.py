"""The agency pulse in the room, at the service layer: the statements a step holds, one
answer per person per statement (changed, replayed), anonymity decided at write, no figure
before the reveal or from fewer than 5 answers, the tick, and the step's end."""

from __future__ import annotations

import hashlib

import pytest
from flask_babel import force_locale
from sqlalchemy import inspect, select

from tests.conftest import socket_client
from tests.pulse.helpers import fresh, pulse_room, rate_all
from workshop.designs import services as designs
from workshop.errors import ValidationFailed
from workshop.extensions import db
from workshop.participants import services as participants
from workshop.pulse import services as pulse
from workshop.pulse.builtin import STATEMENTS
from workshop.pulse.models import PulseAnswer, PulseRound
from workshop.realtime import Audience
from workshop.workshops import services as workshops
from workshop.workshops import state
from workshop.workshops.services import Viewer


def _step(statements: object) -> dict:
    design = designs.builtin_design("fi")
    design["steps"][0]["settings"] = {"statements": statements}
    return design


@pytest.mark.parametrize("language", ["fi", "en"])
def test_the_built_in_design_opens_with_the_pulse_in_its_language(ctx, language):
    design = designs.clean_design(designs.builtin_design(language))
    first = design["steps"][0]
    assert first["activity"] == "pulse"
    assert first["settings"]["statements"] == list(STATEMENTS[language])
    assert 3 <= len(first["settings"]["statements"]) <= 5
    assert design["steps"][1]["activity"] == "wordcloud"
    assert design["steps"][2]["activity"] == "stories"


def test_a_pulse_step_without_statements_starts_with_the_built_in_ones_in_its_language(ctx):
    for language in ("fi", "en"):
        design = designs.builtin_design(language)
        del design["steps"][0]["settings"]
        clean = designs.clean_design(design)
        assert clean["steps"][0]["settings"]["statements"] == list(STATEMENTS[language])


@pytest.mark.parametrize(
    "statements, field",
    [
        (["Yksi", "Kaksi"], "steps.0.settings.statements"),
        (["1", "2", "3", "4", "5", "6"], "steps.0.settings.statements"),
        (["Yksi", "  ", "Kolme"], "steps.0.settings.statements.1"),
        (["Yksi", "Kaksi", "x" * 201], "steps.0.settings.statements.2"),
        (["Yksi", "Kaksi", "yksi "], "steps.0.settings.statements.2"),  # the same twice
        ("Yksi, kaksi, kolme", "steps.0.settings.statements"),
        (["Yksi", "Kaksi", 3], "steps.0.settings.statements.2"),
    ],
)
def test_statements_are_three_to_five_short_lines(app, statements, field):
    with app.test_request_context(headers={"Accept-Language": "fi"}):
        with pytest.raises(ValidationFailed) as raised:
            designs.clean_design(_step(statements))
        assert field in raised.value.fields
        with force_locale("fi"):
            said = str(raised.value.fields[field])
        with force_locale("en"):
            assert said != str(raised.value.fields[field])  # said in the reader's language


def test_five_statements_of_200_characters_pass(ctx):
    statements = [f"{n} " + "a" * 198 for n in range(5)]
    clean = designs.clean_design(_step(statements))
    assert clean["steps"][0]["settings"]["statements"] == statements


def test_one_answer_per_person_per_statement_changed_by_another_and_a_replay_changes_nothing(
    ctx, facilitator
):
    workshop, (liisa, ville, *_rest) = pulse_room(facilitator.id)
    assert pulse.answer(liisa, 0, 4) == {"step_index": 0, "ratings": {"0": 4}}
    seq = fresh(workshop.id).seq
    assert pulse.answer(liisa, 0, 4)["ratings"] == {"0": 4}  # a retry
    assert pulse.answer(liisa, 0, 2)["ratings"] == {"0": 2}  # a change replaces it
    assert pulse.answer(liisa, 3, 5)["ratings"] == {"0": 2, "3": 5}
    pulse.answer(ville, 0, 5)
    assert fresh(workshop.id).seq == seq  # answers never move the seq: the tick carries them
    assert db.session.scalar(select(db.func.count()).select_from(PulseAnswer)) == 3
    row = pulse.pulse_json(fresh(workshop.id))["round"]
    assert [s["answers"] for s in row["statements"]] == [2, 0, 0, 1]
    assert row["people"] == 2
    mine = state.snapshot(Viewer(workshop.id, Audience.PARTICIPANTS, participant_id=liisa))
    assert mine["my_pulse"] == {"step_index": 0, "ratings": {"0": 2, "3": 5}}


def test_an_answer_names_nobody_whatever_the_workshops_setting(ctx, facilitator):
    workshop, (liisa, *_rest) = pulse_room(facilitator.id)
    assert not fresh(workshop.id).is_anonymous  # a named workshop: the pulse still is not
    pulse.answer(liisa, 1, 3)
    columns = {c.name for c in inspect(PulseAnswer).columns}
    assert columns == {"id", "round_id", "voter", "position", "rating"}  # no person, no time
    (answer,) = db.session.scalars(select(PulseAnswer))
    assert len(answer.voter) == 64 and int(answer.voter, 16) >= 0  # a digest, not an id
    assert answer.voter not in {str(liisa), hashlib.sha256(str(liisa).encode()).hexdigest()}
    # The mark is keyed with the app's secret: the same person in another round is another mark.
    assert answer.voter == pulse.voter_mark(answer.round_id, liisa)
    assert pulse.voter_mark(answer.round_id + 1, liisa) != answer.voter


def test_answers_only_while_the_pulse_is_on_and_not_revealed(ctx, facilitator):
    workshop, (liisa, *_rest) = pulse_room(facilitator.id)
    with pytest.raises(ValidationFailed) as raised:
        pulse.answer(liisa, 4, 3)  # the built-in pulse has four statements
    assert "statement" in raised.value.fields
    for rating in (0, 6, "3", True, None):
        with pytest.raises(ValidationFailed) as raised:
            pulse.answer(liisa, 0, rating)
        assert "rating" in raised.value.fields
    pulse.reveal(facilitator.id, workshop.id)
    with pytest.raises(pulse.PulseClosed):
        pulse.answer(liisa, 0, 3)
    workshops.change_phase(facilitator.id, workshop.id, "wordcloud")
    with pytest.raises(pulse.PulseClosed):
        pulse.answer(liisa, 0, 3)


def test_counts_only_until_revealed_for_everyone_the_facilitator_too(ctx, facilitator):
    workshop, people = pulse_room(facilitator.id, 6)
    rate_all(people, [[5, 4, 3, 1], [4, 4, 3, 2], [3, 4, 3, 3], [5, 4, 3, 4], [2, 4, 3, 5]])
    for viewer in (
        Viewer(workshop.id, Audience.FACILITATORS, facilitator_id=facilitator.id),
        Viewer(workshop.id, Audience.PROJECTOR),
        Viewer(workshop.id, Audience.PARTICIPANTS, participant_id=people[0]),
    ):
        round_ = state.snapshot(viewer)["pulse"]["round"]
        assert [s["answers"] for s in round_["statements"]] == [5, 5, 5, 5]
        assert {s["mean"] for s in round_["statements"]} == {None}
        assert {s["counts"] is None for s in round_["statements"]} == {True}
    pulse.reveal(facilitator.id, workshop.id)
    round_ = pulse.pulse_json(fresh(workshop.id))["round"]
    assert round_["revealed"] is True
    assert [s["mean"] for s in round_["statements"]] == [3.8, 4.0, 3.0, 3.0]
    assert round_["statements"][0]["counts"] == {1: 0, 2: 1, 3: 1, 4: 1, 5: 2}


def test_no_figure_from_fewer_than_five_answers(ctx, facilitator):
    workshop, people = pulse_room(facilitator.id, 6)
    rate_all(people[:4], [[5, 5, 5, 5]] * 4)
    pulse.answer(people[4], 0, 1)  # the first statement has five answers, the rest four
    pulse.reveal(facilitator.id, workshop.id)
    statements = pulse.pulse_json(fresh(workshop.id))["round"]["statements"]
    assert statements[0]["mean"] == 4.2 and statements[0]["counts"][1] == 1
    assert [(s["answers"], s["mean"], s["counts"]) for s in statements[1:]] == [(4, None, None)] * 3
    summary = pulse.pulse_summary(workshop.id)
    assert [r["mean"] for r in summary[1]["rounds"]] == [None]


def test_answers_go_on_the_tick_not_one_event_per_answer(app, ctx, facilitator, hand_ticked):
    workshop, people = pulse_room(facilitator.id, 5)
    projector = socket_client(app, {"role": "projector", "key": workshop.projector_key})
    projector.get_received()
    rate_all(people, [[4, 4, 4, 4]] * 5)  # twenty answers
    assert [m for m in projector.get_received() if m["name"] == "pulse"] == []
    hand_ticked.flush()
    sent = [m["args"][0] for m in projector.get_received() if m["name"] == "pulse"]
    assert len(sent) == 1
    assert [s["answers"] for s in sent[0]["round"]["statements"]] == [5, 5, 5, 5]
    assert "check_ins" not in sent[0]  # the facilitators' part stays theirs


def test_leaving_the_step_reveals_it_and_coming_back_shows_the_figures(ctx, facilitator):
    workshop, people = pulse_room(facilitator.id, 5)
    rate_all(people, [[2, 3, 4, 5]] * 5)
    workshops.change_phase(facilitator.id, workshop.id, "wordcloud")
    found = db.session.scalar(select(PulseRound))
    assert found.revealed_at is not None
    workshops.change_phase(facilitator.id, workshop.id, "pulse")
    round_ = pulse.pulse_json(fresh(workshop.id))["round"]
    assert round_["revealed"] and [s["mean"] for s in round_["statements"]] == [2, 3, 4, 5]


def test_closing_in_the_pulse_step_reveals_it_too(ctx, facilitator):
    workshop, people = pulse_room(facilitator.id, 5)
    rate_all(people, [[3, 3, 3, 3]] * 5)
    workshops.change_phase(facilitator.id, workshop.id, "closed")
    assert pulse.pulse_summary(workshop.id)[0]["rounds"][0]["mean"] == 3.0


def test_the_plan_changes_the_statements_until_someone_has_answered(ctx, facilitator):
    from workshop.designs import editing

    workshop, (liisa, *_rest) = pulse_room(facilitator.id)
    plan = editing.workshop_plan_json(fresh(workshop.id))
    plan["steps"][0]["settings"] = {"statements": ["Uusi A", "Uusi B", "Uusi C"]}
    editing.update_plan(facilitator.id, workshop.id, {"steps": plan["steps"]})
    texts = [s["text"] for s in pulse.pulse_json(fresh(workshop.id))["round"]["statements"]]
    assert texts == ["Uusi A", "Uusi B", "Uusi C"]
    pulse.answer(liisa, 0, 4)
    plan["steps"][0]["settings"] = {"statements": ["Toinen A", "Toinen B", "Toinen C"]}
    with pytest.raises(ValidationFailed) as raised:
        editing.update_plan(facilitator.id, workshop.id, {"steps": plan["steps"]})
    assert "steps.0.settings.statements" in raised.value.fields
    texts = [s["text"] for s in pulse.pulse_json(fresh(workshop.id))["round"]["statements"]]
    assert texts == ["Uusi A", "Uusi B", "Uusi C"]


def test_a_second_pulse_later_in_the_plan_shows_the_change_since_the_first(ctx, facilitator):
    design = designs.builtin_design("en")
    design["steps"].append(dict(design["steps"][0]))  # the same pulse again at the end
    workshop = workshops.create_workshop(
        facilitator.id, "Before and after", "en", design=designs.clean_design(design)
    )
    people = [participants.join(workshop.code, None)[0].id for _ in range(6)]
    workshops.change_phase(facilitator.id, workshop.id, "pulse")
    rate_all(people, [[3, 2, 4, 1]] * 3 + [[3, 3, 4, 2]] * 3)
    last = len(design["steps"]) - 1
    for index in range(1, last + 1):
        workshops.change_phase(
            facilitator.id, workshop.id, fresh(workshop.id).steps[index]["activity"], index
        )
    rate_all(people, [[4, 3, 4, 4]] * 5)
    pulse.reveal(facilitator.id, workshop.id)
    statements = pulse.pulse_json(fresh(workshop.id))["round"]["statements"]
    first = statements[0]["change"]
    assert (first["before"], first["after"], first["delta"], first["answers"]) == (3.0, 4.0, 1.0, 5)
    assert first["before_answers"] == 6 and first["since"]["kind"] == "in_room"
    assert statements[1]["change"]["delta"] == 0.5  # 2,5 -> 3,0
    assert statements[2]["change"]["delta"] == 0.0
    assert pulse.pulse_change(workshop.id)[3]["change"]["before"] == 1.5


def test_the_tick_reaches_only_the_workshops_own_screens(app, ctx, facilitator, hand_ticked):
    here, people = pulse_room(facilitator.id, 2, title="Tämä")
    there, _others = pulse_room(facilitator.id, 0, title="Toinen")
    _aino, token = participants.join(there.code, "Aino")
    mine = socket_client(app, {"role": "projector", "key": here.projector_key})
    theirs = socket_client(app, {"role": "projector", "key": there.projector_key})
    phone = socket_client(app, {"role": "participant", "code": there.code, "token": token})
    hand_ticked.flush()  # each room's own entry into its pulse step, out of the way
    for client in (mine, theirs, phone):
        client.get_received()
    pulse.answer(people[0], 0, 5)
    hand_ticked.flush()
    assert [m["name"] for m in mine.get_received()] == ["pulse"]
    assert [m for m in theirs.get_received() if m["name"] == "pulse"] == []
    assert [m for m in phone.get_received() if m["name"] == "pulse"] == []


def test_a_follow_up_shows_the_change_since_the_earlier_workshop_or_its_latest_check_in(
    ctx, facilitator
):
    from workshop.pulse import checkins

    earlier, people = pulse_room(facilitator.id, 6, title="Kevät")
    rate_all(people, [[2, 3, 3, 1]] * 6)
    workshops.change_phase(facilitator.id, earlier.id, "closed")  # the end reveals it
    token = checkins.create_link(facilitator.id, earlier.id)["token"]
    for n in range(4):  # four phones at the check-in: too few to compare with
        checkins.answer_check_in(token, f"phone-token-{n:08d}", [5, 5, 5, 5])
    later = designs.start_workshop(facilitator.id, "Syksy", "fi", follows=earlier.id)
    assert later.follows_id == earlier.id
    team = [participants.join(later.code, None)[0].id for _ in range(5)]
    workshops.change_phase(facilitator.id, later.id, "pulse")
    rate_all(team, [[4, 3, 2, 1]] * 5)
    pulse.reveal(facilitator.id, later.id)
    moved = [s["change"] for s in pulse.pulse_json(fresh(later.id))["round"]["statements"]]
    assert [(c["before"], c["after"], c["delta"]) for c in moved] == [
        (2.0, 4.0, 2.0),
        (3.0, 3.0, 0.0),
        (3.0, 2.0, -1.0),
        (1.0, 1.0, 0.0),
    ]
    assert {c["since"]["kind"] for c in moved} == {"in_room"}  # the earlier workshop's
    checkins.answer_check_in(token, "phone-token-00000004", [5, 5, 5, 5])  # now five
    first = pulse.pulse_change(later.id)[0]["change"]
    assert (first["before"], first["since"]["kind"], first["before_answers"]) == (
        5.0,
        "check_in",
        5,
    )
    # The earlier workshop's own summary stays its own: its step and its check-in.
    assert [r["kind"] for r in pulse.pulse_summary(earlier.id)[0]["rounds"]] == [
        "in_room",
        "check_in",
    ]
