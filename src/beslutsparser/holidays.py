"""Swedish holidays and the appeal deadline of a posted protocol.

The holidays are rules, not a table of years (``vocab/holidays.toml``): fixed days
(nyårsdagen, trettondedag jul, första maj, nationaldagen, julafton, juldagen, annandag
jul, nyårsafton), days counted from påskdagen (långfredagen, påskdagen, annandag påsk,
Kristi himmelsfärdsdag, pingstdagen), and the Saturday or Friday in a week of days
(midsommardagen 20–26 juni, midsommarafton, alla helgons dag 31 oktober–6 november).

The appeal deadline follows kommunallagen (2017:725) 13 kap. 5 §: three weeks from the
day the adjusted protocol was posted (``posted_on``); a deadline that falls on a
Saturday, Sunday, allmän helgdag, midsommarafton, julafton or nyårsafton moves to the
next working day (lagen (1930:173) om beräkning av lagstadgad tid, 2 §).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache
from typing import Any, Literal

from beslutsparser.vocab import load

HolidayKind = Literal["helgdag", "likställd"]


@dataclass(frozen=True)
class Holiday:
    """One holiday of one year: ``kind`` ``helgdag`` (allmän helgdag) or ``likställd``."""

    day: date
    name: str
    kind: HolidayKind


def easter_sunday(year: int) -> date:
    """Påskdagen of a Gregorian ``year`` (anonymous Gregorian computus, Meeus/Jones/Butcher)."""
    a = year % 19
    b, c = divmod(year, 100)
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    weekday_shift = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * weekday_shift) // 451
    month, day = divmod(h + weekday_shift - 7 * m + 114, 31)
    return date(year, month, day + 1)


def _rule_day(rule: dict[str, Any], year: int) -> date:
    kind = rule["rule"]
    if kind == "fixed":
        return date(year, rule["month"], rule["day"])
    if kind == "easter":
        return easter_sunday(year) + timedelta(days=rule["offset"])
    if kind == "weekday":
        first = date(year, rule["month"], rule["day"])
        return first + timedelta(days=(rule["weekday"] - first.isoweekday()) % 7)
    raise ValueError(f"unknown holiday rule {kind!r} in vocab/holidays.toml")


@cache
def holidays(year: int) -> tuple[Holiday, ...]:
    """Every allmän helgdag of ``year`` and every day treated like one, in date order. Two may
    share a day: Kristi himmelsfärdsdag fell on första maj in 2008."""
    found = [
        Holiday(day=_rule_day(rule, year), name=rule["name"], kind=rule["kind"])
        for rule in load("holidays")["holiday"]
        if rule.get("from_year", year) <= year <= rule.get("to_year", year)
    ]
    return tuple(sorted(found, key=lambda h: h.day))


@cache
def _days_off(year: int) -> frozenset[date]:
    return frozenset(h.day for h in holidays(year))


def public_holidays(year: int) -> dict[date, str]:
    """The allmänna helgdagar of ``year`` (lagen (1989:253)), date → name (names joined by
    "och" where two fall on one day)."""
    out: dict[date, str] = {}
    for h in holidays(year):
        if h.kind == "helgdag":
            out[h.day] = f"{out[h.day]} och {h.name}" if h.day in out else h.name
    return out


def is_working_day(day: date) -> bool:
    """False on Saturdays, Sundays, allmänna helgdagar, midsommarafton, julafton and nyårsafton."""
    return day.isoweekday() < 6 and day not in _days_off(day.year)


def next_working_day(day: date) -> date:
    """``day`` itself when it is a working day, else the first working day after it."""
    while not is_working_day(day):
        day += timedelta(days=1)
    return day


def appeal_deadline(posted_on: date) -> date:
    """The last day to appeal a decision whose adjusted protocol was posted on ``posted_on``.

    Three weeks after ``posted_on`` (kommunallagen 13 kap. 5 §), moved to the next
    working day when that is a Saturday, Sunday or holiday (lagen (1930:173)):
    posted 2024-03-08 → 2024-03-29 is långfredagen → 2024-04-02 (after annandag påsk).
    """
    return next_working_day(posted_on + timedelta(days=load("holidays")["appeal"]["days"]))
