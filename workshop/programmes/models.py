"""Programmes: one client's workshops grouped to be seen side by side (twelve store teams,
say), the facilitators they are shared with, and the practices linked as recurring."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import CheckConstraint, DateTime, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..extensions import Model
from ..timeutil import utcnow

TITLE_MAX = 120


class Programme(Model):
    __tablename__ = "programmes"

    id: Mapped[int] = mapped_column(primary_key=True)
    #: Who made it: only they rename, share or delete it.
    owner_id: Mapped[int] = mapped_column(
        ForeignKey("facilitators.id", ondelete="CASCADE"), index=True
    )
    #: "Kauppaketju X, kevät 2027": the client and the round of workshops.
    title: Mapped[str] = mapped_column(String(TITLE_MAX))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    owner = relationship("Facilitator")
    co_facilitators = relationship(
        "ProgrammeFacilitator",
        cascade="all, delete-orphan",
        passive_deletes=True,
        order_by="ProgrammeFacilitator.added_at",
    )


class ProgrammeFacilitator(Model):
    """Another facilitator the owner shares a programme with: they read it and add their
    own workshops to it."""

    __tablename__ = "programme_facilitators"

    programme_id: Mapped[int] = mapped_column(
        ForeignKey("programmes.id", ondelete="CASCADE"), primary_key=True
    )
    facilitator_id: Mapped[int] = mapped_column(
        ForeignKey("facilitators.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    added_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    facilitator = relationship("Facilitator")


class ProgrammeWorkshop(Model):
    """A workshop in a programme (a workshop may be in several; deleting it takes it out)."""

    __tablename__ = "programme_workshops"

    programme_id: Mapped[int] = mapped_column(
        ForeignKey("programmes.id", ondelete="CASCADE"), primary_key=True
    )
    workshop_id: Mapped[int] = mapped_column(
        ForeignKey("workshops.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    #: Who added it (None once their account is gone).
    added_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("facilitators.id", ondelete="SET NULL"), index=True
    )
    added_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class PracticeLink(Model):
    """A facilitator's word that two practices of two of the programme's workshops are the
    same idea: practices linked to each other, directly or through others, recur across
    teams. Stored once per pair, the lower id first."""

    __tablename__ = "practice_links"
    __table_args__ = (
        UniqueConstraint("programme_id", "practice_id", "other_id", name="uq_practice_links_pair"),
        CheckConstraint("practice_id < other_id", name="practice_link_ordered"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    programme_id: Mapped[int] = mapped_column(
        ForeignKey("programmes.id", ondelete="CASCADE"), index=True
    )
    practice_id: Mapped[int] = mapped_column(
        ForeignKey("practices.id", ondelete="CASCADE"), index=True
    )
    other_id: Mapped[int] = mapped_column(
        ForeignKey("practices.id", ondelete="CASCADE"), index=True
    )
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
