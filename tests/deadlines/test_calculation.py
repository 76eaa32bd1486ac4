"""Counting deadlines: examples a parent would check by hand, and properties over many dates."""

import datetime
import zoneinfo

import pytest
from django.utils import translation
from hypothesis import given
from hypothesis import strategies as st

from deadlines.calculation import LATEST, Counting, add_duration, compute_deadline
from deadlines.holidays import is_working_day

dates = st.dates(min_value=datetime.date(1990, 1, 1), max_value=datetime.date(2097, 12, 31))
units = st.sampled_from(["days", "weeks", "months"])


@pytest.fixture(autouse=True)
def danish():
    with translation.override("da"):
        yield


def test_four_weeks_end_on_the_same_weekday():
    result = compute_deadline(Counting(4, "weeks"), datetime.date(2026, 3, 2))
    assert result.last_day == datetime.date(2026, 3, 30)
    assert result.explanation == [
        "Du modtog afgørelsen mandag 2. marts 2026. Den dag tæller ikke med.",
        "Fristen er 4 uger. Regnet fra den dag, du modtog afgørelsen, slutter den mandag 30. marts 2026.",
    ]


def test_conservative_rule_does_not_move_a_holiday_deadline_but_says_so():
    # 9 March 2026 + 4 weeks = 6 April 2026, 2. påskedag
    result = compute_deadline(Counting(4, "weeks"), datetime.date(2026, 3, 9))
    assert result.last_day == datetime.date(2026, 4, 6) and not result.moved
    assert result.explanation[-1].startswith(
        "mandag 6. april 2026 er en helligdag (Anden påskedag). Sigt efter at klage senest denne dag"
    )
    assert result.possibly_later == datetime.date(2026, 4, 7)


def test_next_working_day_rule_skips_easter():
    # 5 March 2026 + 4 weeks = Thursday 2 April (skærtorsdag) → Tuesday 7 April
    rule = Counting(4, "weeks", "dk", "next_working_day")
    result = compute_deadline(rule, datetime.date(2026, 3, 5))
    assert result.end_of_period == datetime.date(2026, 4, 2)
    assert result.last_day == datetime.date(2026, 4, 7) and result.moved
    assert "flyttes fristen til den næste hverdag, tirsdag 7. april 2026" in result.explanation[-1]


def test_norwegian_three_weeks_around_17_may():
    rule = Counting(3, "weeks", "no", "next_working_day")
    assert compute_deadline(rule, datetime.date(2027, 4, 26)).last_day == datetime.date(2027, 5, 18)


def test_months_clamp_to_month_end_and_leap_days():
    assert add_duration(datetime.date(2024, 1, 31), 1, "months") == datetime.date(2024, 2, 29)
    assert add_duration(datetime.date(2023, 1, 31), 1, "months") == datetime.date(2023, 2, 28)
    assert add_duration(datetime.date(2024, 2, 29), 12, "months") == datetime.date(2025, 2, 28)
    assert add_duration(datetime.date(2026, 10, 31), 6, "months") == datetime.date(2027, 4, 30)


@given(dates, st.integers(min_value=1, max_value=52), units)
def test_last_day_is_never_before_the_end_of_the_period(received, value, unit):
    result = compute_deadline(Counting(value, unit), received)
    assert result.end_of_period > received
    assert result.last_day == result.end_of_period  # the conservative rule never moves it


@given(dates, st.integers(min_value=1, max_value=52), units, st.sampled_from(["dk", "no"]))
def test_moved_deadline_lands_on_the_first_working_day(received, value, unit, jurisdiction):
    result = compute_deadline(Counting(value, unit, jurisdiction, "next_working_day"), received)
    assert is_working_day(jurisdiction, result.last_day)
    assert result.last_day >= result.end_of_period
    day = result.end_of_period
    while day < result.last_day:
        assert not is_working_day(jurisdiction, day)
        day += datetime.timedelta(days=1)
    assert (result.last_day - result.end_of_period).days <= 5  # the longest run: Easter (or Christmas + weekend)


@given(dates, st.integers(min_value=1, max_value=52))
def test_weeks_keep_the_weekday(received, weeks):
    assert add_duration(received, weeks, "weeks").weekday() == received.weekday()


@given(dates, st.integers(min_value=1, max_value=24))
def test_months_keep_the_day_number_or_end_the_month(received, months):
    end = add_duration(received, months, "months")
    assert (end.year * 12 + end.month) - (received.year * 12 + received.month) == months
    next_day = end + datetime.timedelta(days=1)
    assert end.day == received.day or (end.day < received.day and next_day.day == 1)


@given(
    st.datetimes(
        min_value=datetime.datetime(2000, 1, 1),
        max_value=datetime.datetime(2100, 1, 1),
        timezones=st.just(zoneinfo.ZoneInfo("Europe/Copenhagen")),
    )
)
def test_daylight_saving_does_not_shift_the_day(moment):
    """The date a letter arrived, taken in Danish local time, counts 28 calendar days, DST or not."""
    received = moment.date()
    last = compute_deadline(Counting(4, "weeks"), received).last_day
    assert (last - received).days == 28
    # any time of that local day gives the same answer (no clock arithmetic across a DST change)
    for hour in (0, 2, 3, 23):
        assert compute_deadline(Counting(4, "weeks"), moment.replace(hour=hour).date()).last_day == last


def test_latest_supported_date_still_computes():
    assert compute_deadline(Counting(12, "months"), LATEST - datetime.timedelta(days=400)).last_day < LATEST
