"""The pulse's section of the charter, in the workshop's language (Finnish decimal comma):
each statement's figure in the room's latest pulse and its change, then each check-in's."""

from __future__ import annotations

from datetime import date
from typing import Any

from flask_babel import force_locale, format_date, format_decimal, gettext, ngettext

from ..activities import Section
from ..workshops.models import Workshop
from . import figures


def number(value: float) -> str:
    """A mean as the reader writes it: one decimal (3,8 in Finnish)."""
    return format_decimal(figures.one_decimal(value), format="0.0")


def signed(value: float) -> str:
    """A change with its sign: +0,7 (a minus sign where it fell)."""
    return format_decimal(figures.one_decimal(value), format="+0.0;-0.0")


def day(iso: str) -> str:
    return format_date(date.fromisoformat(iso), format="short")


def figure_text(answers: int, mean: float | None) -> str:
    """ "3,8, 14 answers", or "Fewer than 5 answers" where no figure may be shown."""
    if mean is None:
        return gettext("Fewer than %(num)d answers", num=figures.FIGURE_MIN)
    return ngettext(
        "%(mean)s, %(num)d answer", "%(mean)s, %(num)d answers", answers, mean=number(mean)
    )


def change_text(change: dict[str, Any]) -> str:
    """ "3,1 → 3,8 (+0,7), 14 answers (compared with 1.2.2027)"."""
    return ngettext(
        "%(before)s → %(after)s (%(delta)s), %(num)d answer (compared with %(since)s)",
        "%(before)s → %(after)s (%(delta)s), %(num)d answers (compared with %(since)s)",
        change["answers"],
        before=number(change["before"]),
        after=number(change["after"]),
        delta=signed(change["delta"]),
        since=day(change["since"]["at"]),
    )


def _shown(row: dict[str, Any]) -> str:
    if not row["is_shown"]:
        return gettext("Not shown yet: the pulse is on")
    if row["change"] is not None:
        return change_text(row["change"])
    return figure_text(row["answers"], row["mean"])


def section(workshop: Workshop) -> Section | None:
    """Return the pulse's charter section, or None where nobody has answered anything."""
    if not figures.has_answers(workshop.id):
        return None
    with force_locale(workshop.language):
        rows: list[tuple[str, str]] = []
        if (latest := figures.latest_in_room(workshop.id)) is not None:
            rows += [
                (row["statement"], _shown(row))
                for row in figures.statement_figures(workshop, latest)
            ]
        for found in figures.check_in_rounds(workshop.id):
            when = day(figures.date_of(found))
            for row in figures.statement_figures(workshop, found):
                label = gettext("Check-in %(date)s: %(text)s", date=when, text=row["statement"])
                rows.append((label, _shown(row)))
        if not rows:
            return None
        return Section(
            gettext("Customer agency pulse"), (gettext("Statement"), gettext("Mean 1–5")), rows
        )
