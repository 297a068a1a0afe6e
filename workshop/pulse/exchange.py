"""The pulse's part of a workshop's export, and the import that writes it back.

An export holds each round's statements and, per statement, how many gave each rating:
never one person's answers, not even under a number (a row per voter would let a reader
line up one person's ratings across the statements). A check-in's link is never exported:
an imported check-in is closed.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from flask_babel import lazy_gettext as _l
from sqlalchemy import delete, insert, select

from ..errors import ValidationFailed
from ..extensions import db
from ..timeutil import aware, isoformat, utcnow
from ..workshops.models import Workshop
from . import figures, services
from .models import PulseAnswer, PulseRound, RoundKind

#: The most answers an import may give one statement of one round (a room is far smaller).
COUNT_MAX = 5000


def export(workshop: Workshop) -> dict[str, Any]:
    """Return each round: kind, step, when, statements, and the counts per rating."""
    rows = list(
        db.session.scalars(
            select(PulseRound)
            .where(PulseRound.workshop_id == workshop.id)
            .order_by(PulseRound.created_at, PulseRound.id)
        )
    )
    counts = figures.counts_of([r.id for r in rows])
    return {
        "rounds": [
            {
                "kind": r.kind,
                "step_index": r.step_index,
                "at": isoformat(r.created_at),
                "revealed": r.revealed_at is not None,
                "statements": [
                    {
                        "text": text,
                        "counts": {
                            str(level): counts[r.id].get(position, {}).get(level, 0)
                            for level in range(1, 6)
                        },
                    }
                    for position, text in enumerate(r.statements)
                ],
            }
            for r in rows
        ]
    }


def _fail(field: str, message: Any) -> ValidationFailed:
    return ValidationFailed(fields={field: message})


def _round(item: object, field: str) -> dict[str, Any]:
    from ..designs.services import STEPS_MAX  # the designs import the activities: late

    item = item if isinstance(item, dict) else {}
    kind = item.get("kind")
    if kind not in (RoundKind.IN_ROOM, RoundKind.CHECK_IN):
        raise _fail(f"{field}.kind", _l("Unknown kind of round."))
    index = item.get("step_index")
    if kind == RoundKind.IN_ROOM and (
        isinstance(index, bool) or not isinstance(index, int) or not 0 <= index < STEPS_MAX
    ):
        raise _fail(f"{field}.step_index", _l("Unknown step."))
    try:
        at = datetime.fromisoformat(str(item.get("at")))
    except ValueError:
        raise _fail(f"{field}.at", _l("Must be a date and time.")) from None
    given = item.get("statements")
    given = given if isinstance(given, list) else []
    texts = services.parse_statements(
        [s.get("text") if isinstance(s, dict) else s for s in given], f"{field}.statements"
    )
    counts = []
    for i, statement in enumerate(given):
        raw = statement.get("counts") if isinstance(statement, dict) else None
        raw = raw if isinstance(raw, dict) else {}
        levels = {}
        for level in range(1, 6):
            n = raw.get(str(level), 0)
            if isinstance(n, bool) or not isinstance(n, int) or not 0 <= n <= COUNT_MAX:
                raise _fail(f"{field}.statements.{i}.counts.{level}", _l("Must be a count."))
            levels[level] = n
        if sum(levels.values()) > COUNT_MAX:
            raise _fail(f"{field}.statements.{i}.counts", _l("Too many answers."))
        counts.append(levels)
    revealed = item.get("revealed", True)
    if not isinstance(revealed, bool):
        raise _fail(f"{field}.revealed", _l("Must be true or false."))
    return {
        "kind": kind,
        "step_index": index if kind == RoundKind.IN_ROOM else None,
        "at": aware(at),
        "statements": texts,
        "counts": counts,
        "revealed": revealed,
    }


def parse_import(raw: object) -> dict[str, Any]:
    """Check the pulse's part of an export; raise ValidationFailed naming the field."""
    if not isinstance(raw, dict) or not isinstance(raw.get("rounds", []), list):
        raise _fail("rounds", _l("Must be a list of pulse rounds."))
    rounds = [_round(item, f"rounds.{i}") for i, item in enumerate(raw.get("rounds", []))]
    steps = [r["step_index"] for r in rounds if r["step_index"] is not None]
    if len(steps) != len(set(steps)):
        raise _fail("rounds", _l("One round per pulse step."))
    return {"rounds": rounds}


def write_import(workshop: Workshop, data: dict[str, Any]) -> None:
    """Write the rounds back: each counted answer a row of its own voter mark (the people
    behind them are not in the file), every check-in closed."""
    db.session.execute(delete(PulseRound).where(PulseRound.workshop_id == workshop.id))
    now = utcnow()
    for n, item in enumerate(data["rounds"]):
        found = PulseRound(
            workshop_id=workshop.id,
            kind=item["kind"],
            step_index=item["step_index"],
            statements=item["statements"],
            created_at=item["at"],
            revealed_at=now if item["revealed"] and item["kind"] == RoundKind.IN_ROOM else None,
            closed_at=now if item["kind"] == RoundKind.CHECK_IN else None,
        )
        db.session.add(found)
        db.session.flush()
        rows = []
        for position, levels in enumerate(item["counts"]):
            # Voter marks are numbered per statement: nobody's ratings line up across them.
            ratings = [rating for rating, count in levels.items() for _ in range(count)]
            rows += [
                {
                    "round_id": found.id,
                    "voter": f"import:{n}:{k}",
                    "position": position,
                    "rating": rating,
                }
                for k, rating in enumerate(ratings)
            ]
        if rows:
            db.session.execute(insert(PulseAnswer), rows)
