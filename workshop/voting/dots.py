"""Dot voting and ratings: the rules, held atomically under any concurrency.

A dot or a rating is written in a transaction that holds the participant's row
(SELECT ... FOR UPDATE; on SQLite the whole database, BEGIN IMMEDIATE) and
shares the workshop's row (FOR SHARE), so one person's votes are counted one
after another, and no phase change or merge slips between the check and the
insert. Dots are not published one by one: the ticker sends the tally.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import partial
from typing import Any

from flask_babel import lazy_gettext as _l
from sqlalchemy import and_, or_, select
from sqlalchemy.exc import IntegrityError

from .. import realtime, writes
from ..errors import Conflict, Forbidden, NotFound
from ..extensions import db
from ..participants.models import Participant
from ..posting.keys import clean_key as _key
from ..practices.models import Practice
from ..timeutil import isoformat, utcnow
from ..workshops import timer
from ..workshops.models import Phase, Workshop
from . import casting, rounds, targets
from .models import Vote

# The rules of a round are read from here by the screens' builders and the API.
from .rounds import (  # noqa: F401
    BUDGET_MAX,
    budget_of,
    cap_of,
    suggested_budget,
    voting_json,
)
from .targets import OwnPractice, PracticeUnavailable  # noqa: F401  (callers catch them from here)


class VotingClosed(Conflict):
    code = "voting_closed"
    message = _l("Voting is not open now.")


class OverBudget(Conflict):
    code = "over_budget"
    message = _l("You have used all your dots. Take one back to vote elsewhere.")


class OverCap(Conflict):
    code = "over_cap"
    message = _l("That practice already has as many of your dots as one practice may have.")


class VotesNotRevealed(Forbidden):
    code = "votes_not_revealed"
    message = _l("The results are shown once the facilitator reveals the votes.")


# Settings -----------------------------------------------------------------------------


def change_voting(facilitator_id: int, workshop_id: int, data: Mapping[str, Any]) -> Workshop:
    """Set the budget, the per-practice cap, self-votes and hiding of the round that counts
    now (before or during its voting).

    Dots that a smaller budget or cap, or switching self-votes off, leaves over
    the rules go back to their owners, newest first, and they are told.
    """
    rules = rounds.parse_rules(data)
    with writes.change(workshop_id, facilitator_id=facilitator_id, open_only=False) as unit:
        workshop = unit.workshop
        if workshop.phase in (Phase.RESULTS, Phase.CLOSED):
            raise VotingClosed()
        found = rounds.held(workshop)
        if "budget" in rules:
            found.budget = rules["budget"]
        if "per_practice_cap" in rules:
            found.per_item_cap = rules["per_practice_cap"]
        if "self_votes" in rules:
            found.allows_self_votes = rules["self_votes"]
        if "hide_tally" in rules:
            found.is_tally_hidden = rules["hide_tally"]
        returned = return_excess(workshop, reason="rules")
        unit.publish(realtime.VOTING_CHANGED, public=lambda: {"voting": voting_json(workshop)})
        returned.queue(unit)
        unit.mark()
    return workshop


def fix_budget(workshop: Workshop) -> None:
    """Fix the suggested budget when voting opens, so it stops following new practices."""
    found = rounds.held(workshop)
    if found.budget is None:
        found.budget = budget_of(workshop)


# Returning dots -----------------------------------------------------------------------


@dataclass
class Returned:
    """Dots given back to their owners by one change; tell them after the commit."""

    workshop_id: int
    reason: str
    counts: Counter = field(default_factory=Counter)

    def queue(self, unit: writes.Unit) -> None:
        """Tell each owner, after the commit, how many dots came back; put it on the tick."""
        for participant_id, count in self.counts.items():
            unit.after_commit(partial(_tell_returned, participant_id, count, self.reason))
        if self.counts:
            unit.mark()


def _tell_returned(participant_id: int, count: int, reason: str) -> None:
    realtime.tell_participant(
        participant_id,
        realtime.DOTS_RETURNED,
        {"count": count, "reason": reason, **ballot_json(participant_id)},
    )


def _withdraw(votes: list[Vote], returned: Returned) -> None:
    now = utcnow()
    for vote in votes:
        vote.withdrawn_at = now
        vote.returned_for = returned.reason
        returned.counts[vote.participant_id] += 1


def _active_votes(workshop: Workshop) -> list[Vote]:
    """The dots in force in the round that counts now."""
    query = (
        select(Vote)
        .where(Vote.workshop_id == workshop.id, Vote.withdrawn_at.is_(None))
        .where(targets.in_round(workshop))
        .order_by(Vote.id)
    )
    return list(db.session.scalars(query))


def return_dots_on(practice_id: int, reason: str) -> Returned:
    """Give back every dot on a practice (it is being hidden or deleted); caller commits."""
    practice = db.session.get(Practice, practice_id)
    if practice is None:
        raise NotFound()
    return _return_dots(practice.workshop_id, Vote.practice_id == practice_id, reason)


def return_dots_on_story(workshop_id: int, story_id: int, reason: str) -> Returned:
    """Give back every dot on a story (it is being hidden or deleted); caller commits."""
    return _return_dots(workshop_id, Vote.story_id == story_id, reason)


def _return_dots(workshop_id: int, on: Any, reason: str) -> Returned:
    returned = Returned(workshop_id, reason)
    query = select(Vote).where(on, Vote.withdrawn_at.is_(None))
    _withdraw(list(db.session.scalars(query)), returned)
    return returned


def return_excess(workshop: Workshop, reason: str) -> Returned:
    """Give back dots that the rules no longer allow, newest first; caller commits.

    Call with the workshop's row locked for update: no vote is in flight then.
    """
    returned = Returned(workshop.id, reason)
    found = rounds.current(workshop)
    budget = budget_of(workshop)
    cap = cap_of(workshop, budget)
    db.session.flush()
    votes = _active_votes(workshop)
    keep: list[Vote] = []
    authors: dict[tuple[str, int], set[int]] = {}
    for vote in votes:
        if not found.allows_self_votes:
            target = targets.STORIES if vote.story_id is not None else targets.PRACTICES
            item = (target, targets.item_of(vote))
            if item not in authors:
                authors[item] = targets.authors(*item)
            if vote.participant_id in authors[item]:
                _withdraw([vote], returned)
                continue
        keep.append(vote)
    per_person: dict[int, list[Vote]] = {}
    for vote in keep:
        per_person.setdefault(vote.participant_id, []).append(vote)
    for own in per_person.values():
        on_item: Counter = Counter()
        allowed = []
        for vote in own:  # oldest first: the newest dots are the ones that go back
            on_item[(vote.practice_id, vote.story_id)] += 1
            if on_item[(vote.practice_id, vote.story_id)] > cap:
                _withdraw([vote], returned)
            else:
                allowed.append(vote)
        _withdraw(allowed[budget:], returned)
    return returned


# Casting ------------------------------------------------------------------------------


def _vote_by_key(participant_id: int, key: str) -> Vote | None:
    query = select(Vote).where(Vote.participant_id == participant_id, Vote.key == key)
    return db.session.scalar(query)


def _dot(key: str, practice_id: int | None, story_id: int | None) -> dict[str, Any]:
    """A dot as its phone knows it: {key, practice_id} or, on a story, {key, story_id}."""
    if story_id is not None:
        return {"key": key, "story_id": story_id}
    return {"key": key, "practice_id": practice_id}


def _active_dots(participant_id: int, workshop: Workshop) -> list[dict[str, Any]]:
    """Return a participant's active dots in the round that counts now, oldest first."""
    query = (
        select(Vote.key, Vote.practice_id, Vote.story_id)
        .where(Vote.participant_id == participant_id, Vote.withdrawn_at.is_(None))
        .where(targets.in_round(workshop))
        .order_by(Vote.id)
    )
    return [_dot(*row) for row in db.session.execute(query)]


def _replay_and_mine(
    participant_id: int, workshop: Workshop, key: str
) -> tuple[Vote | None, list[dict[str, Any]]]:
    """Return the participant's dot under `key` (a replay) if any, and their dots in force
    in the round that counts now, oldest first."""
    in_force = and_(Vote.withdrawn_at.is_(None), targets.in_round(workshop))
    query = (
        select(Vote)
        .where(Vote.participant_id == participant_id, or_(Vote.key == key, in_force))
        .order_by(Vote.id)
    )
    rows = list(db.session.scalars(query))
    replay = next((vote for vote in rows if vote.key == key), None)
    return replay, [_dot(v.key, v.practice_id, v.story_id) for v in rows]


def vote_json(vote: Vote) -> dict[str, Any]:
    return {
        **_dot(vote.key, vote.practice_id, vote.story_id),
        "created_at": isoformat(vote.created_at),
        "withdrawn": vote.withdrawn_at is not None,
    }


def ballot_json(participant_id: int) -> dict[str, Any]:
    """Return a participant's dots: the budget, what is left, and their active dots by key."""
    participant = db.session.get(Participant, participant_id)
    if participant is None:
        raise NotFound()
    workshop = db.session.get(Workshop, participant.workshop_id)
    if workshop is None:
        raise NotFound()
    budget = budget_of(workshop)
    mine = _active_dots(participant_id, workshop)
    return {"budget": budget, "remaining": max(0, budget - len(mine)), "votes": mine}


def _vote_result(vote: Vote) -> dict[str, Any]:
    ballot = ballot_json(vote.participant_id)
    return {"vote": vote_json(vote), "remaining": ballot["remaining"], "votes": ballot["votes"]}


def cast_vote(
    participant_id: int, key: object, practice_id: object = None, story_id: object = None
) -> tuple[dict[str, Any], bool]:
    """Put one dot on a practice (or, where the step votes on the stories, on a story)
    under the client's key; return the result and whether it is new.

    A replayed key returns the first result and changes nothing. Over the budget,
    over the cap, outside voting, or on a hidden or merged item: an error, and
    nothing changes. The result carries what the participant has left (the ack).
    """
    key = _key(key)
    fast = casting.cast(participant_id, key, practice_id, story_id)
    if fast is not None:
        return fast, True
    try:
        with writes.ballot(participant_id) as (unit, _participant):
            workshop = unit.workshop
            # A replay is answered under the lock too: rare, and then only one path to get right.
            # Its key and the dots in force come in one query; counted while holding the
            # participant's row, so no other dot of theirs is in flight.
            existing, mine = _replay_and_mine(participant_id, workshop, key)
            if existing is not None:
                return _vote_result(existing), False
            if workshop.phase != Phase.VOTING:
                raise VotingClosed()
            timer.ensure_time_left(workshop)
            found = rounds.current(workshop)
            target = targets.target_of(workshop)
            name = targets.field(target)
            item_id = targets.votable(
                workshop,
                participant_id,
                target,
                story_id if name == "story_id" else practice_id,
                own_ok=found.allows_self_votes,
            )
            budget = budget_of(workshop)
            if len(mine) >= budget:
                raise OverBudget()
            if sum(d.get(name) == item_id for d in mine) >= cap_of(workshop, budget):
                raise OverCap()
            vote = Vote(
                workshop_id=workshop.id,
                participant_id=participant_id,
                step_index=workshop.step_index,
                key=key,
                is_anonymous=workshop.writes_anonymously,
                **{name: item_id},
            )
            db.session.add(vote)
            db.session.flush()
            mine.append({"key": key, name: item_id})
            result = {"vote": vote_json(vote), "remaining": budget - len(mine), "votes": mine}
            unit.mark()
    except IntegrityError:  # the same key, committed first by a connection that got past us
        if (first := _vote_by_key(participant_id, key)) is None:
            raise  # another constraint failed: not a replay
        return _vote_result(first), False
    return result, True


def withdraw_vote(participant_id: int, key: object) -> dict[str, Any]:
    """Take one's dot back while voting is open; taking it back twice changes nothing."""
    key = _key(key)
    with writes.ballot(participant_id) as (unit, _participant):
        workshop = unit.workshop
        vote = _vote_by_key(participant_id, key)
        if vote is None:
            raise NotFound()
        if vote.withdrawn_at is None:
            # A dot of an earlier round stays where that round left it.
            if workshop.phase != Phase.VOTING or vote.step_index != workshop.step_index:
                raise VotingClosed()
            timer.ensure_time_left(workshop)
            vote.withdrawn_at = utcnow()
            unit.mark()
    return _vote_result(vote)
