"""Pages about the service itself: the accessibility statement."""

from __future__ import annotations

from flask import Blueprint, render_template, request

from .config import LANGUAGES
from .i18n import default_locale

bp = Blueprint("pages", __name__)


@bp.get("/accessibility")
def accessibility():
    """The accessibility statement, in the language of the page that linked to it."""
    if (language := request.args.get("lang")) in LANGUAGES:
        default_locale(language)  # a language the person chose still wins
    return render_template("pages/accessibility.html")
