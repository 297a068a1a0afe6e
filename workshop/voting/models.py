"""Dot voting's own tables: a voting round (one per voting step of the plan, with its own
rules), a dot (on a practice, or on a story where the step votes on the stories) in its
round, and a person's two ratings of a practice."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    CheckConstraint,
    DateTime,
    ForeignKey,
    Index,
    String,
    UniqueConstraint,
    false,
    text,
    true,
)
from sqlalchemy.orm import Mapped, mapped_column

from ..extensions import Model
from ..practices.models import KEY_MAX
from ..timeutil import utcnow


class RoundStatus:
    """Where a voting round is: not yet run, open (its step is running), or closed."""

    WAITING = "waiting"
    OPEN = "open"
    CLOSED = "closed"


class VotingRound(Model):
    """One voting step's rules and state. A plan may vote twice: each voting step is a
    round of its own, keyed by the workshop and the step's index in the plan."""

    __tablename__ = "voting_rounds"
    __table_args__ = (
        CheckConstraint("status IN ('waiting', 'open', 'closed')", name="known_status"),
    )

    workshop_id: Mapped[int] = mapped_column(
        ForeignKey("workshops.id", ondelete="CASCADE"), primary_key=True
    )
    step_index: Mapped[int] = mapped_column(primary_key=True)
    #: Dots per participant; None until set (opening the round fixes the suggestion).
    budget: Mapped[int | None]
    #: Most dots one person may put on one item; None means the whole budget.
    per_item_cap: Mapped[int | None]
    #: Whether people may vote for what they wrote.
    allows_self_votes: Mapped[bool] = mapped_column(default=True, server_default=true())
    #: Phones and the projector see only how many voted until the votes are revealed.
    is_tally_hidden: Mapped[bool] = mapped_column(default=True, server_default=true())
    status: Mapped[str] = mapped_column(
        String(8), default=RoundStatus.WAITING, server_default=RoundStatus.WAITING
    )
    opened_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    #: When its votes were revealed (by the facilitator, or by moving on to the results).
    revealed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    @property
    def tally_is_public(self) -> bool:
        """Whether phones and the projector may see the dots on each item now."""
        return not self.is_tally_hidden or self.revealed_at is not None


class Vote(Model):
    """One dot, placed by one participant on one practice, or on one story where the
    voting step votes on the stories, under the client's key.

    A dot taken back (or returned by a merge or a smaller budget) keeps its row
    with ``withdrawn_at`` set, so a late replay of its key changes nothing.
    """

    __tablename__ = "votes"
    __table_args__ = (
        UniqueConstraint("participant_id", "key", name="uq_votes_participant_key"),
        Index("ix_votes_practice_active", "practice_id", "withdrawn_at"),
        Index("ix_votes_story_active", "story_id", "withdrawn_at"),
        CheckConstraint("(practice_id IS NULL) <> (story_id IS NULL)", name="one_target"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    workshop_id: Mapped[int] = mapped_column(
        ForeignKey("workshops.id", ondelete="CASCADE"), index=True
    )
    participant_id: Mapped[int] = mapped_column(
        ForeignKey("participants.id", ondelete="CASCADE"), index=True
    )
    practice_id: Mapped[int | None] = mapped_column(ForeignKey("practices.id", ondelete="CASCADE"))
    story_id: Mapped[int | None] = mapped_column(ForeignKey("stories.id", ondelete="CASCADE"))
    #: The voting step (round) it was cast in: a plan may vote twice, each round its own.
    step_index: Mapped[int] = mapped_column(default=0, server_default=text("0"))
    key: Mapped[str] = mapped_column(String(KEY_MAX))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    withdrawn_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    #: Why a dot came back without its owner asking: "merge", "rules" or "hidden".
    returned_for: Mapped[str | None] = mapped_column(String(16))
    #: Cast while the workshop was anonymous: never shown with a name, whatever the
    #: settings become later (as stories and practice authorships).
    is_anonymous: Mapped[bool] = mapped_column(default=False, server_default=false())

    @property
    def is_active(self) -> bool:
        return self.withdrawn_at is None


class Rating(Model):
    """One person's two ratings of one practice, changeable while voting is open."""

    __tablename__ = "ratings"
    __table_args__ = (
        UniqueConstraint("participant_id", "practice_id", name="uq_ratings_one_each"),
        CheckConstraint("agency BETWEEN 1 AND 5", name="agency_1_to_5"),
        CheckConstraint("ease BETWEEN 1 AND 5", name="ease_1_to_5"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    participant_id: Mapped[int] = mapped_column(
        ForeignKey("participants.id", ondelete="CASCADE"), index=True
    )
    practice_id: Mapped[int] = mapped_column(
        ForeignKey("practices.id", ondelete="CASCADE"), index=True
    )
    #: 1 = the practice handles the customer as an object ... 5 = makes them a subject.
    agency: Mapped[int]
    #: 1 = hard to start ... 5 = we could start next week.
    ease: Mapped[int]
    #: Given (or changed) while the workshop was anonymous: never shown with a name again.
    is_anonymous: Mapped[bool] = mapped_column(default=False, server_default=false())
    updated_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), default=utcnow, onupdate=utcnow
    )
