"""An .ics reminder (RFC 5545) for the last day to complain: an all-day event with an alarm two days before.

Written with the `icalendar` package (escaping and line folding are its job, not ours).
"""

from __future__ import annotations

import datetime
import hashlib

import icalendar
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override


def deadline_calendar(rule, result, *, url: str = "", language: str = "da") -> str:
    with override(language):
        summary = _("Sidste dag at klage: %(name)s") % {"name": rule.name}
        description = "\n".join(result.explanation + ([url] if url else []))
        alarm_text = _("Din klagefrist udløber om 2 dage")
    day = result.last_day
    uid = hashlib.sha256(f"{rule.pk}:{result.received}:{day}".encode()).hexdigest()[:32]
    cal = icalendar.Calendar()
    cal.add("version", "2.0")
    cal.add("prodid", "-//Familier med saerlige behov//Klagefrist//DA")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    event = icalendar.Event()
    event.add("uid", f"{uid}@klagefrist")
    event.add("dtstamp", timezone.now().astimezone(datetime.UTC))
    event.add("dtstart", day)
    event.add("dtend", day + datetime.timedelta(days=1))
    event.add("summary", summary)
    event.add("description", description)
    if url:
        event.add("url", url)
    event.add("transp", "TRANSPARENT")
    alarm = icalendar.Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("description", alarm_text)
    alarm.add("trigger", datetime.timedelta(days=-2))
    event.add_component(alarm)
    cal.add_component(event)
    return cal.to_ical().decode("utf-8")
