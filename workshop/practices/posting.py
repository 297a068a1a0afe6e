"""A practice in the spotlight, and reactions to practices: what stories have, on the
posting core. One spotlight per workshop: a practice's ends a story's, and the other way
round (workshop/posting/spotlight.py). Hiding, deleting or merging it ends it."""

from __future__ import annotations

from typing import Any

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from .. import writes
from ..errors import Forbidden, NotFound
from ..extensions import db
from ..participants.models import Participant
from ..posting import spotlight as spotlights
from ..posting.reactions import parse_kind
from ..workshops.models import Workshop
from ..workshops.services import Viewer
from .models import Practice, PracticeReaction
from .reading import REACTIONS, author_ids, can_read, practice_json


class OwnPractice(Forbidden):
    code = "own_practice"
    message = _l("Reactions are for other people's practices.")


def spotlight(facilitator_id: int, workshop_id: int, practice_id: int) -> Workshop:
    """Show one practice large on the projector and as a banner on phones (facilitator);
    it ends any spotlight before it (a story's too). The facilitator's choice shows it
    even while practices are private; a hidden or merged practice cannot be shown."""
    with writes.change(workshop_id, facilitator_id=facilitator_id, open_only=False) as unit:
        practice = db.session.get(Practice, practice_id)
        if (
            practice is None
            or practice.workshop_id != workshop_id
            or practice.is_hidden
            or practice.is_merged
        ):
            raise NotFound()
        workshop = unit.workshop
        spotlights.show(
            unit, spotlights.PRACTICE, practice.id, lambda: practice_json(practice, workshop)
        )
    return unit.workshop


def spotlight_json(workshop: Workshop) -> dict[str, Any] | None:
    """Return the practice in the spotlight, as everyone sees it, or None."""
    practice_id = spotlights.shown_id(workshop, spotlights.PRACTICE)
    if practice_id is None:
        return None
    practice = db.session.get(Practice, practice_id)
    return practice_json(practice, workshop) if practice else None


def set_reaction(participant_id: int, practice_id: int, kind: object, *, on: bool) -> dict:
    """Switch one of a participant's reactions to a practice someone else wrote on or off;
    return its counts and the participant's own kinds. The same kinds as on stories, one
    of each per person; a practice a facilitator added is everyone's to react to."""
    reaction = parse_kind(kind)
    practice = db.session.get(Practice, practice_id)
    participant = db.session.get(Participant, participant_id)
    if practice is None or participant is None or practice.workshop_id != participant.workshop_id:
        raise NotFound()

    def may_react(workshop: Workshop, reader: Viewer) -> None:
        if not can_read(practice, workshop, reader):
            raise NotFound()
        if participant_id in author_ids(practice_id):
            raise OwnPractice()

    return REACTIONS.react(
        practice.workshop_id, practice_id, participant_id, reaction, on=on, may_react=may_react
    )


def carry_reactions(source_id: int, target_id: int) -> None:
    """Give a merged practice's reactions to the one that stays (one of each kind per
    person there; none to a practice of one's own); caller commits."""
    kept = {(r.participant_id, r.kind) for r in _reactions_to(target_id)}
    authors = author_ids(target_id)
    for reaction in _reactions_to(source_id):
        if (reaction.participant_id, reaction.kind) in kept or reaction.participant_id in authors:
            db.session.delete(reaction)
        else:
            reaction.practice_id = target_id


def _reactions_to(practice_id: int) -> list[PracticeReaction]:
    query = select(PracticeReaction).where(PracticeReaction.practice_id == practice_id)
    return list(db.session.scalars(query))


def my_reactions(participant_id: int) -> dict[int, list[str]]:
    """Return the kinds a participant has given, by practice."""
    return REACTIONS.mine(participant_id)
