"""Workshops and their phase state machine."""

from __future__ import annotations

import enum
from datetime import datetime

from sqlalchemy import DateTime, ForeignKey, Index, Integer, String, false, text, true
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..database import string_enum
from ..errors import PhaseTransitionNotAllowed
from ..extensions import db
from ..timeutil import utcnow


class Phase(enum.StrEnum):
    LOBBY = "lobby"
    STORIES = "stories"
    CLOSED = "closed"


#: Which phase may follow which: forward and back through the flow; closing is
#: final (a closed code may be reused).
TRANSITIONS: dict[Phase, frozenset[Phase]] = {
    Phase.LOBBY: frozenset({Phase.STORIES, Phase.CLOSED}),
    Phase.STORIES: frozenset({Phase.LOBBY, Phase.CLOSED}),
    Phase.CLOSED: frozenset(),
}

#: Join codes: 31 symbols, none that looks like another (no 0/O, 1/I/L).
CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
CODE_LENGTH = 6
TITLE_MAX = 120


class Workshop(db.Model):
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
    phase: Mapped[Phase] = mapped_column(string_enum(Phase), default=Phase.LOBBY)
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

    owner = relationship("Facilitator")
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
    def next_phases(self) -> list[str]:
        """The phases this workshop may move to now, in flow order."""
        return [p.value for p in Phase if p in TRANSITIONS[self.phase]]

    def can_move_to(self, phase: Phase) -> bool:
        return phase in TRANSITIONS[self.phase]

    def move_to(self, phase: Phase) -> None:
        """Change phase, or raise PhaseTransitionNotAllowed."""
        if not self.can_move_to(phase):
            raise PhaseTransitionNotAllowed()
        self.phase = phase
        if phase is Phase.CLOSED:
            self.closed_at = utcnow()
        self.touch()

    def touch(self) -> None:
        """Record that the workshop changed: the next event carries the new seq."""
        self.seq += 1
