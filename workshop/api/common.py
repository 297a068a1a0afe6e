"""What every API route shares: the blueprint, JSON bodies, and who is calling."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from flask import Blueprint, current_app, request
from flask_login import current_user

from ..errors import MalformedRequest, Unauthorized, WorkshopNotFound
from ..extensions import csrf, db
from ..facilitators import services as facilitators
from ..validation import Shape, TooDeep, given
from ..voting import rounds
from ..workshops import access
from ..workshops import services as workshops
from ..workshops.models import Workshop
from ..workshops.services import Viewer

bp = Blueprint("api", __name__, url_prefix="/api/v1")


View = TypeVar("View", bound=Callable[..., Any])


def accepts(model: type[Shape]) -> Callable[[View], View]:
    """Declare the JSON body a route takes: json_body checks it, the OpenAPI document
    describes it (put it under the route's decorator)."""

    def mark(view: View) -> View:
        view.accepts = model  # type: ignore[attr-defined]
        return view

    return mark


def json_body() -> dict[str, Any]:
    """Return the fields of the request's JSON object, checked against the shape its
    route accepts; raise MalformedRequest or ValidationFailed for anything else."""
    body: Any = {}
    if request.content_length:
        if not request.is_json:
            raise MalformedRequest()
        try:
            body = request.get_json(silent=True)
        except RecursionError:
            raise TooDeep() from None
        if not isinstance(body, dict):
            raise MalformedRequest()
    view = current_app.view_functions.get(request.endpoint or "")
    model = getattr(view, "accepts", None)
    if model is None:  # a route that reads a body declares its shape
        raise TypeError(f"{request.endpoint} reads a body but declares no shape")
    return given(model, body)


def bearer() -> str | None:
    """Return the bearer token of the request, if it has one."""
    header = request.headers.get("Authorization", "")
    scheme, _, token = header.partition(" ")
    return token.strip() if scheme.lower() == "bearer" and token.strip() else None


def _protect_cookie_write() -> None:
    # A browser's cookies ride along on any request; a change made with them must
    # also carry the page's CSRF token (X-CSRFToken). Bearer tokens need none.
    if request.method not in ("GET", "HEAD", "OPTIONS"):
        csrf.protect()


def facilitator_id() -> int:
    """Return the calling facilitator: an API token, or the signed-in browser session."""
    token = bearer()
    if token:
        return facilitators.facilitator_for_api_token(token).id
    if current_user.is_authenticated:
        _protect_cookie_write()
        return current_user.id
    raise Unauthorized()


def viewer_of(workshop: Workshop) -> Viewer:
    """Return who is calling, for one workshop: a bearer token, the join cookie, or a session."""
    if token := bearer():
        return access.for_workshop(workshop, token)
    if cookie := request.cookies.get(access.participant_cookie_name(workshop.code)):
        _protect_cookie_write()
        return access.for_workshop(workshop, cookie)
    return access.as_facilitator(facilitator_id(), workshop.id)


def participant_of(viewer: Viewer) -> int:
    """Return the calling participant's id; 401 for anyone else (facilitators, the projector)."""
    if viewer.participant_id is None:
        raise Unauthorized()
    return viewer.participant_id


def facilitated(code: str) -> tuple[int, Workshop]:
    """Return the calling facilitator and their workshop with this code."""
    caller = facilitator_id()
    viewer = access.by_code_for_facilitator(caller, code)
    workshop = db.session.get(Workshop, viewer.workshop_id)
    if workshop is None:
        raise WorkshopNotFound()
    return caller, workshop


def moved_json(workshop: Workshop) -> dict[str, Any]:
    """What a facilitator's move returns: where the workshop is now (the screens get the
    rest as phase_changed)."""
    return {
        "phase": workshop.phase,
        "step_index": workshop.step_index,
        "is_open": workshop.is_open,
        "next_phases": workshop.next_phases,
        "seq": workshop.seq,
    }


def changed_json(workshop: Workshop) -> dict[str, Any]:
    """What a facilitator's change of settings or reveal returns: the settings and what is
    revealed now, with the seq (the screens get the change as an event)."""
    revealed = {"votes_revealed": rounds.is_revealed(workshop)}
    return {"workshop": {**workshops.settings_json(workshop), **revealed}, "seq": workshop.seq}
