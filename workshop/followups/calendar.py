"""A workshop's follow-up calendar (.ics): each commitment's due date and each check-in."""

from __future__ import annotations

from datetime import timedelta

from flask_babel import force_locale, gettext
from icalendar import Calendar, Event

from ..practices.models import Practice
from ..timeutil import utcnow
from ..workshops.models import Workshop
from .models import CheckIn


def ics(workshop: Workshop, commitments: list[Practice], check_ins: list[CheckIn]) -> bytes:
    """Return the calendar, in the workshop's language: whole-day entries."""
    calendar = Calendar()
    calendar.add("prodid", "-//Toimija//follow-up//EN")
    calendar.add("version", "2.0")
    stamp = utcnow()
    with force_locale(workshop.language):
        calendar.add("x-wr-calname", gettext("Follow-up: %(title)s", title=workshop.title))
        for practice in commitments:
            if practice.commitment_due_on is None:
                continue
            event = Event()
            event.add("uid", f"commitment-{practice.id}@toimija")
            event.add("dtstamp", stamp)
            event.add("dtstart", practice.commitment_due_on)
            event.add("dtend", practice.commitment_due_on + timedelta(days=1))
            event.add("summary", gettext("Due: %(title)s", title=practice.title))
            lines = [workshop.title]
            if practice.commitment_owner:
                lines.append(gettext("Owner: %(name)s", name=practice.commitment_owner))
            if practice.commitment_first_step:
                lines.append(gettext("First step: %(step)s", step=practice.commitment_first_step))
            event.add("description", "\n".join(lines))
            calendar.add_component(event)
        for check_in in check_ins:
            event = Event()
            event.add("uid", f"check-in-{check_in.id}@toimija")
            event.add("dtstamp", stamp)
            event.add("dtstart", check_in.due_on)
            event.add("dtend", check_in.due_on + timedelta(days=1))
            event.add("summary", gettext("Check-in: %(title)s", title=workshop.title))
            event.add("description", gettext("How are the commitments doing?"))
            calendar.add_component(event)
    return calendar.to_ical()
