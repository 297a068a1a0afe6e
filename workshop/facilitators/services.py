"""Facilitator accounts, API tokens and first-start setup."""

from __future__ import annotations

import re
from typing import cast

from flask_babel import lazy_gettext as _l
from sqlalchemy import delete, func, select
from sqlalchemy.exc import IntegrityError
from werkzeug.security import check_password_hash, generate_password_hash

from ..database import begin_write
from ..errors import NotFound, Unauthorized, ValidationFailed
from ..extensions import db
from ..text import single_line
from ..throttle import FailureThrottle
from ..timeutil import utcnow
from ..tokens import digest, new_token
from .models import ApiToken, Facilitator, SetupToken

PASSWORD_MIN = 10
PASSWORD_MAX = 200
API_TOKEN_PREFIX = "tmj_"
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
# Checked against when the email is unknown, so both paths take a KDF's time.
_DUMMY_HASH = generate_password_hash("not a real password")
#: Ten wrong passwords for one email from one address, then a pause of up to 5 minutes.
login_throttle = FailureThrottle(limit=10, window=300)


def _password_problem(password: object):
    """Return why a password will not do, or None."""
    if not isinstance(password, str) or not PASSWORD_MIN <= len(password) <= PASSWORD_MAX:
        return _l("Use %(min)d to %(max)d characters.", min=PASSWORD_MIN, max=PASSWORD_MAX)
    return None


def _validated(email: object, password: object) -> tuple[str, str]:
    errors = {}
    address = (single_line(email, field="email", max_length=254, required=False) or "").lower()
    if not _EMAIL.match(address):
        errors["email"] = _l("Enter an email address.")
    if problem := _password_problem(password):
        errors["password"] = problem
    if errors:
        raise ValidationFailed(fields=errors)
    return address, cast(str, password)  # _password_problem checked it is text


def _add_facilitator(email: str, password: str) -> Facilitator:
    if db.session.scalar(select(Facilitator.id).where(Facilitator.email == email)):
        raise ValidationFailed(fields={"email": _l("An account with this email exists.")})
    facilitator = Facilitator(email=email, password_hash=generate_password_hash(password))
    db.session.add(facilitator)
    return facilitator


def create_facilitator(email: object, password: object) -> Facilitator:
    """Create a facilitator account; raise ValidationFailed for a bad or taken email."""
    address, password = _validated(email, password)
    begin_write()
    facilitator = _add_facilitator(address, password)
    try:
        db.session.commit()
    except IntegrityError:  # the same email, created at the same moment elsewhere
        db.session.rollback()
        raise ValidationFailed(fields={"email": _l("An account with this email exists.")}) from None
    return facilitator


def set_password(facilitator_id: int, password: object) -> None:
    """Give a facilitator a new password (the CLI's reset, for a forgotten one)."""
    if problem := _password_problem(password):
        raise ValidationFailed(fields={"password": problem})
    facilitator = db.session.get(Facilitator, facilitator_id)
    if facilitator is None:
        raise NotFound()
    facilitator.password_hash = generate_password_hash(cast(str, password))  # checked above
    db.session.commit()


def authenticate(email: object, password: object, *, client: str = "") -> Facilitator | None:
    """Return the facilitator with these credentials, or None.

    Raise RateLimited after too many failures for this email from this client.
    """
    address = email.strip().lower() if isinstance(email, str) else ""
    key = f"{client}|{address}"
    login_throttle.check(key)
    facilitator = db.session.scalar(select(Facilitator).where(Facilitator.email == address))
    if facilitator is None or not isinstance(password, str):
        check_password_hash(_DUMMY_HASH, "x")
        login_throttle.failed(key)
        return None
    if not check_password_hash(facilitator.password_hash, password):
        login_throttle.failed(key)
        return None
    login_throttle.succeeded(key)
    return facilitator


def get_facilitator(facilitator_id: int) -> Facilitator | None:
    """Return a facilitator by id, or None."""
    return db.session.get(Facilitator, facilitator_id)


def facilitator_by_email(email: str) -> Facilitator | None:
    """Return the facilitator with this email (any case), or None."""
    query = select(Facilitator).where(Facilitator.email == email.strip().lower())
    return db.session.scalar(query)


def all_facilitators() -> list[Facilitator]:
    """Return every facilitator account, oldest first."""
    return list(db.session.scalars(select(Facilitator).order_by(Facilitator.id)))


def mint_api_token(facilitator_id: int, name: object) -> tuple[ApiToken, str]:
    """Create a personal API token; return it and the raw token, which is shown only once."""
    label = single_line(name, field="name", max_length=80) or "API"
    raw = new_token(32, API_TOKEN_PREFIX)
    token = ApiToken(
        facilitator_id=facilitator_id, name=label, token_digest=digest(raw), hint=raw[:10]
    )
    db.session.add(token)
    db.session.commit()
    return token, raw


def api_tokens_of(facilitator_id: int) -> list[ApiToken]:
    """Return a facilitator's tokens, newest first."""
    query = (
        select(ApiToken)
        .where(ApiToken.facilitator_id == facilitator_id)
        .order_by(ApiToken.id.desc())
    )
    return list(db.session.scalars(query))


def revoke_api_token(facilitator_id: int, token_id: int) -> None:
    """Revoke one of the facilitator's own tokens."""
    token = db.session.get(ApiToken, token_id)
    if token is None or token.facilitator_id != facilitator_id:
        raise NotFound()
    if token.revoked_at is None:
        token.revoked_at = utcnow()
        db.session.commit()


def facilitator_for_api_token(raw: str) -> Facilitator:
    """Return the owner of an active API token; raise Unauthorized otherwise."""
    query = select(ApiToken).where(
        ApiToken.token_digest == digest(raw), ApiToken.revoked_at.is_(None)
    )
    token = db.session.scalar(query)
    if token is None:
        raise Unauthorized()
    return token.facilitator


def needs_setup() -> bool:
    """Return True while no facilitator account exists."""
    return not db.session.scalar(select(func.count()).select_from(Facilitator))


def issue_setup_token() -> str:
    """Create a one-time setup token and return it raw (only its digest is stored)."""
    raw = new_token(24)
    db.session.add(SetupToken(token_digest=digest(raw)))
    db.session.commit()
    return raw


def setup_token_is_valid(raw: str) -> bool:
    """Return True if the link can still create the first account."""
    query = select(SetupToken.id).where(SetupToken.token_digest == digest(raw))
    return needs_setup() and db.session.scalar(query) is not None


def complete_setup(raw: str, email: object, password: object) -> Facilitator:
    """Create the first facilitator with a setup token, which is then used up."""
    address, password = _validated(email, password)
    begin_write()
    if not setup_token_is_valid(raw):
        db.session.rollback()
        raise NotFound(_l("This setup link has been used or is not valid."))
    facilitator = _add_facilitator(address, password)
    db.session.execute(delete(SetupToken))
    db.session.commit()
    return facilitator
