"""The read-only results page, opened by its link: the charter, nothing else."""

from __future__ import annotations

from flask import Blueprint

from ..voting import rounds
from . import build, render
from . import services as sharing

bp = Blueprint("charter", __name__)


@bp.get("/charter/<key>")
def shared(key: str):
    """The practice charter for the client organisation: no controls, no other data."""
    workshop = sharing.workshop_by_share_key(key)
    if rounds.tally_is_public(workshop):
        page, policy = render.to_html(build.charter(workshop))
    else:  # a link made while the dots are hidden must not show them before the room sees them
        page, policy = render.waiting_html(workshop.title, workshop.language)
    return (
        page,
        200,
        {
            "Content-Security-Policy": policy,
            "Cache-Control": "no-store",
            "X-Robots-Tag": "noindex",
        },
    )
