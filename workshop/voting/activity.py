"""Voting and results as activities on the contract (see workshop/activities.py).

Each step opens what it builds on: voting needs every practice on the wall (or, voting on
the stories, the story wall), and the results are the votes' reveal.
"""

from __future__ import annotations

from typing import Any

from flask_babel import gettext
from flask_babel import lazy_gettext as _l

from ..activities import ANONYMOUS, Activity, Aggregate, Section, Setting, boolean
from ..practices.activity import opened_by_practices
from ..practices.reading import practices_json
from ..realtime import Audience
from ..timeutil import utcnow
from ..workshops import state
from ..workshops.models import Phase, Workshop
from ..workshops.services import Viewer
from ..writes import Unit
from . import dots, results, rounds, targets


def _enter_voting(unit: Unit) -> None:
    # Voting opens what its dots go on: the practices, or the stories.
    workshop = unit.workshop
    if targets.target_of(workshop) == targets.STORIES:
        workshop.stories_revealed_at = workshop.stories_revealed_at or utcnow()
    else:
        workshop.practices_revealed_at = workshop.practices_revealed_at or utcnow()
    rounds.open_round(workshop)
    dots.fix_budget(workshop)
    unit.mark()


def _leave_voting(unit: Unit) -> None:
    rounds.close_round(unit.workshop)


def _opened_by_voting(workshop: Workshop, viewer: Viewer | None) -> dict[str, Any]:
    if targets.target_of(workshop) == targets.STORIES:
        return opened_by_practices(workshop, viewer)
    return {"practices": practices_json(workshop, viewer)}


def _enter_results(unit: Unit) -> None:
    rounds.reveal(unit.workshop)
    unit.mark()


def _opened_by_results(workshop: Workshop, viewer: Viewer | None) -> dict[str, Any]:
    return {"results": results.results_json(workshop, viewer)}


def _charter_of_voting(workshop: Workshop) -> Section | None:
    """Where the room voted on the stories: the stories by dots (the practices, when it
    voted on them, are the charter's own ranking)."""
    if targets.target_of(workshop) != targets.STORIES:
        return None
    reader = Viewer(workshop.id, Audience.FACILITATORS)
    ranked = results.ranking(workshop, reader)
    if not any(row["dots"] for row in ranked):
        return None
    rows = [(row["story"]["title"], str(row["dots"])) for row in ranked]
    return Section(gettext("Stories by dots"), (gettext("Story"), gettext("Dots")), rows)


def _kept_results(workshop: Workshop, viewer: Viewer | None) -> dict[str, Any]:
    # The phones hold on to what was decided, where the room has seen it.
    if viewer is None and not rounds.tally_is_public(workshop):
        return {}
    return {"results": results.results_json(workshop, viewer)}


VOTING = Activity(
    key=Phase.VOTING.value,
    name=_l("Voting"),
    enter=_enter_voting,
    leave=_leave_voting,
    planned=rounds.replan,
    export=rounds.export,
    parse_import=rounds.parse_import,
    write_import=rounds.write_import,
    opened=_opened_by_voting,
    kept=_kept_results,
    settings={
        "on_stories": Setting(boolean, False, _l("Vote on the stories (no practices)")),
        "anonymous": ANONYMOUS,
    },
    charter=_charter_of_voting,
    aggregates=(
        Aggregate(
            name="tally",
            facilitators=results.tally,
            public=results.public_tally,
            snapshot=state.tally_state,
        ),
    ),
)
RESULTS = Activity(
    key=Phase.RESULTS.value,
    name=_l("Results"),
    enter=_enter_results,
    opened=_opened_by_results,
    kept=_kept_results,
)
