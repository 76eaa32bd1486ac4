"""Public holidays in Denmark and Norway, from the maintained `holidays` package (python-holidays).

Denmark: the helligdage (Store bededag only until 2023: it was abolished from 2024).
Norway: the helligdager plus 1 and 17 May (offentlige høytidsdager). Saturdays and Sundays are handled by
the counting rule, not listed here. Names come in the country's own language.
"""

from __future__ import annotations

import datetime
from functools import lru_cache

import holidays

COUNTRIES = {"dk": ("DK", "da"), "no": ("NO", "no")}


@lru_cache(maxsize=512)
def public_holidays(jurisdiction: str, year: int) -> dict[datetime.date, str]:
    """{date: name} of the public holidays of a year; jurisdiction "dk" or "no"."""
    try:
        country, language = COUNTRIES[jurisdiction]
    except KeyError:
        raise ValueError(f"unknown jurisdiction {jurisdiction!r}") from None
    return dict(holidays.country_holidays(country, years=year, language=language))


def holiday_name(jurisdiction: str, day: datetime.date) -> str | None:
    return public_holidays(jurisdiction, day.year).get(day)


def is_working_day(jurisdiction: str, day: datetime.date) -> bool:
    return day.weekday() < 5 and holiday_name(jurisdiction, day) is None


def next_working_day(jurisdiction: str, day: datetime.date) -> datetime.date:
    """The day itself if it is a working day, else the first working day after it."""
    while not is_working_day(jurisdiction, day):
        day += datetime.timedelta(days=1)
    return day
