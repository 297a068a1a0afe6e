"""Facilitator accounts, their API tokens, and the one-time setup tokens."""

from __future__ import annotations

from datetime import datetime

from flask_login import UserMixin
from sqlalchemy import DateTime, ForeignKey, String, false, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..extensions import Model
from ..timeutil import utcnow


class Facilitator(UserMixin, Model):
    __tablename__ = "facilitators"

    id: Mapped[int] = mapped_column(primary_key=True)
    #: Stored lower-case; unique.
    email: Mapped[str] = mapped_column(String(254), unique=True)
    #: A werkzeug KDF hash (scrypt).
    password_hash: Mapped[str] = mapped_column(String(255))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    #: Raised by sign-out and a new password: every session made before it ends.
    session_epoch: Mapped[int] = mapped_column(default=0, server_default=text("0"))
    #: Creates accounts, names other administrators and sees every facilitator.
    is_admin: Mapped[bool] = mapped_column(default=False, server_default=false())

    api_tokens: Mapped[list[ApiToken]] = relationship(
        back_populates="facilitator", cascade="all, delete-orphan", passive_deletes=True
    )

    def get_id(self) -> str:
        """Flask-Login's id in the session: the account and its epoch, "12.3"."""
        return f"{self.id}.{self.session_epoch}"


class ApiToken(Model):
    __tablename__ = "api_tokens"

    id: Mapped[int] = mapped_column(primary_key=True)
    facilitator_id: Mapped[int] = mapped_column(
        ForeignKey("facilitators.id", ondelete="CASCADE"), index=True
    )
    #: What the facilitator called it ("CI", "laptop").
    name: Mapped[str] = mapped_column(String(80))
    #: SHA-256 of the token; the token itself is shown once.
    token_digest: Mapped[str] = mapped_column(String(64), unique=True)
    #: The first characters, so a listed token can be recognised.
    hint: Mapped[str] = mapped_column(String(12))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    revoked_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    facilitator: Mapped[Facilitator] = relationship(back_populates="api_tokens")

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None


class SetupToken(Model):
    """A one-time link for creating the first facilitator account."""

    __tablename__ = "setup_tokens"

    id: Mapped[int] = mapped_column(primary_key=True)
    token_digest: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
