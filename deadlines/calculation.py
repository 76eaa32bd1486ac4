"""Counting a complaint deadline: pure functions on dates, the rule's data decides every choice.

The day the decision was received is day 0; "4 weeks" ends on the same weekday four weeks later, "1 month"
on the same day number in the next month (or that month's last day, if it is shorter). Whether a last day
on a weekend or public holiday moves to the next working day is the rule's `non_working_day_rule`,
which carries its own legal basis. Dates only: no clock times, so daylight saving cannot shift a day.
"""

from __future__ import annotations

import calendar
import datetime
from dataclasses import dataclass, field

from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from deadlines.holidays import holiday_name, next_working_day

DAYS, WEEKS, MONTHS = "days", "weeks", "months"
NO_MOVE, NEXT_WORKING_DAY = "none", "next_working_day"
#: the calculator accepts dates in this range, so arithmetic never leaves the calendar
EARLIEST, LATEST = datetime.date(1990, 1, 1), datetime.date(2099, 12, 31)  # `holidays` knows up to 2100


@dataclass
class Counting:
    """What a rule says, as plain data (a DeadlineRule, or anything with these fields)."""

    duration_value: int
    duration_unit: str
    jurisdiction: str = "dk"
    non_working_day_rule: str = NO_MOVE


@dataclass
class DeadlineResult:
    received: datetime.date
    end_of_period: datetime.date
    last_day: datetime.date
    moved: bool
    explanation: list[str] = field(default_factory=list)
    #: set when the rule does not move a last day that falls on a weekend or holiday: the first working day
    #: after it, which may be the legal last day (the calculator shows the early date as the one to aim for)
    possibly_later: datetime.date | None = None

    def days_left(self, today: datetime.date) -> int:
        return (self.last_day - today).days


def add_duration(start: datetime.date, value: int, unit: str) -> datetime.date:
    if unit == DAYS:
        return start + datetime.timedelta(days=value)
    if unit == WEEKS:
        return start + datetime.timedelta(weeks=value)
    if unit == MONTHS:
        index = start.month - 1 + value
        year, month = start.year + index // 12, index % 12 + 1
        return datetime.date(year, month, min(start.day, calendar.monthrange(year, month)[1]))
    raise ValueError(f"unknown unit {unit!r}")


def duration_text(value: int, unit: str) -> str:
    if unit == DAYS:
        return ngettext("%(n)s dag", "%(n)s dage", value) % {"n": value}
    if unit == WEEKS:
        return ngettext("%(n)s uge", "%(n)s uger", value) % {"n": value}
    return ngettext("%(n)s måned", "%(n)s måneder", value) % {"n": value}


def long_date(day: datetime.date) -> str:
    return date_format(day, "l j. F Y")


def non_working_reason(jurisdiction: str, day: datetime.date) -> str | None:
    name = holiday_name(jurisdiction, day)
    if name:
        return _("en helligdag (%(name)s)") % {"name": name}
    if day.weekday() == 5:
        return _("en lørdag")
    if day.weekday() == 6:
        return _("en søndag")
    return None


def compute_deadline(rule, received: datetime.date) -> DeadlineResult:
    """The last day to complain, and the steps of the counting in plain words."""
    end = add_duration(received, rule.duration_value, rule.duration_unit)
    steps = [
        _("Du modtog afgørelsen %(date)s. Den dag tæller ikke med.") % {"date": long_date(received)},
        _("Fristen er %(duration)s. Regnet fra den dag, du modtog afgørelsen, slutter den %(date)s.")
        % {"duration": duration_text(rule.duration_value, rule.duration_unit), "date": long_date(end)},
    ]
    last, possibly_later = end, None
    reason = non_working_reason(rule.jurisdiction, end)
    if reason and rule.non_working_day_rule == NEXT_WORKING_DAY:
        last = next_working_day(rule.jurisdiction, end)
        steps.append(
            _("%(date)s er %(reason)s. Derfor flyttes fristen til den næste hverdag, %(next)s.")
            % {"date": long_date(end), "reason": reason, "next": long_date(last)}
        )
    elif reason:
        possibly_later = next_working_day(rule.jurisdiction, end)
        steps.append(
            _(
                "%(date)s er %(reason)s. Sigt efter at klage senest denne dag, så er du på den sikre side. "
                "Den sidste dag efter loven kan være den næste hverdag, %(next)s. "
                "Du kan sende en klage digitalt alle ugens dage."
            )
            % {"date": long_date(end), "reason": reason, "next": long_date(possibly_later)}
        )
    return DeadlineResult(
        received=received,
        end_of_period=end,
        last_day=last,
        moved=last != end,
        explanation=steps,
        possibly_later=possibly_later,
    )
