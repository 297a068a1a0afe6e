"""Joining a workshop."""

from __future__ import annotations

from sqlalchemy import select

from .. import realtime
from ..errors import NotFound, WorkshopNotFound
from ..extensions import db
from ..realtime import Audience
from ..text import single_line
from ..timeutil import utcnow
from ..tokens import digest, new_token
from ..workshops import services as workshops
from ..workshops.models import Phase, Workshop
from .models import DISPLAY_NAME_MAX, Participant


def join(code: object, display_name: object = None) -> tuple[Participant, str]:
    """Add a participant to the open workshop with this code; return it and its raw token.

    Raise WorkshopNotFound for an unknown or closed code, ValidationFailed for a bad name.
    In an anonymous workshop no name is stored.
    """
    name = single_line(display_name, field="display_name", max_length=DISPLAY_NAME_MAX)
    workshop_id = workshops.open_workshop_by_code(code).id
    workshop = workshops.lock_workshop(workshop_id)
    if not workshop.is_open:  # closed between the lookup and the lock
        db.session.rollback()
        raise WorkshopNotFound()
    if workshop.is_locked:
        db.session.rollback()
        raise workshops.RoomLocked()
    if workshop.is_anonymous:
        name = None  # nobody is asked for a name there, and none is kept, even if sent
    token = new_token(16)  # 128 bits
    participant = Participant(
        workshop_id=workshop.id, token_digest=digest(token), display_name=name
    )
    db.session.add(participant)
    workshop.touch()
    db.session.commit()
    _publish_joined(workshop, participant)
    return participant, token


def _recount_voters(workshop: Workshop) -> None:
    # "N of M have voted" counts the room: a change in M reaches screens on the tick.
    if workshop.phase is Phase.VOTING:
        realtime.ticker().mark(workshop.id)


def _publish_joined(workshop: Workshop, participant: Participant) -> None:
    _recount_voters(workshop)
    count = workshops.participant_count(workshop.id)
    everyone = {"participant_count": count}
    facilitators = {**everyone, "participant": workshops.participant_json(participant, workshop)}
    realtime.publish(
        workshop.id,
        workshop.seq,
        realtime.PARTICIPANT_JOINED,
        {
            Audience.FACILITATORS: facilitators,
            Audience.PROJECTOR: everyone,
            Audience.PARTICIPANTS: everyone,
        },
    )


def participant_in(workshop_id: int, token: object) -> Participant | None:
    """Return the participant of this workshop holding the token, or None."""
    if not isinstance(token, str) or not token:
        return None
    query = select(Participant).where(
        Participant.token_digest == digest(token),
        Participant.workshop_id == workshop_id,
        Participant.removed_at.is_(None),
    )
    return db.session.scalar(query)


def is_active(participant_id: int) -> bool:
    """Return True while the participant exists and has not been removed."""
    participant = db.session.get(Participant, participant_id)
    return participant is not None and participant.removed_at is None


def remove(facilitator_id: int, participant_id: int) -> Participant:
    """Remove a participant (facilitator): the token stops working, their stories stay."""
    participant = db.session.get(Participant, participant_id)
    if participant is None:
        raise NotFound()
    workshops.facilitated_workshop(facilitator_id, participant.workshop_id)
    workshop = workshops.lock_workshop(participant.workshop_id)
    if participant.removed_at is None:
        participant.removed_at = utcnow()
        workshop.touch()
        db.session.commit()
        count = {"participant_count": workshops.participant_count(workshop.id)}
        realtime.publish(
            workshop.id,
            workshop.seq,
            realtime.PARTICIPANT_REMOVED,
            {
                Audience.FACILITATORS: {**count, "participant_id": participant.id},
                Audience.PROJECTOR: count,
                Audience.PARTICIPANTS: count,
            },
        )
        realtime.disconnect_participant(participant.id)
        _recount_voters(workshop)
    else:
        db.session.rollback()
    return participant
