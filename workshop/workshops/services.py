"""Workshops: creation, lookup, who may see what, phase changes, and the state snapshot."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from typing import Any, cast

from flask_babel import force_locale, gettext
from flask_babel import lazy_gettext as _l
from sqlalchemy import func, or_, select
from sqlalchemy.exc import IntegrityError

from .. import activities, realtime, writes
from ..config import LANGUAGES
from ..errors import Conflict, DomainError, Forbidden, NotFound, ValidationFailed, WorkshopNotFound
from ..extensions import db
from ..participants.models import Participant
from ..realtime import Audience
from ..stories.models import Lens
from ..text import single_line
from ..timeutil import isoformat
from ..tokens import new_token
from . import models
from .models import CODE_ALPHABET, CODE_LENGTH, TITLE_MAX, Phase, Workshop, WorkshopFacilitator

PROJECTOR_KEY_PREFIX = "prj_"


class RoomLocked(Conflict):
    code = "room_locked"
    message = _l("The room is locked: nobody new can join now. Ask the facilitator.")


class WorkshopClosed(Conflict):
    code = "workshop_closed"
    message = _l("The workshop is closed: nothing in it can change any more.")


@dataclass(frozen=True)
class Viewer:
    """Who is looking at a workshop: only ids, as kept on a connection."""

    workshop_id: int
    audience: Audience
    facilitator_id: int | None = None
    participant_id: int | None = None


def normalise_code(raw: object) -> str:
    """Return a typed join code upper-cased, without spaces or dashes."""
    if not isinstance(raw, str):
        return ""
    return "".join(ch for ch in raw.upper() if ch not in " -\u00a0\t")


def _random_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def _earlier(facilitator_id: int, follows: object, errors: dict[str, Any]) -> int | None:
    """Return the id of the earlier workshop a new one follows up (one its creator runs)."""
    if follows is None or follows == "":
        return None
    if isinstance(follows, str) and follows.isascii() and follows.isdigit():
        follows = int(follows)
    if isinstance(follows, int) and not isinstance(follows, bool):
        try:
            return facilitated_workshop(facilitator_id, follows).id
        except DomainError:
            pass
    errors["follows"] = _l("Choose one of your earlier workshops.")
    return None


def create_workshop(
    owner_id: int,
    title: object,
    language: object,
    *,
    design: dict[str, Any] | None = None,
    follows: object = None,
) -> Workshop:
    """Create a workshop in the lobby with a fresh join code and projector key.

    A design (from designs.services, already clean) gives it its plan, settings and
    lenses; without one it gets the default settings and the four default lenses.
    """
    errors: dict[str, Any] = {}
    try:
        clean_title = single_line(title, field="title", max_length=TITLE_MAX, required=True)
    except ValidationFailed as error:
        errors.update(error.fields)
    if not isinstance(language, str) or language not in LANGUAGES:
        errors["language"] = _l("Choose Finnish or English.")
    follows_id = _earlier(owner_id, follows, errors)
    if errors:
        raise ValidationFailed(fields=errors)
    for _attempt in range(20):
        workshop = Workshop(
            code=_random_code(),
            title=clean_title,
            language=language,
            phase=Phase.LOBBY,
            seq=0,
            owner_id=owner_id,
            projector_key=new_token(24, PROJECTOR_KEY_PREFIX),
            follows_id=follows_id,
        )
        if design is not None:
            _apply_design(workshop, design)
        db.session.add(workshop)
        try:
            db.session.flush()
            names = (
                design["lenses"] if design is not None else default_lens_names(cast(str, language))
            )
            for position, name in enumerate(names):
                db.session.add(Lens(workshop_id=workshop.id, name=name, position=position))
            activities.replanned(workshop, [])
            db.session.commit()
        except IntegrityError:  # the code is taken by an open workshop: draw again
            db.session.rollback()
            continue
        return workshop
    raise RuntimeError("no free join code after 20 draws")


def default_lens_names(language: str) -> list[str]:
    """Return the four lenses of the stories issue, in one language."""
    with force_locale(language):
        return [
            gettext("Attitude in the encounter"),
            gettext("Company culture carried to the front line"),
            gettext("Online and offline as one experience"),
            gettext("Ingenuity for the customer's benefit"),
        ]


def _apply_design(workshop: Workshop, design: dict[str, Any]) -> None:
    workshop.template_name = design["name"]
    workshop.plan = {
        "welcome": design["welcome"],
        "lobby": design["lobby"],
        "steps": design["steps"],
        "examples": design["examples"],
        "lens_questions": design.get("lens_questions") or {},
    }
    workshop.plan["round_rules"] = {
        name: value for name, value in design["settings"].items() if name in models.ROUND_RULES
    }
    for name, value in design["settings"].items():
        if name not in models.ROUND_RULES:
            setattr(workshop, name, value)


def _runs(facilitator_id: int):
    # Whether the facilitator owns the workshop or was given it by its owner.
    shared = select(WorkshopFacilitator.workshop_id).where(
        WorkshopFacilitator.facilitator_id == facilitator_id
    )
    return or_(Workshop.owner_id == facilitator_id, Workshop.id.in_(shared))


def workshops_of(facilitator_id: int) -> list[Workshop]:
    """Return the workshops a facilitator runs (own and shared), open first, newest first."""
    query = (
        select(Workshop)
        .where(_runs(facilitator_id))
        .order_by(Workshop.closed_at.is_not(None), Workshop.id.desc())
    )
    return list(db.session.scalars(query))


def open_workshop_by_code(code: object) -> Workshop:
    """Return the open workshop with this code (any case); raise WorkshopNotFound."""
    wanted = normalise_code(code)
    if len(wanted) != CODE_LENGTH:
        raise WorkshopNotFound()
    query = select(Workshop).where(Workshop.code == wanted, Workshop.closed_at.is_(None))
    workshop = db.session.scalar(query)
    if workshop is None:
        raise WorkshopNotFound()
    return workshop


def workshop_by_code(code: object) -> Workshop:
    """Return the open workshop with this code, else the newest closed one; raise NotFound."""
    query = (
        select(Workshop)
        .where(Workshop.code == normalise_code(code))
        .order_by(Workshop.closed_at.is_not(None), Workshop.id.desc())
        .limit(1)
    )
    workshop = db.session.scalar(query)
    if workshop is None:
        raise WorkshopNotFound()
    return workshop


def facilitated_workshop(facilitator_id: int, workshop_id: int) -> Workshop:
    """Return a workshop the facilitator may run; raise NotFound or Forbidden."""
    workshop = db.session.get(Workshop, workshop_id)
    if workshop is None:
        raise NotFound()
    if workshop.owner_id != facilitator_id and not is_co_facilitator(facilitator_id, workshop.id):
        raise Forbidden()
    return workshop


def is_co_facilitator(facilitator_id: int, workshop_id: int) -> bool:
    """Return whether the owner shared this workshop with the facilitator."""
    return db.session.get(WorkshopFacilitator, (workshop_id, facilitator_id)) is not None


def owned_workshop(facilitator_id: int, workshop_id: int) -> Workshop:
    """Return a workshop only its owner may do this to; raise NotFound or Forbidden."""
    workshop = facilitated_workshop(facilitator_id, workshop_id)
    if workshop.owner_id != facilitator_id:
        raise Forbidden()
    return workshop


def facilitated_workshop_by_code(facilitator_id: int, code: object) -> Workshop:
    """Return the facilitator's workshop with this code (open first); raise NotFound."""
    query = (
        select(Workshop)
        .where(Workshop.code == normalise_code(code), _runs(facilitator_id))
        .order_by(Workshop.closed_at.is_not(None), Workshop.id.desc())
        .limit(1)
    )
    workshop = db.session.scalar(query)
    if workshop is None:
        raise WorkshopNotFound()
    return workshop


def workshop_by_projector_key(key: object) -> Workshop:
    """Return the workshop a projector key opens; raise NotFound."""
    if not isinstance(key, str) or not key.startswith(PROJECTOR_KEY_PREFIX):
        raise NotFound()
    workshop = db.session.scalar(select(Workshop).where(Workshop.projector_key == key))
    if workshop is None:
        raise NotFound()
    return workshop


def change_phase(
    facilitator_id: int, workshop_id: int, phase: object, step: object = None
) -> Workshop:
    """Move a workshop one step back or forward in its plan, or close it; publish it.

    ``phase`` names the lobby, "closed", or the activity of a neighbouring step;
    ``step`` (its index in the plan) tells apart two neighbours that run the same
    activity. A move to where the workshop already is succeeds without a change: two
    facilitators who press the same move at once both get where they wanted.
    """
    frame = (Phase.LOBBY.value, Phase.CLOSED.value)
    if not (isinstance(phase, str) and (phase in frame or activities.is_known(phase))):
        raise ValidationFailed(fields={"phase": _l("Unknown phase.")})
    if step is not None and (isinstance(step, bool) or not isinstance(step, int)):
        raise ValidationFailed(fields={"step": _l("Unknown step.")})
    with writes.change(workshop_id, facilitator_id=facilitator_id, open_only=False) as unit:
        workshop = unit.workshop
        if workshop.phase == phase and step in (None, workshop.step_index):
            return workshop  # nothing to write, nothing to tell the screens
        if (leaving := workshop.step) is not None and workshop.is_open:
            activities.get(leaving["activity"]).leave(unit)
        workshop.move_to(phase, step)
        workshop.stop_timer()  # a timer belongs to its step
        if not workshop.is_open:
            from ..followups.services import add_default_check_ins

            add_default_check_ins(workshop)
        if workshop.is_open and workshop.step is not None:
            activities.get(workshop.phase).enter(unit)
        db.session.flush()
        facilitators = Viewer(workshop.id, Audience.FACILITATORS)
        unit.publish(
            realtime.PHASE_CHANGED,
            public=lambda: _moved(workshop, None),
            facilitators=lambda: _moved(workshop, facilitators),
        )
    return workshop


def _moved(workshop: Workshop, viewer: Viewer | None) -> dict[str, Any]:
    """Return a phase change as a viewer sees it, with what the move opens to them, so no
    screen needs a snapshot: what the step's activity opens, or on closing what the
    plan's activities keep on the screens."""
    from ..voting.dots import voting_json  # the dots bar is on every screen
    from .timer import timer_json

    body = {
        "phase": workshop.phase,
        "step_index": workshop.step_index,
        "is_open": workshop.is_open,
        "next_phases": workshop.next_phases,
        **settings_json(workshop),
        "voting": voting_json(workshop),
        "timer": timer_json(workshop),
    }
    if not workshop.is_open:
        keys = dict.fromkeys(step["activity"] for step in workshop.steps)
        for key in keys:
            body |= activities.get(key).kept(workshop, viewer)
    elif workshop.step is not None:
        body |= activities.get(workshop.phase).opened(workshop, viewer)
    return body


def participant_counts(workshop_ids: list[int]) -> dict[int, int]:
    """Return how many people joined each of these workshops, in one query."""
    query = (
        select(Participant.workshop_id, func.count())
        .where(Participant.workshop_id.in_(workshop_ids), Participant.removed_at.is_(None))
        .group_by(Participant.workshop_id)
    )
    return {workshop_id: 0 for workshop_id in workshop_ids} | dict(db.session.execute(query).all())


def participant_count(workshop_id: int) -> int:
    """Return how many people have joined the workshop."""
    query = select(func.count()).where(
        Participant.workshop_id == workshop_id, Participant.removed_at.is_(None)
    )
    return db.session.scalar(query) or 0


def public_info(workshop: Workshop) -> dict[str, Any]:
    """Return what anyone with the code may know of a workshop."""
    return {
        "code": workshop.code,
        "title": workshop.title,
        "language": workshop.language,
        "phase": workshop.phase,
        "step_index": workshop.step_index,
        "is_open": workshop.is_open,
        "next_phases": workshop.next_phases,
        "participant_count": participant_count(workshop.id),
    }


def shows_name(workshop: Workshop, *, written_anonymously: bool = False) -> bool:
    """Whether a name may be shown beside something: never beside what was written while
    the workshop was anonymous (the row's own flag, set when written), and nowhere while
    the workshop is anonymous now (the promise a facilitator just made holds at once)."""
    return not (written_anonymously or workshop.is_anonymous)


def participant_json(participant: Participant, workshop: Workshop) -> dict[str, Any]:
    """Return a participant as facilitators see them: no name in an anonymous workshop
    (someone who joined one has no name stored at all)."""
    return {
        "id": participant.id,
        "display_name": participant.display_name if shows_name(workshop) else None,
        "joined_at": isoformat(participant.joined_at),
    }


# The settings live in their own module; callers know them as the workshop's services.
from .settings import NUMBERS, SETTINGS, SWITCHES, change_settings, settings_json  # noqa: E402

__all__ = ["NUMBERS", "SETTINGS", "SWITCHES", "change_settings", "settings_json"]
