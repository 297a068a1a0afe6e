"""The word cloud: phones send up to three words, facilitators hide, merge and reveal.

Words are compared as typed but without case, surrounding whitespace or punctuation
(Finnish inflections stay as typed: "hidas" and "hitaasti" are two words). The same word
from the same phone counts once. A send marks the "cloud" aggregate: the screens get the
whole cloud on the next tick, never one event per word per phone.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from typing import Any

from flask_babel import lazy_gettext as _l
from sqlalchemy import delete, func, select
from sqlalchemy.exc import IntegrityError

from .. import writes
from ..errors import Conflict, Forbidden, NotFound, ValidationFailed
from ..extensions import db
from ..participants.models import Participant
from ..text import single_line
from ..timeutil import utcnow
from ..workshops import timer
from ..workshops.models import Workshop
from .models import KEY_MAX, TEXT_MAX, CloudRound, CloudTerm, CloudWord

KEY = "wordcloud"
#: The aggregate's name, and the event the screens get on the tick.
AGGREGATE = "cloud"
WORDS_PER_PHONE = 3
#: How many words the charter lists per cloud.
CHARTER_TOP = 12
_KEY = re.compile(rf"^[A-Za-z0-9_.:-]{{1,{KEY_MAX}}}$")


class CloudClosed(Conflict):
    code = "cloud_closed"
    message = _l("Words can be sent only while the word cloud is on.")


class TooManyWords(Conflict):
    code = "too_many_words"
    message = _l("You have sent three words. Take one back to send another.")


def normalise(text: str) -> str:
    """Return a word as compared: case-folded, inner whitespace as one space, without
    punctuation or symbols at either end."""
    word = " ".join(text.split()).casefold()

    def is_edge(ch: str) -> bool:
        return unicodedata.category(ch)[0] in "PSZ"

    start, end = 0, len(word)
    while start < end and is_edge(word[start]):
        start += 1
    while end > start and is_edge(word[end - 1]):
        end -= 1
    return word[start:end]


def parse_word(value: object) -> tuple[str, str]:
    """Return a typed word as kept and as compared; raise ValidationFailed."""
    text = single_line(value, field="text", max_length=TEXT_MAX, required=True)
    norm = normalise(text)
    if not norm:
        raise ValidationFailed(fields={"text": _l("Write a word, not only punctuation.")})
    return text, norm


def _key(raw: object) -> str:
    if not isinstance(raw, str) or not _KEY.match(raw):
        raise ValidationFailed(fields={"key": _l("A key is 1 to 64 letters, digits or -_.:")})
    return raw


def cloud_step(workshop: Workshop) -> int | None:
    """Return the index of the word-cloud step the workshop is in, or None."""
    return workshop.step_index if workshop.is_open and workshop.phase == KEY else None


def is_live(workshop: Workshop, step_index: int) -> bool:
    """Whether the step shows its cloud as it grows (else only once revealed)."""
    steps = workshop.steps
    step = steps[step_index] if 0 <= step_index < len(steps) else {}
    return bool((step.get("settings") or {}).get("is_live"))


def _mine(participant_id: int, step_index: int) -> list[CloudWord]:
    query = (
        select(CloudWord)
        .where(CloudWord.participant_id == participant_id, CloudWord.step_index == step_index)
        .order_by(CloudWord.id)
    )
    return list(db.session.scalars(query))


def word_json(word: CloudWord) -> dict[str, Any]:
    return {"id": word.id, "key": word.key, "text": word.text, "word": word.norm}


# Phones ---------------------------------------------------------------------------


def post_word(participant_id: int, text: object, key: object) -> tuple[dict[str, Any], bool]:
    """Send a word under the client's key; return the phone's words and whether it is new.

    A replayed key, or a word this phone already sent in this step, changes nothing.
    """
    key = _key(key)
    shown, norm = parse_word(text)
    participant = db.session.get(Participant, participant_id)
    if participant is None or participant.removed_at is not None:
        raise NotFound()
    is_new, step = False, -1
    try:
        with writes.change(participant.workshop_id) as unit:
            on = cloud_step(unit.workshop)
            if on is None:
                raise CloudClosed()
            step = on
            timer.ensure_time_left(unit.workshop)
            mine = _mine(participant_id, step)
            replayed = any(w.key == key for w in mine) or db.session.scalar(
                select(CloudWord.id).where(
                    CloudWord.participant_id == participant_id, CloudWord.key == key
                )
            )
            if not replayed and all(w.norm != norm for w in mine):
                if len(mine) >= WORDS_PER_PHONE:
                    raise TooManyWords()
                word = CloudWord(
                    workshop_id=unit.workshop_id,
                    step_index=step,
                    participant_id=participant_id,
                    key=key,
                    text=shown,
                    norm=norm,
                )
                db.session.add(word)
                db.session.flush()
                mine.append(word)
                unit.mark(AGGREGATE)
                is_new = True
            body = {"words": [word_json(w) for w in mine]}
    except IntegrityError:  # the same key, committed first by a retry that got past us
        return {"words": [word_json(w) for w in _mine(participant_id, step)]}, False
    return body, is_new


def withdraw_word(participant_id: int, word_id: int) -> dict[str, Any]:
    """Take one's own word back while its cloud is on; return the phone's words."""
    word = db.session.get(CloudWord, word_id)
    if word is None:
        raise NotFound()
    if word.participant_id != participant_id:
        raise Forbidden()
    with writes.change(word.workshop_id) as unit:
        if cloud_step(unit.workshop) != word.step_index:
            raise CloudClosed()
        timer.ensure_time_left(unit.workshop)
        step = word.step_index
        db.session.delete(word)
        unit.mark(AGGREGATE)
    return {"words": [word_json(w) for w in _mine(participant_id, step)]}


def my_words(workshop: Workshop, participant_id: int) -> dict[str, Any]:
    """A phone's own part of a snapshot: its words in the cloud that is on."""
    step = cloud_step(workshop)
    return {"my_words": [] if step is None else [word_json(w) for w in _mine(participant_id, step)]}


# Facilitators ---------------------------------------------------------------------


def _term(workshop_id: int, step: int, norm: str) -> CloudTerm:
    term = db.session.get(CloudTerm, (workshop_id, step, norm))
    if term is None:
        term = CloudTerm(workshop_id=workshop_id, step_index=step, norm=norm)
        db.session.add(term)
    return term


def _moderated(facilitator_id: int, workshop_id: int):
    """Open a change to the cloud that is on (facilitator)."""
    return writes.change(workshop_id, facilitator_id=facilitator_id)


def _known(workshop_id: int, step: int, norm: str) -> None:
    query = select(func.count()).where(
        CloudWord.workshop_id == workshop_id, CloudWord.step_index == step, CloudWord.norm == norm
    )
    if not db.session.scalar(query):
        raise ValidationFailed(fields={"word": _l("No such word in the cloud.")})


def set_hidden(facilitator_id: int, workshop_id: int, word: object, *, hidden: bool) -> None:
    """Hide a word from the projector and phones, or bring it back."""
    norm = normalise(word) if isinstance(word, str) else ""
    with _moderated(facilitator_id, workshop_id) as unit:
        step = cloud_step(unit.workshop)
        if step is None:
            raise CloudClosed()
        _known(workshop_id, step, norm)
        _term(workshop_id, step, norm).hidden_at = utcnow() if hidden else None
        unit.mark(AGGREGATE)


def merge(facilitator_id: int, workshop_id: int, word: object, into: object) -> None:
    """Count a word as another ("asiakas" into "asiakkaat"): its people join the other's."""
    norm = normalise(word) if isinstance(word, str) else ""
    target = normalise(into) if isinstance(into, str) else ""
    if not target or target == norm:
        raise ValidationFailed(fields={"into": _l("Choose another word to merge into.")})
    with _moderated(facilitator_id, workshop_id) as unit:
        step = cloud_step(unit.workshop)
        if step is None:
            raise CloudClosed()
        _known(workshop_id, step, norm)
        _known(workshop_id, step, target)
        if _resolved(_merges(workshop_id, step), target) == norm:
            raise ValidationFailed(fields={"into": _l("Choose another word to merge into.")})
        _term(workshop_id, step, norm).merged_into = target
        unit.mark(AGGREGATE)


def reveal(facilitator_id: int, workshop_id: int) -> None:
    """Show the cloud to the room (it stays shown)."""
    with _moderated(facilitator_id, workshop_id) as unit:
        step = cloud_step(unit.workshop)
        if step is None:
            raise CloudClosed()
        state = db.session.get(CloudRound, (workshop_id, step))
        if state is None:
            state = CloudRound(workshop_id=workshop_id, step_index=step)
            db.session.add(state)
        state.revealed_at = state.revealed_at or utcnow()
        unit.mark(AGGREGATE)


# Reading --------------------------------------------------------------------------


def _merges(workshop_id: int, step: int) -> dict[str, str]:
    query = select(CloudTerm.norm, CloudTerm.merged_into).where(
        CloudTerm.workshop_id == workshop_id,
        CloudTerm.step_index == step,
        CloudTerm.merged_into.is_not(None),
    )
    return {norm: into for norm, into in db.session.execute(query) if into is not None}


def _resolved(merges: dict[str, str], norm: str) -> str:
    seen = {norm}
    while norm in merges and merges[norm] not in seen:
        norm = merges[norm]
        seen.add(norm)
    return norm


def _person(word: CloudWord) -> object:
    # Imported words have no participant: their export numbered the people instead.
    return word.participant_id if word.participant_id is not None else word.key.split("/")[0]


def words_of(workshop_id: int, step: int) -> dict[str, Any]:
    """Return a step's cloud as facilitators see it: each word once, merges folded in, by
    how many people sent it, most first (ties by the word)."""
    rows = list(
        db.session.scalars(
            select(CloudWord)
            .where(CloudWord.workshop_id == workshop_id, CloudWord.step_index == step)
            .order_by(CloudWord.id)
        )
    )
    terms = {
        t.norm: t
        for t in db.session.scalars(
            select(CloudTerm).where(
                CloudTerm.workshop_id == workshop_id, CloudTerm.step_index == step
            )
        )
    }
    merges = {norm: t.merged_into for norm, t in terms.items() if t.merged_into}
    people: dict[str, set[object]] = {}
    first: dict[str, int] = {}
    typed: dict[str, Counter[str]] = {}
    folded: dict[str, list[str]] = {}
    for row in rows:
        into = _resolved(merges, row.norm)
        people.setdefault(into, set()).add(_person(row))
        first.setdefault(into, len(first))  # rows come oldest first
        if into == row.norm:
            typed.setdefault(into, Counter())[row.text] += 1
        elif row.norm not in folded.setdefault(into, []):
            folded[into].append(row.norm)
    words: list[dict[str, Any]] = [
        {
            "word": norm,
            # The form most people typed (the first typed among equals).
            "text": (typed[norm].most_common(1)[0][0] if norm in typed else norm),
            "count": len(who),
            # Its place in the order words first came: screens lay the cloud out in it.
            "first": first[norm],
            "hidden": bool(terms.get(norm) and terms[norm].hidden_at),
            "merged": folded.get(norm, []),
        }
        for norm, who in people.items()
    ]
    words.sort(key=lambda w: (-w["count"], w["text"].casefold()))
    round_ = db.session.get(CloudRound, (workshop_id, step))
    return {
        "step_index": step,
        "revealed": bool(round_ and round_.revealed_at),
        "people": len({_person(row) for row in rows}),
        "words": words,
    }


def cloud_json(workshop: Workshop) -> dict[str, Any] | None:
    """The aggregate as facilitators see it: the cloud that is on, or None."""
    step = cloud_step(workshop)
    if step is None:
        return None
    return {**words_of(workshop.id, step), "is_live": is_live(workshop, step)}


def public_cloud(_workshop: Workshop, full: dict[str, Any] | None) -> dict[str, Any] | None:
    """What the projector and phones may see: no words until revealed (unless live), and
    never a hidden one."""
    if full is None:
        return None
    shown = full["revealed"] or full["is_live"]
    words = [w for w in full["words"] if not w["hidden"]]
    return {
        **full,
        "words": [{k: w[k] for k in ("word", "text", "count", "first")} for w in words]
        if shown
        else None,
    }


def clouds_of(workshop: Workshop) -> list[tuple[int, dict[str, Any]]]:
    """Return every word-cloud step of the plan that has words, with its cloud."""
    return [
        (index, words_of(workshop.id, index))
        for index, step in enumerate(workshop.steps)
        if step["activity"] == KEY
    ]


def clear(workshop_id: int) -> None:
    """Remove every word of a workshop (an import rewrites them); caller commits."""
    for table in (CloudWord, CloudTerm, CloudRound):
        db.session.execute(delete(table).where(table.workshop_id == workshop_id))
