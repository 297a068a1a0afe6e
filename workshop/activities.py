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

from flask_babel import lazy_gettext as _l

from . import realtime
from .errors import ValidationFailed

if TYPE_CHECKING:
    from .workshops.models import Workshop
    from .workshops.services import Viewer
    from .writes import Unit


def _nothing(_unit: Unit) -> None:
    return None


def _opens_nothing(_workshop: Workshop, _viewer: Viewer | None) -> dict[str, Any]:
    return {}


@dataclass(frozen=True)
class Aggregate:
    """A whole state that many small writes change (the dots' tally, a cloud's counts):
    sent on the tick as the event ``name``, outside the seq, and part of every snapshot."""

    name: str
    #: The whole state as the control page sees it (None: nothing now).
    facilitators: Callable[[Workshop], dict[str, Any] | None]
    #: What the projector and phones may see of it (None: nothing), from the above.
    public: Callable[[Workshop, Any], dict[str, Any] | None]
    #: Its part of a snapshot; by default {name: the viewer's view}.
    snapshot: Callable[[Workshop, Viewer], dict[str, Any]] | None = None

    def send(self, workshop_id: int) -> None:
        """The ticker's handler: send the current state to each audience."""
        from .extensions import db
        from .workshops.models import Workshop

        workshop = db.session.get(Workshop, workshop_id)
        if workshop is None:
            return
        full = self.facilitators(workshop)
        if full is None:
            return
        realtime.send_unsequenced(
            workshop_id, self.name, public=self.public(workshop, full), facilitators=full
        )

    def state(self, workshop: Workshop, viewer: Viewer) -> dict[str, Any]:
        """Return its part of a snapshot for this viewer."""
        if self.snapshot is not None:
            return self.snapshot(workshop, viewer)
        full = self.facilitators(workshop)
        is_facilitator = viewer.audience is realtime.Audience.FACILITATORS
        return {self.name: full if is_facilitator else self.public(workshop, full)}


def boolean(value: object, name: str) -> bool:
    """A setting's parser for a yes/no setting."""
    if not isinstance(value, bool):
        raise ValidationFailed(fields={name: _l("Must be true or false.")})
    return value


@dataclass(frozen=True)
class Setting:
    """A setting each step of an activity carries (a word cloud's "live", say)."""

    #: Check a value from a design: parse(value, field) returns it clean or raises
    #: ValidationFailed naming the field.
    parse: Callable[[object, str], Any]
    #: The value a step starts with: a value, or (is_worded) a function of the design's
    #: language that returns it (a pulse's statements are said in its language).
    default: Any
    #: What the editor calls it (a lazy gettext string).
    label: Any
    is_worded: bool = False

    def default_in(self, language: str) -> Any:
        """Return the value a step of a design in this language starts with."""
        return self.default(language) if self.is_worded else self.default


#: A step whose writing carries no names, whatever the workshop's own setting (which
#: makes every step anonymous): decided when each row is written (Workshop.writes_anonymously).
ANONYMOUS = Setting(boolean, False, _l("Anonymous: what is written in this step shows no names"))


@dataclass(frozen=True)
class Section:
    """A part of the charter an activity adds: a heading, and a table of two columns."""

    title: str
    columns: tuple[str, str]
    rows: list[tuple[str, str]]


@dataclass(frozen=True)
class Activity:
    """What the frame may ask of an activity. Everything but the key and name is optional."""

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
    #: Named aggregates it sends on the tick.
    aggregates: tuple[Aggregate, ...] = ()
    #: Its part of the snapshot that changes only with the seq (memoised per seq for the
    #: projector and phones: called with a viewer that has no participant).
    snapshot: Callable[[Workshop, Viewer], dict[str, Any]] | None = None
    #: A participant's own part of a snapshot (never memoised): (workshop, participant id).
    mine: Callable[[Workshop, int], dict[str, Any]] | None = None
    #: Its JSON API routes, mounted under /api/v1, and their OpenAPI paths.
    blueprint: Any = None
    #: Its own pages (HTML, at the site's root), if it has any: a pulse's check-in page.
    pages: Any = None
    openapi: dict[str, Any] = field(default_factory=dict)
    #: The per-step settings it understands, by name.
    settings: dict[str, Setting] = field(default_factory=dict)
    #: Its charter section, if it has anything to say.
    charter: Callable[[Workshop], Section | None] | None = None
    #: The plan's steps were set or changed (the steps before; none for a new workshop):
    #: keep its rows per step with their steps. Inside the change's transaction.
    planned: Callable[[Workshop, list[dict[str, Any]]], None] | None = None
    #: Its part of a workshop's export, checked again on import, and written back.
    export: Callable[[Workshop], Any] | None = None
    parse_import: Callable[[Any], Any] | None = None
    write_import: Callable[[Workshop, Any], None] | None = None


def _registry() -> tuple[Activity, ...]:
    # Imported here, not at the top: activities import the frame (workshops, writes).
    from .practices import activity as practices
    from .pulse import activity as pulse
    from .stories import activity as stories
    from .voting import activity as voting
    from .wordcloud import activity as wordcloud

    return (
        pulse.PULSE,
        wordcloud.WORDCLOUD,
        stories.STORIES,
        practices.PRACTICES,
        voting.VOTING,
        voting.RESULTS,
    )


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


def replanned(workshop: Workshop, before: list[dict[str, Any]]) -> None:
    """Tell every activity that the workshop's steps were set or changed."""
    for activity in activities():
        if activity.planned is not None:
            activity.planned(workshop, before)


def is_known(key: object) -> bool:
    return isinstance(key, str) and key in {a.key for a in activities()}
