"""Rooms, server-sent event names, and publishing. The only module that knows them.

Every client of a workshop joins exactly one *audience* room: facilitators, the
projector, or participants. Each change to a workshop bumps its ``seq`` and is
published once to every audience, with what that audience may see, so each client
sees every ``seq`` exactly once; a client that sees a gap asks for a snapshot.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from typing import Any

from .extensions import socketio


class Audience(enum.StrEnum):
    FACILITATORS = "facilitators"
    PROJECTOR = "projector"
    PARTICIPANTS = "participants"


# Server-to-client events: past-tense facts, plus the snapshot.
SNAPSHOT = "snapshot"
PARTICIPANT_JOINED = "participant_joined"
PARTICIPANT_REMOVED = "participant_removed"
#: To one participant's own connections, outside the seq: the facilitator removed them.
REMOVED = "removed"
PHASE_CHANGED = "phase_changed"
SETTINGS_CHANGED = "settings_changed"
STORY_POSTED = "story_posted"
STORY_UPDATED = "story_updated"
STORY_DELETED = "story_deleted"
STORY_HIDDEN = "story_hidden"
STORY_RESTORED = "story_restored"
STORIES_REVEALED = "stories_revealed"
SPOTLIGHT_CHANGED = "spotlight_changed"
REACTIONS_CHANGED = "reactions_changed"
LENSES_CHANGED = "lenses_changed"


def audience_room(workshop_id: int, audience: Audience) -> str:
    """Return the room of one audience of one workshop."""
    return f"workshop:{workshop_id}:{audience.value}"


def participant_room(participant_id: int) -> str:
    """Return the room of one participant's own connections (all their tabs)."""
    return f"participant:{participant_id}"


def disconnect_participant(participant_id: int) -> None:
    """Tell a removed participant's connections, and close those this process holds.

    Connections held by other processes get the notice through the message queue;
    their next connect or snapshot is refused, as the token no longer works.
    """
    room = participant_room(participant_id)
    socketio.emit(REMOVED, {}, to=room)
    for sid, _eio_sid in list(socketio.server.manager.get_participants("/", room)):
        socketio.server.disconnect(sid, namespace="/")


def publish(
    workshop_id: int, seq: int, event: str, payloads: Mapping[Audience, dict[str, Any]]
) -> None:
    """Send one committed change to every audience; call only after the commit.

    ``payloads`` gives each audience what it may see; an audience left out still
    receives the event, with only ``seq``, so its sequence has no gap. The
    projector goes first: it is the screen the whole room is looking at.
    """
    for audience in (Audience.PROJECTOR, Audience.FACILITATORS, Audience.PARTICIPANTS):
        body = {**payloads.get(audience, {}), "seq": seq}
        socketio.emit(event, body, to=audience_room(workshop_id, audience))
