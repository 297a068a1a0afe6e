"""The check-in page, opened by a pulse link: no account, no script, one form.

It speaks the workshop's language unless the person switches (``?lang=``, kept in the
form, so the token never lands in another address's query). A phone gets its own random
token in a cookie on its first visit; its answers are kept under that token's digest.
"""

from __future__ import annotations

from typing import Any

from flask import Blueprint, current_app, make_response, redirect, render_template, request, url_for

from ..config import LANGUAGES
from ..errors import ValidationFailed
from ..i18n import default_locale, force_locale
from . import checkins
from .checkins import PHONE_COOKIE, AlreadyAnswered
from .models import PulseRound

pages = Blueprint("pulse_pages", __name__)

#: A year: the phone stays the same phone for every check-in of the team.
PHONE_COOKIE_MAX_AGE = 365 * 24 * 3600


def _language(found: PulseRound) -> str | None:
    """Speak the workshop's language, or the one chosen on this page; return the choice."""
    data = checkins.check_in_json(found)
    default_locale(data["language"])
    chosen = request.values.get("lang")
    if chosen in LANGUAGES:
        force_locale(chosen)
        return chosen
    return None


def _page(found: PulseRound, token: str, lang: str | None, **context: Any):
    data = checkins.check_in_json(found)
    return render_template(
        "pulse/check_in.html",
        check_in=data,
        token=token,
        lang=lang,
        scale=range(1, 6),
        **context,
    )


def _with_phone(response, phone: str, is_new: bool):
    response.headers["X-Robots-Tag"] = "noindex"
    if is_new:
        response.set_cookie(
            PHONE_COOKIE,
            phone,
            max_age=PHONE_COOKIE_MAX_AGE,
            path="/pulse/",
            httponly=True,
            samesite="Lax",
            secure=request.is_secure or current_app.config["SESSION_COOKIE_SECURE"],
        )
    return response


def _phone() -> tuple[str, bool]:
    held = request.cookies.get(PHONE_COOKIE)
    if held and checkins.has_phone_shape(held):
        return held, False
    return checkins.new_phone_token(), True


@pages.get("/pulse/<token>")
def check_in(token: str):
    """The check-in's form, or its thanks once this phone has answered."""
    found = checkins.round_by_link(token)
    lang = _language(found)
    phone, is_new = _phone()
    answered = not is_new and checkins.has_answered(found, phone)
    page = _page(found, token, lang, answered=answered, chosen={}, errors={})
    return _with_phone(make_response(page), phone, is_new)


@pages.post("/pulse/<token>")
def answer(token: str):
    """Take this phone's answers, then show the thanks (a reload sends nothing again)."""
    found = checkins.round_by_link(token)
    lang = _language(found)
    phone, is_new = _phone()
    raw = [_number(request.form.get(f"s{i}")) for i in range(len(found.statements))]
    try:
        checkins.count_new_phone(token, phone)
        checkins.answer_check_in(token, phone, raw)
    except AlreadyAnswered:
        pass  # answered before: the thanks say so
    except ValidationFailed as error:
        chosen = {i: value for i, value in enumerate(raw) if value is not None}
        page = _page(found, token, lang, answered=False, chosen=chosen, errors=error.fields)
        return _with_phone(make_response(page, 422), phone, is_new)
    target = url_for("pulse_pages.check_in", token=token, lang=lang)  # None: left out
    return _with_phone(redirect(target, 303), phone, is_new)


def _number(value: str | None) -> int | None:
    return int(value) if value in {"1", "2", "3", "4", "5"} else None
