"""API routes of stories: post, edit, delete, hide, restore, reveal."""

from __future__ import annotations

import uuid

from flask import jsonify, request
from flask_babel import lazy_gettext as _l

from .. import throttle
from ..errors import NotFound, Unauthorized, ValidationFailed
from ..extensions import db
from ..realtime import Audience
from ..stories import lenses, paging, reactions, spotlight
from ..stories import services as stories
from ..stories.models import Story
from ..stories.schemas import LensName, NewStory, StoryChange
from ..validation import ascii_number
from ..workshops import access
from ..workshops import services as workshops
from ..workshops.services import Viewer
from .common import accepts, bp, facilitator_id, json_body, viewer_of


def _story_response(story: Story, viewer: Viewer, status: int = 200):
    body = stories.story_json(
        story, story.workshop, for_facilitators=viewer.audience is Audience.FACILITATORS
    )
    return jsonify(body), status


def _viewer_of_story(story_id: int) -> Viewer:
    story = db.session.get(Story, story_id)
    if story is None:
        raise NotFound()
    return viewer_of(story.workshop)


@bp.post("/workshops/<code>/stories")
@accepts(NewStory)
def post_story(code: str):
    """Post a story (participant); a replayed key returns the first story with 200."""
    viewer = viewer_of(workshops.workshop_by_code(code))
    if viewer.participant_id is None:
        raise Unauthorized()
    throttle.spend(throttle.STORIES, str(viewer.participant_id))
    body = json_body()
    key = body.get("key") if "key" in body else f"server-{uuid.uuid4()}"
    story, created = stories.post_story(viewer.participant_id, body, key)
    return _story_response(story, viewer, 201 if created else 200)


@bp.get("/workshops/<code>/stories")
def list_stories(code: str):
    """The stories the caller may read, newest page first; ?before=<id> pages to older."""
    workshop = workshops.workshop_by_code(code)
    viewer = viewer_of(workshop)
    limit = _whole_arg("limit") or paging.PAGE_MAX
    shown, more = paging.page(
        workshop, viewer, limit=min(limit, paging.PAGE_MAX), before=_whole_arg("before")
    )
    return jsonify({"stories": shown, "more": more})


def _whole_arg(name: str) -> int | None:
    raw = request.args.get(name)
    if raw is None:
        return None
    number = ascii_number(raw)
    if not number:  # not ASCII digits, past an id's range, or 0
        raise ValidationFailed(fields={name: _l("Must be a whole number from 1 up.")})
    return number


@bp.patch("/stories/<int:story_id>")
@accepts(StoryChange)
def edit_story(story_id: int):
    """Change a story: its author while writing is open, or a facilitator."""
    viewer = _viewer_of_story(story_id)
    if viewer.participant_id is not None:
        throttle.spend(throttle.STORIES, str(viewer.participant_id))
    body = json_body()
    return _story_response(stories.edit_story(viewer, story_id, body), viewer)


@bp.delete("/stories/<int:story_id>")
def delete_story(story_id: int):
    """Delete a story: its author while writing is open, or a facilitator."""
    viewer = _viewer_of_story(story_id)
    stories.delete_story(viewer, story_id)
    return "", 204


@bp.post("/stories/<int:story_id>/hide")
def hide_story(story_id: int):
    """Hide a story from phones and the projector (facilitator)."""
    caller = facilitator_id()
    story = stories.set_hidden(caller, story_id, hidden=True)
    return _story_response(story, access.as_facilitator(caller, story.workshop_id))


@bp.post("/stories/<int:story_id>/restore")
def restore_story(story_id: int):
    """Bring a hidden story back (facilitator)."""
    caller = facilitator_id()
    story = stories.set_hidden(caller, story_id, hidden=False)
    return _story_response(story, access.as_facilitator(caller, story.workshop_id))


@bp.post("/stories/<int:story_id>/spotlight")
def spotlight_story(story_id: int):
    """Show a story large on the projector and as a banner on phones (facilitator)."""
    caller = facilitator_id()
    story = db.session.get(Story, story_id)
    if story is None:
        raise NotFound()
    shown = spotlight.spotlight(caller, story.workshop_id, story_id)
    return jsonify({"spotlight": spotlight.spotlight_json(shown), "seq": shown.seq})


@bp.delete("/workshops/<code>/spotlight")
def end_spotlight(code: str):
    """Return the projector to the wall (facilitator)."""
    caller = facilitator_id()
    viewer = access.by_code_for_facilitator(caller, code)
    ended = spotlight.spotlight(caller, viewer.workshop_id, None)
    return jsonify({"spotlight": None, "seq": ended.seq})


def _reaction(story_id: int, kind: str, *, on: bool):
    viewer = _viewer_of_story(story_id)
    if viewer.participant_id is None:
        raise Unauthorized()
    throttle.spend(throttle.REACTIONS, str(viewer.participant_id))
    return jsonify(reactions.set_reaction(viewer.participant_id, story_id, kind, on=on))


@bp.put("/stories/<int:story_id>/reactions/<kind>")
def add_reaction(story_id: int, kind: str):
    """React to another person's story (participant): heart, clap, idea or wow; idempotent."""
    return _reaction(story_id, kind, on=True)


@bp.delete("/stories/<int:story_id>/reactions/<kind>")
def remove_reaction(story_id: int, kind: str):
    """Take a reaction back (participant); idempotent."""
    return _reaction(story_id, kind, on=False)


@bp.post("/workshops/<code>/lenses")
@accepts(LensName)
def add_lens(code: str):
    """Add a lens (facilitator)."""
    caller = facilitator_id()
    viewer = access.by_code_for_facilitator(caller, code)
    lens = lenses.add_lens(caller, viewer.workshop_id, json_body().get("name"))
    return jsonify(lenses.lens_json(lens, lenses.lens_questions(lens.workshop).get(lens.name))), 201


@bp.patch("/lenses/<int:lens_id>")
@accepts(LensName)
def rename_lens(lens_id: int):
    """Rename a lens (facilitator)."""
    lens = lenses.rename_lens(facilitator_id(), lens_id, json_body().get("name"))
    return jsonify(lenses.lens_json(lens, lenses.lens_questions(lens.workshop).get(lens.name)))


@bp.delete("/lenses/<int:lens_id>")
def delete_lens(lens_id: int):
    """Delete a lens; stories only lose that tag (facilitator)."""
    lenses.delete_lens(facilitator_id(), lens_id)
    return "", 204


def _tag(story_id: int, lens_id: int, *, on: bool):
    caller = facilitator_id()
    story = lenses.tag(caller, story_id, lens_id, on=on)
    return _story_response(story, access.as_facilitator(caller, story.workshop_id))


@bp.put("/stories/<int:story_id>/lenses/<int:lens_id>")
def tag_story(story_id: int, lens_id: int):
    """Tag a story with a lens (facilitator); idempotent."""
    return _tag(story_id, lens_id, on=True)


@bp.delete("/stories/<int:story_id>/lenses/<int:lens_id>")
def untag_story(story_id: int, lens_id: int):
    """Take a lens off a story (facilitator); idempotent."""
    return _tag(story_id, lens_id, on=False)
