"""Danish and Norwegian public holidays, computed from Easter."""

import datetime

from dateutil.easter import easter
from hypothesis import given
from hypothesis import strategies as st

from deadlines.holidays import (
    easter_sunday,
    holiday_name,
    is_working_day,
    public_holidays,
)


def test_known_easter_sundays():
    assert easter_sunday(2024) == datetime.date(2024, 3, 31)
    assert easter_sunday(2025) == datetime.date(2025, 4, 20)
    assert easter_sunday(2026) == datetime.date(2026, 4, 5)
    assert easter_sunday(2000) == datetime.date(2000, 4, 23)
    assert easter_sunday(2038) == datetime.date(2038, 4, 25)


@given(st.integers(min_value=1583, max_value=4099))
def test_easter_matches_an_independent_implementation(year):
    assert easter_sunday(year) == easter(year)


@given(st.integers(min_value=1990, max_value=2199))
def test_easter_is_a_sunday_between_22_march_and_25_april(year):
    day = easter_sunday(year)
    assert day.weekday() == 6
    assert datetime.date(year, 3, 22) <= day <= datetime.date(year, 4, 25)


def test_danish_holidays_2026():
    assert public_holidays("dk", 2026) == {
        datetime.date(2026, 1, 1): "Nytårsdag",
        datetime.date(2026, 4, 2): "Skærtorsdag",
        datetime.date(2026, 4, 3): "Langfredag",
        datetime.date(2026, 4, 5): "Påskedag",
        datetime.date(2026, 4, 6): "2. påskedag",
        datetime.date(2026, 5, 14): "Kristi himmelfartsdag",
        datetime.date(2026, 5, 24): "Pinsedag",
        datetime.date(2026, 5, 25): "2. pinsedag",
        datetime.date(2026, 12, 25): "Juledag",
        datetime.date(2026, 12, 26): "2. juledag",
    }


def test_store_bededag_until_2023_only():
    assert holiday_name("dk", datetime.date(2023, 5, 5)) == "Store bededag"
    assert holiday_name("dk", datetime.date(2024, 4, 26)) is None


def test_norwegian_holidays_include_1_and_17_may():
    holidays = public_holidays("no", 2026)
    assert holidays[datetime.date(2026, 5, 17)] == "Grunnlovsdag"
    assert holidays[datetime.date(2026, 5, 1)] == "Offentlig høytidsdag"
    assert holiday_name("dk", datetime.date(2026, 5, 1)) is None


def test_working_days():
    assert is_working_day("dk", datetime.date(2026, 4, 7))  # Tuesday after Easter
    assert not is_working_day("dk", datetime.date(2026, 4, 6))  # 2. påskedag
    assert not is_working_day("dk", datetime.date(2026, 11, 28))  # Saturday
