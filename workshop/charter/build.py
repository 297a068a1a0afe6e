"""The charter's content, one dict for every format: commitments first, then all
practices ranked, then the stories by lens, and the object-subject distribution (also by
channel)."""

from __future__ import annotations

from collections import Counter
from typing import Any

from .. import activities
from ..followups import reading as followup_reading
from ..followups import services as followups
from ..realtime import Audience
from ..stories import channels
from ..stories import lenses as lens_service
from ..stories import services as stories
from ..timeutil import aware
from ..voting import results
from ..workshops import services as workshops
from ..workshops.models import Workshop
from ..workshops.services import Viewer


def charter(workshop: Workshop) -> dict[str, Any]:
    """Return everything the charter shows; names only where the workshop shows names."""
    reader = Viewer(workshop.id, Audience.FACILITATORS)
    # The practices ranked; where the room voted on the stories, the voting activity's
    # own section ranks them instead.
    ranked = [row for row in results.ranking(workshop, reader) if "practice" in row]
    visible = [
        s
        for s in stories.stories_json(workshop, reader, for_facilitators=True)
        if not s["is_hidden"]
    ]
    by_id = {story["id"]: story for story in visible}
    for row in ranked:
        row["stories"] = [by_id[i] for i in row["practice"]["story_ids"] if i in by_id]
    commitments = sorted(
        (row for row in ranked if row["practice"]["commitment"]),
        key=lambda row: row["practice"]["commitment"]["position"],
    )
    history = followups.history_of([row["practice"]["id"] for row in commitments])
    for row in commitments:
        row["history"] = history[row["practice"]["id"]]
    names = {lens.id: lens.name for lens in lens_service.lenses_of(workshop.id)}
    for story in visible:
        story["lens_names"] = [names[i] for i in story["lens_ids"] if i in names]
    groups: list[dict[str, Any]] = [
        {"lens": name, "stories": [s for s in visible if lens_id in s["lens_ids"]]}
        for lens_id, name in names.items()
    ]
    untagged = [s for s in visible if not s["lens_ids"]]
    if untagged:
        groups.append({"lens": None, "stories": untagged})
    distribution = Counter(s["agency"] for s in visible)
    # What other activities add (a warm-up's words, say), in the order of the registry.
    sections = [
        section
        for activity in activities.activities()
        if activity.charter is not None and (section := activity.charter(workshop)) is not None
    ]
    return {
        "title": workshop.title,
        "code": workshop.code,
        "language": workshop.language,
        "date": aware(workshop.created_at).date().isoformat(),
        "is_anonymous": workshop.is_anonymous,
        "commitments": commitments,
        "since": followup_reading.since_last_time(workshop),
        "ranking": ranked,
        "stories": visible,
        "lens_groups": [g for g in groups if g["stories"]],
        "sections": sections,
        "distribution": {level: distribution.get(level, 0) for level in range(1, 6)},
        "channels": channels.channel_agency(workshop.id),
        "totals": {
            "participants": workshops.participant_count(workshop.id),
            "stories": len(visible),
            "practices": len(ranked),
            "dots": sum(row["dots"] for row in ranked),
        },
    }
