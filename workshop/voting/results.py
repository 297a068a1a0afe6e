"""The tally on the tick, revealing the votes, and the ranked results."""

from __future__ import annotations

from typing import Any

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select

from .. import realtime, writes
from ..errors import ValidationFailed
from ..extensions import db
from ..participants.models import Participant
from ..practices.models import Practice
from ..practices.reading import REACTIONS, author_names, practice_json, visible_practices
from ..practices.services import reveal as practices_reveal
from ..realtime import Audience
from ..stories import channels
from ..stories import services as stories
from ..workshops import services as workshops
from ..workshops.models import Phase, Workshop
from ..workshops.services import Viewer
from . import rounds, targets
from .dots import VotesNotRevealed, VotingClosed, budget_of, voting_json
from .models import Rating, Vote


def _dots(workshop: Workshop, target: str) -> dict[int, int]:
    """The active dots of the round that counts now on each item (practice or story)."""
    item = targets.column(target)
    query = (
        select(item, func.count())
        .where(Vote.workshop_id == workshop.id, Vote.withdrawn_at.is_(None), item.is_not(None))
        .where(targets.in_round(workshop))
        .group_by(item)
    )
    return dict(db.session.execute(query).all())


def mean(total: int, count: int) -> float:
    """Return a mean of whole-number ratings as every screen and export shows it: one
    decimal, halves rounded up (17/4 = 4.25 -> 4.3), worked out exactly from the sum.

    This is the one rounding rule: clients and exports only format the number, so the
    projector, the phones, the control page, the charter and the API all agree (Python's
    round() would give 4.2, and a mean first rounded to two decimals rounds twice).
    """
    tenths = (20 * total + count) // (2 * count)  # floor(10 * total / count + 1/2)
    return tenths / 10


def _ratings(workshop_id: int) -> dict[int, dict[str, Any]]:
    query = (
        select(Rating.practice_id, func.sum(Rating.agency), func.sum(Rating.ease), func.count())
        .join(Practice, Practice.id == Rating.practice_id)
        .where(
            Practice.workshop_id == workshop_id,
            Practice.hidden_at.is_(None),
            Practice.merged_into_id.is_(None),
        )
        .group_by(Rating.practice_id)
    )
    return {
        practice_id: {"agency": mean(int(a), n), "ease": mean(int(e), n), "count": n}
        for practice_id, a, e, n in db.session.execute(query)
    }


def _ranked(
    workshop_id: int, target: str, dots: dict[int, int], ratings: dict[int, dict[str, Any]]
) -> list[int]:
    """The items on the wall in the one ranking rule: dots, then mean agency, then the
    older item. Screens order by this list and never rank on their own."""
    ids = list(db.session.scalars(targets.on_wall(workshop_id, target)))
    return sorted(ids, key=lambda i: (-dots.get(i, 0), -(ratings.get(i, {}).get("agency") or 0), i))


def tally(workshop: Workshop) -> dict[str, Any]:
    """Return the whole count as facilitators see it: voters, dots left, dots, ratings,
    and the practices ranked."""
    active = select(Participant.id).where(
        Participant.workshop_id == workshop.id, Participant.removed_at.is_(None)
    )
    used_query = (
        select(Vote.participant_id, func.count())
        .where(Vote.workshop_id == workshop.id, Vote.withdrawn_at.is_(None))
        .where(targets.in_round(workshop), Vote.participant_id.in_(active))
        .group_by(Vote.participant_id)
    )
    used = dict(db.session.execute(used_query).all())
    participants = db.session.scalar(select(func.count()).select_from(active.subquery())) or 0
    budget = budget_of(workshop)
    target = targets.target_of(workshop)
    dots = _dots(workshop, target)
    ratings = _ratings(workshop.id) if target == targets.PRACTICES else {}
    return {
        "on": target,
        "voters": len(used),
        "participants": participants,
        "dots_cast": sum(dots.values()),
        # Each active participant's unused dots (nobody can be over budget, but be safe).
        "dots_left": max(0, participants * budget - sum(min(n, budget) for n in used.values())),
        "dots": {str(practice_id): count for practice_id, count in dots.items()},
        "ratings": {str(practice_id): r for practice_id, r in ratings.items()},
        "ranked": _ranked(workshop.id, target, dots, ratings),
        "revealed": rounds.is_revealed(workshop),
    }


def public_tally(workshop: Workshop, full: dict[str, Any]) -> dict[str, Any]:
    """Return what phones and the projector may see of a tally: no dots until the reveal."""
    if rounds.tally_is_public(workshop):
        return full
    return {**full, "dots": None, "dots_cast": None, "ranked": None}


def _story_ranking(workshop: Workshop, viewer: Viewer | None) -> list[dict[str, Any]]:
    """The stories ranked by dots, then oldest first, where the room voted on stories."""
    is_facilitator = viewer is not None and viewer.audience is Audience.FACILITATORS
    dots = _dots(workshop, targets.STORIES)
    place = {i: n for n, i in enumerate(_ranked(workshop.id, targets.STORIES, dots, {}))}
    shown = [s for s in stories.visible_stories(workshop, viewer) if s.id in place]
    shown.sort(key=lambda s: place[s.id])
    reactions = stories.reaction_counts([s.id for s in shown])
    lenses = stories.lens_ids_by_story([s.id for s in shown])
    return [
        {
            "rank": index + 1,
            "story": stories.story_json(
                story,
                workshop,
                for_facilitators=is_facilitator,
                reactions=reactions[story.id],
                lens_ids=lenses[story.id],
            ),
            "dots": dots.get(story.id, 0),
        }
        for index, story in enumerate(shown)
    ]


def ranking(workshop: Workshop, viewer: Viewer | None) -> list[dict[str, Any]]:
    """Return the practices ranked by dots, ties broken by mean agency, with the trace;
    where the room voted on the stories, the stories ranked by dots."""
    if targets.target_of(workshop) == targets.STORIES:
        return _story_ranking(workshop, viewer)
    is_facilitator = viewer is not None and viewer.audience is Audience.FACILITATORS
    dots, ratings = _dots(workshop, targets.PRACTICES), _ratings(workshop.id)
    ranked_ids = _ranked(workshop.id, targets.PRACTICES, dots, ratings)
    place = {practice_id: i for i, practice_id in enumerate(ranked_ids)}
    practices = [p for p in visible_practices(workshop, viewer) if p.id in place]
    practices.sort(key=lambda p: place[p.id])
    names = author_names(workshop, [p.id for p in practices])
    counts = REACTIONS.counts([p.id for p in practices])
    ranked = []
    for index, practice in enumerate(practices):
        rating = ratings.get(practice.id, {"agency": None, "ease": None, "count": 0})
        ranked.append(
            {
                "rank": index + 1,
                "practice": practice_json(
                    practice,
                    workshop,
                    for_facilitators=is_facilitator,
                    names=names,
                    reactions=counts[practice.id],
                ),
                "dots": dots.get(practice.id, 0),
                "agency": rating["agency"],
                "ease": rating["ease"],
                "ratings": rating["count"],
            }
        )
    return ranked


def results_json(
    workshop: Workshop, viewer: Viewer | None, counted: dict[str, Any] | None = None
) -> dict[str, Any]:
    """Return the results a viewer may see; raise VotesNotRevealed for others before the reveal.

    ``counted`` is the workshop's tally when the caller has it already.
    """
    is_facilitator = viewer is not None and viewer.audience is Audience.FACILITATORS
    if not is_facilitator and not rounds.tally_is_public(workshop):
        raise VotesNotRevealed()
    ranked = ranking(workshop, viewer if is_facilitator else None)  # one public ranking
    commitments = sorted(
        (r for r in ranked if "practice" in r and r["practice"]["commitment"]),
        key=lambda r: r["practice"]["commitment"]["position"],
    )
    full = counted or tally(workshop)
    # Counts and means, no text: still only once the room may read the stories.
    by_channel = workshop.stories_are_public or is_facilitator
    return {
        "revealed": rounds.is_revealed(workshop),
        "voting": voting_json(workshop),
        "voters": full["voters"],
        "participants": full["participants"],
        "dots_cast": full["dots_cast"],
        "ranking": ranked,
        "commitments": [r["practice"]["id"] for r in commitments],
        "channels": channels.channel_agency(workshop.id) if by_channel else None,
    }


def reveal_votes(facilitator_id: int, workshop_id: int) -> Workshop:
    """Show the tally to the room: the projector ranks the practices with an animation."""
    with writes.change(workshop_id, facilitator_id=facilitator_id, open_only=False) as unit:
        workshop = unit.workshop
        if workshop.phase not in (Phase.VOTING, Phase.RESULTS):
            raise VotingClosed()
        rounds.reveal(workshop)
        publish_results(unit, realtime.VOTES_REVEALED)
        unit.mark()  # screens' tallies now carry the dots
    return workshop


def publish_results(unit: writes.Unit, event: str) -> None:
    """Queue for every audience the results it may see (None where the tally is hidden)."""
    workshop = unit.workshop
    unit.publish(
        event,
        public=lambda: {
            "results": results_json(workshop, None) if rounds.tally_is_public(workshop) else None
        },
        facilitators=lambda: {
            "results": results_json(workshop, Viewer(workshop.id, Audience.FACILITATORS))
        },
    )


#: What a reveal opens when the facilitator does not say: what the phase is about.
_REVEALED_IN: dict[str, str] = {
    Phase.PRACTICES: "practices",
    Phase.VOTING: "votes",
    Phase.RESULTS: "votes",
}


def reveal(facilitator_id: int, workshop_id: int, what: object = None) -> None:
    """Reveal the stories, the practices or the votes; by default what the phase holds."""
    if what is None:
        workshop = workshops.facilitated_workshop(facilitator_id, workshop_id)
        what = _REVEALED_IN.get(workshop.phase, "stories")
    reveals = {"stories": stories.reveal, "practices": practices_reveal, "votes": reveal_votes}
    if not isinstance(what, str) or what not in reveals:
        raise ValidationFailed(fields={"what": _l("Choose stories, practices or votes.")})
    reveals[what](facilitator_id, workshop_id)
