"""The state snapshot: everything one viewer may see of a workshop, with its seq."""

from __future__ import annotations

from typing import Any

from ..charter import services as sharing
from ..errors import NotFound
from ..extensions import db
from ..participants.models import Participant
from ..practices import ratings, results, voting
from ..practices import services as practices
from ..realtime import Audience
from ..stories import lenses, reactions, spotlight
from ..stories import services as stories
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
    state: dict[str, Any] = {
        "seq": workshop.seq,
        "workshop": {**workshops.public_info(workshop), **workshops.settings_json(workshop)},
        "stories": stories.stories_json(workshop, viewer, for_facilitators=is_facilitator),
        **stories.story_stats(workshop.id),
        "spotlight": spotlight.spotlight_json(workshop),
        "lenses": [lenses.lens_json(lens) for lens in lenses.lenses_of(workshop.id)],
        "practices": practices.practices_json(workshop, viewer),
        "practice_count": practices.active_practice_count(workshop.id),
        "voting": voting.voting_json(workshop),
        "plan": plan_json(workshop, viewer.audience),
        "timer": timer.timer_json(workshop),
    }
    full_tally = results.tally(workshop)
    state["tally"] = full_tally if is_facilitator else results.public_tally(workshop, full_tally)
    if is_facilitator or workshop.tally_is_public:
        state["results"] = results.results_json(workshop, viewer, full_tally)
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
        state["my_reactions"] = reactions.my_reactions(viewer.participant_id)
        state["my_practice_ids"] = practices.own_practice_ids(viewer.participant_id)
        state["ballot"] = voting.ballot_json(viewer.participant_id)
        state["my_ratings"] = ratings.my_ratings(viewer.participant_id)
    return state
