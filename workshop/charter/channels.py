"""The charter's section on customer agency by channel (workshop/stories/channels.py),
as Markdown lines; the HTML and the PDF are rendered from them. Every word here is the
document's own: no person's text becomes a heading or a cell."""

from __future__ import annotations

from typing import Any

from flask_babel import gettext

from ..stories import channels
from .inline import inline


def section(data: dict[str, Any] | None) -> list[str]:
    """Return the section's Markdown lines (none without two channels to set side by side)."""
    rows = (data or {}).get("channels") or []
    if len(rows) < 2:
        return []
    heading = gettext("Customer agency by channel")
    lines = [f"## {heading}", ""]
    for flag in data["flags"] if data else []:
        lines += [f"**{inline(channels.flag_sentence(flag))}**", ""]
    header = [gettext("Channel"), gettext("Stories"), gettext("Mean"), "1", "2", "3", "4", "5"]
    lines += ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    for row in rows:
        name = inline(channels.channel_name(row["channel"]))
        if row["is_flagged"]:
            name = f"**{name}**"
        cells = [name, str(row["count"]), channels.written_mean(row["mean"])]
        lines.append("| " + " | ".join(cells + [str(n) for n in row["distribution"]]) + " |")
    lines += ["", f"*{inline(rule())}*", ""]
    return lines


def rule() -> str:
    """Say the flag's rule and the scale in the current language."""
    return " ".join(
        [
            gettext("1 = handled like an object, 5 = a subject who could act."),
            gettext(
                "A channel is flagged (in bold) when its mean is at least %(gap)s lower "
                "than the mean of the other channels' stories taken together.",
                gap=channels.written_mean(channels.GAP_TENTHS / 10),
            ),
            gettext(
                "A channel with fewer than %(num)d stories is not compared.",
                num=channels.MIN_STORIES,
            ),
        ]
    )
