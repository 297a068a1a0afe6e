"""Socket.IO: authenticate at connect, put the client in its audience room, send state.

Only ids are kept on the connection (the Viewer); every event re-enters the services.
"""

from __future__ import annotations

import time
from dataclasses import asdict
from typing import Any

from flask import current_app, request, session
from flask_login import current_user
from flask_socketio import disconnect, emit, join_room
from socketio.exceptions import ConnectionRefusedError as Refused  # type: ignore[import-untyped]

from .. import database, realtime, resync, socket_rates, throttle
from ..errors import Busy, DomainError, Unauthorized, busy_retry_after
from ..extensions import db, socketio
from ..facilitators import services as facilitators
from ..participants import services as participants
from ..realtime import Audience
from ..validation import parse
from . import access, state
from . import services as workshops
from .schemas import ConnectAuth, Move
from .services import Viewer


def _viewer_from_auth(auth: Any) -> Viewer:
    if not isinstance(auth, dict):
        raise Unauthorized()
    given = parse(ConnectAuth, auth)
    if given.role == "projector":
        return access.as_projector(given.key)
    if given.role == "participant":
        # A closed workshop still shows its phones how it ended.
        workshop = workshops.workshop_by_code(given.code)
        token = given.token or request.cookies.get(access.participant_cookie_name(workshop.code))
        return access.as_participant(workshop, token)
    if given.role == "facilitator":
        workshop_id = given.workshop_id
        if workshop_id is None:
            raise Unauthorized()
        token = given.token
        if token:
            facilitator_id = facilitators.facilitator_for_api_token(token).id
        elif current_user.is_authenticated:
            facilitator_id = current_user.id
        else:
            raise Unauthorized()
        return access.as_facilitator(facilitator_id, workshop_id)
    raise Unauthorized()


def current_viewer() -> Viewer:
    """Return who this connection is (set at connect); raise Unauthorized, and disconnect,
    when its credential was revoked since (a process learns it through the message queue,
    so this costs no query)."""
    viewer = Viewer(**{**session["viewer"], "audience": Audience(session["viewer"]["audience"])})
    since = session.get("connected_at", 0.0)
    if realtime.is_closed(viewer.workshop_id, viewer.participant_id, viewer.facilitator_id, since):
        disconnect()
        raise Unauthorized()
    return viewer


def ack_error(error: DomainError) -> dict[str, Any]:
    """Roll back and turn a domain error into a socket ack."""
    db.session.rollback()
    return {"ok": False, **error.to_dict()}


def _credential(viewer: Viewer) -> str:
    """Who the limits count a connection as: a phone, a workshop's projector key, or a
    facilitator in one workshop."""
    if viewer.participant_id is not None:
        return f"participant:{viewer.participant_id}"
    if viewer.facilitator_id is not None:
        return f"facilitator:{viewer.workshop_id}:{viewer.facilitator_id}"
    return f"projector:{viewer.workshop_id}"


def on_connect(auth: Any = None) -> None:
    """Any client connects: authenticate, join the audience room, receive a snapshot.

    Refuse the connection (connect_error with code and message) when the
    credential does not open this workshop, or with ``busy`` and ``retry_after`` when
    the database did not answer in time (the page connects again then).
    """
    try:
        _connect(auth)
    except database.WAIT_ERRORS as error:
        if not database.is_busy(error):
            raise
        db.session.rollback()
        body = Busy(retry_after=busy_retry_after()).to_dict()["error"]
        raise Refused(body["message"], body) from None


def _connect(auth: Any) -> None:
    try:
        viewer = _viewer_from_auth(auth)
        socket_rates.admit(current_app, _credential(viewer))
    except DomainError as error:
        db.session.rollback()
        error = throttle.counted(error)  # a wrong code is a guess, here as on the join page
        # python-socketio's own exception (the built-in one reaches the client as a generic
        # "refused"): the client's connect_error gets the message and, as data, the error.
        body = error.to_dict()["error"]
        raise Refused(body["message"], body) from None
    session["viewer"] = {**asdict(viewer), "audience": viewer.audience.value}
    session["connected_at"] = time.monotonic()  # current_viewer refuses what was closed after
    join_room(realtime.audience_room(viewer.workshop_id, viewer.audience))
    if viewer.participant_id is not None:
        join_room(realtime.participant_room(viewer.participant_id))
    if viewer.facilitator_id is not None:
        join_room(realtime.facilitator_room(viewer.workshop_id, viewer.facilitator_id))
    # The snapshot is read afresh, after joining the rooms: a workshop deleted since the
    # check above (its notice sent before this connection was in a room) is found gone
    # here, and the connection refused, instead of a snapshot from the check's read.
    db.session.rollback()
    try:
        snapshot = state.snapshot(viewer)
    except DomainError as error:
        db.session.rollback()
        body = error.to_dict()["error"]
        raise Refused(body["message"], body) from None
    emit(realtime.SNAPSHOT, snapshot)
    resync.heartbeat(current_app).ensure_running()


def on_request_snapshot(_data: Any = None) -> None:
    """A client saw a gap in seq, or a heartbeat ahead of it: send it the whole state again."""
    try:
        viewer = current_viewer()
    except DomainError:
        return
    if viewer.participant_id is not None and not participants.is_active(viewer.participant_id):
        disconnect()  # removed meanwhile
        return
    if viewer.facilitator_id is not None:
        try:
            workshops.facilitated_workshop(viewer.facilitator_id, viewer.workshop_id)
        except DomainError:
            db.session.rollback()
            disconnect()  # no longer shared with them, or deleted
            return
    emit(realtime.SNAPSHOT, state.snapshot(viewer))


def on_change_phase(data: Any = None) -> dict[str, Any]:
    """A facilitator moves the workshop to another phase; everyone gets phase_changed."""
    try:
        viewer = current_viewer()
        if viewer.facilitator_id is None:
            raise Unauthorized()
        move = parse(Move, data)
        workshop = workshops.change_phase(
            viewer.facilitator_id, viewer.workshop_id, move.phase, move.step
        )
        return {
            "ok": True,
            "phase": workshop.phase,
            "step_index": workshop.step_index,
            "seq": workshop.seq,
        }
    except DomainError as error:
        return ack_error(error)


def register() -> None:
    """Bind the handlers to the Socket.IO server that init_app just created."""
    socketio.on_event("connect", on_connect)
    socketio.on_event("request_snapshot", on_request_snapshot)
    socketio.on_event("change_phase", on_change_phase)
