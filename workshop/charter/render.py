"""The charter as Markdown (to edit), HTML (to read and print to PDF) and CSV (Excel).

Every label is in the workshop's language. People's text goes into the Markdown
escaped where it is a title or a name, and as the Markdown they wrote where it is
a story or a description; the HTML is rendered from that Markdown with raw HTML
off and cleaned by nh3 against an allowlist, as stories are.
"""

from __future__ import annotations

import csv
import hashlib
import html
import io
import re
from base64 import b64encode
from decimal import Decimal
from typing import Any, cast

import nh3
from flask import current_app, render_template
from flask_babel import force_locale, format_decimal, gettext, ngettext

from ..markdown import ALLOWED_ATTRIBUTES, ALLOWED_TAGS, LINK_REL, URL_SCHEMES, inert_source
from ..markdown_bounds import renderer as bounded_renderer
from . import since
from .channels import section as channel_section
from .inline import inline as _inline

HTML_TAGS = (ALLOWED_TAGS - {"hr"}) | {
    "h1",
    "h2",
    "h3",
    "h4",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
}


def _labels() -> dict[str, str]:
    """Return the document's headings and labels in the current language."""
    return {
        "agency": gettext("Customer agency"),
        "by_lens": gettext("The stories, by lens"),
        "commitments": gettext("Commitments"),
        "could_do": gettext("What I could do because of it"),
        "dots": gettext("Dots"),
        "ease": gettext("Ease"),
        "manner": gettext("How was it said, how did it feel?"),
        "first_step": gettext("First step"),
        "inspired": gettext("The stories that inspired it"),
        "owner": gettext("Owner"),
        "ranked": gettext("All practices, ranked"),
        "rating": gettext("Rating"),
        "spread": gettext("From object to subject: how the stories spread"),
        "staff_did": gettext("What the staff did"),
        "stories": gettext("Stories"),
    }


def _user(source: object) -> str:
    """People's own Markdown (a story, a description), made inert for any renderer."""
    return inert_source(str(source or ""))


def _quote(source: str) -> str:
    return "\n".join(f"> {line}".rstrip() for line in source.splitlines())


def _mean(value: float | None) -> str:
    # The value is already rounded (voting.results.mean): this only writes it out,
    # from its shortest decimal form, so no second rounding can change it.
    return "–" if value is None else format_decimal(Decimal(repr(value)), format="0.0")


def _channel(name: str) -> str:
    return {
        "in_person": gettext("In person"),
        "phone": gettext("By phone"),
        "online": gettext("Online"),
        "social": gettext("On social media"),
        "other": gettext("Elsewhere"),
    }.get(name, name)


def _agency_label(level: int) -> str:
    return {
        1: gettext("Handled like an object"),
        2: gettext("Mostly an object"),
        3: gettext("In between"),
        4: gettext("Mostly a subject"),
        5: gettext("A subject: I could act"),
    }[level]


def _byline(story: dict[str, Any], data: dict[str, Any]) -> str:
    parts = [_channel(story["channel"])]
    if story.get("place"):
        parts.append(_inline(story["place"]))
    parts.append(f"{_agency_label(story['agency'])} ({story['agency']}/5)")
    if not data["is_anonymous"] and story.get("author"):
        parts.append(_inline(story["author"]))
    return " · ".join(parts)


def _commitment(index: int, row: dict[str, Any], data: dict[str, Any]) -> list[str]:
    label = _labels()
    practice, commitment = row["practice"], row["practice"]["commitment"]
    lines = [f"### {index}. {_inline(practice['title'])}", ""]
    if commitment.get("owner"):
        lines.append(f"- **{label['owner']}:** {_inline(commitment['owner'])}")
    if commitment.get("first_step"):
        lines.append(f"- **{label['first_step']}:** {_inline(commitment['first_step'])}")
    lines += since.status_lines(commitment, row.get("history") or [])
    lines.append(
        f"- **{label['dots']}:** {row['dots']} · **{label['agency']}:** "
        f"{_mean(row['agency'])} / 5 · **{label['ease']}:** {_mean(row['ease'])} / 5"
    )
    lines.append("")
    if practice.get("description"):
        lines += [_user(practice["description"]), ""]
    if row["stories"]:
        lines += [f"*{label['inspired']}:*", ""]
        for story in row["stories"]:
            lines += [f"> **{_inline(story['title'])}** · {_byline(story, data)}", ">"]
            lines += [_quote(_user(story["happened"])), ""]
    return lines


def _ranking_table(data: dict[str, Any]) -> list[str]:
    header = [
        "#",
        gettext("Practice"),
        gettext("Dots"),
        gettext("Customer agency"),
        gettext("Ease"),
        gettext("From the stories"),
    ]
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    for row in data["ranking"]:
        practice = row["practice"]
        mark = " ★" if practice["commitment"] else ""
        traced = ", ".join(_inline(s["title"]) for s in row["stories"]) or "–"
        cells = [
            str(row["rank"]),
            _inline(practice["title"]) + mark,
            str(row["dots"]),
            _mean(row["agency"]),
            _mean(row["ease"]),
            traced,
        ]
        lines.append("| " + " | ".join(cells) + " |")
    return lines


def _story(story: dict[str, Any], data: dict[str, Any]) -> list[str]:
    label = _labels()
    lines = [f"#### {_inline(story['title'])}", "", f"*{_byline(story, data)}*", ""]
    lines += [_user(story["happened"]), ""]
    if story.get("staff_did"):
        lines += [f"**{label['staff_did']}:** {_user(story['staff_did'])}", ""]
    if story.get("manner"):
        lines += [f"**{label['manner']}** {_user(story['manner'])}", ""]
    if story.get("could_do"):
        lines += [f"**{label['could_do']}:** {_user(story['could_do'])}", ""]
    return lines


def to_markdown(data: dict[str, Any]) -> str:
    """Return the charter as a Markdown document in the workshop's language."""
    with force_locale(data["language"]):
        label = _labels()
        totals = data["totals"]
        summary = " · ".join(
            [
                gettext("Commitments and practices"),
                data["date"],
                ngettext("%(num)d participant", "%(num)d participants", totals["participants"]),
                ngettext("%(num)d story", "%(num)d stories", totals["stories"]),
                ngettext("%(num)d practice", "%(num)d practices", totals["practices"]),
                ngettext("%(num)d dot", "%(num)d dots", totals["dots"]),
            ]
        )
        lines = [f"# {_inline(data['title'])}", "", summary, ""]
        lines += since.since_lines(data.get("since"))
        lines += [f"## {label['commitments']}", ""]
        if not data["commitments"]:
            lines += [gettext("No commitments were chosen."), ""]
        for index, row in enumerate(data["commitments"], start=1):
            lines += _commitment(index, row, data)
        # The activities' own sections (the pulse, the room's words) after the commitments,
        # which the charter opens with (after a follow-up's "since last time"); inert text.
        for section in data.get("sections", []):
            head = " | ".join(_inline(column) for column in section.columns)
            lines += [f"## {_inline(section.title)}", "", f"| {head} |", "|---|---|"]
            lines += [f"| {_inline(name)} | {_inline(value)} |" for name, value in section.rows]
            lines.append("")
        lines += [f"## {label['ranked']}", ""]
        lines += _ranking_table(data) if data["ranking"] else [gettext("No practices.")]
        lines += ["", f"## {label['by_lens']}", ""]
        for group in data["lens_groups"]:
            name = _inline(group["lens"]) if group["lens"] else gettext("No lens")
            lines += [f"### {name}", ""]
            for story in group["stories"]:
                lines += _story(story, data)
        lines += [f"## {label['spread']}", ""]
        lines += [f"| {label['rating']} | {label['stories']} |", "|---|---|"]
        for level, count in data["distribution"].items():
            lines.append(f"| {level} – {_agency_label(level)} | {count} |")
        lines.append("")
        lines += channel_section(data.get("channels"))
    return "\n".join(lines)


def _html_body(source: str) -> str:
    # Its own tables are dense: a cell every few characters. Never reached but by
    # hostile text, whose work stays linear in the document's length.
    renderer = bounded_renderer(["tables"], chars_per_inline=4)
    clean = nh3.clean(
        renderer.convert(source),
        tags=set(HTML_TAGS),
        attributes={tag: set(names) for tag, names in ALLOWED_ATTRIBUTES.items()},
        url_schemes=set(URL_SCHEMES),
        link_rel=LINK_REL,
        strip_comments=True,
    )
    return _TABLE.sub(_labelled, clean)


_TABLE = re.compile(r"<table>.*?</table>", re.DOTALL)
_HEADER_CELL = re.compile(r"<th>(.*?)</th>", re.DOTALL)
_ROW = re.compile(r"<tr>(.*?)</tr>", re.DOTALL)
_TAG = re.compile(r"<[^>]*>")


def _labelled(table: re.Match) -> str:
    """Give each cell of a table its column's name (data-label), so a phone can show the
    rows as short cards instead of a table wider than the screen. The names are the
    document's own labels, already escaped; the cells come out of nh3 bare."""
    text = table.group(0)
    names = [
        html.escape(html.unescape(_TAG.sub("", name)).strip(), quote=True)
        for name in _HEADER_CELL.findall(text)
    ]

    def row(match: re.Match) -> str:
        cells = iter(names)
        inner = re.sub(r"<td>", lambda _: f'<td data-label="{next(cells, "")}">', match.group(1))
        return f"<tr>{inner}</tr>"

    wide = ' class="charter-wide"' if len(names) > 3 else ""
    return _ROW.sub(row, text).replace("<table>", f"<table{wide}>", 1)


def _stylesheet() -> str:
    with current_app.open_resource("../static/css/charter.css") as css:
        # Flask types the file as IO[AnyStr] whatever the mode; "rb", its default, reads bytes.
        return cast(bytes, css.read()).decode("utf-8")


def to_html(data: dict[str, Any]) -> tuple[str, str]:
    """Return the charter as a standalone HTML page, and the CSP that lets its style in.

    The stylesheet is inline so a downloaded file prints the same; the page runs no
    script at all.
    """
    return _page(data["language"], data=data, body=_html_body(to_markdown(data)))


def waiting_html(title: str, language: str) -> tuple[str, str]:
    """Return the results page as it stands before the votes are revealed: the title,
    a line saying the results come after the reveal, and a link to check again (no timed
    reload: WCAG 2.2.1)."""
    return _page(language, data={"title": title, "language": language}, body=None)


def _page(language: str, **context: Any) -> tuple[str, str]:
    style = _stylesheet()
    digest = b64encode(hashlib.sha256(style.encode("utf-8")).digest()).decode("ascii")
    with force_locale(language):
        page = render_template("charter/charter.html", style=style, **context)
    policy = (
        f"default-src 'none'; style-src 'sha256-{digest}'; img-src data:; "
        "base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
    )
    return page, policy


def _cell(value: object) -> str:
    # A cell starting with = + - @ is a formula to a spreadsheet: keep it text.
    text = "" if value is None else str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def to_csv(data: dict[str, Any]) -> str:
    """Return the charter as CSV: one row per practice, then one per story.

    UTF-8 with a BOM; semicolons in Finnish (Excel's list separator there, with the
    decimal comma), commas in English.
    """
    delimiter = ";" if data["language"] == "fi" else ","
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\r\n")
    with force_locale(data["language"]):
        writer.writerow(
            [
                gettext("Kind"),
                gettext("Rank"),
                gettext("Commitment"),
                gettext("Title"),
                gettext("Text"),
                gettext("Dots"),
                gettext("Customer agency"),
                gettext("Ease"),
                gettext("Owner"),
                gettext("First step"),
                gettext("From the stories"),
                gettext("Lenses"),
                gettext("Channel"),
                gettext("Author"),
                gettext("How was it said, how did it feel?"),
            ]
        )
        for row in data["ranking"]:
            practice, commitment = row["practice"], row["practice"]["commitment"] or {}
            writer.writerow(
                map(
                    _cell,
                    [
                        gettext("Practice"),
                        row["rank"],
                        commitment.get("position", -1) + 1 if commitment else "",
                        practice["title"],
                        practice.get("description") or "",
                        row["dots"],
                        "" if row["agency"] is None else _mean(row["agency"]),
                        "" if row["ease"] is None else _mean(row["ease"]),
                        commitment.get("owner") or "",
                        commitment.get("first_step") or "",
                        " | ".join(s["title"] for s in row["stories"]),
                        "",
                        "",
                        "",
                        "",
                    ],
                )
            )
        for story in data["stories"]:
            writer.writerow(
                map(
                    _cell,
                    [
                        gettext("Story"),
                        "",
                        "",
                        story["title"],
                        story["happened"],
                        "",
                        story["agency"],
                        "",
                        "",
                        "",
                        "",
                        " | ".join(story["lens_names"]),
                        _channel(story["channel"]),
                        "" if data["is_anonymous"] else story.get("author") or "",
                        story.get("manner") or "",
                    ],
                )
            )
    return "\ufeff" + out.getvalue()
