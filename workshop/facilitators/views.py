"""Facilitator pages: first-start setup, sign in and out, accounts and API tokens."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, session, url_for
from flask_babel import gettext
from flask_login import current_user, login_required, login_user, logout_user

from ..errors import RateLimited, ValidationFailed
from . import services

bp = Blueprint("facilitators", __name__)


def _fresh_session() -> None:
    # Nothing from before (a planted id) carries over; only the chosen language does.
    language = session.get("lang")
    session.clear()
    if language:
        session["lang"] = language


def _start_session(facilitator) -> None:
    _fresh_session()
    login_user(facilitator)


@bp.route("/setup/<token>", methods=["GET", "POST"])
def setup(token: str):
    """Create the first facilitator account with the one-time link the run command printed."""
    if not services.setup_token_is_valid(token):
        return render_template("facilitators/setup_used.html"), 404
    errors: dict = {}
    if request.method == "POST":
        try:
            facilitator = services.complete_setup(
                token, request.form.get("email"), request.form.get("password")
            )
        except ValidationFailed as error:
            errors = error.fields
        else:
            _start_session(facilitator)
            flash(gettext("Welcome. Your account is ready."), "success")
            return redirect(url_for("workshops.index"))
    status = 422 if errors else 200
    return render_template("facilitators/setup.html", errors=errors, form=request.form), status


@bp.route("/login", methods=["GET", "POST"])
def login():
    """Sign in with email and password."""
    if current_user.is_authenticated:
        return redirect(url_for("workshops.index"))
    error, status = None, 200
    if request.method == "POST":
        try:
            facilitator = services.authenticate(
                request.form.get("email"),
                request.form.get("password"),
                client=request.remote_addr or "",
            )
        except RateLimited as limited:
            error, status = limited.message, limited.status
        else:
            if facilitator is not None:
                _start_session(facilitator)
                return redirect(url_for("workshops.index"))
            error, status = gettext("The email or password is not right."), 401
    return render_template("facilitators/login.html", error=error, form=request.form), status


@bp.post("/logout")
def logout():
    """Sign out and forget the session."""
    logout_user()
    _fresh_session()
    return redirect(url_for("facilitators.login"))


@bp.get("/account")
@login_required
def account():
    """Show API tokens and the other facilitator accounts."""
    return _account_page()


def _account_page(*, new_token: str | None = None, errors: dict | None = None, status: int = 200):
    return render_template(
        "facilitators/account.html",
        tokens=services.api_tokens_of(current_user.id),
        facilitators=services.all_facilitators(),
        new_token=new_token,
        errors=errors or {},
        form=request.form,
    ), status


@bp.post("/account/tokens")
@login_required
def mint_token():
    """Create a personal API token; it is shown once on the page that follows."""
    try:
        _token, raw = services.mint_api_token(current_user.id, request.form.get("name"))
    except ValidationFailed as error:
        return _account_page(errors=error.fields, status=422)
    return _account_page(new_token=raw)


@bp.post("/account/tokens/<int:token_id>/revoke")
@login_required
def revoke_token(token_id: int):
    """Revoke one of the facilitator's own API tokens."""
    services.revoke_api_token(current_user.id, token_id)
    flash(gettext("The token was revoked."), "success")
    return redirect(url_for("facilitators.account"))


@bp.post("/account/facilitators")
@login_required
def create_facilitator():
    """Create another facilitator account."""
    try:
        facilitator = services.create_facilitator(
            request.form.get("email"), request.form.get("password")
        )
    except ValidationFailed as error:
        return _account_page(errors=error.fields, status=422)
    flash(gettext("Account created for %(email)s.", email=facilitator.email), "success")
    return redirect(url_for("facilitators.account"))
