"""Practices as each audience may read them: who may read which, the JSON of one and of
the wall, the authors' names (only where names are shown), and the counts."""

from __future__ import annotations

from typing import Any, cast

from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from ..extensions import db
from ..participants.models import Participant
from ..posting import reading
from ..posting.reactions import Reactions
from ..realtime import Audience
from ..stories import services as stories
from ..timeutil import isoformat
from ..workshops import services as workshops
from ..workshops.models import Workshop
from ..workshops.services import Viewer
from .models import Practice, PracticeAuthor, PracticeReaction

#: Reactions to practices, in their own table (the posting core toggles and counts them).
REACTIONS = Reactions(PracticeReaction, "practice", "practices", Practice)


def author_ids(practice_id: int) -> set[int]:
    """Return the participants who wrote a practice."""
    query = select(PracticeAuthor.participant_id).where(PracticeAuthor.practice_id == practice_id)
    return set(db.session.scalars(query))


def author_names(workshop: Workshop, practice_ids: list[int]) -> dict[int, list[str]]:
    """Return the names shown beside each practice: only of authorships not written
    anonymously, and none while the workshop is anonymous."""
    names: dict[int, list[str]] = {practice_id: [] for practice_id in practice_ids}
    if practice_ids and workshops.shows_name(workshop):
        query = (
            select(PracticeAuthor.practice_id, Participant.display_name)
            .join(Participant, Participant.id == PracticeAuthor.participant_id)
            .where(
                PracticeAuthor.practice_id.in_(practice_ids),
                PracticeAuthor.is_anonymous.is_(False),
                Participant.display_name.is_not(None),
            )
            .order_by(Participant.id)
        )
        for practice_id, name in db.session.execute(query):
            names[practice_id].append(cast(str, name))  # the query leaves out None
    return names


def can_read(practice: Practice, workshop: Workshop, viewer: Viewer | None) -> bool:
    """Whether a viewer (None: the public, as the projector) may read a practice now."""
    if practice.is_merged:
        return False
    return reading.can_read(
        viewer,
        is_hidden=practice.is_hidden,
        # A facilitator put it on the wall, or the wall is open.
        is_public=practice.participant_id is None or workshop.practices_are_public,
        is_own=lambda: (
            viewer is not None and viewer.participant_id in {a.id for a in practice.authors}
        ),
    )


def visible_practices(workshop: Workshop, viewer: Viewer | None) -> list[Practice]:
    """Return the practices of a workshop that a viewer may read, oldest first."""
    query = (
        select(Practice)
        .where(Practice.workshop_id == workshop.id, Practice.merged_into_id.is_(None))
        .options(selectinload(Practice.stories), selectinload(Practice.authors))
        .order_by(Practice.id)
    )
    return [p for p in db.session.scalars(query) if can_read(p, workshop, viewer)]


def active_practice_count(workshop_id: int) -> int:
    """Return how many practices are on the wall (not hidden, not merged away)."""
    query = select(func.count()).where(
        Practice.workshop_id == workshop_id,
        Practice.hidden_at.is_(None),
        Practice.merged_into_id.is_(None),
    )
    return db.session.scalar(query) or 0


def practice_json(
    practice: Practice,
    workshop: Workshop,
    *,
    for_facilitators: bool = False,
    names: dict[int, list[str]] | None = None,
    reactions: dict[str, int] | None = None,
) -> dict[str, Any]:
    """Return a practice as clients see it, with the trace of the stories it comes from.

    The trace names only stories the viewer may read; names of authors only where
    names are shown (``names``: from author_names, when the caller has them in bulk;
    ``reactions``: its counts, likewise).
    """
    if names is None:
        names = author_names(workshop, [practice.id])
    if reactions is None:
        reactions = REACTIONS.counts([practice.id])[practice.id]
    reader = Viewer(workshop.id, Audience.FACILITATORS) if for_facilitators else None
    traced = [s for s in practice.stories if stories.can_read(s, workshop, reader)]
    body = {
        "id": practice.id,
        "title": practice.title,
        "description": practice.description,
        "description_html": practice.description_html,
        "story_ids": [s.id for s in traced],
        "stories": [{"id": s.id, "title": s.title} for s in traced],
        "authors": names.get(practice.id, []),
        "by_facilitator": practice.participant_id is None,
        "commitment": commitment_json(practice),
        "reactions": reactions,
        "created_at": isoformat(practice.created_at),
        "updated_at": isoformat(practice.updated_at),
    }
    return reading.view(body, is_hidden=practice.is_hidden, for_facilitators=for_facilitators)


def commitment_json(practice: Practice) -> dict[str, Any] | None:
    """Return a practice's commitment (position, owner, first step, due date, status),
    or None. The owner's address is the follow-up page's alone (followups/reading.py)."""
    if not practice.is_commitment:
        return None
    due = practice.commitment_due_on
    return {
        "position": practice.commitment_position,
        "owner": practice.commitment_owner,
        "first_step": practice.commitment_first_step,
        "due_on": due.isoformat() if due else None,
        "status": practice.commitment_status or "not_started",
    }


def practices_json(workshop: Workshop, viewer: Viewer | None) -> list[dict[str, Any]]:
    """Return the practices a viewer may read, as JSON."""
    is_facilitator = viewer is not None and viewer.audience is Audience.FACILITATORS
    visible = visible_practices(workshop, viewer)
    ids = [p.id for p in visible]
    names, counts = author_names(workshop, ids), REACTIONS.counts(ids)
    return [
        practice_json(
            p, workshop, for_facilitators=is_facilitator, names=names, reactions=counts[p.id]
        )
        for p in visible
    ]


def own_practice_ids(participant_id: int) -> list[int]:
    """Return the practices a participant wrote (how a phone knows which are its)."""
    query = (
        select(PracticeAuthor.practice_id)
        .join(Practice, Practice.id == PracticeAuthor.practice_id)
        .where(PracticeAuthor.participant_id == participant_id, Practice.merged_into_id.is_(None))
        .order_by(PracticeAuthor.practice_id)
    )
    return list(db.session.scalars(query))
