"""Public holidays in Denmark and Norway, computed from the date of Easter (never looked up or guessed).

Denmark: the helligdage of helligdagsloven (Store bededag only until 2023; it was abolished from 2024).
Norway: the helligdager of helligdagsfredloven plus 1 and 17 May (lov om 1. og 17. mai som høgtidsdager).
Saturdays and Sundays are handled by the counting rule, not listed here.
"""

from __future__ import annotations

import datetime
from functools import lru_cache


def easter_sunday(year: int) -> datetime.date:
    """Gregorian Easter Sunday (the anonymous Gregorian algorithm, a.k.a. Meeus/Jones/Butcher)."""
    a = year % 19
    b, c = divmod(year, 100)
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    el = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * el) // 451
    month, day = divmod(h + el - 7 * m + 114, 31)
    return datetime.date(year, month, day + 1)


@lru_cache(maxsize=512)
def public_holidays(jurisdiction: str, year: int) -> dict[datetime.date, str]:
    """{date: name} of the public holidays of a year; jurisdiction "dk" or "no"."""
    easter = easter_sunday(year)

    def rel(days: int) -> datetime.date:
        return easter + datetime.timedelta(days=days)

    if jurisdiction == "dk":
        days = {
            datetime.date(year, 1, 1): "Nytårsdag",
            rel(-3): "Skærtorsdag",
            rel(-2): "Langfredag",
            easter: "Påskedag",
            rel(1): "2. påskedag",
            rel(39): "Kristi himmelfartsdag",
            rel(49): "Pinsedag",
            rel(50): "2. pinsedag",
            datetime.date(year, 12, 25): "Juledag",
            datetime.date(year, 12, 26): "2. juledag",
        }
        if year <= 2023:
            days[rel(26)] = "Store bededag"
        return days
    if jurisdiction == "no":
        return {
            datetime.date(year, 1, 1): "Første nyttårsdag",
            rel(-3): "Skjærtorsdag",
            rel(-2): "Langfredag",
            easter: "Første påskedag",
            rel(1): "Andre påskedag",
            datetime.date(year, 5, 1): "Offentlig høytidsdag",
            datetime.date(year, 5, 17): "Grunnlovsdag",
            rel(39): "Kristi himmelfartsdag",
            rel(49): "Første pinsedag",
            rel(50): "Andre pinsedag",
            datetime.date(year, 12, 25): "Første juledag",
            datetime.date(year, 12, 26): "Andre juledag",
        }
    raise ValueError(f"unknown jurisdiction {jurisdiction!r}")


def holiday_name(jurisdiction: str, day: datetime.date) -> str | None:
    return public_holidays(jurisdiction, day.year).get(day)


def is_working_day(jurisdiction: str, day: datetime.date) -> bool:
    return day.weekday() < 5 and holiday_name(jurisdiction, day) is None
