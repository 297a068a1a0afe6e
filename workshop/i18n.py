"""Language: who sees Finnish and who English."""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import Blueprint, Flask, g, has_request_context, redirect, request, session
from flask_babel import get_locale

from .config import LANGUAGES
from .extensions import babel

bp = Blueprint("i18n", __name__)


def force_locale(language: str) -> None:
    """Show this request in the given language whatever the person chose (the projector)."""
    g.forced_locale = language


def default_locale(language: str) -> None:
    """Use this language unless the person chose one (a phone starts in the workshop's)."""
    g.default_locale = language


def select_locale() -> str:
    """Return the request's language: forced, chosen, the page's default, or the browser's."""
    if not has_request_context():  # the CLI, a background task
        return LANGUAGES[0]
    if forced := g.get("forced_locale"):
        return forced
    if (chosen := session.get("lang")) in LANGUAGES:
        return chosen
    if page_default := g.get("default_locale"):
        return page_default
    return request.accept_languages.best_match(LANGUAGES) or LANGUAGES[0]


def _safe_next(target: str | None) -> str:
    # Only paths on this site: never an open redirect.
    if not target:
        return "/"
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//"):
        return "/"
    return target


@bp.get("/language/<lang>")
def choose_language(lang: str):
    """Remember the person's language and go back to where they were."""
    if lang in LANGUAGES:
        session["lang"] = lang
    return redirect(_safe_next(request.args.get("next")))


def init_app(app: Flask) -> None:
    """Bind Flask-Babel with our locale selector and register the language switch."""
    babel.init_app(app, locale_selector=select_locale)
    app.jinja_env.globals["current_locale"] = lambda: str(get_locale())
    app.register_blueprint(bp)
