"""Working days ("werkdagen") for the school's take-down term. Pure: no Django, no clock.

A working day is Monday to Friday except the "algemeen erkende feestdagen" of the
Algemene termijnenwet (art. 3): Nieuwjaarsdag, tweede Paasdag, Hemelvaartsdag, tweede
Pinksterdag, eerste en tweede Kerstdag, Koningsdag (27 April, 26 April when the 27th is a
Sunday) and 5 May: the list Dutch law itself uses when a term runs over holidays. School
holidays do not stop the term (a take-down is an office task, and a promise to parents
should not stretch over a summer). See docs/interpretations.md.
"""

from __future__ import annotations

import datetime
from functools import cache


def easter_sunday(year: int) -> datetime.date:
    """Easter Sunday in the Gregorian calendar (the anonymous Gregorian algorithm)."""
    a = year % 19
    b, c = divmod(year, 100)
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    week = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * week) // 451
    month, day = divmod(h + week - 7 * m + 114, 31)
    return datetime.date(year, month, day + 1)


@cache
def public_holidays(year: int) -> frozenset[datetime.date]:
    """The public holidays of the Algemene termijnenwet in ``year``."""
    easter = easter_sunday(year)
    kings_day = datetime.date(year, 4, 27)
    if kings_day.weekday() == 6:  # a Sunday: the day before
        kings_day = datetime.date(year, 4, 26)
    return frozenset({
        datetime.date(year, 1, 1),
        easter + datetime.timedelta(days=1),
        easter + datetime.timedelta(days=39),  # Hemelvaartsdag
        easter + datetime.timedelta(days=50),  # tweede Pinksterdag
        kings_day,
        datetime.date(year, 5, 5),
        datetime.date(year, 12, 25),
        datetime.date(year, 12, 26),
    })


def is_working_day(day: datetime.date) -> bool:
    return day.weekday() < 5 and day not in public_holidays(day.year)


def add_working_days(start: datetime.date, days: int) -> datetime.date:
    """The day on which a term of ``days`` working days that starts on ``start`` ends.

    The day of the event does not count (as in the Algemene termijnenwet): a withdrawal
    on a Friday with a term of 1 working day is due the next Monday. ``days`` of 0 gives
    ``start`` itself.
    """
    if days < 0:
        raise ValueError("A term cannot be negative.")
    day = start
    for _count in range(days):
        day += datetime.timedelta(days=1)
        while not is_working_day(day):
            day += datetime.timedelta(days=1)
    return day
