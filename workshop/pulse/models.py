"""A pulse's rows: its rounds (a pulse step in the room, or a check-in link) and the answers.

No answer names anyone: an answer carries an opaque voter mark (a keyed digest of the
participant in the room, the digest of a phone's token at a check-in), decided when it is
written, and no time of its own (a time would tell who tapped when).
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, CheckConstraint, DateTime, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from ..extensions import Model
from ..timeutil import utcnow

#: A statement as a design holds it.
STATEMENT_MAX = 200
STATEMENTS_MIN = 3
STATEMENTS_MAX = 5
#: A hex SHA-256 (a link's or a voter's digest).
DIGEST_LENGTH = 64


class RoundKind:
    """Where a round's answers came from: a pulse step in the room, or a check-in link."""

    IN_ROOM = "in_room"
    CHECK_IN = "check_in"


class PulseRound(Model):
    """One asking of the statements: a pulse step of the plan (once per step), or a dated
    check-in through a link. Its statements are its own, so its answers always read
    against the words that were asked."""

    __tablename__ = "pulse_rounds"
    __table_args__ = (
        CheckConstraint("kind IN ('in_room', 'check_in')", name="known_kind"),
        # A step of the plan has a round; a check-in has no step.
        CheckConstraint("(kind = 'in_room') = (step_index IS NOT NULL)", name="step_only_in_room"),
        UniqueConstraint("workshop_id", "step_index", name="uq_pulse_rounds_workshop_step"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    workshop_id: Mapped[int] = mapped_column(
        ForeignKey("workshops.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[str] = mapped_column(String(8))
    #: The pulse step of the plan (in the room); None for a check-in.
    step_index: Mapped[int | None]
    #: The statements asked, in order (a list of texts).
    statements: Mapped[list] = mapped_column(JSON)
    #: When it was first asked: the step first entered, or the link made.
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    #: In the room: when the figures were shown (by the facilitator, or at the step's end).
    #: Answers close then.
    revealed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    #: A check-in's link, as the digest of its token; None once revoked.
    link_digest: Mapped[str | None] = mapped_column(String(DIGEST_LENGTH), unique=True)
    #: A check-in: when its link was revoked (answers close then).
    closed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class PulseAnswer(Model):
    """One rating (1–5) of one statement of a round, by one voter, whoever they are."""

    __tablename__ = "pulse_answers"
    __table_args__ = (
        CheckConstraint("rating BETWEEN 1 AND 5", name="rating_1_to_5"),
        CheckConstraint("position BETWEEN 0 AND 4", name="known_position"),
        # One answer per voter per statement: a change replaces it.
        UniqueConstraint("round_id", "voter", "position", name="uq_pulse_answers_voter"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[int] = mapped_column(ForeignKey("pulse_rounds.id", ondelete="CASCADE"))
    #: An opaque mark, the same for one voter's answers in one round and nothing else.
    voter: Mapped[str] = mapped_column(String(DIGEST_LENGTH))
    #: Which statement of the round (0 is the first).
    position: Mapped[int]
    rating: Mapped[int]
