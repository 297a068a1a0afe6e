"""Participants: people in a workshop, known by a random token, with no account."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..extensions import Model
from ..timeutil import utcnow

DISPLAY_NAME_MAX = 40


class Participant(Model):
    __tablename__ = "participants"

    id: Mapped[int] = mapped_column(primary_key=True)
    workshop_id: Mapped[int] = mapped_column(
        ForeignKey("workshops.id", ondelete="CASCADE"), index=True
    )
    #: SHA-256 of the participant's 128-bit token (the cookie holds the token).
    token_digest: Mapped[str] = mapped_column(String(64), unique=True)
    #: Optional; empty means anonymous.
    display_name: Mapped[str | None] = mapped_column(String(DISPLAY_NAME_MAX))
    joined_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    #: Set when a facilitator removed them: the token stops working; their stories stay.
    removed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    workshop = relationship("Workshop", back_populates="participants")
