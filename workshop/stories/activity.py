"""Stories as an activity on the contract (see workshop/activities.py)."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from ..activities import ANONYMOUS, Activity

STORIES = Activity(key="stories", name=_l("Stories"), settings={"anonymous": ANONYMOUS})
