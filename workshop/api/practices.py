"""API routes of practices, ratings, dot votes, results and commitments."""

from __future__ import annotations

import uuid

from flask import jsonify

from .. import throttle
from ..errors import NotFound, WorkshopNotFound
from ..extensions import db
from ..practices import commitments, merge, reading
from ..practices import services as practices
from ..practices.models import Practice
from ..practices.schemas import CommitmentChange, MergeInto, NewPractice, PracticeChange, Reveal
from ..realtime import Audience
from ..voting import dots as voting
from ..voting import ratings, results
from ..voting.schemas import DotTarget, Scores, VotingRules
from ..workshops import access
from ..workshops import services as workshops
from ..workshops.models import Workshop
from ..workshops.services import Viewer
from .common import (
    accepts,
    bp,
    changed_json,
    facilitator_id,
    json_body,
    participant_of,
    viewer_of,
)


def _practice_response(practice: Practice, viewer: Viewer, status: int = 200):
    body = reading.practice_json(
        practice, practice.workshop, for_facilitators=viewer.audience is Audience.FACILITATORS
    )
    return jsonify(body), status


def _viewer_of_practice(practice_id: int) -> Viewer:
    practice = db.session.get(Practice, practice_id)
    if practice is None:
        raise NotFound()
    return viewer_of(practice.workshop)


@bp.post("/workshops/<code>/practices")
@accepts(NewPractice)
def post_practice(code: str):
    """Propose a practice (participant, or facilitator); a replayed key returns 200."""
    viewer = viewer_of(workshops.workshop_by_code(code))
    if viewer.participant_id is not None:
        throttle.spend(throttle.PRACTICES, str(viewer.participant_id))
    body = json_body()
    key = body.get("key") if "key" in body else f"server-{uuid.uuid4()}"
    practice, created = practices.post_practice(viewer, body, key)
    return _practice_response(practice, viewer, 201 if created else 200)


@bp.patch("/practices/<int:practice_id>")
@accepts(PracticeChange)
def edit_practice(practice_id: int):
    """Change a practice: its author while proposing is open, or a facilitator."""
    viewer = _viewer_of_practice(practice_id)
    if viewer.participant_id is not None:
        throttle.spend(throttle.PRACTICES, str(viewer.participant_id))
    body = json_body()
    return _practice_response(practices.edit_practice(viewer, practice_id, body), viewer)


@bp.delete("/practices/<int:practice_id>")
def delete_practice(practice_id: int):
    """Delete a practice: its author while proposing is open, or a facilitator."""
    practices.delete_practice(_viewer_of_practice(practice_id), practice_id)
    return "", 204


@bp.post("/practices/<int:practice_id>/hide")
def hide_practice(practice_id: int):
    """Hide a practice from phones and the projector; its dots go back (facilitator)."""
    caller = facilitator_id()
    practice = practices.set_hidden(caller, practice_id, hidden=True)
    return _practice_response(practice, access.as_facilitator(caller, practice.workshop_id))


@bp.post("/practices/<int:practice_id>/restore")
def restore_practice(practice_id: int):
    """Bring a hidden practice back (facilitator)."""
    caller = facilitator_id()
    practice = practices.set_hidden(caller, practice_id, hidden=False)
    return _practice_response(practice, access.as_facilitator(caller, practice.workshop_id))


@bp.post("/practices/<int:practice_id>/merge")
@accepts(MergeInto)
def merge_practice(practice_id: int):
    """Merge a practice into another (facilitator): links, authors, dots and ratings move."""
    caller = facilitator_id()
    target = merge.merge(caller, practice_id, json_body().get("into"))
    return _practice_response(target, access.as_facilitator(caller, target.workshop_id))


@bp.put("/practices/<int:practice_id>/rating")
@accepts(Scores)
def rate_practice(practice_id: int):
    """Rate a practice for customer agency and ease, 1 to 5 each (participant)."""
    participant_id = participant_of(_viewer_of_practice(practice_id))
    body = json_body()
    return jsonify(ratings.rate(participant_id, practice_id, body))


@bp.put("/workshops/<code>/voting")
@accepts(VotingRules)
def change_voting(code: str):
    """Set the dot budget, the per-practice cap, self-votes and hiding (facilitator)."""
    caller = facilitator_id()
    body = json_body()
    viewer = access.by_code_for_facilitator(caller, code)
    workshop = voting.change_voting(caller, viewer.workshop_id, body)
    return jsonify(voting.voting_json(workshop))


@bp.put("/workshops/<code>/votes/<key>")
@accepts(DotTarget)
def cast_vote(code: str, key: str):
    """Put a dot on a practice under a client key (participant); a replay returns 200."""
    participant_id = participant_of(viewer_of(workshops.workshop_by_code(code)))
    body = json_body()
    result, created = voting.cast_vote(
        participant_id, key, body.get("practice_id"), body.get("story_id")
    )
    return jsonify(result), 201 if created else 200


@bp.delete("/workshops/<code>/votes/<key>")
def withdraw_vote(code: str, key: str):
    """Take a dot back while voting is open (participant)."""
    participant_id = participant_of(viewer_of(workshops.workshop_by_code(code)))
    return jsonify(voting.withdraw_vote(participant_id, key))


@bp.get("/workshops/<code>/results")
def get_results(code: str):
    """The ranking with dots, ratings and traced stories (facilitator; others after reveal)."""
    viewer = viewer_of(workshops.workshop_by_code(code))
    workshop = db.session.get(Workshop, viewer.workshop_id)
    if workshop is None:
        raise WorkshopNotFound()
    return jsonify(results.results_json(workshop, viewer))


@bp.put("/practices/<int:practice_id>/commitment")
@accepts(CommitmentChange)
def set_commitment(practice_id: int):
    """Make a practice a commitment, with an owner, a first step and a place (facilitator)."""
    caller = facilitator_id()
    practice = commitments.set_commitment(caller, practice_id, json_body())
    return _practice_response(practice, access.as_facilitator(caller, practice.workshop_id))


@bp.delete("/practices/<int:practice_id>/commitment")
def remove_commitment(practice_id: int):
    """Take a practice off the commitments (facilitator)."""
    caller = facilitator_id()
    commitments.remove_commitment(caller, practice_id)
    return "", 204


@bp.get("/workshops/<code>/ballot")
def get_ballot(code: str):
    """A participant's own dots: the budget, what is left, and each dot's key."""
    participant_id = participant_of(viewer_of(workshops.workshop_by_code(code)))
    return jsonify(
        {**voting.ballot_json(participant_id), "ratings": ratings.my_ratings(participant_id)}
    )


@bp.post("/workshops/<code>/reveal")
@accepts(Reveal)
def reveal(code: str):
    """Reveal what the phase holds (facilitator): votes in voting, practices while they
    are proposed, stories otherwise; or say which with {"what": ...}."""
    caller = facilitator_id()
    viewer = access.by_code_for_facilitator(caller, code)
    results.reveal(caller, viewer.workshop_id, json_body().get("what"))
    return jsonify(changed_json(workshops.facilitated_workshop(caller, viewer.workshop_id)))
