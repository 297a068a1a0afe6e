"""Facilitator accounts, API tokens and first-start setup."""

from __future__ import annotations

import re
from typing import cast

from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy import delete, func, select, update
from sqlalchemy.exc import IntegrityError
from werkzeug.security import check_password_hash, generate_password_hash

from .. import throttle
from ..database import begin_write
from ..errors import Forbidden, NotFound, RateLimited, Unauthorized, ValidationFailed
from ..extensions import db
from ..text import single_line
from ..timeutil import utcnow
from ..tokens import digest, new_token
from ..validation import ascii_number
from .models import ApiToken, Facilitator, SetupToken

PASSWORD_MIN = 10
PASSWORD_MAX = 200
API_TOKEN_PREFIX = "tmj_"
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
# Checked against when the email is unknown, so both paths take a KDF's time.
_DUMMY_HASH = generate_password_hash("not a real password")


def _hashed(password: str) -> str:
    return generate_password_hash(password, method=current_app.config["PASSWORD_HASH_METHOD"])


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
    facilitator = Facilitator(
        email=email,
        password_hash=_hashed(password),
        # The first account runs the server: it creates the others.
        is_admin=needs_setup(),
    )
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
    facilitator.password_hash = _hashed(cast(str, password))  # checked above
    facilitator.session_epoch += 1  # whoever signed in with the old one is signed out
    db.session.commit()


def change_password(facilitator_id: int, current: object, new: object) -> Facilitator:
    """Give a signed-in facilitator a new password, once they give the one they have.

    Every session made before ends (the caller starts a new one for the browser that
    asked). Wrong current passwords count like wrong sign-ins, for this account alone.
    """
    facilitator = db.session.get(Facilitator, facilitator_id)
    if facilitator is None:
        raise NotFound()
    count = (throttle.SIGN_IN_PER_ACCOUNT_AND_CLIENT, facilitator.email, "change-password")
    if throttle.is_over(*count):
        raise RateLimited()
    if not isinstance(current, str) or not check_password_hash(facilitator.password_hash, current):
        throttle.failed(*count)
        raise ValidationFailed(fields={"current_password": _l("The password is not right.")})
    if problem := _password_problem(new):
        raise ValidationFailed(fields={"new_password": problem})
    set_password(facilitator_id, new)
    throttle.forget(*count)
    return facilitator


def authenticate(
    email: object,
    password: object,
    *,
    address: str = "",
    device_of: int | None = None,
    device: str = "",
) -> Facilitator | None:
    """Return the facilitator with these credentials, or None.

    Raise RateLimited while this client has used up its failures. A browser the account
    has signed in on before (``device_of`` is the account its device cookie names, and
    ``device`` that cookie's id) has its own allowance for that account, so nobody else's
    failures, from any address, can lock the owner out of it. Other clients count against
    the account and their address together, against their address for every email
    (one password tried across many emails), and against the account from everywhere.
    """
    account = email.strip().lower() if isinstance(email, str) else ""
    facilitator = db.session.scalar(select(Facilitator).where(Facilitator.email == account))
    counts: list[tuple[str, ...]]
    if facilitator is not None and device and device_of == facilitator.id:
        counts = [(throttle.SIGN_IN_PER_ACCOUNT_AND_CLIENT, account, "device:" + device)]
    else:
        counts = [
            (throttle.SIGN_IN_PER_ACCOUNT_AND_CLIENT, account, "address:" + address),
            (throttle.SIGN_IN_PER_ADDRESS, address),
            (throttle.SIGN_IN_PER_ACCOUNT, account),
        ]
    if any(throttle.is_over(*count) for count in counts):
        raise RateLimited()
    if facilitator is None or not isinstance(password, str):
        check_password_hash(_DUMMY_HASH, "x")
        facilitator = None
    elif not check_password_hash(facilitator.password_hash, password):
        facilitator = None
    if facilitator is None:
        for count in counts:
            throttle.failed(*count)
        return None
    throttle.forget(*counts[0])
    return facilitator


def end_sessions(facilitator_id: int) -> None:
    """End every session of the account, on every browser (sign-out)."""
    raised = Facilitator.session_epoch + 1  # in SQL: two sign-outs at once both count
    db.session.execute(
        update(Facilitator).where(Facilitator.id == facilitator_id).values(session_epoch=raised)
    )
    db.session.commit()


def facilitator_for_session(user_id: str) -> Facilitator | None:
    """Return the facilitator a session names ("id.epoch"), if that session has not ended."""
    account_text, _dot, epoch_text = user_id.partition(".")
    account, epoch = ascii_number(account_text), ascii_number(epoch_text)
    if account is None or epoch is None:
        return None  # also a session from before epochs: it signs in again
    facilitator = get_facilitator(account)
    if facilitator is None or facilitator.session_epoch != epoch:
        return None
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


def visible_facilitators(facilitator_id: int) -> list[Facilitator]:
    """Return the accounts this facilitator may see, oldest first.

    An administrator sees every one; anyone else, themselves and the people they work
    with: who runs a workshop with them, and the owners of the shared templates.
    """
    me = db.session.get(Facilitator, facilitator_id)
    if me is None:
        return []
    if me.is_admin:
        return all_facilitators()
    from ..designs.models import Template
    from ..workshops.models import Workshop, WorkshopFacilitator

    mine = (
        select(Workshop.id)
        .where(Workshop.owner_id == facilitator_id)
        .union(
            select(WorkshopFacilitator.workshop_id).where(
                WorkshopFacilitator.facilitator_id == facilitator_id
            )
        )
    )
    people = (
        select(Workshop.owner_id)
        .where(Workshop.id.in_(mine))
        .union(
            select(WorkshopFacilitator.facilitator_id).where(
                WorkshopFacilitator.workshop_id.in_(mine)
            ),
            select(Template.owner_id).where(Template.is_shared.is_(True)),
        )
    )
    query = select(Facilitator).where(
        (Facilitator.id == facilitator_id) | Facilitator.id.in_(people)
    )
    return list(db.session.scalars(query.order_by(Facilitator.id)))


def _administrator(facilitator_id: int) -> Facilitator:
    actor = db.session.get(Facilitator, facilitator_id)
    if actor is None or not actor.is_admin:
        raise Forbidden(_l("Only an administrator can do that."))
    return actor


def create_facilitator_as(actor_id: int, email: object, password: object) -> Facilitator:
    """Create an account on an administrator's behalf; raise Forbidden for anyone else."""
    _administrator(actor_id)
    return create_facilitator(email, password)


def set_admin(actor_id: int | None, facilitator_id: int, is_admin: bool) -> Facilitator:
    """Name an administrator, or take the role back (an administrator only; ``actor_id``
    None is the server's operator, at the command line).

    The last administrator cannot step down: someone must be able to create accounts.
    """
    if actor_id is not None:
        _administrator(actor_id)
    begin_write()
    other = db.session.get(Facilitator, facilitator_id)
    if other is None:
        db.session.rollback()
        raise NotFound()
    if not is_admin and other.is_admin:
        # Locked, so two administrators cannot step each other down at the same moment.
        query = select(Facilitator.id).where(Facilitator.is_admin.is_(True)).with_for_update()
        if len(db.session.scalars(query).all()) <= 1:
            db.session.rollback()
            raise Forbidden(_l("The server needs at least one administrator."))
    other.is_admin = is_admin
    db.session.commit()
    return other


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
