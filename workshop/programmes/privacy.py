"""No breakdown of fewer than 5 people: the rule every figure of a programme passes.

A programme sets twelve teams side by side, and a team of three is three people one can
name. So a group of stories (a workshop's, a channel's, a lens's) is shown on its own only
when at least ``MIN_PEOPLE`` different people wrote them; smaller groups are pooled as
"others". When "others" itself would hold fewer than ``MIN_PEOPLE`` people (and so could
be worked out as the total less the groups shown), the smallest shown group joins it, and
again, until "others" is big enough or holds everything. A breakdown whose stories come
from fewer than ``MIN_PEOPLE`` people in all is not shown at all.

This guards each breakdown on its own. It does not stop a determined reader from setting
two breakdowns against each other (a programme's channels against each workshop's); the
programme is for the facilitators who ran the rooms, not a public report.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass
from typing import TypeVar

from ..voting.results import mean

MIN_PEOPLE = 5
#: The key of the pooled group.
OTHERS = "others"

Key = TypeVar("Key", bound=Hashable)


@dataclass(frozen=True)
class Told:
    """One story as the breakdowns see it: who wrote it (never shown) and its agency."""

    story_id: int
    person: int
    agency: int


def _people(stories: Iterable[Told]) -> int:
    return len({story.person for story in stories})


def breakdown(
    groups: Mapping[Key, Iterable[Told]], minimum: int = MIN_PEOPLE
) -> dict[Key | str, list[Told]] | None:
    """Return the groups that may be shown, in their order, and any pooled ones under
    OTHERS (each story once, though it was in several groups); None when the stories of
    all the groups together come from fewer than ``minimum`` people."""
    lists = {key: list(stories) for key, stories in groups.items()}
    lists = {key: stories for key, stories in lists.items() if stories}
    everyone = {s.story_id: s for stories in lists.values() for s in stories}
    if _people(everyone.values()) < minimum:
        return None
    shown = {key: stories for key, stories in lists.items() if _people(stories) >= minimum}
    pooled = [key for key in lists if key not in shown]
    while pooled and shown:
        others = {s.story_id: s for key in pooled for s in lists[key]}
        if _people(others.values()) >= minimum:
            break
        smallest = min(shown, key=lambda key: (_people(shown[key]), len(shown[key])))
        pooled.append(smallest)
        del shown[smallest]
    result: dict[Key | str, list[Told]] = {key: stories for key, stories in shown.items()}
    if pooled:
        result[OTHERS] = list({s.story_id: s for key in pooled for s in lists[key]}.values())
    return result


def distribution(stories: Iterable[Told]) -> dict[str, object]:
    """Return a group's count, mean agency (one decimal, halves up) and the counts at 1..5."""
    levels = [0, 0, 0, 0, 0]
    for story in stories:
        levels[story.agency - 1] += 1
    count = sum(levels)
    total = sum(level * n for level, n in enumerate(levels, start=1))
    return {
        "count": count,
        "mean": mean(total, count) if count else None,
        "distribution": levels,
    }
