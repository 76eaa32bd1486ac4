"""50 people try for 10 seats at the same moment, each in its own thread with its own database connection.

With the event row locked (campaigns.services.lock_event) exactly 10 are confirmed and 40 waitlisted.
The control run replaces the lock with a plain read: the same test then over-books, which proves
that the test can see the race it guards against. PostgreSQL only (SQLite has no concurrent writers).
"""

import time

import pytest

from campaigns import services
from campaigns.models import EventPage, Registration
from tests.campaigns.crowd import at_once
from tests.campaigns.factories import EventPageFactory

PEOPLE, SEATS = 50, 10

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.postgres,
    pytest.mark.usefixtures("one_crowd_at_a_time"),
]


def _race(event_id: int, monkeypatch, *, locked: bool) -> tuple[list[str], list[Exception]]:
    original_count = services.registrations.seats_taken

    def slow_count(event):
        # Widen the window between counting and saving so that an unlocked race is certain to show.
        seats = original_count(event)
        time.sleep(0.02)
        return seats

    monkeypatch.setattr(services.registrations, "seats_taken", slow_count)
    if not locked:
        monkeypatch.setattr(services.registrations, "lock_event", lambda event_id: EventPage.objects.get(pk=event_id))

    states = []

    def attempt(n):
        registration = services.register(
            event_id, services.RegistrationData(name=f"Person {n}", email=f"p{n}@example.org")
        )
        states.append(registration.state)

    errors = at_once(PEOPLE, attempt)
    return states, errors


def test_concurrency_fifty_registrations_for_ten_seats(site_tree, monkeypatch):
    event = EventPageFactory(capacity=SEATS)
    states, errors = _race(event.pk, monkeypatch, locked=True)
    assert errors == []
    assert states.count("confirmed") == SEATS
    assert states.count("waitlisted") == PEOPLE - SEATS
    # Nobody lost: every attempt is a saved row, and the database agrees with what people were told.
    saved = dict(Registration.objects.filter(event=event).values_list("email", "state"))
    assert len(saved) == PEOPLE
    assert list(saved.values()).count("confirmed") == SEATS
    assert services.seats_taken(event) == SEATS


def test_concurrency_control_without_the_lock_overbooks(site_tree, monkeypatch):
    """The control case: the same race without the row lock gives away more seats than exist."""
    event = EventPageFactory(capacity=SEATS)
    states, errors = _race(event.pk, monkeypatch, locked=False)
    assert errors == []
    assert len(states) == PEOPLE
    assert states.count("confirmed") > SEATS, "without the lock the race should over-book; the test cannot see races"
