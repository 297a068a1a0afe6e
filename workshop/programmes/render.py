"""A programme's report as a standalone HTML page (to read, print or save as PDF) and as CSV
(Excel), in the reader's language. People's text (titles, lens names, statements) is only
ever text: escaped by Jinja in the page, kept from becoming a formula in the CSV."""

from __future__ import annotations

import csv
import hashlib
import io
from base64 import b64encode
from datetime import date
from typing import Any, cast

from flask import current_app, render_template
from flask_babel import format_date, get_locale, gettext

from ..followups.services import STATUS_NAMES
from ..stories import channels

LEVELS = ("1", "2", "3", "4", "5")


def day(iso: str | None) -> str:
    """Write an ISO date the reader's way (6.12.2026 in Finnish)."""
    return format_date(date.fromisoformat(iso[:10]), "short") if iso else ""


def change(value: float | None) -> str:
    """Write a change with its sign: +0,4, and a minus sign (U+2212) below zero; 0,0."""
    if value is None:
        return ""
    sign = "+" if value > 0 else "\u2212" if value < 0 else ""
    return sign + channels.written_mean(abs(value))


def helpers() -> dict[str, Any]:
    """What the report's templates use to say things: one set for the page and the export."""
    return {
        "day": day,
        "change": change,
        "mean": channels.written_mean,
        "channel_name": channels.channel_name,
        "flag_sentence": channels.flag_sentence,
        "status_names": {str(status): name for status, name in STATUS_NAMES.items()},
    }


def _stylesheet() -> str:
    with current_app.open_resource("../static/css/programme-report.css") as css:
        return cast(bytes, css.read()).decode("utf-8")


def to_html(data: dict[str, Any]) -> tuple[str, str]:
    """Return the report as a standalone page, and the CSP that lets its inline style in.
    The page runs no script; it prints on A4 (the stylesheet's print rules)."""
    style = _stylesheet()
    digest = b64encode(hashlib.sha256(style.encode("utf-8")).digest()).decode("ascii")
    titles = {shop["id"]: shop["title"] for shop in data["workshops"]}
    page = render_template(
        "programmes/export.html", data=data, titles=titles, style=style, **helpers()
    )
    policy = (
        f"default-src 'none'; style-src 'sha256-{digest}'; img-src data:; "
        "base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
    )
    return page, policy


def _cell(value: object) -> str:
    # A cell starting with = + - @ is a formula to a spreadsheet: keep it text.
    text = "" if value is None else str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def _columns() -> list[tuple[str, str]]:
    """The CSV's columns: (key, heading)."""
    return [
        ("kind", gettext("Kind")),
        ("workshop", gettext("Workshop")),
        ("group", gettext("Group")),
        ("count", gettext("Count")),
        ("mean", gettext("Mean")),
        *((level, level) for level in LEVELS),
        ("text", gettext("Text")),
        ("status", gettext("Status")),
        ("due_on", gettext("Due date")),
        ("owner", gettext("Owner")),
        ("recurring", gettext("Recurring group")),
        ("change", gettext("Change")),
    ]


#: The columns that may hold people's text (a title, a lens, a statement, a name).
_TEXT = frozenset({"workshop", "group", "text", "owner"})


def _figures(kind: str, where: str, group: str, figure: dict[str, Any]) -> dict[str, str]:
    levels = dict(zip(LEVELS, (str(n) for n in figure["distribution"]), strict=True))
    return {
        "kind": kind,
        "workshop": where,
        "group": group,
        "count": str(figure["count"]),
        "mean": channels.written_mean(figure["mean"]),
        **levels,
    }


def _breakdowns(where: str, scope: dict[str, Any]) -> list[dict[str, str]]:
    rows = [_figures(gettext("Customer agency"), where, "", scope["agency"])]
    by_channel = scope.get("channels") or {"channels": [], "flags": []}
    for row in by_channel["channels"]:
        name = channels.channel_name(row["channel"])
        rows.append(_figures(gettext("Channel"), where, name, row))
    for flag in by_channel["flags"]:
        name = channels.channel_name(flag["channel"])
        text = channels.flag_sentence(flag)
        rows.append({"kind": gettext("Flag"), "workshop": where, "group": name, "text": text})
    for row in scope.get("lenses") or []:
        name = row["lens"] if row["lens"] is not None else gettext("Others")
        rows.append(_figures(gettext("Lens"), where, name, row))
    return rows


def _rows(data: dict[str, Any]) -> list[dict[str, str]]:
    everyone = gettext("All workshops")
    combined = data["combined"]
    rows = _breakdowns(everyone, combined) if combined["agency"] else []
    for row in combined["by_workshop"] or []:
        name = row["title"] if row["workshop_id"] else gettext("Others")
        rows.append(_figures(gettext("Workshop"), everyone, name, row))
    for shop in data["workshops"]:
        if shop["is_shown"]:
            rows += _breakdowns(shop["title"], shop)
        for said in shop["pulse"] or []:
            rows.append(
                {
                    "kind": gettext("Pulse"),
                    "workshop": shop["title"],
                    "count": str(said["answers"]),
                    "mean": channels.written_mean(said["mean"]),
                    "text": said["statement"],
                    "change": change(said["change"]),
                }
            )
    for shop in data["workshops"]:
        for practice in shop["practices"]:
            kind = gettext("Commitment") if practice["is_commitment"] else gettext("Practice")
            rows.append(
                {
                    "kind": kind,
                    "workshop": shop["title"],
                    "text": practice["title"],
                    "status": practice["status_name"] or "",
                    "due_on": practice["due_on"] or "",
                    "owner": practice["owner"] or "",
                    "recurring": str(practice["group"] or ""),
                }
            )
    return rows


def to_csv(data: dict[str, Any]) -> str:
    """Return the report as CSV: figures (the programme's, then each workshop's: agency,
    channels and their flags, lenses, the pulse with its answers and change), then every
    practice. UTF-8 with a BOM; semicolons in Finnish (Excel's list separator there, with
    the decimal comma), commas in English. People's text never becomes a formula; the
    figures are written as they are (a change keeps its sign)."""
    delimiter = ";" if str(get_locale()) == "fi" else ","
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\r\n")
    columns = _columns()
    writer.writerow([heading for _key, heading in columns])
    for row in _rows(data):
        cells = [row.get(key, "") for key, _heading in columns]
        writer.writerow(
            [_cell(v) if key in _TEXT else v for (key, _h), v in zip(columns, cells, strict=True)]
        )
    return "\ufeff" + out.getvalue()
