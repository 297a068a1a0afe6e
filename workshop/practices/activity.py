"""Practices as an activity on the contract (see workshop/activities.py): a step of
practices is made from the whole story wall, so entering it reveals the stories. Its
part of every snapshot is the practice in the spotlight; a phone's adds its reactions."""

from __future__ import annotations

from typing import Any

from flask_babel import lazy_gettext as _l

from ..activities import ANONYMOUS, Activity
from ..stories import paging
from ..timeutil import utcnow
from ..workshops.models import Phase, Workshop
from ..workshops.services import Viewer
from ..writes import Unit
from . import posting
from .api import OPENAPI, bp


def _enter_practices(unit: Unit) -> None:
    workshop = unit.workshop
    workshop.stories_revealed_at = workshop.stories_revealed_at or utcnow()


def opened_by_practices(workshop: Workshop, viewer: Viewer | None) -> dict[str, Any]:
    """The story wall, as a viewer may read it (practices and votes on stories build on it)."""
    return paging.window(workshop, viewer)  # the public's: the newest; facilitators': all


def _snapshot(workshop: Workshop, _viewer: Viewer) -> dict[str, Any]:
    return {"practice_spotlight": posting.spotlight_json(workshop)}


def _mine(_workshop: Workshop, participant_id: int) -> dict[str, Any]:
    return {"my_practice_reactions": posting.my_reactions(participant_id)}


PRACTICES = Activity(
    key=Phase.PRACTICES.value,
    name=_l("Practices"),
    enter=_enter_practices,
    opened=opened_by_practices,
    settings={"anonymous": ANONYMOUS},
    snapshot=_snapshot,
    mine=_mine,
    blueprint=bp,
    openapi=OPENAPI,
)
