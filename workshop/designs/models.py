"""Templates a facilitator saved: a workshop's design, to start the next one from."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, DateTime, ForeignKey, String, false
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..extensions import Model
from ..timeutil import utcnow

NAME_MAX = 120


class Template(Model):
    __tablename__ = "templates"

    id: Mapped[int] = mapped_column(primary_key=True)
    owner_id: Mapped[int] = mapped_column(
        ForeignKey("facilitators.id", ondelete="CASCADE"), index=True
    )
    name: Mapped[str] = mapped_column(String(NAME_MAX))
    #: "fi" or "en": the language its texts are written in.
    language: Mapped[str] = mapped_column(String(2))
    #: The design, as designs.services.clean_design returns it.
    design: Mapped[dict] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    #: In the shared library: every facilitator on this server may start from it and copy it.
    is_shared: Mapped[bool] = mapped_column(default=False, server_default=false())

    owner = relationship("Facilitator")
