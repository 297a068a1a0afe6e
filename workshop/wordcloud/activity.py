"""The word cloud as an activity on the contract (see workshop/activities.py)."""

from __future__ import annotations

from typing import Any

from flask_babel import gettext
from flask_babel import lazy_gettext as _l

from ..activities import Activity, Aggregate, Section, Setting, boolean
from ..designs.services import STEPS_MAX
from ..errors import ValidationFailed
from ..extensions import db
from ..text import whole_number
from ..timeutil import utcnow
from ..workshops.models import Workshop
from ..workshops.services import Viewer
from . import services as cloud
from .api import OPENAPI, bp
from .models import CloudRound, CloudTerm, CloudWord


def _index(value: object, field: str) -> int:
    """A step's index in a plan: 0, 1, ..."""
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value < STEPS_MAX:
        raise ValidationFailed(fields={field: _l("Unknown step.")})
    return value


def _opened(workshop: Workshop, viewer: Viewer | None) -> dict[str, Any]:
    """Entering the step sends its cloud (empty, or as it was when the room left it)."""
    full = cloud.cloud_json(workshop)
    return {"cloud": full if viewer is not None else cloud.public_cloud(workshop, full)}


def _charter(workshop: Workshop) -> Section | None:
    rows: list[tuple[str, str]] = []
    for _index, found in cloud.clouds_of(workshop):
        shown = [w for w in found["words"] if not w["hidden"]][: cloud.CHARTER_TOP]
        rows += [(w["text"], str(w["count"])) for w in shown]
    if not rows:
        return None
    return Section(gettext("The room's words"), (gettext("Word"), gettext("People")), rows)


def _export(workshop: Workshop) -> dict[str, Any]:
    """Each word with a number for its sender (not their participant ref: a word names
    nobody), and what was hidden, merged and revealed."""
    people: dict[int | None, int] = {}
    words = []
    for word in db.session.scalars(
        db.select(CloudWord).where(CloudWord.workshop_id == workshop.id).order_by(CloudWord.id)
    ):
        person = people.setdefault(word.participant_id, len(people) + 1)
        words.append({"step_index": word.step_index, "person": person, "text": word.text})
    terms = [
        {
            "step_index": t.step_index,
            "word": t.norm,
            "hidden": t.hidden_at is not None,
            "merged_into": t.merged_into,
        }
        for t in db.session.scalars(
            db.select(CloudTerm).where(CloudTerm.workshop_id == workshop.id)
        )
    ]
    revealed = [
        r.step_index
        for r in db.session.scalars(
            db.select(CloudRound).where(
                CloudRound.workshop_id == workshop.id, CloudRound.revealed_at.is_not(None)
            )
        )
    ]
    return {"words": words, "terms": terms, "revealed": revealed}


def _parse(raw: object) -> dict[str, Any]:
    if not isinstance(raw, dict):
        raise ValidationFailed(fields={"words": _l("Must be the word cloud's part of an export.")})
    words = []
    for i, item in enumerate(raw.get("words") or []):
        item = item if isinstance(item, dict) else {}
        text, norm = cloud.parse_word(item.get("text"))
        words.append(
            {
                "step_index": _index(item.get("step_index"), f"words.{i}.step_index"),
                "person": whole_number(
                    item.get("person"), field=f"words.{i}.person", maximum=100000
                ),
                "text": text,
                "norm": norm,
            }
        )
    terms = []
    for i, item in enumerate(raw.get("terms") or []):
        item = item if isinstance(item, dict) else {}
        into = item.get("merged_into")
        terms.append(
            {
                "step_index": _index(item.get("step_index"), f"terms.{i}.step_index"),
                "norm": cloud.parse_word(item.get("word"))[1],
                "hidden": boolean(item.get("hidden", False), f"terms.{i}.hidden"),
                "merged_into": cloud.parse_word(into)[1] if into is not None else None,
            }
        )
    revealed = [_index(v, f"revealed.{i}") for i, v in enumerate(raw.get("revealed") or [])]
    return {"words": words, "terms": terms, "revealed": revealed}


def _write(workshop: Workshop, data: dict[str, Any]) -> None:
    cloud.clear(workshop.id)
    seen: set[tuple[int, int, str]] = set()
    for i, word in enumerate(data["words"]):
        mark = (word["step_index"], word["person"], word["norm"])
        if mark in seen:  # counted once, as when it was sent
            continue
        seen.add(mark)
        db.session.add(
            CloudWord(
                workshop_id=workshop.id,
                step_index=word["step_index"],
                participant_id=None,
                key=f"p{word['person']}/{i}",
                text=word["text"],
                norm=word["norm"],
            )
        )
    now = utcnow()
    for term in data["terms"]:
        db.session.add(
            CloudTerm(
                workshop_id=workshop.id,
                step_index=term["step_index"],
                norm=term["norm"],
                hidden_at=now if term["hidden"] else None,
                merged_into=term["merged_into"],
            )
        )
    for step in set(data["revealed"]):
        db.session.add(CloudRound(workshop_id=workshop.id, step_index=step, revealed_at=now))


WORDCLOUD = Activity(
    key=cloud.KEY,
    name=_l("Word cloud"),
    aggregates=(
        Aggregate(name=cloud.AGGREGATE, facilitators=cloud.cloud_json, public=cloud.public_cloud),
    ),
    opened=_opened,
    mine=cloud.my_words,
    blueprint=bp,
    openapi=OPENAPI,
    settings={
        "is_live": Setting(boolean, False, _l("The room sees the cloud grow as words come")),
    },
    charter=_charter,
    export=_export,
    parse_import=_parse,
    write_import=_write,
)
