"""Joining a workshop."""

from __future__ import annotations

import time

from flask import current_app
from sqlalchemy import select

from .. import realtime, writes
from ..errors import NotFound, WorkshopNotFound
from ..extensions import db
from ..text import single_line
from ..timeutil import utcnow
from ..tokens import digest, new_token
from ..workshops import services as workshops
from ..workshops.models import Phase
from .models import DISPLAY_NAME_MAX, Participant


def join(code: object, display_name: object = None) -> tuple[Participant, str]:
    """Add a participant to the open workshop with this code; return it and its raw token.

    Raise WorkshopNotFound for an unknown or closed code, ValidationFailed for a bad name.
    In an anonymous workshop no name is stored.
    """
    name = single_line(display_name, field="display_name", max_length=DISPLAY_NAME_MAX)
    workshop_id = workshops.open_workshop_by_code(code).id
    with writes.change(workshop_id, closed_error=WorkshopNotFound) as unit:  # closed meanwhile
        workshop = unit.workshop
        if workshop.is_locked:
            raise workshops.RoomLocked()
        if workshop.is_anonymous:
            name = None  # nobody is asked for a name there, and none is kept, even if sent
        token = new_token(16)  # 128 bits
        participant = Participant(
            workshop_id=workshop.id, token_digest=digest(token), display_name=name
        )
        db.session.add(participant)
        db.session.flush()  # its id, for the facilitators' notice
        # Outside the seq: phones and the projector need only the count, and have it on
        # the tick, one send a tick however many join (a keynote room of 2,000 joining
        # within a minute was two million sends, one per join per phone already in).
        # Facilitators hear who joined at once; a snapshot lists everyone.
        unit.write()
        _count_on_the_tick(unit)
        person = {"participant": workshops.participant_json(participant, workshop)}
        unit.after_commit(
            lambda: realtime.tell_facilitators(workshop_id, realtime.PARTICIPANT_JOINED, person)
        )
    return participant, token


#: How often, at most, the phones are sent the room's count while people join: the
#: projector and the facilitators get every tick, a phone's lobby line can lag a little.
#: A room of 2,000 joining within a minute was sent 20,000 counts a second at the end on
#: the tick; this is a fifth of that. Under the ticker's settle (1 s) less a tick, so the
#: settle always reaches the phones with the last word.
PHONE_COUNT_SECONDS = 0.5


def send_count(workshop_id: int) -> None:
    """The ticker's handler for PARTICIPANT_COUNT: how many are in the room, to everyone
    (to the phones at most every PHONE_COUNT_SECONDS)."""
    body = {"participant_count": workshops.participant_count(workshop_id)}
    counted_at: dict[int, float] = current_app.extensions.setdefault("toimija_phone_counts", {})
    now = time.monotonic()
    phones = now - counted_at.get(workshop_id, float("-inf")) >= PHONE_COUNT_SECONDS
    if phones:
        if len(counted_at) > 1024:  # many workshops over the process's life
            counted_at.clear()
        counted_at[workshop_id] = now
    realtime.send_unsequenced(
        workshop_id, realtime.PARTICIPANT_COUNT, public=body, facilitators=body, phones=phones
    )


def _count_on_the_tick(unit: writes.Unit) -> None:
    unit.mark(realtime.PARTICIPANT_COUNT)
    # "N of M have voted" counts the room: a change in M reaches screens on the tick.
    if unit.workshop.phase == Phase.VOTING:
        unit.mark()


def _publish_count(unit: writes.Unit, event: str, participant: Participant) -> None:
    """Queue a removal from the room: the count for all, the person for facilitators."""
    workshop = unit.workshop
    counted: dict[str, int] = {}

    def everyone() -> dict[str, int]:
        if not counted:
            counted["participant_count"] = workshops.participant_count(workshop.id)
        return counted

    def facilitators() -> dict:
        if event == realtime.PARTICIPANT_REMOVED:
            return {**everyone(), "participant_id": participant.id}
        return {**everyone(), "participant": workshops.participant_json(participant, workshop)}

    unit.publish(event, public=everyone, facilitators=facilitators)
    _count_on_the_tick(unit)  # the last word after a tick's count from before the removal


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
    with writes.change(
        participant.workshop_id, facilitator_id=facilitator_id, open_only=False
    ) as unit:
        if participant.removed_at is None:
            participant.removed_at = utcnow()
            _publish_count(unit, realtime.PARTICIPANT_REMOVED, participant)
            participant_id = participant.id
            unit.after_commit(lambda: realtime.disconnect_participant(participant_id))
    return participant
