"""The phase timer: start, pause, add time, stop; and the lock when time is up.

The end is stored, not counted down: a server restart or a reload finds the same
moment. Screens count down themselves from ``ends_at`` and ``server_now``.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from flask_babel import lazy_gettext as _l

from .. import realtime, writes
from ..errors import Conflict, ValidationFailed
from ..text import whole_number
from ..timeutil import isoformat, utcnow
from .models import Workshop

ACTIONS = ("start", "pause", "add", "stop")
#: Six hours: a day's workshop, not a typo's.
SECONDS_MAX = 6 * 60 * 60
DEFAULT_MINUTES = 10
ADD_SECONDS = 60


class TimeIsUp(Conflict):
    code = "time_up"
    message = _l("Time is up for this phase: the facilitator has closed submissions.")


def _seconds(value: object) -> int | None:
    return None if value is None else whole_number(value, field="seconds", maximum=SECONDS_MAX)


def planned_seconds(workshop: Workshop) -> int:
    """Return the current step's (or the lobby's) suggested length from the plan (ten
    minutes without one)."""
    lobby = (workshop.plan or {}).get("lobby")
    here = workshop.step if workshop.step_index is not None else lobby
    minutes = (here or {}).get("minutes") or DEFAULT_MINUTES
    return int(minutes) * 60


def change_timer(
    facilitator_id: int, workshop_id: int, action: object, seconds: object = None
) -> Workshop:
    """Start (or resume), pause, add time to, or stop the current phase's timer; publish it."""
    if action not in ACTIONS:
        raise ValidationFailed(fields={"action": _l("Choose start, pause, add or stop.")})
    amount = _seconds(seconds)
    with writes.change(workshop_id, facilitator_id=facilitator_id) as unit:
        workshop = unit.workshop
        now = utcnow()
        if action == "start":
            workshop.start_timer(now, amount or planned_seconds(workshop))
        elif action == "pause":
            workshop.pause_timer(now)
        elif action == "add":
            workshop.add_to_timer(now, amount or ADD_SECONDS)
        else:
            workshop.stop_timer()
        unit.publish(realtime.TIMER_CHANGED, public=lambda: timer_json(workshop))
    return workshop


def timer_json(workshop: Workshop, now: datetime | None = None) -> dict[str, Any]:
    """Return the timer as screens draw it: they count down from ends_at, corrected by
    the difference between their clock and server_now."""
    now = now or utcnow()
    state = workshop.timer_state(now)
    is_stopped = state == "stopped"
    # Any state but "stopped" has a phase, "running" and "ended" an end: the None
    # checks only tell mypy so.
    phase, ends_at = workshop.timer_phase, workshop.timer_ends_at
    return {
        "state": state,
        "phase": None if is_stopped else phase,
        "ends_at": isoformat(ends_at) if state in ("running", "ended") and ends_at else None,
        "seconds_left": workshop.seconds_left(now),
        "total_seconds": None if is_stopped else workshop.timer_total_seconds,
        "planned_seconds": planned_seconds(workshop),
        "locks_at_time_up": workshop.locks_at_time_up,
        "is_locked": state == "ended" and workshop.locks_at_time_up,
        "server_now": isoformat(now),
    }


def ensure_time_left(workshop: Workshop) -> None:
    """Refuse a participant's submission when the phase's time is up and it locks."""
    if workshop.locks_at_time_up and workshop.timer_state(utcnow()) == "ended":
        raise TimeIsUp()
