"""iCalendar (RFC 5545) for events: one event as a .ics download or attachment, or a feed of many."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.http import HttpResponse
from django.utils import timezone


def _escape(text: str) -> str:
    return (
        str(text or "")
        .replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
    )


def _fold(line: str) -> str:
    """Lines longer than 75 octets are folded with CRLF + space, never inside a UTF-8 character."""
    encoded = line.encode("utf-8")
    if len(encoded) <= 75:
        return line
    parts, current = [], b""
    for char in line:
        piece = char.encode("utf-8")
        if len(current) + len(piece) > (75 if not parts else 74):
            parts.append(current.decode("utf-8"))
            current = b""
        current += piece
    parts.append(current.decode("utf-8"))
    return "\r\n ".join(parts)


def _utc(value: datetime.datetime) -> str:
    return value.astimezone(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")


def _base_url() -> str:
    return getattr(settings, "PUBLIC_BASE_URL", settings.WAGTAILADMIN_BASE_URL).rstrip("/")


def vevent(event, *, online_url: str = "") -> list[str]:
    url = _base_url() + (event.get_url() or "")
    location = ", ".join(filter(None, [event.venue, " ".join(event.address.split())]))
    description = "\n\n".join(filter(None, [event.intro, online_url and f"Online: {online_url}", url]))
    host = _base_url().split("://")[-1].split("/")[0] or "localhost"
    lines = [
        "BEGIN:VEVENT",
        f"UID:event-{event.translation_key}@{host}",
        f"DTSTAMP:{_utc(event.last_published_at or timezone.now())}",
        f"DTSTART:{_utc(event.start)}",
        f"DTEND:{_utc(event.end)}",
        f"SUMMARY:{_escape(event.title)}",
        f"DESCRIPTION:{_escape(description)}",
        f"URL:{url}",
    ]
    if location:
        lines.append(f"LOCATION:{_escape(location)}")
    lines.append("END:VEVENT")
    return lines


def calendar(events, *, name: str = "", online_urls: dict | None = None) -> str:
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Familier med saerlige behov//Arrangementer//DA",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
    ]
    if name:
        lines.append(f"X-WR-CALNAME:{_escape(name)}")
    for event in events:
        lines.extend(vevent(event, online_url=(online_urls or {}).get(event.pk, "")))
    lines.append("END:VCALENDAR")
    return "\r\n".join(_fold(line) for line in lines) + "\r\n"


def calendar_response(events, request, *, filename: str, name: str = "") -> HttpResponse:
    response = HttpResponse(calendar(events, name=name), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
