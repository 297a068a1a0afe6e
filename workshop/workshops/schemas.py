"""Shapes of what the workshop frame takes: creating and joining, moving, settings, the
timer, sharing and retention (HTTP bodies), and a socket's connect auth and change_phase."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from ..validation import Id, Int, Shape, Text


class NewWorkshop(Shape):
    """A workshop to create from a template."""

    title: Text = Field(max_length=120)
    language: Literal["fi", "en"]
    template: Id | Text | None = Field(
        default=None,
        description='"object-to-subject" (the built-in one, the default) or a saved id',
    )
    follows: Id | None = Field(
        default=None,
        description="The id of an earlier workshop of yours (same team) that this one follows up",
    )


class Joining(Shape):
    """A participant joining; without a name they are anonymous."""

    display_name: Text | None = Field(default=None, max_length=40)


class Move(Shape):
    """Where the workshop moves: one step back or forward in its plan, or to closed."""

    phase: Text = Field(description="lobby, closed, or the activity of a neighbouring step")
    step: Int | None = Field(
        default=None, description="The step's index, when two neighbours run the same activity"
    )


class Settings(Shape, extra="forbid"):
    """Any subset of the switches; private writing back on hides the stories and the
    practices again until they are revealed."""

    private_writing: bool | None = None
    is_anonymous: bool | None = Field(default=None, description="No names to anyone but the author")
    is_locked: bool | None = Field(
        default=None, description="Nobody new can join (409 room_locked)"
    )
    are_examples_shown: bool | None = Field(default=None, description="The plan's examples")
    is_qr_shown: bool | None = Field(default=None, description="The join QR over the projector")
    locks_at_time_up: bool | None = Field(
        default=None,
        description="Participants' submissions refused (409 time_up) once time is up",
    )
    stories_per_participant: Int | None = Field(
        default=None,
        description="The most stories one participant may post, 1-1000 (409 too_many_stories)",
    )


class TimerChange(Shape):
    """Start (or resume), pause, add to, or stop the current phase's timer."""

    action: Literal["start", "pause", "add", "stop"]
    seconds: Int | None = Field(
        default=None, description="For start and add; the plan's minutes (or 60 s) without"
    )


class CoFacilitator(Shape):
    """The facilitator account to share the workshop with."""

    email: Text = Field(max_length=254)


class RetentionChange(Shape):
    """Days after closing until the workshop is deleted; null keeps it."""

    days: Int | None


class ConnectAuth(Shape):
    """What a socket sends at connect: the projector its key, a phone the workshop's code
    (and its token, or the join cookie), a facilitator the workshop's id (and an API
    token, or the signed-in session)."""

    role: Literal["projector", "participant", "facilitator"]
    key: Text | None = None
    code: Text | None = None
    token: Text | None = None
    workshop_id: Id | None = None
