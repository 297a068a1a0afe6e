"""Reactions: one of each kind per person per item, toggled on and off; a posting
activity keeps them in its own table (``Reactions`` is told which).

A tap is a write and an ack (the tapping phone gets its own kinds and the item's counts at
once); the other screens hear the counts on the ticker's next tick, as one
``reaction_counts`` per workshop with the items reacted to since the tick before, outside
the seq. A keynote room's two thousand taps in ten seconds cost a send per screen per tick,
not one per screen per tap.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select

from .. import realtime, writes
from ..errors import ValidationFailed
from ..extensions import db
from ..realtime import Audience
from ..workshops.models import Workshop
from ..workshops.services import Viewer
from .models import ReactionKind


def parse_kind(kind: object) -> ReactionKind:
    """Return the reaction kind named; raise ValidationFailed for an unknown one."""
    try:
        if not isinstance(kind, str):
            raise ValueError(kind)
        return ReactionKind(kind)
    except ValueError:
        raise ValidationFailed(fields={"kind": _l("Unknown reaction.")}) from None


#: The aggregate's name on the ticker, and the event the screens get on the tick.
AGGREGATE = realtime.REACTION_COUNTS
#: Every kind of item reacted to, by name (each Reactions adds itself).
_KINDS: dict[str, Reactions] = {}


class Reactions:
    """The reactions to one kind of item: a model with ``participant_id``, ``kind`` and
    the item's id in ``{name}_id``, the item's model ``item`` (with a ``workshop_id``);
    the screens' counts come under ``key`` in ``reaction_counts``."""

    def __init__(self, model: Any, name: str, key: str, item: Any) -> None:
        self.model = model
        self.name = name
        self.item_column = f"{name}_id"
        self.key = key
        self.item = item
        _KINDS[name] = self

    def react(
        self,
        workshop_id: int,
        item_id: int,
        participant_id: int,
        kind: ReactionKind,
        *,
        on: bool,
        may_react: Callable[[Workshop, Viewer], None],
    ) -> dict[str, Any]:
        """Switch one of a participant's reactions to an item on or off.

        One of each kind per person per item, however many taps arrive at once (the
        workshop's write lock orders them; a unique constraint backs it). ``may_react``
        raises if this participant may not react to it now (cannot read it, wrote it).
        Return the item's counts and the participant's own kinds.
        """
        with writes.change(workshop_id, open_only=False) as unit:
            reader = Viewer(workshop_id, Audience.PARTICIPANTS, participant_id=participant_id)
            may_react(unit.workshop, reader)
            if self.set(item_id, participant_id, kind, on=on):
                unit.mark(AGGREGATE, (self.name, item_id))
        return {**self._counted(item_id), "mine": self.mine(participant_id).get(item_id, [])}

    def _counted(self, item_id: int) -> dict[str, Any]:
        return {self.item_column: item_id, "reactions": self.counts([item_id])[item_id]}

    @property
    def _item(self) -> Any:
        return getattr(self.model, self.item_column)

    def set(self, item_id: int, participant_id: int, kind: ReactionKind, *, on: bool) -> bool:
        """Switch a participant's reaction on or off (caller holds the write lock and
        commits); return whether it changed."""
        query = select(self.model).where(
            self._item == item_id,
            self.model.participant_id == participant_id,
            self.model.kind == kind,
        )
        existing = db.session.scalar(query)
        if on and existing is None:
            self.add(item_id, participant_id, kind)
        elif not on and existing is not None:
            db.session.delete(existing)
        return (existing is None) == on

    def counts(self, item_ids: list[int]) -> dict[int, dict[str, int]]:
        """Return each item's counts by kind (every kind present, zeros included)."""
        counts = {item_id: {kind.value: 0 for kind in ReactionKind} for item_id in item_ids}
        if item_ids:
            query = (
                select(self._item, self.model.kind, func.count())
                .where(self._item.in_(item_ids))
                .group_by(self._item, self.model.kind)
            )
            for item_id, kind, count in db.session.execute(query):
                counts[item_id][kind.value] = count
        return counts

    def rows(self, item_ids: list[int]) -> list[tuple[int, int, str]]:
        """Return every reaction to these items as (item id, participant id, kind), oldest
        first (for the export)."""
        query = (
            select(self._item, self.model.participant_id, self.model.kind)
            .where(self._item.in_(item_ids))
            .order_by(self.model.id)
        )
        return [(item, person, kind.value) for item, person, kind in db.session.execute(query)]

    def add(self, item_id: int, participant_id: int, kind: ReactionKind) -> None:
        """Add a reaction without a lock (an import's new workshop); caller commits."""
        row = self.model(participant_id=participant_id, kind=kind)
        setattr(row, self.item_column, item_id)
        db.session.add(row)

    def item_ids(self, workshop_id: int) -> list[int]:
        """Return the ids of a workshop's items of this kind."""
        query = select(self.item.id).where(self.item.workshop_id == workshop_id)
        return list(db.session.scalars(query.order_by(self.item.id)))

    def mine(self, participant_id: int) -> dict[int, list[str]]:
        """Return the kinds a participant has given, by item."""
        query = select(self._item, self.model.kind).where(
            self.model.participant_id == participant_id
        )
        given: dict[int, list[str]] = {}
        for item_id, kind in db.session.execute(query):
            given.setdefault(item_id, []).append(kind.value)
        return given


def send_counts(workshop_id: int, parts: frozenset[tuple[str, int]] | None) -> None:
    """The ticker's handler: send every screen of the workshop the current counts of the
    items reacted to (``parts``: (kind of item, id) pairs), or of all its items (None).

    Counts name nobody, and every screen has always been sent them alike.
    """
    body: dict[str, dict[str, dict[str, int]]] = {}
    for name, reactions in _KINDS.items():
        if parts is None:
            ids = reactions.item_ids(workshop_id)
        else:
            ids = sorted(item_id for kind, item_id in parts if kind == name)
        if ids:
            body[reactions.key] = {str(i): counts for i, counts in reactions.counts(ids).items()}
    if body:
        realtime.send_unsequenced(workshop_id, AGGREGATE, public=body, facilitators=body)
