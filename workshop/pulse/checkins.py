"""The stand-alone pulse link, for a check-in weeks after the workshop: no account, each
phone answers once, anonymously, and its answers are a dated round of the workshop's pulse.

The link is a capability: a random token shown to the facilitator once, stored only as
its digest, compared in constant time, never logged. Making a new link closes the one
before (its answers stay, as a round of their own); revoking closes it. A phone is known
by a random token of its own (the page keeps it in a cookie; an API client sends it):
only its digest is stored, as the answers' voter mark.
"""

from __future__ import annotations

import hmac
import re
from typing import Any

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from .. import throttle, writes
from ..errors import Conflict, NotFound, ValidationFailed
from ..extensions import db
from ..timeutil import utcnow
from ..tokens import digest, new_token
from ..urls import public_url_for
from ..workshops.models import Workshop
from . import services
from .models import PulseAnswer, PulseRound, RoundKind

LINK_PREFIX = "pls_"
#: The page's cookie holding the phone's own token.
PHONE_COOKIE = "toimija_pulse_phone"
_LINK = re.compile(r"^pls_[A-Za-z0-9_-]{20,64}$")
_PHONE = re.compile(r"^[A-Za-z0-9_-]{16,128}$")


class LinkNotFound(NotFound):
    code = "pulse_link_not_found"
    message = _l("This pulse link does not work any more. Ask the facilitator for a new one.")


class AlreadyAnswered(Conflict):
    code = "already_answered"
    message = _l("This phone has already answered this pulse. Thank you!")


def new_phone_token() -> str:
    """Return a fresh random token for a phone that has none."""
    return new_token(24)


def check_in_statements(workshop: Workshop) -> list[str]:
    """Return what a check-in asks: the latest pulse asked in the room, else the plan's
    first pulse step's statements, else the built-in ones in the workshop's language."""
    latest = db.session.scalar(
        select(PulseRound)
        .where(PulseRound.workshop_id == workshop.id, PulseRound.kind == RoundKind.IN_ROOM)
        .order_by(PulseRound.created_at.desc(), PulseRound.id.desc())
        .limit(1)
    )
    if latest is not None:
        return list(latest.statements)
    for index, step in enumerate(workshop.steps):
        if step["activity"] == services.KEY:
            return services.step_statements(workshop, index)
    return services.default_statements(workshop.language)


def _live(workshop_id: int) -> list[PulseRound]:
    query = select(PulseRound).where(
        PulseRound.workshop_id == workshop_id, PulseRound.link_digest.is_not(None)
    )
    return list(db.session.scalars(query))


def _close(found: PulseRound) -> None:
    found.link_digest = None
    found.closed_at = found.closed_at or utcnow()


def link_url(token: str) -> str:
    """Return the check-in page's address for a link's token (in a request)."""
    return public_url_for("pulse_pages.check_in", token=token)


def create_link(facilitator_id: int, workshop_id: int) -> dict[str, Any]:
    """Make a check-in link for the workshop (any earlier one stops taking answers).

    Return the round's id and statements, and the link's token: the only time it is
    known (only its digest is kept).
    """
    token = new_token(24, LINK_PREFIX)
    with writes.change(workshop_id, facilitator_id=facilitator_id, open_only=False) as unit:
        for found in _live(workshop_id):
            _close(found)
        created = PulseRound(
            workshop_id=workshop_id,
            kind=RoundKind.CHECK_IN,
            statements=check_in_statements(unit.workshop),
            link_digest=digest(token),
        )
        db.session.add(created)
        db.session.flush()
        body = {"id": created.id, "statements": created.statements, "token": token}
        unit.mark(services.AGGREGATE)
    return body


def revoke_link(facilitator_id: int, workshop_id: int) -> None:
    """Close the workshop's check-in link: it opens nothing any more, its answers stay."""
    with writes.change(workshop_id, facilitator_id=facilitator_id, open_only=False) as unit:
        for found in _live(workshop_id):
            _close(found)
            unit.mark(services.AGGREGATE)


def round_by_link(token: object) -> PulseRound:
    """Return the check-in round a link opens; raise LinkNotFound (also once revoked)."""
    if not isinstance(token, str) or not _LINK.match(token):
        raise LinkNotFound()
    wanted = digest(token)
    found = db.session.scalar(select(PulseRound).where(PulseRound.link_digest == wanted))
    # The lookup is by digest; the comparison that decides is in constant time.
    if found is None or not hmac.compare_digest(found.link_digest or "", wanted):
        raise LinkNotFound()
    return found


def check_in_json(found: PulseRound) -> dict[str, Any]:
    """What the page (and the API) show of a check-in: the workshop, the statements."""
    workshop = db.session.get(Workshop, found.workshop_id)
    assert workshop is not None  # a round goes with its workshop
    return {
        "title": workshop.title,
        "language": workshop.language,
        "statements": list(found.statements),
    }


def has_phone_shape(phone: object) -> bool:
    """Whether a phone's token looks like one (16 to 128 URL-safe characters)."""
    return isinstance(phone, str) and _PHONE.match(phone) is not None


def _phone_mark(phone: object) -> str:
    if not has_phone_shape(phone):
        raise ValidationFailed(
            fields={"phone": _l("A phone token is 16 to 128 letters, digits, - or _.")}
        )
    assert isinstance(phone, str)
    return digest(phone)


def has_answered(found: PulseRound, phone: object) -> bool:
    """Whether this phone has answered this check-in."""
    if not has_phone_shape(phone):
        return False
    assert isinstance(phone, str)
    query = select(PulseAnswer.id).where(
        PulseAnswer.round_id == found.id, PulseAnswer.voter == digest(phone)
    )
    return db.session.scalar(query.limit(1)) is not None


def parse_ratings(raw: object, count: int) -> list[int]:
    """Return one rating 1–5 per statement; raise ValidationFailed naming each missing one."""
    given = raw if isinstance(raw, list) else []
    errors: dict[str, Any] = {}
    ratings: list[int] = []
    for position in range(count):
        value = given[position] if position < len(given) else None
        if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 5:
            errors[f"ratings.{position}"] = _l("Choose a number from 1 to 5.")
        else:
            ratings.append(value)
    if len(given) > count:
        errors["ratings"] = _l("One rating for each statement.")
    if errors:
        raise ValidationFailed(fields=errors)
    return ratings


def count_new_phone(token: object, phone: object) -> None:
    """Count a phone that has not answered this check-in against its address, as a join
    is (in a request): a script making up phones meets the limit (RateLimited, 429)."""
    found = round_by_link(token)
    if not has_answered(found, phone):
        throttle.spend_seat()


def answer_check_in(token: object, phone: object, raw_ratings: object) -> bool:
    """Take one phone's answers to a check-in, every statement at once; return whether
    they are new. The same answers again change nothing; other answers from the same
    phone are refused (AlreadyAnswered): each phone answers once."""
    found = round_by_link(token)
    voter = _phone_mark(phone)
    ratings = parse_ratings(raw_ratings, len(found.statements))
    wanted = found.link_digest
    with writes.change(found.workshop_id, open_only=False) as unit:
        db.session.refresh(found)
        if found.link_digest != wanted:  # revoked while this was on its way
            raise LinkNotFound()
        query = select(PulseAnswer.position, PulseAnswer.rating).where(
            PulseAnswer.round_id == found.id, PulseAnswer.voter == voter
        )
        before = {position: rating for position, rating in db.session.execute(query)}
        if before:
            if before == dict(enumerate(ratings)):
                return False  # a retry of the same answers
            raise AlreadyAnswered()
        for position, rating in enumerate(ratings):
            db.session.add(
                PulseAnswer(round_id=found.id, voter=voter, position=position, rating=rating)
            )
        unit.mark(services.AGGREGATE)
    return True
