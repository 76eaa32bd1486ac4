"""Every calendar we publish is read back with the icalendar package: escaping holds, nothing is injected."""

import datetime

import icalendar
import pytest

from campaigns import services
from campaigns.ical import calendar
from outbox.models import Message
from tests.campaigns.factories import EventPageFactory

pytestmark = pytest.mark.django_db

HOSTILE = "Møde; om, alt\\ \rEND:VEVENT\r\nBEGIN:VEVENT\nSUMMARY:Falsk"


def events_in(text):
    parsed = icalendar.Calendar.from_ical(text)
    return parsed, parsed.walk("VEVENT")


def test_event_ics_and_feed_read_back_with_every_character_intact(client, site_tree):
    event = EventPageFactory(title=HOSTILE, venue="Sal\rB", address="Vej 1\r\n8000 Aarhus", intro="Linje\rto")
    for url in (event.url + "kalender/", event.get_parent().url + "kalender/"):
        text = client.get(url).content.decode()
        assert all(len(line.encode()) <= 75 for line in text.split("\r\n"))
        assert "\r" not in text.replace("\r\n", "")  # no lone CR anywhere
        parsed, vevents = events_in(text)
        assert len(vevents) == 1
        assert str(vevents[0]["SUMMARY"]) == HOSTILE.replace("\r\n", "\n").replace("\r", "\n")
        assert vevents[0].decoded("DTSTART") == event.start.replace(microsecond=0)
        assert "hemmelig" not in text


def test_mail_attachment_reads_back_with_the_online_link(site_tree):
    event = EventPageFactory(title="Konference", online_url="https://meet.example.org/hemmelig")
    services.register(event.pk, services.RegistrationData(name="Anna", email="anna@example.org"))
    attachment = Message.objects.get(topic="confirmed").attachments[0]
    _parsed, vevents = events_in(attachment["content"])
    assert "https://meet.example.org/hemmelig" in str(vevents[0]["DESCRIPTION"])
    assert vevents[0].decoded("DTEND") == event.end.replace(microsecond=0)


def test_calendar_name_is_escaped(site_tree):
    event = EventPageFactory()
    text = calendar([event], name="Arrangementer\rX-INJECTED:1")
    parsed, _vevents = events_in(text)
    assert "X-INJECTED" not in parsed
    assert "\r\nX-WR-CALNAME:Arrangementer\\nX-INJECTED:1\r\n" in text  # escaped, one line
    assert isinstance(parsed.walk("VEVENT")[0].decoded("DTSTAMP"), datetime.datetime)
