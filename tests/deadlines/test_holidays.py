"""Danish and Norwegian public holidays, from the `holidays` package: the dates a deadline depends on."""

import datetime

from hypothesis import given
from hypothesis import strategies as st

from deadlines.holidays import holiday_name, is_working_day, next_working_day, public_holidays


def test_danish_holidays_2026():
    assert public_holidays("dk", 2026) == {
        datetime.date(2026, 1, 1): "Nytårsdag",
        datetime.date(2026, 4, 2): "Skærtorsdag",
        datetime.date(2026, 4, 3): "Langfredag",
        datetime.date(2026, 4, 5): "Påskedag",
        datetime.date(2026, 4, 6): "Anden påskedag",
        datetime.date(2026, 5, 14): "Kristi himmelfartsdag",
        datetime.date(2026, 5, 24): "Pinsedag",
        datetime.date(2026, 5, 25): "Anden pinsedag",
        datetime.date(2026, 12, 25): "Juledag",
        datetime.date(2026, 12, 26): "Anden juledag",
    }


def test_store_bededag_until_2023_only():
    assert holiday_name("dk", datetime.date(2023, 5, 5)) == "Store bededag"
    assert holiday_name("dk", datetime.date(2024, 4, 26)) is None  # abolished from 2024
    assert is_working_day("dk", datetime.date(2025, 5, 16))  # the Friday that would have been Store bededag


def test_norwegian_holidays_include_1_and_17_may():
    holidays = public_holidays("no", 2026)
    assert holidays[datetime.date(2026, 5, 17)] == "Grunnlovsdag"
    assert datetime.date(2026, 5, 1) in holidays
    assert holiday_name("dk", datetime.date(2026, 5, 1)) is None
    assert holiday_name("dk", datetime.date(2026, 6, 5)) is None  # grundlovsdag is not a helligdag


def test_working_days():
    assert is_working_day("dk", datetime.date(2026, 4, 7))  # Tuesday after Easter
    assert not is_working_day("dk", datetime.date(2026, 4, 6))  # Anden påskedag
    assert not is_working_day("dk", datetime.date(2026, 11, 28))  # Saturday
    assert next_working_day("dk", datetime.date(2026, 4, 2)) == datetime.date(2026, 4, 7)  # skærtorsdag → tuesday
    assert next_working_day("no", datetime.date(2027, 5, 17)) == datetime.date(2027, 5, 18)


@given(st.dates(min_value=datetime.date(1990, 1, 1), max_value=datetime.date(2099, 12, 31)))
def test_easter_sunday_is_never_a_working_day_and_easter_monday_a_holiday(day):
    from dateutil.easter import easter

    sunday = easter(day.year)
    for jurisdiction in ("dk", "no"):
        assert not is_working_day(jurisdiction, sunday + datetime.timedelta(days=1))
        assert not is_working_day(jurisdiction, sunday - datetime.timedelta(days=2))  # Langfredag
