"""Who is looking: turn a credential (session, token, projector key) into a Viewer."""

from __future__ import annotations

from ..errors import Unauthorized
from ..facilitators import services as facilitators
from ..participants import services as participants
from ..realtime import Audience
from . import services as workshops
from .models import Workshop
from .services import Viewer

PARTICIPANT_COOKIE_PREFIX = "toimija_p_"


def participant_cookie_name(code: str) -> str:
    """Return the cookie that holds a participant's token for one workshop code."""
    return PARTICIPANT_COOKIE_PREFIX + code


def as_facilitator(facilitator_id: int, workshop_id: int) -> Viewer:
    """Return the facilitator's view of a workshop they run; raise NotFound or Forbidden."""
    workshop = workshops.facilitated_workshop(facilitator_id, workshop_id)
    return Viewer(workshop.id, Audience.FACILITATORS, facilitator_id=facilitator_id)


def as_participant(workshop: Workshop, token: object) -> Viewer:
    """Return the participant's view for a token of this workshop; raise Unauthorized."""
    participant = participants.participant_in(workshop.id, token)
    if participant is None:
        raise Unauthorized()
    return Viewer(workshop.id, Audience.PARTICIPANTS, participant_id=participant.id)


def as_projector(key: object) -> Viewer:
    """Return the projector's view for a projector key; raise NotFound."""
    workshop = workshops.workshop_by_projector_key(key)
    return Viewer(workshop.id, Audience.PROJECTOR)


def by_code_for_facilitator(facilitator_id: int, code: object) -> Viewer:
    """Return the facilitator's view of their workshop with this code; raise NotFound."""
    workshop = workshops.facilitated_workshop_by_code(facilitator_id, code)
    return Viewer(workshop.id, Audience.FACILITATORS, facilitator_id=facilitator_id)


def for_workshop(workshop: Workshop, token: str) -> Viewer:
    """Return the viewer a token of any kind (API, projector, participant) makes of a workshop."""
    if token.startswith(facilitators.API_TOKEN_PREFIX):
        return as_facilitator(facilitators.facilitator_for_api_token(token).id, workshop.id)
    if token.startswith(workshops.PROJECTOR_KEY_PREFIX):
        viewer = as_projector(token)
        if viewer.workshop_id != workshop.id:
            raise Unauthorized()
        return viewer
    return as_participant(workshop, token)


def by_code_for_token(code: object, token: str) -> Viewer:
    """Return the viewer for a token of any kind and a join code."""
    if token.startswith(facilitators.API_TOKEN_PREFIX):
        facilitator = facilitators.facilitator_for_api_token(token)
        return by_code_for_facilitator(facilitator.id, code)
    return for_workshop(workshops.workshop_by_code(code), token)
