"""The state snapshot: everything one viewer may see of a workshop, with its seq."""

from __future__ import annotations

import time
from typing import Any

from flask import current_app

from .. import activities, realtime
from ..charter import services as sharing
from ..errors import NotFound
from ..extensions import db
from ..participants.models import Participant
from ..practices import reading as practices
from ..realtime import Audience
from ..stories import lenses, paging, reactions, spotlight
from ..stories import services as stories
from ..voting import dots as voting
from ..voting import ratings, results, rounds
from . import admin, timer
from . import services as workshops
from .models import Workshop
from .plan import plan_json
from .services import Viewer


def snapshot(viewer: Viewer) -> dict[str, Any]:
    """Return the whole state this viewer may see, with the workshop's current seq."""
    workshop = db.session.get(Workshop, viewer.workshop_id)
    if workshop is None:
        raise NotFound()
    is_facilitator = viewer.audience is Audience.FACILITATORS
    aggregates = [a for activity in activities.activities() for a in activity.aggregates]
    if is_facilitator:
        state = _room_state(workshop, viewer)
        for aggregate in aggregates:
            state |= aggregate.state(workshop, viewer)
    else:
        # What every phone (and the projector) is sent alike is worked out once per change:
        # a reconnect storm of a thousand phones costs one room state, not a thousand.
        state = dict(
            _memo(
                workshop, viewer.audience, "room", ROOM_TTL, lambda: _room_state(workshop, viewer)
            )
        )
        # Joins do not move the seq (the count goes on the tick): it is counted on a short
        # memo, as the tally is.
        count = _memo(
            workshop,
            viewer.audience,
            realtime.PARTICIPANT_COUNT,
            TALLY_TTL,
            lambda: {"participant_count": workshops.participant_count(workshop.id)},
        )
        state["workshop"] = {**state["workshop"], **count}
        # Reactions do not move the seq: their counts are worked out on a short memo.
        state |= _memo(
            workshop,
            viewer.audience,
            realtime.REACTION_COUNTS,
            TALLY_TTL,
            lambda: _recounted(state),
        )
        for aggregate in aggregates:
            state |= _memo(
                workshop,
                viewer.audience,
                aggregate.name,
                TALLY_TTL,
                lambda aggregate=aggregate: aggregate.state(workshop, viewer),
            )
        if not workshop.practices_are_public:
            state["practices"] = practices.practices_json(workshop, viewer)
    state["timer"] = timer.timer_json(workshop)  # carries the server's clock: never memoised
    if is_facilitator:
        state["team"] = {
            **admin.facilitators_json(workshop),
            "is_owner": viewer.facilitator_id == workshop.owner_id,
        }
        state["retention"] = admin.retention_json(workshop)
        state["share"] = sharing.share_json(workshop)
        state["participants"] = [
            workshops.participant_json(p, workshop)
            for p in workshop.participants
            if p.removed_at is None
        ]
    if viewer.audience is Audience.PARTICIPANTS and viewer.participant_id is not None:
        me = db.session.get(Participant, viewer.participant_id)
        state["me"] = {"id": me.id, "display_name": me.display_name} if me else None
        state["my_story_ids"] = stories.own_story_ids(viewer.participant_id)
        # The room's newest stories and, wherever they are, its own.
        state |= paging.with_own(state, workshop, viewer, state["my_story_ids"])
        state["my_reactions"] = reactions.my_reactions(viewer.participant_id)
        state["my_practice_ids"] = practices.own_practice_ids(viewer.participant_id)
        state["ballot"] = voting.ballot_json(viewer.participant_id)
        state["my_ratings"] = ratings.my_ratings(viewer.participant_id)
        for activity in activities.activities():
            if activity.mine is not None:
                state |= activity.mine(workshop, viewer.participant_id)
    return state


def _room_state(workshop: Workshop, viewer: Viewer) -> dict[str, Any]:
    """What changes only with the seq: the workshop, stories, practices, lenses, the plan."""
    is_facilitator = viewer.audience is Audience.FACILITATORS
    # A phone's stories and practices are the public ones here; snapshot() puts a
    # phone's own in their place while writing is private.
    reader = viewer if is_facilitator else Viewer(workshop.id, viewer.audience)
    return {
        "seq": workshop.seq,
        "workshop": {**workshops.public_info(workshop), **workshops.settings_json(workshop)},
        **paging.window(workshop, reader),  # a phone's and the projector's: the newest
        **stories.story_stats(workshop.id),
        "spotlight": spotlight.spotlight_json(workshop),
        "lenses": lenses.lenses_json(workshop),
        "practices": practices.practices_json(workshop, reader),
        "practice_count": practices.active_practice_count(workshop.id),
        "voting": voting.voting_json(workshop),
        "plan": plan_json(workshop, viewer.audience),
        **{
            key: value
            for activity in activities.activities()
            if activity.snapshot is not None
            for key, value in activity.snapshot(workshop, reader).items()
        },
    }


def _recounted(room: dict[str, Any]) -> dict[str, Any]:
    """Return the room state's parts that carry reaction counts, with the counts as they are
    now: a reaction does not move the seq, so a memoised room state may be behind on them
    (another process's taps do not even change this one's ticker version)."""
    stories_shown = [*room["stories"], *([room["spotlight"]] if room["spotlight"] else [])]
    practices_shown = [
        *room["practices"],
        *([room["practice_spotlight"]] if room.get("practice_spotlight") else []),
    ]
    story_counts = stories.REACTIONS.counts(sorted({s["id"] for s in stories_shown}))
    practice_counts = practices.REACTIONS.counts(sorted({p["id"] for p in practices_shown}))

    def story(card: dict[str, Any]) -> dict[str, Any]:
        return {**card, "reactions": story_counts[card["id"]]}

    def practice(card: dict[str, Any]) -> dict[str, Any]:
        return {**card, "reactions": practice_counts[card["id"]]}

    fresh: dict[str, Any] = {
        "stories": [story(s) for s in room["stories"]],
        "spotlight": story(room["spotlight"]) if room["spotlight"] else None,
        "practices": [practice(p) for p in room["practices"]],
    }
    if "practice_spotlight" in room:
        shown = room["practice_spotlight"]
        fresh["practice_spotlight"] = practice(shown) if shown else None
    return fresh


def tally_state(workshop: Workshop, viewer: Viewer) -> dict[str, Any]:
    """What also changes with dots and ratings (outside the seq): the tally and results."""
    is_facilitator = viewer.audience is Audience.FACILITATORS
    full_tally = results.tally(workshop)
    state: dict[str, Any] = {
        "tally": full_tally if is_facilitator else results.public_tally(workshop, full_tally)
    }
    if is_facilitator or rounds.tally_is_public(workshop):
        state["results"] = results.results_json(workshop, viewer, full_tally)
    return state


#: How long a memoised room state may be served without being worked out again. The
#: seq already says when it changed; this bounds any change that did not say so.
ROOM_TTL = 2.0
#: Dots and ratings do not bump the seq: this process's ticker counts them, and a vote
#: taken by another process is at most one tick late here (the tick sends it anyway).
TALLY_TTL = 0.1


def _memo(workshop: Workshop, audience: Audience, part: str, ttl: float, make) -> dict[str, Any]:
    """Return a part of the state that every phone (or the projector) of a workshop is
    sent alike, worked out again only when the workshop changed or `ttl` has passed.

    The result is shared between callers: it is read, never changed.
    """
    memo = current_app.extensions.setdefault("toimija_snapshot_memo", {})
    version = realtime.ticker().version(workshop.id, part) if part != "room" else 0
    # The code and creation time tell apart a deleted workshop and a new one given its id.
    key = (workshop.code, workshop.created_at, workshop.seq, version)
    now = time.monotonic()
    held = memo.get((workshop.id, audience, part))
    if held is not None and held[0] == key and now - held[1] < ttl:
        return held[2]
    value = make()
    if len(memo) > 512:  # many workshops at once: start again rather than grow
        memo.clear()
    memo[(workshop.id, audience, part)] = (key, now, value)
    return value
