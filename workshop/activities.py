"""The registry of activities: a plain list, read by the frame (lobby, steps, closed).

An activity is one kind of step in a workshop's plan: stories, practices, voting,
results. Each is declared in its own package's ``activity.py`` and listed here; the
frame knows only what the contract below says, never what an activity means.
Adding one: write its package and its ``activity.py``, then add it to ACTIVITIES.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .workshops.models import Workshop
    from .workshops.services import Viewer
    from .writes import Unit


def _nothing(_unit: Unit) -> None:
    return None


def _opens_nothing(_workshop: Workshop, _viewer: Viewer | None) -> dict[str, Any]:
    return {}


@dataclass(frozen=True)
class Activity:
    """What the frame may ask of an activity."""

    #: Stored in the workshop's phase while a step runs it; the client's screens key on it.
    key: str
    #: Its name in the flow, for the control page and the editor (a lazy gettext string).
    name: Any
    #: Entering its step (forward or back): open what it builds on, fix its rules. Runs
    #: inside the move's unit of work, after the frame moved.
    enter: Callable[[Unit], None] = _nothing
    #: Leaving its step, inside the same unit, before the frame moves.
    leave: Callable[[Unit], None] = _nothing
    #: What entering opens to a viewer (None: the public), sent with phase_changed so
    #: no screen needs a snapshot for it.
    opened: Callable[[Workshop, Viewer | None], dict[str, Any]] = _opens_nothing
    #: What the screens keep of it once the workshop closes (the room's decisions).
    kept: Callable[[Workshop, Viewer | None], dict[str, Any]] = _opens_nothing
    #: Named aggregates it sends on the tick: name -> handler(workshop_id).
    aggregates: dict[str, Callable[[int], None]] = field(default_factory=dict)


def _registry() -> tuple[Activity, ...]:
    # Imported here, not at the top: activities import the frame (workshops, writes).
    from .practices import activity as practices
    from .stories import activity as stories

    return (stories.STORIES, practices.PRACTICES, practices.VOTING, practices.RESULTS)


_ACTIVITIES: dict[str, Activity] = {}


def activities() -> tuple[Activity, ...]:
    """Return every registered activity, in the order an editor offers them."""
    if not _ACTIVITIES:
        _ACTIVITIES.update((activity.key, activity) for activity in _registry())
    return tuple(_ACTIVITIES.values())


def get(key: str) -> Activity:
    """Return the activity with this key; raise KeyError for an unknown one."""
    activities()
    return _ACTIVITIES[key]


def is_known(key: object) -> bool:
    return isinstance(key, str) and key in {a.key for a in activities()}
