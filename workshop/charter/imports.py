"""Importing an exported workshop: every field checked as the forms check it, then the
whole workshop written in one go, as a new workshop (new code and links) or as a template.

Participants get fresh tokens nobody holds (they cannot come back in), so an imported
workshop is for reading, presenting and continuing the results.
"""

from __future__ import annotations

from typing import Any, overload

from flask_babel import lazy_gettext as _l
from sqlalchemy import delete

from .. import activities
from ..designs import services as designs
from ..errors import ValidationFailed
from ..extensions import db
from ..participants.models import DISPLAY_NAME_MAX, Participant
from ..posting import exchange as posting
from ..practices import commitments
from ..practices import reading as practice_reading
from ..practices import services as practices
from ..practices.models import (
    FIRST_STEP_MAX,
    OWNER_MAX,
    Practice,
    PracticeAuthor,
    PracticeStory,
)
from ..stories import lenses
from ..stories import services as stories
from ..stories.models import Story, StoryLens
from ..text import as_stored, single_line, whole_number
from ..timeutil import utcnow
from ..tokens import digest, new_token
from ..validation import refuse_unstorable
from ..voting import rounds
from ..voting.models import Rating, Vote
from ..workshops import services as workshops
from ..workshops.models import Phase, Workshop
from .exchange import FORMAT, VERSION

#: Big enough for a keynote, small enough that one file cannot fill the disk.
ROWS_MAX = 20_000
#: An exported workshop may be larger than any other request body.
IMPORT_MAX_BYTES = 8 * 1024 * 1024


def _invalid(field: str, message: Any = None) -> ValidationFailed:
    return ValidationFailed(fields={field: message or _l("Not valid in this file.")})


def _list(data: dict[str, Any], name: str) -> list[Any]:
    value = data.get(name, [])
    if not isinstance(value, list) or len(value) > ROWS_MAX:
        raise _invalid(name)
    return value


@overload
def _ref(value: object, size: int, field: str) -> int: ...
@overload
def _ref(value: object, size: int, field: str, *, optional: bool) -> int | None: ...
def _ref(value: object, size: int, field: str, *, optional: bool = False) -> int | None:
    if value is None and optional:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value < size:
        raise _invalid(field)
    return value


def _prefixed(error: ValidationFailed, prefix: str) -> ValidationFailed:
    return ValidationFailed(fields={f"{prefix}.{k}": v for k, v in error.fields.items()})


def parse_export(raw: object) -> dict[str, Any]:
    """Check an exported workshop field by field; return it cleaned, or raise ValidationFailed."""
    refuse_unstorable(raw)  # an uploaded file does not pass through the API's shapes
    if not isinstance(raw, dict) or raw.get("format") != FORMAT or raw.get("version") != VERSION:
        raise ValidationFailed(
            _l("This is not a workshop exported from Toimija (JSON, version %(v)d).", v=VERSION)
        )
    design = designs.clean_design(raw.get("design"))
    about = raw.get("workshop")
    if not isinstance(about, dict):
        about = {}
    phase = about.get("phase", "lobby")
    frame = (Phase.LOBBY.value, Phase.CLOSED.value)
    if not (isinstance(phase, str) and (phase in frame or activities.is_known(phase))):
        raise _invalid("workshop.phase")
    anonymous = design["settings"].get("is_anonymous") is True
    people = []
    for i, p in enumerate(_list(raw, "participants")):
        if not isinstance(p, dict):
            raise _invalid(f"participants.{i}")
        name = single_line(
            p.get("display_name"),
            field=f"participants.{i}.display_name",
            max_length=DISPLAY_NAME_MAX,
        )
        people.append({"display_name": name, "removed": p.get("removed") is True})
    story_list = []
    for i, s in enumerate(_list(raw, "stories")):
        if not isinstance(s, dict):
            raise _invalid(f"stories.{i}")
        try:
            values = stories.parse_story(s)
        except ValidationFailed as error:
            raise _prefixed(error, f"stories.{i}") from None
        lenses = s.get("lenses", [])
        if not isinstance(lenses, list):
            raise _invalid(f"stories.{i}.lenses")
        story_list.append(
            {
                "participant": _ref(s.get("participant"), len(people), f"stories.{i}.participant"),
                "values": values,
                "is_hidden": s.get("is_hidden") is True,
                # Written anonymously stays so; an anonymous workshop's rows all are.
                "is_anonymous": s.get("is_anonymous") is True or anonymous,
                "lenses": sorted(
                    {_ref(r, len(design["lenses"]), f"stories.{i}.lenses") for r in lenses}
                ),
            }
        )
    practice_list = []
    for i, p in enumerate(_list(raw, "practices")):
        if not isinstance(p, dict):
            raise _invalid(f"practices.{i}")
        try:
            values = practices.parse_practice(
                {"title": p.get("title"), "description": p.get("description")}
            )
        except ValidationFailed as error:
            raise _prefixed(error, f"practices.{i}") from None
        links, authors = p.get("stories", []), p.get("authors", [])
        unnamed = p.get("anonymous_authors", [])
        if not all(isinstance(v, list) for v in (links, authors, unnamed)):
            raise _invalid(f"practices.{i}")
        commitment = p.get("commitment")
        if commitment is not None:
            if not isinstance(commitment, dict):
                raise _invalid(f"practices.{i}.commitment")
            position = commitment.get("position")
            if isinstance(position, bool) or not isinstance(position, int) or position < 0:
                raise _invalid(f"practices.{i}.commitment.position")
            commitment = {
                "position": position,
                "owner": single_line(
                    commitment.get("owner"),
                    field=f"practices.{i}.commitment.owner",
                    max_length=OWNER_MAX,
                ),
                "first_step": single_line(
                    commitment.get("first_step"),
                    field=f"practices.{i}.commitment.first_step",
                    max_length=FIRST_STEP_MAX,
                ),
            }
        practice_list.append(
            {
                "participant": _ref(
                    p.get("participant"), len(people), f"practices.{i}.participant", optional=True
                ),
                "authors": list(
                    dict.fromkeys(_ref(a, len(people), f"practices.{i}.authors") for a in authors)
                ),
                "anonymous_authors": {
                    _ref(a, len(people), f"practices.{i}.anonymous_authors") for a in unnamed
                },
                "values": values,
                "stories": list(
                    dict.fromkeys(_ref(r, len(story_list), f"practices.{i}.stories") for r in links)
                ),
                "is_hidden": p.get("is_hidden") is True,
                "commitment": commitment,
            }
        )
    votes = []
    for i, v in enumerate(_list(raw, "votes")):
        if not isinstance(v, dict):
            raise _invalid(f"votes.{i}")
        person = _ref(v.get("participant"), len(people), f"votes.{i}.participant")
        # Its voting round; a file from before rounds: the plan's first voting step.
        step = _ref(v.get("step_index"), designs.STEPS_MAX, f"votes.{i}.step_index", optional=True)
        if "story" in v:  # a dot on a story, where the room voted on the stories
            story = _ref(v["story"], len(story_list), f"votes.{i}.story")
            votes.append((person, "story", story, step))
        else:
            practice = _ref(v.get("practice"), len(practice_list), f"votes.{i}.practice")
            votes.append((person, "practice", practice, step))
    ratings = {}
    for i, r in enumerate(_list(raw, "ratings")):
        if not isinstance(r, dict):
            raise _invalid(f"ratings.{i}")
        pair = (
            _ref(r.get("participant"), len(people), f"ratings.{i}.participant"),
            _ref(r.get("practice"), len(practice_list), f"ratings.{i}.practice"),
        )
        ratings[pair] = (
            whole_number(r.get("agency"), field=f"ratings.{i}.agency", maximum=5),
            whole_number(r.get("ease"), field=f"ratings.{i}.ease", maximum=5),
        )
    return {
        "title": about.get("title"),
        "phase": phase,
        "step_index": about.get("step_index"),
        "revealed": {
            k: about.get(k) is True
            for k in ("stories_revealed", "practices_revealed", "votes_revealed")
        },
        "design": design,
        "participants": people,
        "stories": story_list,
        "practices": practice_list,
        "votes": votes,
        "ratings": ratings,
        "activities": _activities(raw.get("activities")),
        # Reactions and the spotlight (workshop/posting/exchange.py); older files have none.
        "posting": posting.parse(
            _list(raw, "reactions"),
            raw.get("spotlight"),
            len(people),
            {"story": len(story_list), "practice": len(practice_list)},
        ),
    }


def _activities(raw: object) -> dict[str, Any]:
    """Check each activity's own part of the export (files without one import as empty)."""
    raw = raw if isinstance(raw, dict) else {}
    parts: dict[str, Any] = {}
    for activity in activities.activities():
        if activity.parse_import is None or activity.key not in raw:
            continue
        try:
            parts[activity.key] = activity.parse_import(raw[activity.key])
        except ValidationFailed as error:
            raise _prefixed(error, f"activities.{activity.key}") from None
    return parts


def import_workshop(facilitator_id: int, raw: object) -> Workshop:
    """Make a new workshop (new code and links) from an export, with everything in it."""
    with as_stored():  # texts kept as exported, however deep their lists (drawn flattened)
        data = parse_export(raw)
    design = data["design"]
    workshop = workshops.create_workshop(
        facilitator_id, data["title"], design["language"], design=design
    )
    try:
        return _fill(workshop, data)
    except Exception:
        # Everything was checked first; if the write still fails, no half workshop stays.
        db.session.rollback()
        db.session.execute(delete(Workshop).where(Workshop.id == workshop.id))
        db.session.commit()
        raise


def _place(workshop: Workshop, phase: str, step_index: object) -> tuple[str, int | None]:
    steps = [step["activity"] for step in workshop.steps]
    if phase == Phase.LOBBY:
        return phase, None
    if phase == Phase.CLOSED:
        return steps[-1], len(steps) - 1
    if isinstance(step_index, int) and 0 <= step_index < len(steps) and steps[step_index] == phase:
        return phase, step_index
    if phase in steps:
        return phase, steps.index(phase)
    return Phase.LOBBY.value, None  # its activity is not in the plan: start from the lobby


def _fill(workshop: Workshop, data: dict[str, Any]) -> Workshop:
    now = utcnow()
    anonymous = data["design"]["settings"].get("is_anonymous") is True
    # A closed workshop comes back at its last step (its results): open, so its charter
    # can be shown. A step is found by its activity (the export's index where it fits).
    workshop.phase, workshop.step_index = _place(workshop, data["phase"], data.get("step_index"))
    revealed = data["revealed"]
    workshop.stories_revealed_at = now if revealed["stories_revealed"] else None
    workshop.practices_revealed_at = now if revealed["practices_revealed"] else None
    rounds.place(workshop)
    if revealed["votes_revealed"]:  # files from before rounds: the round that counts
        rounds.reveal(workshop)
    lens_ids = [lens.id for lens in lenses.lenses_of(workshop.id)]
    people = []
    for person in data["participants"]:
        row = Participant(
            workshop_id=workshop.id,
            token_digest=digest(new_token()),
            display_name=person["display_name"],
            removed_at=now if person["removed"] else None,
        )
        people.append(row)
    db.session.add_all(people)
    db.session.flush()
    story_rows = []
    for ref, item in enumerate(data["stories"]):
        story = Story(
            workshop_id=workshop.id,
            participant_id=people[item["participant"]].id,
            key=f"import-{ref}",
            is_anonymous=item["is_anonymous"],
        )
        stories.apply_values(story, item["values"])
        story.hidden_at = now if item["is_hidden"] else None
        story_rows.append(story)
    db.session.add_all(story_rows)
    db.session.flush()
    for story, item in zip(story_rows, data["stories"], strict=True):
        db.session.add_all(
            StoryLens(story_id=story.id, lens_id=lens_ids[r]) for r in item["lenses"]
        )
    practice_rows = []
    for ref, item in enumerate(data["practices"]):
        proposer = item["participant"]
        practice = Practice(
            workshop_id=workshop.id,
            participant_id=None if proposer is None else people[proposer].id,
            key=f"import-{ref}",
            title=item["values"]["title"],
        )
        practices.apply_values(practice, item["values"], None)
        practice.hidden_at = now if item["is_hidden"] else None
        if commitment := item["commitment"]:
            practice.commitment_position = commitment["position"]
            practice.commitment_owner = commitment["owner"]
            practice.commitment_first_step = commitment["first_step"]
        practice_rows.append(practice)
    db.session.add_all(practice_rows)
    db.session.flush()
    for practice, item in zip(practice_rows, data["practices"], strict=True):
        db.session.add_all(
            PracticeStory(practice_id=practice.id, story_id=story_rows[r].id)
            for r in item["stories"]
        )
        db.session.add_all(
            PracticeAuthor(
                practice_id=practice.id,
                participant_id=people[a].id,
                is_anonymous=anonymous or a in item["anonymous_authors"],
            )
            for a in item["authors"]
        )
    first_round = next(iter(rounds.voting_steps(workshop)), 0)
    db.session.add_all(
        Vote(
            workshop_id=workshop.id,
            participant_id=people[person].id,
            practice_id=practice_rows[ref].id if kind == "practice" else None,
            story_id=story_rows[ref].id if kind == "story" else None,
            step_index=first_round if step is None else step,
            key=f"import-{n}",
            is_anonymous=anonymous,
        )
        for n, (person, kind, ref, step) in enumerate(data["votes"])
    )
    db.session.add_all(
        Rating(
            participant_id=people[person].id,
            practice_id=practice_rows[practice].id,
            agency=agency,
            ease=ease,
            is_anonymous=anonymous,
        )
        for (person, practice), (agency, ease) in data["ratings"].items()
    )
    posting.write(
        workshop,
        data["posting"],
        [p.id for p in people],
        {
            "story": (stories.REACTIONS, [s.id for s in story_rows]),
            "practice": (practice_reading.REACTIONS, [p.id for p in practice_rows]),
        },
    )
    db.session.flush()
    commitments.renumber_commitments(workshop.id)
    for key, part in data["activities"].items():
        write = activities.get(key).write_import
        if write is not None:
            write(workshop, part)
    workshop.touch()
    db.session.commit()
    return workshop


def import_template(facilitator_id: int, raw: object):
    """Keep the design of an exported workshop as one of the facilitator's templates."""
    refuse_unstorable(raw)
    if not isinstance(raw, dict) or raw.get("format") != FORMAT:
        raise ValidationFailed(
            _l("This is not a workshop exported from Toimija (JSON, version %(v)d).", v=VERSION)
        )
    with as_stored():
        return designs.save_template(facilitator_id, raw.get("design"))
