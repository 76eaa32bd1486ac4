"""The deadline reminder (.ics) read back with the icalendar package."""

import datetime
from types import SimpleNamespace

import icalendar

from deadlines.calculation import DeadlineResult
from deadlines.ics import deadline_calendar

HOSTILE = "Klage; over, afgørelse\\ \rEND:VEVENT\r\nBEGIN:VALARM\nTRIGGER:-P1D"


def test_reminder_reads_back_with_every_character_intact():
    rule = SimpleNamespace(pk=7, name=HOSTILE)
    day = datetime.date(2026, 3, 30)
    result = DeadlineResult(
        received=datetime.date(2026, 3, 2),
        end_of_period=day,
        last_day=day,
        moved=False,
        explanation=["Fristen er 4 uger.\rLinje to"],
    )
    text = deadline_calendar(rule, result, url="https://example.org/klagefrist/")
    assert all(len(line.encode()) <= 75 for line in text.split("\r\n"))
    assert "\r" not in text.replace("\r\n", "")
    parsed = icalendar.Calendar.from_ical(text)
    (event,) = parsed.walk("VEVENT")
    assert str(event["SUMMARY"]) == "Sidste dag at klage: " + HOSTILE.replace("\r\n", "\n").replace("\r", "\n")
    assert event.decoded("DTSTART") == day and event.decoded("DTEND") == day + datetime.timedelta(days=1)
    assert "Fristen er 4 uger.\nLinje to" in str(event["DESCRIPTION"])
    (alarm,) = event.walk("VALARM")
    assert alarm.decoded("TRIGGER") == datetime.timedelta(days=-2)
