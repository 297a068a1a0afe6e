"""The agency pulse in the room: each phone rates each statement 1–5, the facilitator
reveals the figures (or the step's end does), and the screens follow on the tick.

Answers are anonymous whatever the workshop's setting, decided when each is written: a row
holds an opaque voter mark (an HMAC, under the app's secret, of the round and the
participant) and the rating, never a participant's id or name. The mark lets a phone change
its own answer and see it again; without the secret it leads to nobody. No screen ever
shows an answer alone: the figures of a statement (its mean and spread) appear only from
FIGURE_MIN answers up, and only once the round is revealed, when answering closes (so a
figure never moves by one person's tap in front of the room).
"""

from __future__ import annotations

import hashlib
import hmac
from typing import Any

from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select

from .. import writes
from ..errors import Conflict, ValidationFailed
from ..extensions import db
from ..text import single_line
from ..timeutil import utcnow
from ..workshops import timer
from ..workshops.models import Workshop
from . import figures
from .builtin import STATEMENTS
from .figures import pulse_change as pulse_change  # the programme's other entry point
from .models import (
    STATEMENT_MAX,
    STATEMENTS_MAX,
    STATEMENTS_MIN,
    PulseAnswer,
    PulseRound,
    RoundKind,
)

KEY = "pulse"
#: The aggregate's name, and the event the screens get on the tick.
AGGREGATE = "pulse"


class PulseClosed(Conflict):
    code = "pulse_closed"
    message = _l("Answers can be given only while the pulse is on and its results are not shown.")


# Statements ------------------------------------------------------------------------------


def default_statements(language: str) -> list[str]:
    """Return the built-in statements in a language (Finnish for any other)."""
    return list(STATEMENTS.get(language, STATEMENTS["fi"]))


def parse_statements(value: object, field: str) -> list[str]:
    """A pulse step's setting: 3 to 5 statements, each one line of at most 200 characters."""
    if not isinstance(value, list):
        raise ValidationFailed(fields={field: _l("Give the statements as a list.")})
    if not STATEMENTS_MIN <= len(value) <= STATEMENTS_MAX:
        raise ValidationFailed(
            fields={
                field: _l(
                    "Give %(least)d to %(most)d statements.",
                    least=STATEMENTS_MIN,
                    most=STATEMENTS_MAX,
                )
            }
        )
    clean = [
        single_line(text, field=f"{field}.{i}", max_length=STATEMENT_MAX, required=True)
        for i, text in enumerate(value)
    ]
    seen: set[str] = set()
    for i, text in enumerate(clean):
        if figures.matched(text) in seen:
            raise ValidationFailed(fields={f"{field}.{i}": _l("This statement is already there.")})
        seen.add(figures.matched(text))
    return clean


def step_statements(workshop: Workshop, index: int) -> list[str]:
    """Return the statements a pulse step of the plan asks (the built-in ones if it has none)."""
    steps = workshop.steps
    step = steps[index] if 0 <= index < len(steps) else {}
    given = (step.get("settings") or {}).get("statements")
    return list(given) if given else default_statements(workshop.language)


# The step ---------------------------------------------------------------------------------


def pulse_step(workshop: Workshop) -> int | None:
    """Return the index of the pulse step the workshop is in, or None."""
    return workshop.step_index if workshop.is_open and workshop.phase == KEY else None


def round_at(workshop_id: int, step_index: int) -> PulseRound | None:
    """Return the round of a pulse step, if it has been run."""
    query = select(PulseRound).where(
        PulseRound.workshop_id == workshop_id, PulseRound.step_index == step_index
    )
    return db.session.scalar(query)


def _has_answers(round_id: int) -> bool:
    query = select(func.count()).where(PulseAnswer.round_id == round_id)
    return bool(db.session.scalar(query))


def enter(unit: writes.Unit) -> None:
    """Entering a pulse step: its round, asking the step's statements (a round nobody has
    answered yet takes them afresh, in case the plan changed them)."""
    workshop = unit.workshop
    index = workshop.step_index
    assert index is not None  # entering means being in a step
    statements = step_statements(workshop, index)
    found = round_at(workshop.id, index)
    if found is None:
        db.session.add(
            PulseRound(
                workshop_id=workshop.id,
                kind=RoundKind.IN_ROOM,
                step_index=index,
                statements=statements,
            )
        )
    elif found.revealed_at is None and not _has_answers(found.id):
        found.statements = statements
    unit.mark(AGGREGATE)


def leave(unit: writes.Unit) -> None:
    """Leaving a pulse step (or closing in it) reveals its figures: answering ends there."""
    index = unit.workshop.step_index
    found = round_at(unit.workshop_id, index) if index is not None else None
    if found is not None and found.revealed_at is None:
        found.revealed_at = utcnow()
        unit.mark(AGGREGATE)


def replan(workshop: Workshop, _before: list[dict[str, Any]]) -> None:
    """The plan changed: a round nobody has answered asks its step's statements as they are
    now; a round with answers keeps the words that were answered (ValidationFailed if the
    plan changes them while its step is still a pulse step)."""
    rounds = db.session.scalars(
        select(PulseRound).where(
            PulseRound.workshop_id == workshop.id, PulseRound.kind == RoundKind.IN_ROOM
        )
    )
    steps = workshop.steps
    for found in rounds:
        index = found.step_index
        if index is None or index >= len(steps) or steps[index]["activity"] != KEY:
            continue  # its step moved away: the round stays, with its own words
        now = step_statements(workshop, index)
        if now == found.statements:
            continue
        if found.revealed_at is None and not _has_answers(found.id):
            found.statements = now
        else:
            raise ValidationFailed(
                fields={
                    f"steps.{index}.settings.statements": _l(
                        "People have answered these statements: they stay as they are."
                    )
                }
            )


# Phones -----------------------------------------------------------------------------------


def voter_mark(round_id: int, participant_id: int) -> str:
    """Return the opaque mark under which a participant's answers in a round are kept."""
    secret = str(current_app.config["SECRET_KEY"]).encode()
    message = f"pulse:{round_id}:{participant_id}".encode()
    return hmac.new(secret, message, hashlib.sha256).hexdigest()


def _rating(value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 5:
        raise ValidationFailed(fields={"rating": _l("Choose a number from 1 to 5.")})
    return value


def _mine(round_id: int, voter: str) -> dict[str, int]:
    query = select(PulseAnswer.position, PulseAnswer.rating).where(
        PulseAnswer.round_id == round_id, PulseAnswer.voter == voter
    )
    return {str(position): rating for position, rating in db.session.execute(query)}


def answer(participant_id: int, position: object, rating: object) -> dict[str, Any]:
    """Rate one statement of the pulse that is on; rate it again to change it (the same
    rating again changes nothing). Return the phone's ratings in this round."""
    rating = _rating(rating)
    if isinstance(position, bool) or not isinstance(position, int):
        raise ValidationFailed(fields={"statement": _l("Unknown statement.")})
    with writes.ballot(participant_id) as (unit, _participant):
        index = pulse_step(unit.workshop)
        found = round_at(unit.workshop_id, index) if index is not None else None
        if found is None or found.revealed_at is not None:
            raise PulseClosed()
        timer.ensure_time_left(unit.workshop)
        if not 0 <= position < len(found.statements):
            raise ValidationFailed(fields={"statement": _l("Unknown statement.")})
        voter = voter_mark(found.id, participant_id)
        row = db.session.scalar(
            select(PulseAnswer).where(
                PulseAnswer.round_id == found.id,
                PulseAnswer.voter == voter,
                PulseAnswer.position == position,
            )
        )
        if row is None:
            db.session.add(
                PulseAnswer(round_id=found.id, voter=voter, position=position, rating=rating)
            )
            unit.mark(AGGREGATE)
        elif row.rating != rating:
            row.rating = rating
            unit.mark(AGGREGATE)
        db.session.flush()
        body = {"step_index": index, "ratings": _mine(found.id, voter)}
    return body


def my_pulse(workshop: Workshop, participant_id: int) -> dict[str, Any]:
    """A phone's own part of a snapshot: its ratings in the pulse that is on."""
    index = pulse_step(workshop)
    found = round_at(workshop.id, index) if index is not None else None
    if found is None:
        return {"my_pulse": None}
    ratings = _mine(found.id, voter_mark(found.id, participant_id))
    return {"my_pulse": {"step_index": index, "ratings": ratings}}


# Facilitators -----------------------------------------------------------------------------


def reveal(facilitator_id: int, workshop_id: int) -> None:
    """Show the pulse's figures to the room; answering ends (once: the first moment stays)."""
    with writes.change(workshop_id, facilitator_id=facilitator_id) as unit:
        index = pulse_step(unit.workshop)
        found = round_at(workshop_id, index) if index is not None else None
        if found is None:
            raise PulseClosed()
        if found.revealed_at is None:
            found.revealed_at = utcnow()
            unit.mark(AGGREGATE)


# Reading ----------------------------------------------------------------------------------


def pulse_summary(workshop_id: int) -> list[dict]:
    """Return, per statement of the workshop's latest in-room pulse (else its latest
    check-in), each round of this workshop that asked it, oldest first:

    ``{"statement": str, "rounds": [{"kind": "in_room" | "check_in", "at": "YYYY-MM-DD",
    "answers": int, "mean": float | None, "counts": {1..5: int} | None}]}``

    ``mean`` and ``counts`` are None under FIGURE_MIN answers, and for an in-room round
    still open (its figures are shown to nobody before the reveal). ``[]`` without a pulse.
    """
    return figures.summary(workshop_id)


def pulse_summaries(workshop_ids: list[int]) -> dict[int, list[dict]]:
    """Return pulse_summary of each workshop, read in one go (a programme's report)."""
    return figures.summaries(workshop_ids)


def pulse_json(workshop: Workshop) -> dict[str, Any]:
    """The aggregate as facilitators see it: the round on now, and the check-in links."""
    return figures.pulse_json(workshop, pulse_step(workshop))


def public_pulse(workshop: Workshop, full: dict[str, Any] | None) -> dict[str, Any] | None:
    """What the projector and phones may see: the round on now (no check-ins), or None."""
    if full is None or full["round"] is None:
        return None
    return {"step_index": full["step_index"], "round": full["round"]}


def pulse_state(workshop: Workshop, viewer: Any) -> dict[str, Any]:
    """The aggregate's part of a snapshot (the public one needs no check-ins worked out)."""
    from ..realtime import Audience

    if viewer.audience is Audience.FACILITATORS:
        return {AGGREGATE: pulse_json(workshop)}
    index = pulse_step(workshop)
    if index is None:
        return {AGGREGATE: None}
    return {AGGREGATE: {"step_index": index, "round": figures.room_round(workshop, index)}}
