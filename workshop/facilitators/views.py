"""Facilitator pages: first-start setup, sign in and out, accounts and API tokens."""

from __future__ import annotations

from flask import (
    Blueprint,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_babel import gettext
from flask_login import current_user, login_required, login_user, logout_user
from itsdangerous import BadSignature, URLSafeSerializer

from .. import throttle
from ..errors import RateLimited, ValidationFailed
from ..tokens import new_token
from . import services

bp = Blueprint("facilitators", __name__)

#: Names the account a browser has signed in on, so its failures count apart (see
#: services.authenticate). Not a credential: it opens nothing by itself.
DEVICE_COOKIE = "toimija_device"
DEVICE_COOKIE_MAX_AGE = 365 * 24 * 3600


def _device_signer() -> URLSafeSerializer:
    return URLSafeSerializer(current_app.config["SECRET_KEY"], salt="sign-in-device")


def _device() -> tuple[int | None, str]:
    """Return the account this browser's device cookie names, and the cookie's id."""
    raw = request.cookies.get(DEVICE_COOKIE)
    if not raw:
        return None, ""
    try:
        value = _device_signer().loads(raw)
    except BadSignature:
        return None, ""
    if not isinstance(value, dict):
        return None, ""
    account, device = value.get("account"), value.get("device")
    if not isinstance(account, int) or not isinstance(device, str):
        return None, ""
    return account, device


def _remember_device(response, facilitator_id: int):
    account, device = _device()
    if account != facilitator_id or not device:
        device = new_token(16)
    response.set_cookie(
        DEVICE_COOKIE,
        _device_signer().dumps({"account": facilitator_id, "device": device}),
        max_age=DEVICE_COOKIE_MAX_AGE,
        httponly=True,
        samesite="Lax",
        secure=request.is_secure or current_app.config["SESSION_COOKIE_SECURE"],
    )
    return response


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
            return _remember_device(redirect(url_for("workshops.index")), facilitator.id)
    status = 422 if errors else 200
    return render_template("facilitators/setup.html", errors=errors, form=request.form), status


@bp.route("/login", methods=["GET", "POST"])
def login():
    """Sign in with email and password."""
    if current_user.is_authenticated:
        return redirect(url_for("workshops.index"))
    error, status = None, 200
    if request.method == "POST":
        device_of, device = _device()
        try:
            facilitator = services.authenticate(
                request.form.get("email"),
                request.form.get("password"),
                address=throttle.client_address(),
                device_of=device_of,
                device=device,
            )
        except RateLimited as limited:
            error, status = limited.message, limited.status
        else:
            if facilitator is not None:
                _start_session(facilitator)
                return _remember_device(redirect(url_for("workshops.index")), facilitator.id)
            error, status = gettext("The email or password is not right."), 401
    return render_template("facilitators/login.html", error=error, form=request.form), status


@bp.post("/logout")
def logout():
    """Sign out: end every session of the account (a copied cookie too), forget this one."""
    if current_user.is_authenticated:
        services.end_sessions(current_user.id)
    logout_user()
    _fresh_session()
    return redirect(url_for("facilitators.login"))


@bp.get("/account")
@login_required
def account():
    """Show API tokens and the facilitators this account may see."""
    return _account_page()


def _account_page(*, new_token: str | None = None, errors: dict | None = None, status: int = 200):
    return render_template(
        "facilitators/account.html",
        tokens=services.api_tokens_of(current_user.id),
        facilitators=services.visible_facilitators(current_user.id),
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
    """Create another facilitator account (an administrator only)."""
    try:
        facilitator = services.create_facilitator_as(
            current_user.id, request.form.get("email"), request.form.get("password")
        )
    except ValidationFailed as error:
        return _account_page(errors=error.fields, status=422)
    flash(gettext("Account created for %(email)s.", email=facilitator.email), "success")
    return redirect(url_for("facilitators.account"))


@bp.post("/account/facilitators/<int:facilitator_id>/admin")
@login_required
def set_admin(facilitator_id: int):
    """Name an administrator, or take the role back (an administrator only)."""
    is_admin = request.form.get("is_admin") == "1"
    person = services.set_admin(current_user.id, facilitator_id, is_admin)
    if is_admin:
        flash(gettext("%(email)s is now an administrator.", email=person.email), "success")
    else:
        flash(gettext("%(email)s is no longer an administrator.", email=person.email), "success")
    return redirect(url_for("facilitators.account"))


@bp.post("/account/password")
@login_required
def change_password():
    """Set a new password: every other session of the account ends, this one goes on."""
    try:
        facilitator = services.change_password(
            current_user.id, request.form.get("current_password"), request.form.get("new_password")
        )
    except ValidationFailed as error:
        return _account_page(errors=error.fields, status=422)
    _start_session(facilitator)  # the new epoch: this browser stays signed in
    flash(gettext("Password changed. You were signed out everywhere else."), "success")
    return redirect(url_for("facilitators.account"))
