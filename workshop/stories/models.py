"""Service stories: encounters in which someone was treated as an object, or as a subject."""

from __future__ import annotations

import enum
from datetime import datetime

from sqlalchemy import CheckConstraint, DateTime, ForeignKey, String, Text, UniqueConstraint, false
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..database import string_enum
from ..extensions import Model
from ..posting.models import KEY_MAX as KEY_MAX
from ..posting.models import ReactionKind as ReactionKind
from ..timeutil import utcnow

TITLE_MAX = 120
PART_MAX = 2000
#: How it was said is a few lines, not a second story.
MANNER_MAX = 600
PLACE_MAX = 80


class Channel(enum.StrEnum):
    """Where the encounter happened: offline and online are one experience."""

    IN_PERSON = "in_person"
    PHONE = "phone"
    ONLINE = "online"
    SOCIAL = "social"
    OTHER = "other"


class Story(Model):
    __tablename__ = "stories"
    __table_args__ = (
        # A retried post carries the same key: it finds the first story, never a second.
        UniqueConstraint("participant_id", "key", name="uq_stories_participant_key"),
        CheckConstraint("agency BETWEEN 1 AND 5", name="agency_1_to_5"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    workshop_id: Mapped[int] = mapped_column(
        ForeignKey("workshops.id", ondelete="CASCADE"), index=True
    )
    participant_id: Mapped[int] = mapped_column(
        ForeignKey("participants.id", ondelete="CASCADE"), index=True
    )
    #: The client's idempotency key for the post.
    key: Mapped[str] = mapped_column(String(KEY_MAX))
    title: Mapped[str] = mapped_column(String(TITLE_MAX))
    #: Markdown sources and their cleaned HTML, rendered once when written.
    happened: Mapped[str] = mapped_column(Text)
    happened_html: Mapped[str] = mapped_column(Text)
    staff_did: Mapped[str | None] = mapped_column(Text)
    staff_did_html: Mapped[str | None] = mapped_column(Text)
    could_do: Mapped[str | None] = mapped_column(Text)
    could_do_html: Mapped[str | None] = mapped_column(Text)
    #: How it was said, how it felt: the attitude in the encounter (optional).
    manner: Mapped[str | None] = mapped_column(Text)
    manner_html: Mapped[str | None] = mapped_column(Text)
    #: 1 = handled like an object ... 5 = a subject who could act.
    agency: Mapped[int]
    channel: Mapped[Channel] = mapped_column(string_enum(Channel))
    place: Mapped[str | None] = mapped_column(String(PLACE_MAX))
    #: Written while the workshop was anonymous: no screen, export or API response
    #: ever shows its author's name, whatever the settings become later.
    is_anonymous: Mapped[bool] = mapped_column(default=False, server_default=false())
    #: Set while a facilitator hides the story from phones and the projector.
    hidden_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), default=utcnow, onupdate=utcnow
    )

    participant = relationship("Participant")
    workshop = relationship("Workshop")

    @property
    def is_hidden(self) -> bool:
        return self.hidden_at is not None


class Reaction(Model):
    """One person's one reaction of one kind to one story (toggled on and off)."""

    __tablename__ = "reactions"
    __table_args__ = (
        UniqueConstraint("story_id", "participant_id", "kind", name="uq_reactions_one_each"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    story_id: Mapped[int] = mapped_column(ForeignKey("stories.id", ondelete="CASCADE"), index=True)
    participant_id: Mapped[int] = mapped_column(
        ForeignKey("participants.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[ReactionKind] = mapped_column(string_enum(ReactionKind))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


LENS_NAME_MAX = 80


class Lens(Model):
    """A way of looking at stories that a facilitator tags them with."""

    __tablename__ = "lenses"

    id: Mapped[int] = mapped_column(primary_key=True)
    workshop_id: Mapped[int] = mapped_column(
        ForeignKey("workshops.id", ondelete="CASCADE"), index=True
    )
    name: Mapped[str] = mapped_column(String(LENS_NAME_MAX))
    #: Order on screens; new lenses go last.
    position: Mapped[int] = mapped_column(default=0)

    workshop = relationship("Workshop")


class StoryLens(Model):
    """A story seen through a lens."""

    __tablename__ = "story_lenses"

    story_id: Mapped[int] = mapped_column(
        ForeignKey("stories.id", ondelete="CASCADE"), primary_key=True
    )
    lens_id: Mapped[int] = mapped_column(
        ForeignKey("lenses.id", ondelete="CASCADE"), primary_key=True, index=True
    )
