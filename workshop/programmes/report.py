"""A programme's report: per workshop and combined, how much of a subject the customer was
(overall, by channel, by lens), the practices and commitments with their status, the
practices that recur across teams, and the agency pulse. One dict for the page, the API
and every export.

Bounded reads: one query each for the workshops, their people, their visible stories,
the stories' lenses, their practices and the links, whatever the number of workshops or
stories (and the pulse's own per workshop). Names: none, but a commitment's owner in a
workshop that shows names; every figure passes privacy.breakdown (5 people or more).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Mapping
from datetime import date
from typing import Any

from sqlalchemy import func, select

from ..extensions import db
from ..followups.services import status_name
from ..participants.models import Participant
from ..practices.models import Practice
from ..pulse.services import pulse_summaries
from ..stories import channels
from ..stories.models import Lens, Story, StoryLens
from ..timeutil import aware, utcnow
from ..workshops.models import Workshop
from . import privacy, recurring
from . import services as programmes
from .models import Programme
from .privacy import OTHERS, Told

#: Pulse figures are shown from this many answers up (the pulse's own rule too).
PULSE_ANSWERS_MIN = 5


def _lens_key(name: str) -> str:
    """Lenses are compared by name across workshops: case and spacing aside."""
    return " ".join(name.casefold().split())


def _figures(
    groups: Mapping[Any, list[Told]] | None, name: str, names: Mapping[Any, Any]
) -> list[dict[str, Any]] | None:
    """Each group's figures under ``name``: its name from ``names``, None for the others."""
    if groups is None:
        return None
    return [
        {name: None if key == OTHERS else names[key], **privacy.distribution(stories)}
        for key, stories in groups.items()
    ]


def _channels(stories: list[Told], channel_of: Mapping[int, str]) -> dict[str, Any] | None:
    by_channel: dict[str, list[Told]] = defaultdict(list)
    for story in stories:
        by_channel[channel_of[story.story_id]].append(story)
    order = {c.value: n for n, c in enumerate(channels.Channel)}
    shown = privacy.breakdown(dict(sorted(by_channel.items(), key=lambda kv: order[kv[0]])))
    if shown is None:
        return None
    counts = {str(key): Counter(s.agency for s in group) for key, group in shown.items()}
    return channels.summarise(counts)


def _lenses(
    stories: list[Told], lenses_of: Mapping[int, list[str]], names: Mapping[str, str]
) -> list[dict[str, Any]] | None:
    by_lens: dict[str, list[Told]] = defaultdict(list)
    for story in stories:
        for key in lenses_of.get(story.story_id, []):
            by_lens[key].append(story)
    if not by_lens:
        return []
    return _figures(privacy.breakdown(dict(sorted(by_lens.items()))), "lens", names)


def _tenths(value: float) -> int:
    return round(value * 10)


def _pulse_figure(round_: dict[str, Any]) -> float | None:
    enough = (round_.get("answers") or 0) >= PULSE_ANSWERS_MIN
    return round_.get("mean") if enough else None


def _pulse_rounds(shop: Any, summaries: Mapping[int, list[dict[str, Any]]]) -> list[dict[str, Any]]:
    """A workshop's pulse rounds per statement; a follow-up's start with the rounds of the
    workshop it follows (the same team, last time) that asked the same words."""
    summary = summaries.get(shop.id) or []
    if shop.follows_id is None or not summary:
        return summary
    earlier = {item["statement"]: item["rounds"] for item in summaries.get(shop.follows_id, [])}
    return [
        {**item, "rounds": [*earlier.get(item["statement"], []), *item["rounds"]]}
        for item in summary
    ]


def _pulse(summary: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Per statement the latest round's mean and the change since the first, each only
    from PULSE_ANSWERS_MIN answers up (else None)."""
    out = []
    for statement in summary:
        rounds = statement.get("rounds") or []
        if not rounds:
            continue
        first, latest = rounds[0], rounds[-1]
        now, then = _pulse_figure(latest), _pulse_figure(first)
        change = None
        if len(rounds) > 1 and now is not None and then is not None:
            change = (_tenths(now) - _tenths(then)) / 10
        out.append(
            {
                "statement": statement["statement"],
                "rounds": len(rounds),
                "at": latest.get("at"),
                "answers": latest.get("answers") or 0,
                "mean": now,
                "first_mean": then if len(rounds) > 1 else None,
                "change": change,
            }
        )
    return out


def _practice_json(row: Any, shows_names: bool, group_of: Mapping[int, int]) -> dict[str, Any]:
    is_commitment = row.commitment_position is not None
    status = (row.commitment_status or "not_started") if is_commitment else None
    due: date | None = row.commitment_due_on
    return {
        "id": row.id,
        "title": row.title,
        "is_commitment": is_commitment,
        "position": row.commitment_position,
        "status": status,
        "status_name": status_name(status) if status else None,
        "due_on": due.isoformat() if due else None,
        # A commitment's owner is a person: only where the workshop shows names.
        "owner": row.commitment_owner if is_commitment and shows_names else None,
        "group": group_of.get(row.id),
    }


def report(programme: Programme) -> dict[str, Any]:
    """Return everything the programme's page and exports show."""
    ids = programmes.workshop_ids_of(programme.id)
    columns = (
        Workshop.id,
        Workshop.code,
        Workshop.title,
        Workshop.language,
        Workshop.created_at,
        Workshop.closed_at,
        Workshop.is_anonymous,
        Workshop.follows_id,
    )
    rows = db.session.execute(select(*columns).where(Workshop.id.in_(ids)).order_by(Workshop.id))
    shops = list(rows)
    joined = dict(
        db.session.execute(
            select(Participant.workshop_id, func.count())
            .where(Participant.workshop_id.in_(ids), Participant.removed_at.is_(None))
            .group_by(Participant.workshop_id)
        ).all()
    )
    told_by: dict[int, list[Told]] = defaultdict(list)
    channel_of: dict[int, str] = {}
    story_rows = db.session.execute(
        select(Story.id, Story.workshop_id, Story.participant_id, Story.channel, Story.agency)
        .where(Story.workshop_id.in_(ids), Story.hidden_at.is_(None))
        .order_by(Story.id)
    )
    for story_id, workshop_id, person, channel, agency in story_rows:
        told_by[workshop_id].append(Told(story_id, person, agency))
        channel_of[story_id] = str(channel)
    lenses_of: dict[int, list[str]] = defaultdict(list)
    names: dict[str, str] = {}
    tags = db.session.execute(
        select(StoryLens.story_id, Lens.name)
        .join(Lens, Lens.id == StoryLens.lens_id)
        .where(Lens.workshop_id.in_(ids))
        .order_by(Lens.position, Lens.id)
    )
    for story_id, name in tags:
        key = _lens_key(name)
        names.setdefault(key, name)
        if story_id in channel_of and key not in lenses_of[story_id]:
            lenses_of[story_id].append(key)
    practice_rows = list(
        db.session.execute(
            select(
                Practice.id,
                Practice.workshop_id,
                Practice.title,
                Practice.commitment_position,
                Practice.commitment_status,
                Practice.commitment_due_on,
                Practice.commitment_owner,
            )
            .where(
                Practice.workshop_id.in_(ids),
                Practice.hidden_at.is_(None),
                Practice.merged_into_id.is_(None),
            )
            .order_by(
                Practice.workshop_id,
                Practice.commitment_position.is_(None),
                Practice.commitment_position,
                Practice.id,
            )
        )
    )
    present = {row.id for row in practice_rows}
    found_groups = recurring.groups(programmes.links_of(programme.id), present)
    group_of = {pid: n for n, group in enumerate(found_groups, start=1) for pid in group}

    earlier_ids = {shop.follows_id for shop in shops if shop.follows_id is not None}
    pulses = pulse_summaries(sorted({shop.id for shop in shops} | earlier_ids))
    by_workshop: dict[int, list[Told]] = {}
    workshops_out = []
    practices_by: dict[int, list[Any]] = defaultdict(list)
    for row in practice_rows:
        practices_by[row.workshop_id].append(row)
    for shop in shops:
        stories = told_by.get(shop.id, [])
        people = len({s.person for s in stories})
        shown = people >= privacy.MIN_PEOPLE
        by_workshop[shop.id] = stories
        practices = [
            _practice_json(p, not shop.is_anonymous, group_of) for p in practices_by[shop.id]
        ]
        workshops_out.append(
            {
                "id": shop.id,
                "code": shop.code,
                "title": shop.title,
                "language": shop.language,
                "date": aware(shop.created_at).date().isoformat(),
                "is_open": shop.closed_at is None,
                "is_anonymous": shop.is_anonymous,
                "participants": joined.get(shop.id, 0),
                "stories": len(stories),
                "is_shown": shown,
                "agency": privacy.distribution(stories) if shown else None,
                "channels": _channels(stories, channel_of) if shown else None,
                "lenses": _lenses(stories, lenses_of, names) if shown else None,
                "practices": practices,
                "commitments": sum(1 for p in practices if p["is_commitment"]),
                "pulse": _pulse(_pulse_rounds(shop, pulses)) or None,
            }
        )
    everything = [s for stories in told_by.values() for s in stories]
    titles = {shop.id: shop.title for shop in shops}
    by_team = [
        {**row, "title": titles.get(row["workshop_id"])}
        for row in _figures(
            privacy.breakdown(by_workshop), "workshop_id", {shop.id: shop.id for shop in shops}
        )
        or []
    ]
    statuses = Counter(
        p["status"] for shop in workshops_out for p in shop["practices"] if p["is_commitment"]
    )
    enough = len({s.person for s in everything}) >= privacy.MIN_PEOPLE
    practice_list = [
        {"id": row.id, "workshop_id": row.workshop_id, "title": row.title} for row in practice_rows
    ]
    info = {practice["id"]: practice for practice in practice_list}
    return {
        "programme": {
            "id": programme.id,
            "title": programme.title,
            "created_at": aware(programme.created_at).isoformat(),
        },
        "generated_at": utcnow().isoformat(),
        "min_people": privacy.MIN_PEOPLE,
        "has_pulse": any(shop["pulse"] for shop in workshops_out),
        "workshops": workshops_out,
        "combined": {
            "workshops": len(shops),
            "participants": sum(joined.values()),
            "stories": len(everything),
            "agency": privacy.distribution(everything) if enough else None,
            "by_workshop": by_team if enough else None,
            "channels": _channels(everything, channel_of) if enough else None,
            "lenses": _lenses(everything, lenses_of, names) if enough else None,
            "commitments": sum(statuses.values()),
            "by_status": {status: statuses.get(status, 0) for status in _STATUSES},
        },
        "recurring": [
            {
                "group": n,
                "practices": [info[pid] for pid in group],
                "workshops": len({info[pid]["workshop_id"] for pid in group}),
            }
            for n, group in enumerate(found_groups, start=1)
        ],
        "suggestions": [
            {**pair, "practices": [info[pid] for pid in pair["practice_ids"]]}
            for pair in recurring.suggestions(practice_list, group_of)
        ],
    }


_STATUSES = ("not_started", "started", "done", "dropped")
