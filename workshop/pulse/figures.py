"""The pulse's figures: a statement's answers, mean and spread in a round, and its change
since an earlier round, with the rule that no figure comes from fewer than FIGURE_MIN
answers.

An earlier round is one of this workshop's own before it (a check-in, a pulse step earlier
in the plan) or one of the workshop it follows up. Statements are matched by their words
(case and spacing aside), so a follow-up that asks the same statements shows their change.
"""

from __future__ import annotations

from collections import defaultdict
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from sqlalchemy import func, select

from ..extensions import db
from ..timeutil import aware
from ..workshops.models import Workshop
from .models import PulseAnswer, PulseRound, RoundKind

#: No mean, spread or change from fewer answers than this: below it one person's answer
#: could be read off the figure.
FIGURE_MIN = 5

#: A round's answers: position -> rating -> how many.
Counts = dict[int, dict[int, int]]


def matched(text: str) -> str:
    """Return a statement as compared with another round's: spacing and case aside."""
    return " ".join(text.split()).casefold()


def one_decimal(value: float) -> float:
    """Round to one decimal, halves up (as people round, and the same on every screen)."""
    return float(Decimal(str(value)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))


def counts_of(round_ids: list[int]) -> dict[int, Counts]:
    """Return each round's answers by statement and rating, in one query."""
    found: dict[int, Counts] = {round_id: defaultdict(dict) for round_id in round_ids}
    if not round_ids:
        return found
    query = (
        select(PulseAnswer.round_id, PulseAnswer.position, PulseAnswer.rating, func.count())
        .where(PulseAnswer.round_id.in_(round_ids))
        .group_by(PulseAnswer.round_id, PulseAnswer.position, PulseAnswer.rating)
    )
    for round_id, position, rating, count in db.session.execute(query):
        found[round_id][position][rating] = count
    return found


def people_of(round_ids: list[int]) -> dict[int, int]:
    """Return how many people (phones) answered anything in each round."""
    if not round_ids:
        return {}
    query = (
        select(PulseAnswer.round_id, func.count(func.distinct(PulseAnswer.voter)))
        .where(PulseAnswer.round_id.in_(round_ids))
        .group_by(PulseAnswer.round_id)
    )
    people = {round_id: 0 for round_id in round_ids}
    people.update({round_id: count for round_id, count in db.session.execute(query)})
    return people


def has_answers(workshop_id: int) -> bool:
    """Whether anyone has answered any of the workshop's pulse rounds."""
    query = (
        select(PulseAnswer.id)
        .join(PulseRound, PulseRound.id == PulseAnswer.round_id)
        .where(PulseRound.workshop_id == workshop_id)
        .limit(1)
    )
    return db.session.scalar(query) is not None


def is_shown(found: PulseRound) -> bool:
    """Whether a round's figures may be shown: a check-in always, a step once revealed."""
    return found.kind == RoundKind.CHECK_IN or found.revealed_at is not None


def figure(ratings: dict[int, int], *, shown: bool = True) -> dict[str, Any]:
    """Return one statement's figure in one round: how many answered, and (from
    FIGURE_MIN answers, where shown) the mean to two decimals and the spread 1–5."""
    answers = sum(ratings.values())
    if not shown or answers < FIGURE_MIN:
        return {"answers": answers, "mean": None, "counts": None}
    mean = sum(rating * n for rating, n in ratings.items()) / answers
    return {
        "answers": answers,
        "mean": round(mean, 2),
        "counts": {level: ratings.get(level, 0) for level in range(1, 6)},
    }


def date_of(found: PulseRound) -> str:
    return aware(found.created_at).date().isoformat()


def _workshop_rounds(workshop_id: int) -> list[PulseRound]:
    query = (
        select(PulseRound)
        .where(PulseRound.workshop_id == workshop_id)
        .order_by(PulseRound.created_at, PulseRound.id)
    )
    return list(db.session.scalars(query))


def _earlier_rounds(workshop: Workshop, later: PulseRound) -> list[PulseRound]:
    """Return the rounds asked before ``later``: this workshop's, and those of the workshop
    it follows up (``Workshop.follows``: the same team, last time)."""
    rounds = [r for r in _workshop_rounds(workshop.id) if r.id != later.id]
    if workshop.follows_id is not None:
        rounds += _workshop_rounds(workshop.follows_id)
    before = aware(later.created_at)
    return sorted(
        (r for r in rounds if aware(r.created_at) < before),
        key=lambda r: (aware(r.created_at), r.id),
    )


def changes(workshop: Workshop, later: PulseRound, counts: Counts) -> list[dict[str, Any] | None]:
    """Return, per statement of ``later``, its change since the latest earlier round that
    asked it and has a figure: {before, after, delta, answers, before_answers, since}, or
    None where there is no such round or ``later`` has no figure for it."""
    earlier = list(reversed(_earlier_rounds(workshop, later)))
    earlier_counts = counts_of([r.id for r in earlier])
    found: list[dict[str, Any] | None] = []
    for position, text in enumerate(later.statements):
        now = figure(counts.get(position, {}), shown=is_shown(later))
        change = None
        for round_ in earlier if now["mean"] is not None else []:
            asked = [matched(s) for s in round_.statements]
            if matched(text) not in asked:
                continue
            then = figure(
                earlier_counts[round_.id].get(asked.index(matched(text)), {}),
                shown=is_shown(round_),
            )
            if then["mean"] is None:
                continue
            before, after = one_decimal(then["mean"]), one_decimal(now["mean"])
            change = {
                "before": before,
                "after": after,
                "delta": one_decimal(after - before),
                "answers": now["answers"],
                "before_answers": then["answers"],
                "since": {"kind": round_.kind, "at": date_of(round_)},
            }
            break
        found.append(change)
    return found


def room_round(workshop: Workshop, index: int) -> dict[str, Any] | None:
    """Return a pulse step's round as every screen sees it: each statement with how many
    answered, and once revealed its figure and change (None under FIGURE_MIN answers)."""
    found = db.session.scalar(
        select(PulseRound).where(
            PulseRound.workshop_id == workshop.id, PulseRound.step_index == index
        )
    )
    if found is None:
        return None
    counts = counts_of([found.id])[found.id]
    shown = is_shown(found)
    moved = changes(workshop, found, counts) if shown else [None] * len(found.statements)
    statements = []
    for position, text in enumerate(found.statements):
        now = figure(counts.get(position, {}), shown=shown)
        mean = None if now["mean"] is None else one_decimal(now["mean"])
        statements.append({"text": text, **now, "mean": mean, "change": moved[position]})
    return {
        "id": found.id,
        "revealed": shown,
        "people": people_of([found.id])[found.id],
        "statements": statements,
        "figure_min": FIGURE_MIN,
    }


def check_ins_json(workshop_id: int) -> list[dict[str, Any]]:
    """Return the workshop's check-in rounds, newest first, with how many phones answered."""
    rounds = [r for r in _workshop_rounds(workshop_id) if r.kind == RoundKind.CHECK_IN]
    people = people_of([r.id for r in rounds])
    return [
        {
            "id": r.id,
            "at": date_of(r),
            "answers": people[r.id],
            "is_live": r.link_digest is not None,
        }
        for r in reversed(rounds)
    ]


def pulse_json(workshop: Workshop, index: int | None) -> dict[str, Any]:
    """The aggregate as facilitators see it (see services.pulse_json)."""
    return {
        "step_index": index,
        "round": room_round(workshop, index) if index is not None else None,
        "check_ins": check_ins_json(workshop.id),
    }


def summary(workshop_id: int) -> list[dict[str, Any]]:
    """See services.pulse_summary."""
    return summaries([workshop_id])[workshop_id]


def summaries(workshop_ids: list[int]) -> dict[int, list[dict[str, Any]]]:
    """Each workshop's summary (services.pulse_summary), in two reads for them all."""
    query = (
        select(PulseRound)
        .where(PulseRound.workshop_id.in_(workshop_ids))
        .order_by(PulseRound.created_at, PulseRound.id)
    )
    by_workshop: dict[int, list[PulseRound]] = {i: [] for i in workshop_ids}
    for found in db.session.scalars(query) if workshop_ids else []:
        by_workshop[found.workshop_id].append(found)
    every = [r.id for rounds in by_workshop.values() for r in rounds]
    counts = counts_of(every) if every else {}
    return {i: _summary(rounds, counts) for i, rounds in by_workshop.items()}


def _summary(rounds: list[PulseRound], counts: dict[int, Counts]) -> list[dict[str, Any]]:
    if not rounds:
        return []
    in_room = [r for r in rounds if r.kind == RoundKind.IN_ROOM]
    asked = (in_room or rounds)[-1].statements
    found = []
    for text in asked:
        per_round = []
        for round_ in rounds:
            where = [matched(s) for s in round_.statements]
            if matched(text) not in where:
                continue
            ratings = counts[round_.id].get(where.index(matched(text)), {})
            now = figure(ratings, shown=is_shown(round_))
            per_round.append({"kind": round_.kind, "at": date_of(round_), **now})
        found.append({"statement": text, "rounds": per_round})
    return found


def statement_figures(workshop: Workshop, found: PulseRound) -> list[dict[str, Any]]:
    """Return each statement of a round with its figure (mean to two decimals, None under
    FIGURE_MIN answers or before the reveal) and its change since an earlier round."""
    counts = counts_of([found.id])[found.id]
    moved = changes(workshop, found, counts)
    rows = []
    for position, text in enumerate(found.statements):
        now = figure(counts.get(position, {}), shown=is_shown(found))
        rows.append(
            {
                "statement": text,
                "is_shown": is_shown(found),
                "answers": now["answers"],
                "mean": now["mean"],
                "change": moved[position],
            }
        )
    return rows


def check_in_rounds(workshop_id: int) -> list[PulseRound]:
    """Return the workshop's check-in rounds, oldest first."""
    return [r for r in _workshop_rounds(workshop_id) if r.kind == RoundKind.CHECK_IN]


def latest_in_room(workshop_id: int) -> PulseRound | None:
    """Return the pulse step the workshop asked last, if any."""
    rounds = [r for r in _workshop_rounds(workshop_id) if r.kind == RoundKind.IN_ROOM]
    return rounds[-1] if rounds else None


def pulse_change(workshop_id: int) -> list[dict[str, Any]]:
    """Return, per statement of the workshop's latest in-room pulse, its figure and its
    change since the latest earlier round with a figure (this workshop's own, or the one
    it follows up): ``{"statement", "answers", "mean", "change": {before, after, delta,
    answers, before_answers, since: {kind, at}} | None}``; ``[]`` without a pulse."""
    workshop = db.session.get(Workshop, workshop_id)
    latest = latest_in_room(workshop_id)
    if workshop is None or latest is None:
        return []
    return statement_figures(workshop, latest)
