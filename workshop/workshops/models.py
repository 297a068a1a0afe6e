"""Workshops and their phase state machine."""

from __future__ import annotations

import enum
import math
from datetime import datetime, timedelta

from sqlalchemy import JSON, DateTime, ForeignKey, Index, Integer, String, false, text, true
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..errors import PhaseTransitionNotAllowed
from ..extensions import Model
from ..timeutil import aware, utcnow


class Phase(enum.StrEnum):
    """Where a workshop is: the frame's two places, and the built-in activities' keys.

    A workshop in a step of its plan is "in" that step's activity; the stored value
    is the activity's key (any registered activity, not only these).
    """

    LOBBY = "lobby"
    STORIES = "stories"
    PRACTICES = "practices"
    VOTING = "voting"
    RESULTS = "results"
    CLOSED = "closed"


#: The steps of a workshop made without a design (and of plans from before steps).
DEFAULT_STEPS: tuple[str, ...] = ("stories", "practices", "voting", "results")
#: A design's settings that are each voting round's starting rules: kept in the plan
#: (``plan["round_rules"]``), and the rounds (voting's own table) hold them from there.
ROUND_RULES: tuple[str, ...] = (
    "vote_budget",
    "per_practice_cap",
    "allows_self_votes",
    "is_tally_hidden",
)
#: The default cap on one participant's stories: more than a real participant writes.
STORIES_PER_PARTICIPANT = 20
#: The highest cap a facilitator may set.
STORIES_PER_PARTICIPANT_MAX = 1000
#: An activity's key: short, lower-case, stored in the phase column.
KEY_MAX = 16

#: Join codes: 31 symbols, none that looks like another (no 0/O, 1/I/L).
CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
CODE_LENGTH = 6
TITLE_MAX = 120


class Workshop(Model):
    __tablename__ = "workshops"
    __table_args__ = (
        # A code is unique among open workshops; closed ones free theirs.
        Index(
            "uq_workshops_open_code",
            "code",
            unique=True,
            sqlite_where=text("closed_at IS NULL"),
            postgresql_where=text("closed_at IS NULL"),
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    #: What participants type; upper-case, from CODE_ALPHABET.
    code: Mapped[str] = mapped_column(String(CODE_LENGTH), index=True)
    title: Mapped[str] = mapped_column(String(TITLE_MAX))
    #: "fi" or "en": what the projector shows and phones start in.
    language: Mapped[str] = mapped_column(String(2))
    #: "lobby", "closed", or the key of the activity of the step it is in.
    phase: Mapped[str] = mapped_column(String(KEY_MAX), default=Phase.LOBBY)
    #: The step of the plan it is in (0, 1, ...); None in the lobby. Kept when closing.
    step_index: Mapped[int | None]
    #: Bumped in the same transaction as every change; every event carries it.
    seq: Mapped[int] = mapped_column(Integer, default=0)
    owner_id: Mapped[int] = mapped_column(ForeignKey("facilitators.id", ondelete="RESTRICT"))
    #: The projector's capability: whoever has it may watch, nothing more.
    projector_key: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    closed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    #: Each participant sees only their own stories until the facilitator reveals them.
    private_writing: Mapped[bool] = mapped_column(default=True, server_default=true())
    #: When the facilitator revealed the stories; None while they are private.
    stories_revealed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    #: Names are never sent to anyone but the author (facilitators included).
    is_anonymous: Mapped[bool] = mapped_column(default=False, server_default=false())
    #: No new people may join (those in stay in).
    is_locked: Mapped[bool] = mapped_column(default=False, server_default=false())
    #: The story shown large on the projector and as a banner on phones. No foreign
    #: key (stories point here already); the stories service clears it when the
    #: story is hidden or deleted.
    spotlight_story_id: Mapped[int | None]
    #: The practice in the spotlight instead (never both: workshop/posting/spotlight.py
    #: is the only writer); cleared when the practice is hidden, deleted or merged away.
    spotlight_practice_id: Mapped[int | None]
    #: When the facilitator revealed the practices; None while they are private.
    practices_revealed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    #: The design it runs: welcome text, each phase's instructions and minutes, and
    #: example stories (copied from its template, so a later template change leaves it be).
    plan: Mapped[dict | None] = mapped_column(JSON)
    #: The name of the template it was made from, for the record.
    template_name: Mapped[str | None] = mapped_column(String(TITLE_MAX))
    #: The plan's example stories are on the projector and the phones (marked as examples).
    are_examples_shown: Mapped[bool] = mapped_column(default=False, server_default=false())
    #: The join QR is over whatever the projector shows (for latecomers).
    is_qr_shown: Mapped[bool] = mapped_column(default=False, server_default=false())
    #: When a phase's timer runs out, participants' submissions in it are refused.
    locks_at_time_up: Mapped[bool] = mapped_column(default=False, server_default=false())
    #: The most stories one participant may post here (facilitators are not capped).
    stories_per_participant: Mapped[int] = mapped_column(
        default=STORIES_PER_PARTICIPANT, server_default=text(str(STORIES_PER_PARTICIPANT))
    )
    #: The timer: the phase it was started in, and either the moment it ends (running)
    #: or the seconds left (paused). A stored end, not a counter: restarts cannot lose it.
    timer_phase: Mapped[str | None] = mapped_column(String(KEY_MAX))
    #: The step the timer was started in (two steps may run the same activity).
    timer_step: Mapped[int | None]
    timer_ends_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    timer_left_seconds: Mapped[int | None]
    #: The whole length of the timer as set (with the minutes added), for the progress bar.
    timer_total_seconds: Mapped[int | None]
    #: Days after closing until `flask purge` deletes it; None keeps it.
    retention_days: Mapped[int | None] = mapped_column(default=90, server_default=text("90"))
    #: The read-only results link's capability; None when there is no link.
    share_key: Mapped[str | None] = mapped_column(String(64), unique=True)
    #: The earlier workshop (same team) this one follows up; its open commitments open the
    #: lobby. No foreign key (see migration 0015): deleting that one clears this.
    follows_id: Mapped[int | None] = mapped_column(index=True)
    #: Where every change of a commitment's status is posted, signed with the secret.
    webhook_url: Mapped[str | None] = mapped_column(String(500))
    webhook_secret: Mapped[str | None] = mapped_column(String(64))

    owner = relationship("Facilitator")
    follows = relationship(
        "Workshop",
        primaryjoin="foreign(Workshop.follows_id) == remote(Workshop.id)",
        viewonly=True,
    )
    co_facilitators = relationship(
        "WorkshopFacilitator",
        cascade="all, delete-orphan",
        passive_deletes=True,
        order_by="WorkshopFacilitator.added_at",
    )
    participants = relationship(
        "Participant",
        back_populates="workshop",
        cascade="all, delete-orphan",
        passive_deletes=True,
        order_by="Participant.id",
    )

    @property
    def is_open(self) -> bool:
        return self.closed_at is None

    @property
    def stories_are_public(self) -> bool:
        """Whether everyone may read everyone's (visible) stories now."""
        return not self.private_writing or self.stories_revealed_at is not None

    @property
    def practices_are_public(self) -> bool:
        """Whether everyone may read everyone's (visible) practices now."""
        return not self.private_writing or self.practices_revealed_at is not None

    # --- the flow: the plan's steps, one forward or back at a time; closing is final ---

    @property
    def steps(self) -> list[dict]:
        """Return the plan's steps (each at least {"activity": key}), in order."""
        steps = (self.plan or {}).get("steps")
        return steps if steps else [{"activity": key} for key in DEFAULT_STEPS]

    @property
    def step(self) -> dict | None:
        """Return the step it is in, or None in the lobby (and once closed, the last one)."""
        if self.step_index is None or not 0 <= self.step_index < len(self.steps):
            return None
        return self.steps[self.step_index]

    @property
    def writes_anonymously(self) -> bool:
        """Whether what is written now carries no name, decided at write: the workshop is
        anonymous, or the step it is in is (its own setting: no names on the stories,
        names on the practices, say)."""
        step = self.step
        return self.is_anonymous or bool(step and (step.get("settings") or {}).get("anonymous"))

    def _places(self) -> list[tuple[str, int | None]]:
        """Return where it may go now: (phase, step index) one back, one forward, closed."""
        if not self.is_open:
            return []
        here = -1 if self.step_index is None else self.step_index
        places: list[tuple[str, int | None]] = []
        for index in (here - 1, here + 1):
            if index == -1:
                places.append((Phase.LOBBY.value, None))
            elif 0 <= index < len(self.steps):
                places.append((self.steps[index]["activity"], index))
        return [*places, (Phase.CLOSED.value, self.step_index)]

    @property
    def next_phases(self) -> list[str]:
        """The phases this workshop may move to now: back, forward, closed."""
        return [phase for phase, _index in self._places()]

    def can_move_to(self, phase: str, step_index: int | None = None) -> bool:
        return self._place(phase, step_index) is not None

    def _place(self, phase: str, step_index: int | None) -> tuple[str, int | None] | None:
        for place in self._places():
            if place[0] == phase and (step_index is None or place[1] == step_index):
                return place
        return None

    def move_to(self, phase: str, step_index: int | None = None) -> None:
        """Move one step back or forward, or close; raise PhaseTransitionNotAllowed.

        ``step_index`` tells two steps of the same activity apart; without it the
        phase names the neighbouring step that runs it. What an activity does on
        entering its step is the activity's (see activities.enter).
        """
        place = self._place(phase, step_index)
        if place is None:
            raise PhaseTransitionNotAllowed()
        self.phase, self.step_index = place
        if phase == Phase.CLOSED:
            self.closed_at = utcnow()

    # --- the timer: a stored end (running) or the seconds left (paused) ---

    def timer_state(self, now: datetime) -> str:
        """Return "stopped", "running", "paused" or "ended" (ran out in this phase)."""
        if self.timer_phase != self.phase or self.timer_step != self.step_index:
            return "stopped"
        if self.timer_ends_at is not None:
            return "ended" if now >= aware(self.timer_ends_at) else "running"
        return "paused" if self.timer_left_seconds is not None else "stopped"

    def seconds_left(self, now: datetime) -> int | None:
        """Return the whole seconds left on the timer, or None when it is stopped."""
        state = self.timer_state(now)
        if state in ("running", "ended"):
            assert self.timer_ends_at is not None  # what "running" and "ended" mean
            return max(0, math.ceil((aware(self.timer_ends_at) - now).total_seconds()))
        return self.timer_left_seconds if state == "paused" else None

    def start_timer(self, now: datetime, seconds: int) -> None:
        """Run the timer: resume a paused one, or start ``seconds`` from now."""
        if self.timer_state(now) == "paused":
            assert self.timer_left_seconds is not None  # what "paused" means
            self.timer_ends_at = now + timedelta(seconds=self.timer_left_seconds)
        else:
            self.timer_phase = self.phase
            self.timer_step = self.step_index
            self.timer_ends_at = now + timedelta(seconds=seconds)
            self.timer_total_seconds = seconds
        self.timer_left_seconds = None

    def pause_timer(self, now: datetime) -> None:
        """Hold a running timer where it is."""
        if self.timer_state(now) == "running":
            self.timer_left_seconds = self.seconds_left(now)
            self.timer_ends_at = None

    def add_to_timer(self, now: datetime, seconds: int) -> None:
        """Give the phase more time: a stopped or ended timer starts again with it."""
        state = self.timer_state(now)
        # A running or paused timer has its total; a running one its end, a paused one its rest.
        if state == "running":
            assert self.timer_ends_at is not None and self.timer_total_seconds is not None
            self.timer_ends_at = aware(self.timer_ends_at) + timedelta(seconds=seconds)
            self.timer_total_seconds += seconds
        elif state == "paused":
            assert self.timer_left_seconds is not None and self.timer_total_seconds is not None
            self.timer_left_seconds += seconds
            self.timer_total_seconds += seconds
        else:
            self.start_timer(now, seconds)

    def stop_timer(self) -> None:
        self.timer_phase = None
        self.timer_step = None
        self.timer_ends_at = None
        self.timer_left_seconds = None
        self.timer_total_seconds = None

    def touch(self) -> None:
        """Record that the workshop changed: the next event carries the new seq."""
        self.seq += 1


class WorkshopFacilitator(Model):
    """Another facilitator the owner shares a workshop with: they run it together."""

    __tablename__ = "workshop_facilitators"

    workshop_id: Mapped[int] = mapped_column(
        ForeignKey("workshops.id", ondelete="CASCADE"), primary_key=True
    )
    facilitator_id: Mapped[int] = mapped_column(
        ForeignKey("facilitators.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    added_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    facilitator = relationship("Facilitator")
