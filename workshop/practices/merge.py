"""Merging duplicate practices: one practice keeps the links, authors, dots and ratings."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from .. import realtime, writes
from ..errors import NotFound, ValidationFailed
from ..extensions import db
from ..posting import spotlight as spotlights
from ..voting.dots import return_excess
from ..voting.models import Rating, Vote
from .commitments import renumber_commitments
from .models import Practice, PracticeAuthor
from .posting import carry_reactions
from .services import publish_all


def _carry_authors(source_id: int, target_id: int) -> None:
    """Give the one that stays the merged one's authors, each with the anonymity of
    their authorship (anonymous in either stays anonymous)."""
    query = select(PracticeAuthor).where(PracticeAuthor.practice_id.in_([source_id, target_id]))
    rows = list(db.session.scalars(query))
    kept = {a.participant_id: a for a in rows if a.practice_id == target_id}
    for author in (a for a in rows if a.practice_id == source_id):
        if author.participant_id in kept:
            kept[author.participant_id].is_anonymous |= author.is_anonymous
        else:
            db.session.add(
                PracticeAuthor(
                    practice_id=target_id,
                    participant_id=author.participant_id,
                    is_anonymous=author.is_anonymous,
                )
            )


def merge(facilitator_id: int, practice_id: int, into: object) -> Practice:
    """Merge a practice into another (facilitator); return the one that stays.

    The one that stays gets the union of the linked stories and of the authors,
    and the merged one's dots and ratings (where someone rated both, their rating
    of the one that stays counts). Dots that now break the per-practice cap, or
    self-voting where it is off, go back to their owners, and they are told.
    """
    if isinstance(into, bool) or not isinstance(into, int) or into == practice_id:
        raise ValidationFailed(fields={"into": _l("Choose another practice to merge into.")})
    source = db.session.get(Practice, practice_id)
    if source is None:
        raise NotFound()
    with writes.change(source.workshop_id, facilitator_id=facilitator_id) as unit:
        workshop = unit.workshop
        source, target = db.session.get(Practice, practice_id), db.session.get(Practice, into)
        if (
            target is None
            or target.workshop_id != workshop.id
            or source is None
            or source.is_merged
            or target.is_merged
            or target.is_hidden
        ):
            raise ValidationFailed(fields={"into": _l("Choose another practice to merge into.")})
        target.stories = list({s.id: s for s in [*target.stories, *source.stories]}.values())
        _carry_authors(source.id, target.id)
        carry_reactions(source.id, target.id)
        query = select(Vote).where(Vote.practice_id == source.id)
        for vote in db.session.scalars(query):
            vote.practice_id = target.id
        rated_target = set(
            db.session.scalars(select(Rating.participant_id).where(Rating.practice_id == target.id))
        )
        for rating in db.session.scalars(select(Rating).where(Rating.practice_id == source.id)):
            if rating.participant_id in rated_target:
                db.session.delete(rating)
            else:
                rating.practice_id = target.id
        source.merged_into_id = target.id
        if source.is_commitment:
            source.commitment_position = None
            renumber_commitments(workshop.id)
        returned = return_excess(workshop, reason="merge")
        merged = {"merged": source.id, "into": target.id}
        publish_all(unit, realtime.PRACTICES_MERGED, merged)
        spotlights.leaves(unit, spotlights.PRACTICE, source.id)
        returned.queue(unit)
        unit.mark()
    return target
