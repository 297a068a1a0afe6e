"""The agency pulse as an activity on the contract (see workshop/activities.py)."""

from __future__ import annotations

from typing import Any

from flask_babel import lazy_gettext as _l

from ..activities import Activity, Aggregate, Setting
from ..workshops.models import Workshop
from ..workshops.services import Viewer
from . import charter, exchange
from . import services as pulse
from .api import OPENAPI, bp
from .views import pages


def _opened(workshop: Workshop, viewer: Viewer | None) -> dict[str, Any]:
    """Entering the step sends its round (empty, or as the room left it)."""
    full = pulse.pulse_json(workshop)
    return {"pulse": full if viewer is not None else pulse.public_pulse(workshop, full)}


PULSE = Activity(
    key=pulse.KEY,
    name=_l("Agency pulse"),
    enter=pulse.enter,
    leave=pulse.leave,
    planned=pulse.replan,
    aggregates=(
        Aggregate(
            name=pulse.AGGREGATE,
            facilitators=pulse.pulse_json,
            public=pulse.public_pulse,
            snapshot=pulse.pulse_state,
        ),
    ),
    opened=_opened,
    mine=pulse.my_pulse,
    blueprint=bp,
    openapi=OPENAPI,
    pages=pages,
    settings={
        "statements": Setting(
            pulse.parse_statements,
            pulse.default_statements,
            _l("Statements, each rated 1–5 (3 to 5)"),
            is_worded=True,
        ),
    },
    charter=charter.section,
    export=exchange.export,
    parse_import=exchange.parse_import,
    write_import=exchange.write_import,
)
