"""The follow-up in the charter: each commitment's status and its history, and a follow-up
workshop's section on what came of last time's commitments. Called inside the
workshop's locale (render.to_markdown); people's notes and titles go in escaped."""

from __future__ import annotations

from typing import Any

from flask_babel import gettext

from ..followups.services import status_name
from .inline import inline


def _update(update: dict[str, Any]) -> str:
    who = gettext("by the owner") if update["by"] == "owner" else gettext("by a facilitator")
    line = f"{update['at'][:10]} · {status_name(update['status'])} ({who})"
    return line + (f": {inline(update['note'])}" if update.get("note") else "")


def status_lines(commitment: dict[str, Any], history: list[dict[str, Any]]) -> list[str]:
    """Return a commitment's status (and due date) and its updates, as list items."""
    status = status_name(commitment.get("status"))
    if commitment.get("due_on"):
        status += " · " + gettext("Due %(day)s", day=commitment["due_on"])
    lines = [f"- **{gettext('Status')}:** {status}"]
    lines += [f"    - {_update(update)}" for update in history]
    return lines


def since_lines(since: dict[str, Any] | None) -> list[str]:
    """Return the section "since last time" of a follow-up workshop, or nothing."""
    if not since or not since["commitments"]:
        return []
    title = inline(since["workshop"]["title"])
    lines = [f"## {gettext('Since last time')}", ""]
    lines += [gettext("The commitments of “%(title)s”, and what came of them.", title=title), ""]
    for commitment in since["commitments"]:
        owner = f" · {inline(commitment['owner'])}" if commitment.get("owner") else ""
        lines.append(f"- **{inline(commitment['title'])}**{owner}")
        lines += [f"    {line}" for line in status_lines(commitment, commitment["history"])]
    return [*lines, ""]
