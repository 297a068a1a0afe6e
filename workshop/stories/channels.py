"""Channel x agency: how much of a subject the customer was, channel by channel.

A customer does not care whether they meet the company at the desk, on the phone or
online: the same values should hold in every channel. This module counts the visible
stories (hidden ones never count) of each channel by their agency (1 = handled like an
object ... 5 = a subject who could act) and points at a channel where the customer is
clearly more of an object than elsewhere. The projector's results, the charter and the
programme all read it from here, so they agree.

The rule for a flag (``flags``), exactly:

* A channel is compared only when it has at least ``MIN_STORIES`` (5) stories, and only
  against at least ``MIN_STORIES`` stories of the other channels. A smaller channel is
  shown with its count and mean but never flagged (``is_small``): one unhappy story is
  not a pattern.
* It is compared with *the rest*: every visible story of every other channel pooled
  (small channels' stories included), not with the best single channel. The best of
  several means is the one most inflated by chance, and the issue asks whether a channel
  is below *the others*.
* Both means are the ones shown, one decimal with halves rounded up
  (``voting.results.mean``), and the gap is taken between those shown figures, in whole
  tenths: flagged when the rest's mean minus the channel's is ``GAP_TENTHS`` (1.0) or
  more. So "2.1 vs. 3.1" is flagged and "2.2 vs. 3.1" is not, whatever the unrounded
  means were, and no screen can show a flag its own figures contradict.

A sentence for a flag names the rest as one channel when only one other channel has
stories ("2.1 vs. 3.8 in person"), else as "the other channels".
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any

from flask_babel import format_decimal, gettext
from sqlalchemy import func, select

from ..extensions import db
from ..voting import results as voting  # the one rounding rule (a cycle: used late)
from .models import Channel, Story

#: Fewer stories than this in a channel (or in the rest) and it is not compared.
MIN_STORIES = 5
#: How far below the rest a channel's shown mean must be to be flagged, in tenths.
GAP_TENTHS = 10
LEVELS = range(1, 6)
#: The group a breakdown puts what is too small to show on its own in (the programme).
OTHERS = "others"


def _tenths(value: float) -> int:
    return round(value * 10)


def summarise(counts: Mapping[str, Mapping[int, int]]) -> dict[str, Any]:
    """Return the distribution per channel and the flags, from story counts by channel and
    agency (``counts[channel][agency]``). Keys that are not a Channel (a programme's
    "others", say) are shown and count in the rest, but are never flagged.

    The result: ``channels``, in the order of Channel (then any other key), each with
    ``count``, ``mean`` (None without stories), ``distribution`` (the counts of agency
    1..5, a list of five), ``is_small`` and ``is_flagged``; ``flags``, the widest gap
    first, each with ``channel``, ``mean``, ``others_mean``, ``others_count``, ``others``
    (the channels pooled as the rest) and ``gap``; and the rule's ``min_stories`` and
    ``gap``.
    """
    order = [c.value for c in Channel] + sorted(k for k in counts if k not in set(Channel))
    rows: list[dict[str, Any]] = []
    for key in order:
        by_level = counts.get(key) or {}
        distribution = [int(by_level.get(level, 0)) for level in LEVELS]
        count = sum(distribution)
        if not count:
            continue
        total = sum(level * n for level, n in zip(LEVELS, distribution, strict=True))
        rows.append(
            {
                "channel": key,
                "count": count,
                "mean": voting.mean(total, count),
                "distribution": distribution,
                "is_small": count < MIN_STORIES,
                "is_flagged": False,
                "_total": total,
            }
        )
    flags = []
    all_count = sum(row["count"] for row in rows)
    all_total = sum(row["_total"] for row in rows)
    for row in rows:
        rest_count = all_count - row["count"]
        if row["is_small"] or rest_count < MIN_STORIES or row["channel"] not in set(Channel):
            continue
        rest_mean = voting.mean(all_total - row["_total"], rest_count)
        gap = _tenths(rest_mean) - _tenths(row["mean"])
        if gap >= GAP_TENTHS:
            row["is_flagged"] = True
            flags.append(
                {
                    "channel": row["channel"],
                    "mean": row["mean"],
                    "others_mean": rest_mean,
                    "others_count": rest_count,
                    "others": [other["channel"] for other in rows if other is not row],
                    "gap": gap / 10,
                }
            )
    for row in rows:
        del row["_total"]
    flags.sort(key=lambda flag: (-flag["gap"], order.index(flag["channel"])))
    return {
        "channels": rows,
        "flags": flags,
        "min_stories": MIN_STORIES,
        "gap": GAP_TENTHS / 10,
    }


def count(rows: Iterable[tuple[str, int]]) -> dict[str, dict[int, int]]:
    """Return story counts by channel and agency from (channel, agency) pairs."""
    counts: dict[str, dict[int, int]] = {}
    for channel, agency in rows:
        by_level = counts.setdefault(str(channel), {})
        by_level[agency] = by_level.get(agency, 0) + 1
    return counts


def channel_agency(workshop_id: int) -> dict[str, Any]:
    """Return a workshop's distribution per channel and its flags (visible stories only),
    in one query."""
    query = (
        select(Story.channel, Story.agency, func.count())
        .where(Story.workshop_id == workshop_id, Story.hidden_at.is_(None))
        .group_by(Story.channel, Story.agency)
    )
    counts: dict[str, dict[int, int]] = {}
    for channel, agency, n in db.session.execute(query):
        counts.setdefault(str(channel), {})[agency] = n
    return summarise(counts)


# --- in words: the same sentences on every screen and in every export ---


def channel_name(key: str) -> str:
    """Return a channel's name as a place ("Online", "In person"); "Others" for a group."""
    names = {
        "in_person": gettext("In person"),
        "phone": gettext("By phone"),
        "online": gettext("Online"),
        "social": gettext("On social media"),
        "other": gettext("Elsewhere"),
        OTHERS: gettext("Others"),
    }
    return names.get(key, key)


def written_mean(value: float | None) -> str:
    """Write a mean as it is shown: one decimal, in the current language (2,1 in Finnish)."""
    if value is None:
        return "–"
    return format_decimal(Decimal(repr(value)), format="0.0")


def wordings() -> dict[str, str]:
    """Return the flag's sentences with {where}, {mean}, {others_mean} and {elsewhere} to
    fill: one wording for the server and the projector's script (results/projector.js)."""
    return {
        "object": gettext(
            "{where}, the customer is an object: {mean} vs. {others_mean} {elsewhere}"
        ),
        "less": gettext(
            "{where}, the customer is less of a subject: {mean} vs. {others_mean} {elsewhere}"
        ),
        "elsewhere": gettext("in the other channels"),
    }


def flag_sentence(flag: Mapping[str, Any]) -> str:
    """Say a flag in one sentence: "Online, the customer is an object: 2.1 vs. 3.8 in
    person" (a mean below 3, the object half of the scale), else "Online, the customer is
    less of a subject: 3.2 vs. 4.4 in the other channels"."""
    words = wordings()
    others = flag["others"]
    if len(others) == 1 and others[0] != OTHERS:
        name = channel_name(others[0])
        elsewhere = name[:1].lower() + name[1:]
    else:
        elsewhere = words["elsewhere"]
    sentence = words["object"] if flag["mean"] < 3 else words["less"]
    return sentence.format(
        where=channel_name(flag["channel"]),
        mean=written_mean(flag["mean"]),
        others_mean=written_mean(flag["others_mean"]),
        elsewhere=elsewhere,
    )
