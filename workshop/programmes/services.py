"""Programmes: who may read and change one, its workshops, its co-facilitators and the
practices linked as recurring. One commit per action; nothing is sent to any screen (a
programme is read on its page, not in a room).

The owner renames, shares and deletes it; everyone it is shared with reads it, adds the
workshops they run themselves, and links practices. A workshop leaves a programme by the
owner's hand or by the hand of someone who runs that workshop.
"""

from __future__ import annotations

from collections.abc import Sequence

from flask_babel import lazy_gettext as _l
from sqlalchemy import delete, func, or_, select
from sqlalchemy.exc import IntegrityError

from ..database import begin_write
from ..errors import Forbidden, NotFound, ValidationFailed
from ..extensions import db
from ..facilitators import services as facilitators
from ..practices.models import Practice
from ..text import single_line
from ..workshops import services as workshops
from ..workshops.models import Workshop, WorkshopFacilitator
from .models import TITLE_MAX, PracticeLink, Programme, ProgrammeFacilitator, ProgrammeWorkshop

#: The most workshops one programme holds: a client's round, not a whole server.
WORKSHOPS_MAX = 200


def _member(facilitator_id: int):
    shared = select(ProgrammeFacilitator.programme_id).where(
        ProgrammeFacilitator.facilitator_id == facilitator_id
    )
    return or_(Programme.owner_id == facilitator_id, Programme.id.in_(shared))


def programmes_of(facilitator_id: int) -> list[Programme]:
    """Return the programmes a facilitator owns or shares, newest first."""
    query = select(Programme).where(_member(facilitator_id)).order_by(Programme.id.desc())
    return list(db.session.scalars(query))


def readable_programme(facilitator_id: int, programme_id: int) -> Programme:
    """Return a programme the facilitator owns or shares; raise NotFound or Forbidden."""
    programme = db.session.get(Programme, programme_id)
    if programme is None:
        raise NotFound()
    if programme.owner_id != facilitator_id and not is_co_facilitator(facilitator_id, programme.id):
        raise Forbidden()
    return programme


def owned_programme(facilitator_id: int, programme_id: int) -> Programme:
    """Return a programme only its owner may do this to; raise NotFound or Forbidden."""
    programme = readable_programme(facilitator_id, programme_id)
    if programme.owner_id != facilitator_id:
        raise Forbidden(_l("Only the programme's owner can do that."))
    return programme


def is_co_facilitator(facilitator_id: int, programme_id: int) -> bool:
    """Return whether the owner shared the programme with the facilitator."""
    return db.session.get(ProgrammeFacilitator, (programme_id, facilitator_id)) is not None


def _title(value: object) -> str:
    return single_line(value, field="title", max_length=TITLE_MAX, required=True)


def create_programme(facilitator_id: int, title: object) -> Programme:
    """Make a programme, empty, owned by the facilitator."""
    programme = Programme(owner_id=facilitator_id, title=_title(title))
    db.session.add(programme)
    db.session.commit()
    return programme


def rename_programme(facilitator_id: int, programme_id: int, title: object) -> Programme:
    """Give a programme another title (owner)."""
    clean = _title(title)
    programme = owned_programme(facilitator_id, programme_id)
    programme.title = clean
    db.session.commit()
    return programme


def delete_programme(facilitator_id: int, programme_id: int) -> None:
    """Delete a programme and its links (owner); its workshops stay as they are."""
    programme = owned_programme(facilitator_id, programme_id)
    db.session.delete(programme)
    db.session.commit()


# --- its workshops ---


def workshop_ids_of(programme_id: int) -> list[int]:
    """Return the ids of a programme's workshops, oldest workshop first."""
    query = (
        select(ProgrammeWorkshop.workshop_id)
        .where(ProgrammeWorkshop.programme_id == programme_id)
        .order_by(ProgrammeWorkshop.workshop_id)
    )
    return list(db.session.scalars(query))


def workshop_counts(programme_ids: list[int]) -> dict[int, int]:
    """Return how many workshops each of these programmes holds, in one query."""
    query = (
        select(ProgrammeWorkshop.programme_id, func.count())
        .where(ProgrammeWorkshop.programme_id.in_(programme_ids))
        .group_by(ProgrammeWorkshop.programme_id)
    )
    return {programme_id: 0 for programme_id in programme_ids} | dict(
        db.session.execute(query).all()
    )


def _runs(facilitator_id: int):
    shared = select(WorkshopFacilitator.workshop_id).where(
        WorkshopFacilitator.facilitator_id == facilitator_id
    )
    return or_(Workshop.owner_id == facilitator_id, Workshop.id.in_(shared))


def addable_workshops(facilitator_id: int, programme_id: int) -> list[Workshop]:
    """Return the workshops the facilitator runs that the programme does not hold yet."""
    held = select(ProgrammeWorkshop.workshop_id).where(
        ProgrammeWorkshop.programme_id == programme_id
    )
    query = (
        select(Workshop)
        .where(_runs(facilitator_id), Workshop.id.not_in(held))
        .order_by(Workshop.id.desc())
    )
    return list(db.session.scalars(query))


def add_workshop(facilitator_id: int, programme_id: int, workshop_id: object) -> Programme:
    """Put a workshop the facilitator runs into the programme; adding twice is fine."""
    programme = readable_programme(facilitator_id, programme_id)
    if isinstance(workshop_id, bool) or not isinstance(workshop_id, int):
        raise ValidationFailed(fields={"workshop_id": _l("Choose a workshop.")})
    try:
        workshops.facilitated_workshop(facilitator_id, workshop_id)
    except (NotFound, Forbidden):
        raise ValidationFailed(
            fields={"workshop_id": _l("Choose a workshop you run yourself.")}
        ) from None
    begin_write()
    held = workshop_ids_of(programme.id)
    if workshop_id in held:
        return programme
    if len(held) >= WORKSHOPS_MAX:
        raise ValidationFailed(
            fields={
                "workshop_id": _l("A programme holds at most %(num)d workshops.", num=WORKSHOPS_MAX)
            }
        )
    db.session.add(
        ProgrammeWorkshop(
            programme_id=programme.id, workshop_id=workshop_id, added_by_id=facilitator_id
        )
    )
    try:
        db.session.commit()
    except IntegrityError:  # added at the same moment by someone else: it is in
        db.session.rollback()
    return programme


def remove_workshop(facilitator_id: int, programme_id: int, workshop_id: int) -> Programme:
    """Take a workshop out of the programme (the owner, or whoever runs the workshop); the
    links of its practices in this programme go with it."""
    programme = readable_programme(facilitator_id, programme_id)
    if programme.owner_id != facilitator_id:  # else: someone who runs the workshop
        workshops.facilitated_workshop(facilitator_id, workshop_id)
    begin_write()
    its_practices = select(Practice.id).where(Practice.workshop_id == workshop_id)
    db.session.execute(
        delete(PracticeLink).where(
            PracticeLink.programme_id == programme.id,
            or_(
                PracticeLink.practice_id.in_(its_practices),
                PracticeLink.other_id.in_(its_practices),
            ),
        )
    )
    db.session.execute(
        delete(ProgrammeWorkshop).where(
            ProgrammeWorkshop.programme_id == programme.id,
            ProgrammeWorkshop.workshop_id == workshop_id,
        )
    )
    db.session.commit()
    return programme


# --- its co-facilitators ---


def add_co_facilitator(owner_id: int, programme_id: int, email: object) -> Programme:
    """Share a programme with another facilitator account (owner); twice is fine."""
    programme = owned_programme(owner_id, programme_id)
    other = facilitators.facilitator_by_email(email) if isinstance(email, str) else None
    if other is None:
        raise ValidationFailed(fields={"email": _l("No facilitator account has this email.")})
    if other.id == programme.owner_id:
        raise ValidationFailed(fields={"email": _l("This is the programme's owner.")})
    if not is_co_facilitator(other.id, programme.id):
        db.session.add(ProgrammeFacilitator(programme_id=programme.id, facilitator_id=other.id))
        try:
            db.session.commit()
        except IntegrityError:  # shared at the same moment: it is shared
            db.session.rollback()
    return programme


def remove_co_facilitator(owner_id: int, programme_id: int, facilitator_id: int) -> Programme:
    """Stop sharing a programme with a facilitator (owner); their workshops stay in it."""
    programme = owned_programme(owner_id, programme_id)
    db.session.execute(
        delete(ProgrammeFacilitator).where(
            ProgrammeFacilitator.programme_id == programme.id,
            ProgrammeFacilitator.facilitator_id == facilitator_id,
        )
    )
    db.session.commit()
    return programme


# --- practices that recur across teams ---


def links_of(programme_id: int) -> list[tuple[int, int]]:
    """Return the programme's linked pairs of practice ids."""
    query = select(PracticeLink.practice_id, PracticeLink.other_id).where(
        PracticeLink.programme_id == programme_id
    )
    return [(a, b) for a, b in db.session.execute(query)]


def _linkable(programme_id: int, practice_ids: Sequence[int]) -> list[Practice]:
    held = workshop_ids_of(programme_id)
    query = select(Practice).where(
        Practice.id.in_(practice_ids),
        Practice.workshop_id.in_(held),
        Practice.hidden_at.is_(None),
        Practice.merged_into_id.is_(None),
    )
    return list(db.session.scalars(query))


def link_practices(facilitator_id: int, programme_id: int, practice_ids: object) -> Programme:
    """Say that two practices of two of the programme's workshops are the same idea; a
    practice linked to one already in a group joins that group. Twice is fine."""
    programme = readable_programme(facilitator_id, programme_id)
    ids = practice_ids if isinstance(practice_ids, list | tuple) else []
    clean = sorted({i for i in ids if isinstance(i, int) and not isinstance(i, bool)})
    if len(clean) != 2 or len(ids) != 2:
        raise ValidationFailed(fields={"practice_ids": _l("Choose two practices.")})
    found = _linkable(programme.id, clean)
    if len(found) != 2:
        raise ValidationFailed(
            fields={"practice_ids": _l("Choose two practices of this programme's workshops.")}
        )
    if found[0].workshop_id == found[1].workshop_id:
        raise ValidationFailed(
            fields={"practice_ids": _l("Choose practices of two different workshops.")}
        )
    begin_write()
    exists = select(PracticeLink.id).where(
        PracticeLink.programme_id == programme.id,
        PracticeLink.practice_id == clean[0],
        PracticeLink.other_id == clean[1],
    )
    if db.session.scalar(exists) is None:
        db.session.add(
            PracticeLink(programme_id=programme.id, practice_id=clean[0], other_id=clean[1])
        )
    try:
        db.session.commit()
    except IntegrityError:  # linked at the same moment by someone else: it is linked
        db.session.rollback()
    return programme


def unlink_practice(facilitator_id: int, programme_id: int, practice_id: int) -> Programme:
    """Take a practice out of its group of recurring practices (every link it has here)."""
    programme = readable_programme(facilitator_id, programme_id)
    db.session.execute(
        delete(PracticeLink).where(
            PracticeLink.programme_id == programme.id,
            or_(PracticeLink.practice_id == practice_id, PracticeLink.other_id == practice_id),
        )
    )
    db.session.commit()
    return programme
