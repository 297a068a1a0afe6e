"""Phone pages: join by code, then the participant's view of the workshop."""

from __future__ import annotations

from flask import Blueprint, current_app, make_response, redirect, render_template, request, url_for

from .. import throttle
from ..errors import DomainError, RateLimited
from ..followups.reading import since_last_time
from ..i18n import default_locale
from ..workshops import services as workshops
from ..workshops.access import participant_cookie_name
from ..workshops.models import CODE_LENGTH
from ..workshops.plan import phase_texts
from . import services

bp = Blueprint("participants", __name__)


def _join_page(
    code: str = "",
    *,
    error: DomainError | None = None,
    status: int = 200,
    is_anonymous: bool = False,
):
    # Where the workshop is known and anonymous, the page asks for no name at all.
    return render_template(
        "participants/join.html",
        code=code,
        display_name=request.form.get("display_name", ""),
        error=error,
        code_length=CODE_LENGTH,
        is_anonymous=is_anonymous,
    ), status


@bp.get("/")
@bp.get("/join")
def join_form():
    """The join form: type the code shown on the screen."""
    return _join_page(request.args.get("code", "")[:20])


@bp.get("/join/<code>")
def join_with_code(code: str):
    """Where the QR code points: the form with the code filled in, or the workshop if joined."""
    try:
        workshop = workshops.open_workshop_by_code(code)
    except DomainError as error:
        error = throttle.counted(error)  # a wrong code is a guess: counted, then refused
        return _join_page(code[:20], error=error, status=error.status)
    default_locale(workshop.language)
    token = request.cookies.get(participant_cookie_name(workshop.code))
    if services.participant_in(workshop.id, token):
        return redirect(url_for("participants.phone", code=workshop.code))
    return _join_page(workshop.code, is_anonymous=workshop.is_anonymous)


@bp.post("/join")
def join():
    """Join a workshop: a new identity in a cookie for this workshop, then its page."""
    code = request.form.get("code", "")
    workshop = None
    try:
        workshop = workshops.open_workshop_by_code(code)
        token = request.cookies.get(participant_cookie_name(workshop.code))
        if services.participant_in(workshop.id, token):
            # Already in: the same identity, not a second seat.
            return redirect(url_for("participants.phone", code=workshop.code))
        throttle.spend_seat()  # a new seat: counted against this address
        _participant, token = services.join(code, request.form.get("display_name"))
    except DomainError as error:
        error = throttle.counted(error)  # a correct code is never counted nor refused
        anonymous = workshop is not None and workshop.is_anonymous
        return _join_page(code[:20], error=error, status=error.status, is_anonymous=anonymous)
    response = make_response(redirect(url_for("participants.phone", code=workshop.code)))
    response.set_cookie(
        participant_cookie_name(workshop.code),
        token,
        max_age=current_app.config["PARTICIPANT_COOKIE_MAX_AGE"],
        httponly=True,
        samesite="Lax",
        secure=request.is_secure or current_app.config["SESSION_COOKIE_SECURE"],
    )
    return response


@bp.get("/w/<code>")
def phone(code: str):
    """The participant's page: live state of the workshop they joined."""
    try:
        workshop = workshops.workshop_by_code(code)
    except DomainError as error:
        if isinstance(error := throttle.counted(error), RateLimited):
            return _join_page(code[:20], error=error, status=error.status)
        return redirect(url_for("participants.join_form", code=code[:20]))
    default_locale(workshop.language)
    participant = services.participant_in(
        workshop.id, request.cookies.get(participant_cookie_name(workshop.code))
    )
    if participant is None:
        return redirect(url_for("participants.join_with_code", code=workshop.code))
    return render_template(
        "participants/phone.html",
        workshop=workshop,
        phase_texts=phase_texts,
        participant=participant,
        participant_count=workshops.participant_count(workshop.id),
        since=since_last_time(workshop),
    )
