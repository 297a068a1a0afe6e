"""Reactions and the spotlight in a workshop's export, and back on import.

The export names rows by ``ref`` (their place in the file): a reaction is
``{"participant": ref, "story" | "practice": ref, "kind": "heart"}``, the spotlight
``{"story": ref}``, ``{"practice": ref}`` or None. Files from before either still import.
"""

from __future__ import annotations

from typing import Any

from flask_babel import lazy_gettext as _l

from ..errors import ValidationFailed
from ..workshops.models import Workshop
from . import spotlight as spotlights
from .reactions import Reactions, parse_kind

#: Per kind of item: its reactions, and its rows' refs by database id (export) or its
#: new rows' ids by ref (import).
Kinds = dict[str, tuple[Reactions, Any]]


def export(workshop: Workshop, person: dict[int, int], kinds: Kinds) -> dict[str, Any]:
    """Return the export's ``reactions`` and ``spotlight`` (refs, never database ids)."""
    reactions = [
        {"participant": person[participant_id], name: refs[item_id], "kind": kind}
        for name, (table, refs) in kinds.items()
        for item_id, participant_id, kind in table.rows(list(refs))
    ]
    shown = spotlights.current(workshop)
    spotlight = None
    if shown is not None and shown[1] in kinds[shown[0]][1]:
        spotlight = {shown[0]: kinds[shown[0]][1][shown[1]]}
    return {"reactions": reactions, "spotlight": spotlight}


def _invalid(field: str) -> ValidationFailed:
    return ValidationFailed(fields={field: _l("Not valid in this file.")})


def _ref(value: object, size: int, field: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value < size:
        raise _invalid(field)
    return value


def parse(
    reactions: list[Any], spotlight: object, people: int, sizes: dict[str, int]
) -> dict[str, Any]:
    """Check the export's reactions (a list, its length checked) and spotlight against
    the sizes of its lists (people, and each kind's items); raise ValidationFailed
    naming the first bad field."""
    found: set[tuple[str, int, int, str]] = set()
    for i, item in enumerate(reactions):
        names = [name for name in sizes if isinstance(item, dict) and name in item]
        if len(names) != 1:
            raise _invalid(f"reactions.{i}")
        name = names[0]
        try:
            kind = parse_kind(item.get("kind")).value
        except ValidationFailed:
            raise _invalid(f"reactions.{i}.kind") from None
        person = _ref(item.get("participant"), people, f"reactions.{i}.participant")
        target = _ref(item[name], sizes[name], f"reactions.{i}.{name}")
        found.add((name, target, person, kind))  # one of each: a repeat counts once
    shown = None
    if spotlight is not None:
        if not isinstance(spotlight, dict) or len(spotlight) != 1:
            raise _invalid("spotlight")
        ((name, ref),) = spotlight.items()
        if name not in sizes:
            raise _invalid("spotlight")
        shown = (name, _ref(ref, sizes[name], f"spotlight.{name}"))
    return {"reactions": sorted(found), "spotlight": shown}


def write(workshop: Workshop, data: dict[str, Any], people: list[int], kinds: Kinds) -> None:
    """Add the parsed reactions and spotlight to an imported workshop; caller commits.

    ``people`` and each kind's ids are the new rows' ids, by ref.
    """
    for name, target, person, kind in data["reactions"]:
        table, ids = kinds[name]
        table.add(ids[target], people[person], parse_kind(kind))
    if data["spotlight"] is not None:
        name, ref = data["spotlight"]
        for each in spotlights.KINDS:
            item_id = kinds[name][1][ref] if each == name else None
            setattr(workshop, spotlights.COLUMNS[each], item_id)
