"""Voting rounds: each voting step of the plan is a round with its own rules and state.

A round's row is made when its step enters the plan (the workshop's creation, an import, a
plan edit), with the design's starting rules (`plan["round_rules"]`). Reads never write:
a round not stored yet (a plan from before rounds, mid-upgrade) reads as those rules.
Rows are keyed by (workshop, step index), so the session's identity map serves every read
of one request after the first.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from ..errors import ValidationFailed
from ..extensions import db
from ..text import whole_number
from ..timeutil import utcnow
from ..workshops.models import Workshop
from . import targets
from .models import RoundStatus, VotingRound

#: The most dots a facilitator may give each person.
BUDGET_MAX = 100
#: A round's rules as a design names them (its settings), and the round's columns.
RULE_COLUMNS = {
    "vote_budget": "budget",
    "per_practice_cap": "per_item_cap",
    "allows_self_votes": "allows_self_votes",
    "is_tally_hidden": "is_tally_hidden",
}
#: The rules of a round a design says nothing about: the suggested budget, dots may be
#: stacked and put on one's own item, the tally hidden until the reveal.
DEFAULT_RULES: dict[str, Any] = {
    "vote_budget": None,
    "per_practice_cap": None,
    "allows_self_votes": True,
    "is_tally_hidden": True,
}


def starting_rules(workshop: Workshop) -> dict[str, Any]:
    """Return the rules a new round of this workshop starts with (its design's)."""
    kept = (workshop.plan or {}).get("round_rules") or {}
    return {name: kept.get(name, default) for name, default in DEFAULT_RULES.items()}


def _new(workshop: Workshop, index: int, rules: dict[str, Any] | None = None) -> VotingRound:
    """A round not stored yet, with `rules` (by the design's names) or the starting ones."""
    row = VotingRound(workshop_id=workshop.id, step_index=index, status=RoundStatus.WAITING)
    _set_rules(row, rules or starting_rules(workshop))
    return row


def _set_rules(row: VotingRound, rules: dict[str, Any]) -> None:
    for name, column in RULE_COLUMNS.items():
        setattr(row, column, rules[name])


def _rules_json(row: VotingRound) -> dict[str, Any]:
    """A round's rules by the design's names."""
    return {name: getattr(row, column) for name, column in RULE_COLUMNS.items()}


def round_at(workshop: Workshop, index: int) -> VotingRound:
    """Return the round of the step at `index` (its starting rules if not stored)."""
    return db.session.get(VotingRound, (workshop.id, index)) or _new(workshop, index)


def current(workshop: Workshop) -> VotingRound:
    """Return the round that counts now (see targets.round_of); a plan without voting
    reads as one round of the design's rules."""
    index = targets.round_of(workshop)
    return round_at(workshop, 0 if index is None else index)


def _stored(found: VotingRound) -> VotingRound:
    """Return a round in the session (for a change to write to it)."""
    if found not in db.session:
        db.session.add(found)
    return found


def held(workshop: Workshop) -> VotingRound:
    """Return the round that counts now, stored (for a change to write to it)."""
    return _stored(current(workshop))


# The rules as the screens read them -----------------------------------------------------


def suggested_budget(item_count: int) -> int:
    """Return the dots to suggest: about a third of the practices (or stories), at least one."""
    return max(1, round(item_count / 3))


def budget_of(workshop: Workshop) -> int:
    """Return the dots each participant has in the round that counts now (the suggestion
    until the facilitator sets it)."""
    budget = current(workshop).budget
    if budget is not None:
        return budget
    return suggested_budget(targets.item_count(workshop))


def cap_of(workshop: Workshop, budget: int | None = None) -> int:
    """Return the most dots one person may put on one item (under `budget`, if known)."""
    budget = budget_of(workshop) if budget is None else budget
    return min(current(workshop).per_item_cap or budget, budget)


def voting_json(workshop: Workshop) -> dict[str, Any]:
    """Return the rules of the round that counts now, which every screen may know."""
    found = current(workshop)
    suggested = suggested_budget(targets.item_count(workshop))
    budget = found.budget if found.budget is not None else suggested
    return {
        "on": targets.target_of(workshop),
        "step_index": found.step_index,
        "status": found.status,
        "budget": budget,
        "is_budget_set": found.budget is not None,
        "suggested_budget": suggested,
        "per_practice_cap": cap_of(workshop, budget),
        "self_votes": found.allows_self_votes,
        "hide_tally": found.is_tally_hidden,
        "revealed": found.revealed_at is not None,
    }


def parse_rules(data: Mapping[str, Any]) -> dict[str, Any]:
    rules: dict[str, Any] = {}
    errors: dict[str, Any] = {}
    known = {"budget", "per_practice_cap", "self_votes", "hide_tally"}
    for name in data:
        if name not in known:
            errors[name] = _l("Unknown setting.")
    for name, parse in (
        ("budget", lambda v: whole_number(v, field="budget", maximum=BUDGET_MAX)),
        (
            "per_practice_cap",
            lambda v: (
                None if v is None else whole_number(v, field="per_practice_cap", maximum=BUDGET_MAX)
            ),
        ),
    ):
        if name in data:
            try:
                rules[name] = parse(data[name])
            except ValidationFailed as error:
                errors.update(error.fields)
    for name in ("self_votes", "hide_tally"):
        if name in data:
            if isinstance(data[name], bool):
                rules[name] = data[name]
            else:
                errors[name] = _l("Must be true or false.")
    if errors:
        raise ValidationFailed(fields=errors)
    return rules


def voting_steps(workshop: Workshop) -> list[int]:
    return [i for i, step in enumerate(workshop.steps) if step["activity"] == "voting"]


def ensure_rounds(workshop: Workshop) -> None:
    """Store a round for every voting step that has none (after the plan changed)."""
    db.session.flush()
    stored = set(
        db.session.scalars(
            select(VotingRound.step_index).where(VotingRound.workshop_id == workshop.id)
        )
    )
    for index in voting_steps(workshop):
        if index not in stored:
            db.session.add(_new(workshop, index))


def replan(workshop: Workshop, old_steps: list[dict[str, Any]]) -> None:
    """Keep each round with its step when the steps after the running one move.

    The steps that have run stay in place (the editor's rule), so rounds up to here keep
    their index. The later voting steps keep their rounds in order: the first one still
    to come takes the rules set for the first one that was to come, and so on; a round
    whose step was removed goes with it.
    """
    ran = -1 if workshop.step_index is None else workshop.step_index
    before = [i for i, s in enumerate(old_steps) if s["activity"] == "voting" and i > ran]
    after = [i for i in voting_steps(workshop) if i > ran]
    if before != after:
        rows = {
            r.step_index: r
            for r in db.session.scalars(
                select(VotingRound).where(
                    VotingRound.workshop_id == workshop.id, VotingRound.step_index > ran
                )
            )
        }
        rules = [_rules_json(rows[i]) if i in rows else None for i in before]
        for row in rows.values():
            db.session.delete(row)
        db.session.flush()
        for n, index in enumerate(after):
            db.session.add(_new(workshop, index, rules[n] if n < len(rules) else None))
    ensure_rounds(workshop)


def design_rules(workshop: Workshop) -> dict[str, Any]:
    """Return the rules of the round that counts now, as a design's settings name them."""
    return _rules_json(current(workshop))


def open_round(workshop: Workshop) -> VotingRound:
    """Mark the running step's round open (entering its step)."""
    found = held(workshop)
    found.status = RoundStatus.OPEN
    found.opened_at = found.opened_at or utcnow()
    return found


def close_round(workshop: Workshop) -> None:
    """Mark the round of the step being left closed."""
    found = held(workshop)
    found.status = RoundStatus.CLOSED


def tally_is_public(workshop: Workshop) -> bool:
    """Whether phones and the projector may see the dots of the round that counts now."""
    return current(workshop).tally_is_public


def reveal(workshop: Workshop) -> None:
    """Reveal the votes of the round that counts now (once: the first moment stays)."""
    found = held(workshop)
    found.revealed_at = found.revealed_at or utcnow()


def is_revealed(workshop: Workshop) -> bool:
    return current(workshop).revealed_at is not None


# Export and import ----------------------------------------------------------------------


def export(workshop: Workshop) -> dict[str, Any]:
    """Return voting's part of an export: each round's rules and state."""
    query = (
        select(VotingRound)
        .where(VotingRound.workshop_id == workshop.id)
        .order_by(VotingRound.step_index)
    )
    return {
        "rounds": [
            {
                "step_index": row.step_index,
                **_rules_json(row),
                "status": row.status,
                "revealed": row.revealed_at is not None,
            }
            for row in db.session.scalars(query)
        ]
    }


def parse_import(raw: object) -> dict[str, Any]:
    """Check voting's part of an export (the rounds); raise ValidationFailed naming the field."""
    from ..designs.services import STEPS_MAX  # the designs import voting: a late import

    if not isinstance(raw, dict) or not isinstance(raw.get("rounds", []), list):
        raise ValidationFailed(fields={"rounds": _l("Must be a list of voting rounds.")})
    parsed = []
    for i, item in enumerate(raw.get("rounds", [])):
        field = f"rounds.{i}"
        item = item if isinstance(item, dict) else {}
        index = item.get("step_index")
        if isinstance(index, bool) or not isinstance(index, int) or not 0 <= index < STEPS_MAX:
            raise ValidationFailed(fields={f"{field}.step_index": _l("Unknown step.")})
        rules = {}
        for name in ("vote_budget", "per_practice_cap"):
            value = item.get(name)
            rules[name] = (
                None
                if value is None
                else whole_number(value, field=f"{field}.{name}", maximum=BUDGET_MAX)
            )
        for name in ("allows_self_votes", "is_tally_hidden"):
            value = item.get(name, DEFAULT_RULES[name])
            if not isinstance(value, bool):
                raise ValidationFailed(fields={f"{field}.{name}": _l("Must be true or false.")})
            rules[name] = value
        revealed = item.get("revealed", False)
        if not isinstance(revealed, bool):
            raise ValidationFailed(fields={f"{field}.revealed": _l("Must be true or false.")})
        parsed.append({"step_index": index, "rules": rules, "revealed": revealed})
    return {"rounds": parsed}


def write_import(workshop: Workshop, data: dict[str, Any]) -> None:
    """Give the imported workshop's rounds their rules and reveals (rounds of steps that
    are not voting steps in its plan are left out); their status follows where it is."""
    now = utcnow()
    steps = set(voting_steps(workshop))
    for item in data["rounds"]:
        if item["step_index"] not in steps:
            continue
        row = _stored(round_at(workshop, item["step_index"]))
        _set_rules(row, item["rules"])
        row.revealed_at = now if item["revealed"] else None
    place(workshop)


def place(workshop: Workshop) -> None:
    """Set each round's status from where the workshop is (after an import)."""
    here = -1 if workshop.step_index is None else workshop.step_index
    for index in voting_steps(workshop):
        row = _stored(round_at(workshop, index))
        if index < here or (index == here and not workshop.is_open):
            row.status = RoundStatus.CLOSED
        elif index == here:
            row.status = RoundStatus.OPEN
            row.opened_at = row.opened_at or utcnow()
        else:
            row.status = RoundStatus.WAITING
