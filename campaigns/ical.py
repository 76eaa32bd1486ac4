"""iCalendar (RFC 5545) for events: one event as a .ics download or attachment, or a feed of many.

Written with the `icalendar` package, which escapes every text value (line breaks, a lone CR, `;`, `,`
and `\\`) and folds long lines; nothing here builds calendar lines by hand.
"""

from __future__ import annotations

import icalendar
from django.http import HttpResponse
from django.utils import timezone

from home.site_url import base_url


def vevent(event, *, online_url: str = "") -> icalendar.Event:
    url = base_url() + (event.get_url() or "")
    location = ", ".join(filter(None, [event.venue, " ".join(event.address.split())]))
    description = "\n\n".join(filter(None, [event.intro, online_url and f"Online: {online_url}", url]))
    host = base_url().split("://")[-1].split("/")[0] or "localhost"
    component = icalendar.Event()
    component.add("uid", f"event-{event.translation_key}@{host}")
    component.add("dtstamp", event.last_published_at or timezone.now())
    component.add("dtstart", event.start)
    component.add("dtend", event.end)
    component.add("summary", event.title)
    component.add("description", description)
    component.add("url", url)
    if location:
        component.add("location", location)
    return component


def calendar(events, *, name: str = "", online_urls: dict | None = None) -> str:
    cal = icalendar.Calendar()
    cal.add("version", "2.0")
    cal.add("prodid", "-//Familier med saerlige behov//Arrangementer//DA")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    if name:
        cal.add("x-wr-calname", icalendar.vText(name))  # an X- property is not known to be text
    for event in events:
        cal.add_component(vevent(event, online_url=(online_urls or {}).get(event.pk, "")))
    return cal.to_ical().decode("utf-8")


def calendar_response(events, request, *, filename: str, name: str = "") -> HttpResponse:
    response = HttpResponse(calendar(events, name=name), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
