"""Practices (what we would do, concretely), the stories they come from, and who wrote them."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    Date,
    DateTime,
    ForeignKey,
    String,
    Text,
    UniqueConstraint,
    false,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..database import string_enum
from ..extensions import Model
from ..posting.models import KEY_MAX as KEY_MAX
from ..posting.models import ReactionKind
from ..timeutil import utcnow

TITLE_MAX = 120
DESCRIPTION_MAX = 1000
OWNER_MAX = 80
FIRST_STEP_MAX = 280
#: The longest email address there is (RFC 5321's path limit).
EMAIL_MAX = 254


class Practice(Model):
    __tablename__ = "practices"
    __table_args__ = (
        # A retried post carries the same key: it finds the first practice, never a second.
        UniqueConstraint("workshop_id", "key", name="uq_practices_workshop_key"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    workshop_id: Mapped[int] = mapped_column(
        ForeignKey("workshops.id", ondelete="CASCADE"), index=True
    )
    #: Who proposed it; None when a facilitator added it from the control page.
    participant_id: Mapped[int | None] = mapped_column(
        ForeignKey("participants.id", ondelete="CASCADE"), index=True
    )
    #: The client's idempotency key for the post.
    key: Mapped[str] = mapped_column(String(KEY_MAX))
    title: Mapped[str] = mapped_column(String(TITLE_MAX))
    #: Markdown source and its cleaned HTML, rendered once when written.
    description: Mapped[str | None] = mapped_column(Text)
    description_html: Mapped[str | None] = mapped_column(Text)
    #: Set while a facilitator hides the practice from phones and the projector.
    hidden_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    #: Set when a facilitator merged this practice into another; it is gone from
    #: every list, and its links, authors, dots and ratings moved there (it goes
    #: with that one if that one is deleted).
    merged_into_id: Mapped[int | None] = mapped_column(
        ForeignKey("practices.id", ondelete="CASCADE"), index=True
    )
    #: Where it stands among the commitments (0 first); None if it is not one.
    commitment_position: Mapped[int | None]
    #: Who in the organisation carries the commitment, and its first concrete step.
    commitment_owner: Mapped[str | None] = mapped_column(String(OWNER_MAX))
    commitment_first_step: Mapped[str | None] = mapped_column(String(FIRST_STEP_MAX))
    #: Following it up after the workshop (workshop/followups/): when it is due, where its
    #: owner gets their link, and where it stands ("not_started" while it is a commitment,
    #: None otherwise; its history is in commitment_updates).
    commitment_due_on: Mapped[date | None] = mapped_column(Date)
    commitment_owner_email: Mapped[str | None] = mapped_column(String(EMAIL_MAX))
    commitment_status: Mapped[str | None] = mapped_column(String(11))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), default=utcnow, onupdate=utcnow
    )

    workshop = relationship("Workshop")
    stories = relationship(
        "Story", secondary="practice_stories", order_by="Story.id", backref="practices"
    )
    authors = relationship("Participant", secondary="practice_authors", order_by="Participant.id")

    @property
    def is_hidden(self) -> bool:
        return self.hidden_at is not None

    @property
    def is_merged(self) -> bool:
        return self.merged_into_id is not None

    @property
    def is_commitment(self) -> bool:
        return self.commitment_position is not None


class PracticeStory(Model):
    """A practice comes from a story (read both ways: a story's practices)."""

    __tablename__ = "practice_stories"

    practice_id: Mapped[int] = mapped_column(
        ForeignKey("practices.id", ondelete="CASCADE"), primary_key=True
    )
    story_id: Mapped[int] = mapped_column(
        ForeignKey("stories.id", ondelete="CASCADE"), primary_key=True, index=True
    )


class PracticeAuthor(Model):
    """Someone who wrote a practice (a merged practice has the authors of both)."""

    __tablename__ = "practice_authors"

    practice_id: Mapped[int] = mapped_column(
        ForeignKey("practices.id", ondelete="CASCADE"), primary_key=True
    )
    participant_id: Mapped[int] = mapped_column(
        ForeignKey("participants.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    #: Written while the workshop was anonymous: this authorship never shows a name,
    #: whatever the settings become later (a merge carries the flag along).
    is_anonymous: Mapped[bool] = mapped_column(default=False, server_default=false())


class PracticeReaction(Model):
    """One person's one reaction of one kind to one practice (toggled on and off)."""

    __tablename__ = "practice_reactions"
    __table_args__ = (
        UniqueConstraint(
            "practice_id", "participant_id", "kind", name="uq_practice_reactions_one_each"
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    practice_id: Mapped[int] = mapped_column(
        ForeignKey("practices.id", ondelete="CASCADE"), index=True
    )
    participant_id: Mapped[int] = mapped_column(
        ForeignKey("participants.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[ReactionKind] = mapped_column(string_enum(ReactionKind))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
