"""The whole workshop as JSON, to import again (charter/imports.py) as a workshop or a
template. Rows refer to each other by ``ref`` (their position in the file), never by
database id."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from .. import activities
from ..designs import services as designs
from ..extensions import db
from ..posting import exchange as posting
from ..practices import reading as practices
from ..practices.models import Practice, PracticeAuthor
from ..stories import lenses
from ..stories import services as stories
from ..stories.models import Story
from ..timeutil import isoformat, utcnow
from ..voting import rounds
from ..voting.models import Rating, Vote
from ..voting.targets import item_of
from ..workshops import services as workshops
from ..workshops.models import Workshop

FORMAT = "toimija-workshop"
VERSION = 1


def export_workshop(workshop: Workshop) -> dict[str, Any]:
    """Return the whole workshop: design, people (names unless anonymous), stories,
    practices, dots, ratings and commitments."""
    people = list(workshop.participants)
    person = {p.id: ref for ref, p in enumerate(people)}
    lens_ref = {lens.id: ref for ref, lens in enumerate(lenses.lenses_of(workshop.id))}
    story_rows = list(
        db.session.scalars(select(Story).where(Story.workshop_id == workshop.id).order_by(Story.id))
    )
    story_ref = {s.id: ref for ref, s in enumerate(story_rows)}
    tagged = stories.lens_ids_by_story(list(story_ref))
    practice_rows = list(
        db.session.scalars(
            select(Practice)
            .where(Practice.workshop_id == workshop.id, Practice.merged_into_id.is_(None))
            .order_by(Practice.id)
        )
    )
    practice_ref = {p.id: ref for ref, p in enumerate(practice_rows)}
    authorships: dict[int, list[PracticeAuthor]] = {p.id: [] for p in practice_rows}
    for authorship in db.session.scalars(
        select(PracticeAuthor)
        .where(PracticeAuthor.practice_id.in_(list(practice_ref)))
        .order_by(PracticeAuthor.participant_id)
    ):
        authorships[authorship.practice_id].append(authorship)
    votes = list(
        db.session.scalars(
            select(Vote)
            .where(Vote.workshop_id == workshop.id, Vote.withdrawn_at.is_(None))
            .order_by(Vote.id)
        )
    )
    ratings = list(
        db.session.scalars(
            select(Rating).where(Rating.practice_id.in_(list(practice_ref))).order_by(Rating.id)
        )
    )
    unnamed = (
        {s.participant_id for s in story_rows if s.is_anonymous}
        | {a.participant_id for rows in authorships.values() for a in rows if a.is_anonymous}
        | {vote.participant_id for vote in votes if vote.is_anonymous}
        | {rating.participant_id for rating in ratings if rating.is_anonymous}
    )
    return {
        "format": FORMAT,
        "version": VERSION,
        "exported_at": isoformat(utcnow()),
        "workshop": {
            "title": workshop.title,
            "language": workshop.language,
            "phase": workshop.phase,
            "step_index": workshop.step_index,
            "created_at": isoformat(workshop.created_at),
            "closed_at": isoformat(workshop.closed_at) if workshop.closed_at else None,
            "stories_revealed": workshop.stories_revealed_at is not None,
            "practices_revealed": workshop.practices_revealed_at is not None,
            "votes_revealed": rounds.is_revealed(workshop),
        },
        "design": designs.design_of(workshop),  # its lenses in the order of lens_ref
        "activities": {
            activity.key: activity.export(workshop)
            for activity in activities.activities()
            if activity.export is not None
        },
        # A name goes with nobody who wrote anything anonymously: their rows point at
        # them by ref, so a name there would put it back on what they wrote.
        "participants": [
            {
                "display_name": p.display_name
                if workshops.shows_name(workshop, written_anonymously=p.id in unnamed)
                else None,
                "removed": p.removed_at is not None,
            }
            for p in people
        ],
        "stories": [
            {
                "participant": person[s.participant_id],
                "title": s.title,
                "happened": s.happened,
                "staff_did": s.staff_did,
                "could_do": s.could_do,
                "manner": s.manner,
                "agency": s.agency,
                "channel": s.channel.value,
                "place": s.place,
                "is_hidden": s.is_hidden,
                "is_anonymous": s.is_anonymous,
                "lenses": sorted(lens_ref[i] for i in tagged[s.id]),
            }
            for s in story_rows
        ],
        "practices": [
            {
                "participant": person.get(p.participant_id),
                "authors": [person[a.participant_id] for a in authorships[p.id]],
                "anonymous_authors": [
                    person[a.participant_id] for a in authorships[p.id] if a.is_anonymous
                ],
                "title": p.title,
                "description": p.description,
                "stories": [story_ref[s.id] for s in p.stories],
                "is_hidden": p.is_hidden,
                "commitment": practices.commitment_json(p),
            }
            for p in practice_rows
        ],
        "votes": [
            {
                "participant": person[v.participant_id],
                "step_index": v.step_index,
                **(
                    {"story": story_ref[v.story_id]}
                    if v.story_id is not None
                    else {"practice": practice_ref[item_of(v)]}
                ),
            }
            for v in votes
        ],
        "ratings": [
            {
                "participant": person[r.participant_id],
                "practice": practice_ref[r.practice_id],
                "agency": r.agency,
                "ease": r.ease,
            }
            for r in ratings
        ],
        # "reactions" and "spotlight", by ref (workshop/posting/exchange.py).
        **posting.export(
            workshop,
            person,
            {
                "story": (stories.REACTIONS, story_ref),
                "practice": (practices.REACTIONS, practice_ref),
            },
        ),
    }
