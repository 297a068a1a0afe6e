"""A word cloud's rows: the words phones sent, what the facilitator did to them, its rounds."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from ..extensions import Model
from ..timeutil import utcnow

#: A word or a short phrase, as typed and as compared.
TEXT_MAX = 40
KEY_MAX = 64


class CloudWord(Model):
    """One word one phone sent in one word-cloud step."""

    __tablename__ = "cloud_words"
    __table_args__ = (
        UniqueConstraint("participant_id", "key", name="uq_cloud_words_participant_key"),
        # The same word from the same phone counts once in a step.
        UniqueConstraint(
            "participant_id", "step_index", "norm", name="uq_cloud_words_participant_step_norm"
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    workshop_id: Mapped[int] = mapped_column(
        ForeignKey("workshops.id", ondelete="CASCADE"), index=True
    )
    #: Which step of the plan (a plan may hold two clouds).
    step_index: Mapped[int]
    #: None for words brought in by an import (their people are not).
    participant_id: Mapped[int | None] = mapped_column(
        ForeignKey("participants.id", ondelete="CASCADE"), index=True
    )
    key: Mapped[str] = mapped_column(String(KEY_MAX))
    #: As typed (surrounding whitespace trimmed), and as compared: case-folded, without
    #: surrounding punctuation, inner whitespace as one space. Inflections stay as typed.
    text: Mapped[str] = mapped_column(String(TEXT_MAX))
    norm: Mapped[str] = mapped_column(String(TEXT_MAX))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class CloudTerm(Model):
    """What the facilitator did to a word of a step: hid it, or merged it into another."""

    __tablename__ = "cloud_terms"

    workshop_id: Mapped[int] = mapped_column(
        ForeignKey("workshops.id", ondelete="CASCADE"), primary_key=True
    )
    step_index: Mapped[int] = mapped_column(primary_key=True)
    norm: Mapped[str] = mapped_column(String(TEXT_MAX), primary_key=True)
    hidden_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    #: The word it was merged into (its norm); its people count there.
    merged_into: Mapped[str | None] = mapped_column(String(TEXT_MAX))


class CloudRound(Model):
    """A word-cloud step's own state: whether its words are revealed."""

    __tablename__ = "cloud_rounds"

    workshop_id: Mapped[int] = mapped_column(
        ForeignKey("workshops.id", ondelete="CASCADE"), primary_key=True
    )
    step_index: Mapped[int] = mapped_column(primary_key=True)
    revealed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
