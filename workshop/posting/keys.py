"""Post by key: the client's idempotency key makes a retried post find the first item."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TypeVar

from flask_babel import lazy_gettext as _l
from sqlalchemy.exc import IntegrityError

from .. import writes
from ..errors import ValidationFailed
from .models import KEY_MAX

_KEY = re.compile(rf"^[A-Za-z0-9_.:-]{{1,{KEY_MAX}}}$")

Item = TypeVar("Item")


def clean_key(raw: object) -> str:
    """Return a client's key; raise ValidationFailed if it is not 1 to 64 safe characters."""
    if not isinstance(raw, str) or not _KEY.match(raw):
        raise ValidationFailed(fields={"key": _l("A key is 1 to 64 letters, digits or -_.:")})
    return raw


def _first(item: Item) -> tuple[Item, bool]:
    return item, False


def post_by_key(
    find: Callable[[], Item | None],
    prepare: Callable[[], int],
    create: Callable[[writes.Unit], Item],
    *,
    open_only: bool = True,
    replay: Callable[[Item], tuple[Item, bool]] = _first,
) -> tuple[Item, bool]:
    """Post an item once per key; return it and whether it is new.

    ``find`` looks the key up; ``prepare`` runs only for a new key (check the input) and
    returns the workshop to lock; ``create`` writes the item inside the unit of work.
    A key already used returns ``replay(first item)``: before the lock, under it (a
    retry that won the race), or after another process committed it first.
    """
    if (existing := find()) is not None:
        return replay(existing)
    workshop_id = prepare()
    try:
        with writes.change(workshop_id, open_only=open_only) as unit:
            if (existing := find()) is not None:  # posted meanwhile by a retry
                return replay(existing)
            item = create(unit)
    except IntegrityError:  # the same key, committed by another process first
        if (first := find()) is None:
            raise  # another constraint failed: not a replay
        return replay(first)
    return item, True
