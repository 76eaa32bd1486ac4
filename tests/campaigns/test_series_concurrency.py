""" "Kun ét møde" under concurrency: the same person applies to a series many times at the same moment.

Twenty threads, each with its own database connection, send an application for the same e-mail
(in different spellings of case, naming the meetings in different orders). With the rule (the series
lock, the check under it, and the partial unique index) exactly one is saved; the others are not saved (that address
is e-mailed that one can only attend one meeting). The control runs the same race without the rule (no lock, index
dropped) and must end with more than one active place, which proves the test can see the race.
PostgreSQL only (SQLite has no concurrent writers).
"""

import time

import pytest
from django.db import connection

from campaigns import services
from campaigns.models import EventSeries, Registration
from tests.campaigns.crowd import at_once
from tests.campaigns.factories import EventSeriesFactory, meetings

ATTEMPTS = 20

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.postgres,
    pytest.mark.usefixtures("one_crowd_at_a_time"),
]


@pytest.fixture(autouse=True)
def _no_attempt_budget(settings):
    # The same address tries 20 times at once on purpose; the daily budget per address is not under test.
    settings.CAMPAIGNS_ATTEMPTS_PER_ADDRESS = 0


def _constraint():
    [constraint] = [c for c in Registration._meta.constraints if c.name == "campaigns_registration_one_per_series"]
    return constraint


@pytest.fixture
def without_the_index():
    """Drop the partial unique index for one test and put it back afterwards."""
    with connection.schema_editor() as editor:
        editor.remove_constraint(Registration, _constraint())
    yield
    Registration.objects.all().delete()
    with connection.schema_editor() as editor:
        editor.add_constraint(Registration, _constraint())


def _race(series, meeting_ids, monkeypatch, *, with_rule: bool):
    original = services.registrations._active_emails_in_series

    def slow_check(series, emails):
        # Widen the window between checking and saving so that a race without the rule is certain to show.
        found = original(series, emails)
        time.sleep(0.05)
        return found

    monkeypatch.setattr(services.registrations, "_active_emails_in_series", slow_check)
    if not with_rule:
        monkeypatch.setattr(
            services.registrations, "lock_series", lambda series_id: EventSeries.objects.get(pk=series_id)
        )

    saved, refused = [], []

    def attempt(n):
        email = "Anna@Example.org" if n % 2 else "anna@example.org"
        order = meeting_ids if n % 3 else list(reversed(meeting_ids))
        result = services.register_series(
            series.pk,
            services.SeriesApplication(
                registrant_name="Anna",
                registrant_email=email,
                participants=[
                    services.RegistrationData(name="Anna", email=email, role="parent", region="dk-hovedstaden")
                ],
                preferences=order,
            ),
        )
        (saved if result else refused).extend(result or [n])

    errors = at_once(ATTEMPTS, attempt)
    return saved, refused, errors


@pytest.mark.parametrize("mode", ["application", "first_come"])
def test_concurrency_one_place_per_person_across_the_series(site_tree, monkeypatch, mode):
    series = EventSeriesFactory(mode=mode)
    ids = [m.pk for m in meetings(series, n=3, capacity=10)]
    saved, refused, errors = _race(series, ids, monkeypatch, with_rule=True)
    assert errors == []
    assert len(saved) == 1 and len(refused) == ATTEMPTS - 1
    assert Registration.objects.filter(series=series).active().count() == 1


def test_concurrency_control_without_the_rule_gives_several_places(site_tree, monkeypatch, without_the_index):
    """The control: no series lock and no unique index, and the same person ends up with several places."""
    series = EventSeriesFactory(mode="first_come")
    ids = [m.pk for m in meetings(series, n=3, capacity=10)]
    saved, _refused, errors = _race(series, ids, monkeypatch, with_rule=False)
    assert errors == []
    active = Registration.objects.filter(series=series).active().count()
    assert active > 1, "without the rule the race should give one person several places; the test cannot see races"
