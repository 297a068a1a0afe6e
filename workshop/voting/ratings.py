"""Ratings: each person's customer agency and ease (1–5 each) for each practice,
changeable while voting is open; written under the same lock as dots."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from .. import writes
from ..errors import ValidationFailed
from ..extensions import db
from ..workshops import timer
from ..workshops.models import Phase
from . import targets
from .dots import VotingClosed
from .models import Rating


def _score(value: object, name: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 5:
        raise ValidationFailed(fields={name: _l("Choose a number from 1 to 5.")})
    return value


def rate(participant_id: int, practice_id: object, data: Mapping[str, Any]) -> dict[str, Any]:
    """Rate a practice for customer agency and ease (1–5 each); rate again to change it.

    An id that is not a practice of this workshop is a ValidationFailed naming it.
    """
    errors: dict[str, Any] = {}
    scores: dict[str, int] = {}
    for name in ("agency", "ease"):
        try:
            scores[name] = _score(data.get(name), name)
        except ValidationFailed as error:
            errors.update(error.fields)
    if errors:
        raise ValidationFailed(fields=errors)
    with writes.ballot(participant_id) as (unit, _participant):
        workshop = unit.workshop
        if workshop.phase != Phase.VOTING:
            raise VotingClosed()
        timer.ensure_time_left(workshop)
        practice_id = targets.votable(
            workshop, participant_id, targets.PRACTICES, practice_id, own_ok=True
        )
        query = select(Rating).where(
            Rating.participant_id == participant_id, Rating.practice_id == practice_id
        )
        rating = db.session.scalar(query)
        if rating is None:
            rating = Rating(participant_id=participant_id, practice_id=practice_id)
            db.session.add(rating)
        rating.agency, rating.ease = scores["agency"], scores["ease"]
        # Changed while anonymous, anonymous for good: the earlier named score is gone.
        rating.is_anonymous = bool(rating.is_anonymous) or workshop.writes_anonymously
        unit.mark()
    return {"practice_id": practice_id, **scores}


def my_ratings(participant_id: int) -> dict[int, dict[str, int]]:
    """Return a participant's ratings, by practice."""
    query = select(Rating.practice_id, Rating.agency, Rating.ease).where(
        Rating.participant_id == participant_id
    )
    return {pid: {"agency": a, "ease": e} for pid, a, e in db.session.execute(query)}
