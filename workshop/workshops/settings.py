"""A workshop's settings: what a facilitator switches on and off, and the numbers they set."""

from __future__ import annotations

from typing import Any

from flask_babel import lazy_gettext as _l

from .. import realtime, writes
from ..errors import ValidationFailed
from ..realtime import Audience
from ..text import whole_number
from . import models
from .models import Phase, Workshop
from .plan import plan_json

#: What a facilitator may switch on and off, and the numbers they may set.
SWITCHES: tuple[str, ...] = ("private_writing", "is_anonymous", "is_locked")
SWITCHES += ("are_examples_shown", "is_qr_shown", "locks_at_time_up")
NUMBERS = {"stories_per_participant": models.STORIES_PER_PARTICIPANT_MAX}
SETTINGS = (*SWITCHES, *NUMBERS)


def change_settings(facilitator_id: int, workshop_id: int, changes: dict[str, Any]) -> Workshop:
    """Switch settings (private writing, anonymity, room lock, examples, QR, lock at time
    up) or set the stories' cap; every screen gets them.

    Turning private writing back on hides the stories again until the next reveal.
    """
    errors: dict[str, Any] = {}
    for name, value in changes.items():
        if name in NUMBERS:
            try:
                whole_number(value, field=name, maximum=NUMBERS[name])
            except ValidationFailed as error:
                errors |= error.fields
        elif name not in SETTINGS:
            errors[name] = _l("Unknown setting.")
        elif not isinstance(value, bool):
            errors[name] = _l("Must be true or false.")
    if errors:
        raise ValidationFailed(fields=errors)
    with writes.change(workshop_id, facilitator_id=facilitator_id, open_only=False) as unit:
        workshop = unit.workshop
        if changes.get("private_writing") and not workshop.private_writing:
            # Only what the flow has not yet built on: practices are made from the
            # wall, and voting needs every practice.
            if workshop.phase in (Phase.LOBBY, Phase.STORIES):
                workshop.stories_revealed_at = None
            if workshop.phase in (Phase.LOBBY, Phase.STORIES, Phase.PRACTICES):
                workshop.practices_revealed_at = None
        for name, value in changes.items():
            setattr(workshop, name, value)
        # The plan rides along: showing the examples sends them.
        unit.publish(
            realtime.SETTINGS_CHANGED,
            public=lambda: {
                **settings_json(workshop),
                "plan": plan_json(workshop, Audience.PROJECTOR),
            },
            facilitators=lambda: {
                **settings_json(workshop),
                "plan": plan_json(workshop, Audience.FACILITATORS),
            },
        )
    return workshop


def settings_json(workshop: Workshop) -> dict[str, Any]:
    """Return the settings every screen may know."""
    return {
        "private_writing": workshop.private_writing,
        "stories_revealed": workshop.stories_revealed_at is not None,
        "practices_revealed": workshop.practices_revealed_at is not None,
        "is_anonymous": workshop.is_anonymous,
        "is_locked": workshop.is_locked,
        "are_examples_shown": workshop.are_examples_shown,
        "is_qr_shown": workshop.is_qr_shown,
        "locks_at_time_up": workshop.locks_at_time_up,
        "stories_per_participant": workshop.stories_per_participant,
    }
