"""The charter's section on customer agency by channel (workshop/stories/channels.py),
as Markdown lines; the HTML and the PDF are rendered from them. Every word here is the
document's own: no person's text becomes a heading or a cell."""

from __future__ import annotations

from typing import Any

from flask_babel import gettext, ngettext

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
    # A list, not a table: each channel whole on one line on a phone, on A4 and in Markdown.
    for row in rows:
        name = inline(channels.channel_name(row["channel"]))
        if row["is_flagged"]:
            name = f"**{name}**"
        figures = gettext(
            "mean %(mean)s · %(stories)s (at 1 … 5: %(spread)s)",
            mean=channels.written_mean(row["mean"]),
            stories=ngettext("%(num)d story", "%(num)d stories", row["count"]),
            spread=" · ".join(str(n) for n in row["distribution"]),
        )
        lines.append(f"- {name}: {figures}")
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
