"""Swedish holidays by rule and the appeal deadline of kommunallagen 13 kap. 5 §."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from beslutsparser.holidays import (
    appeal_deadline,
    easter_sunday,
    holidays,
    is_working_day,
    next_working_day,
    public_holidays,
)

# Years in which every rule of vocab/holidays.toml is law (midsommar on a Saturday since 1953).
MODERN = st.dates(min_value=date(1953, 1, 1), max_value=date(2199, 12, 1))


@pytest.mark.parametrize(
    ("year", "expected"),
    [
        pytest.param(1818, date(1818, 3, 22), id="earliest-possible"),
        pytest.param(2000, date(2000, 4, 23), id="year-2000"),
        pytest.param(2019, date(2019, 4, 21), id="year-2019"),
        pytest.param(2024, date(2024, 3, 31), id="march-easter"),
        pytest.param(2038, date(2038, 4, 25), id="latest-possible"),
        pytest.param(2285, date(2285, 3, 22), id="earliest-far-future"),
    ],
)
def test_easter_sunday(year: int, expected: date) -> None:
    assert easter_sunday(year) == expected


@pytest.mark.parametrize(
    ("day", "name"),
    [
        pytest.param(date(2024, 1, 1), "nyårsdagen", id="nyarsdagen"),
        pytest.param(date(2024, 1, 6), "trettondedag jul", id="trettondedag-jul"),
        pytest.param(date(2024, 3, 29), "långfredagen", id="langfredagen"),
        pytest.param(date(2024, 3, 31), "påskdagen", id="paskdagen"),
        pytest.param(date(2024, 4, 1), "annandag påsk", id="annandag-pask"),
        pytest.param(date(2024, 5, 1), "första maj", id="forsta-maj"),
        pytest.param(date(2024, 5, 9), "Kristi himmelsfärdsdag", id="kristi-himmelsfard"),
        pytest.param(date(2024, 5, 19), "pingstdagen", id="pingstdagen"),
        pytest.param(date(2024, 6, 6), "nationaldagen", id="nationaldagen"),
        pytest.param(date(2024, 6, 21), "midsommarafton", id="midsommarafton"),
        pytest.param(date(2024, 6, 22), "midsommardagen", id="midsommardagen"),
        pytest.param(date(2024, 11, 2), "alla helgons dag", id="alla-helgons-dag"),
        pytest.param(date(2024, 12, 24), "julafton", id="julafton"),
        pytest.param(date(2024, 12, 25), "juldagen", id="juldagen"),
        pytest.param(date(2024, 12, 26), "annandag jul", id="annandag-jul"),
        pytest.param(date(2024, 12, 31), "nyårsafton", id="nyarsafton"),
        pytest.param(date(2004, 5, 31), "annandag pingst", id="annandag-pingst-before-2005"),
        pytest.param(date(2026, 10, 31), "alla helgons dag", id="alla-helgons-on-oct-31"),
        pytest.param(date(2025, 6, 20), "midsommarafton", id="midsommarafton-on-june-20"),
    ],
)
def test_holiday_names(day: date, name: str) -> None:
    assert name in [h.name for h in holidays(day.year) if h.day == day]


@pytest.mark.parametrize(
    ("day", "public"),
    [
        pytest.param(date(2024, 6, 21), False, id="midsommarafton-is-likstalld"),
        pytest.param(date(2024, 12, 24), False, id="julafton-is-likstalld"),
        pytest.param(date(2024, 12, 31), False, id="nyarsafton-is-likstalld"),
        pytest.param(date(2024, 12, 25), True, id="juldagen-is-public"),
        pytest.param(date(2024, 6, 22), True, id="midsommardagen-is-public"),
        pytest.param(date(2024, 6, 6), True, id="nationaldagen-is-public"),
    ],
)
def test_public_holidays_leave_out_the_aftons(day: date, public: bool) -> None:
    assert (day in public_holidays(day.year)) is public
    assert not is_working_day(day)


def test_two_holidays_on_one_day() -> None:
    assert public_holidays(2008)[date(2008, 5, 1)] == "första maj och Kristi himmelsfärdsdag"


@pytest.mark.parametrize(
    ("day", "working"),
    [
        pytest.param(date(2024, 6, 6), False, id="nationaldagen-thursday"),
        pytest.param(date(2004, 6, 7), True, id="june-6-no-holiday-before-2005"),
        pytest.param(date(2004, 5, 31), False, id="annandag-pingst-2004"),
        pytest.param(date(2005, 5, 16), True, id="no-annandag-pingst-from-2005"),
        pytest.param(date(2024, 3, 28), True, id="skartorsdagen-is-a-working-day"),
        pytest.param(date(2024, 3, 30), False, id="saturday"),
        pytest.param(date(2024, 4, 7), False, id="sunday"),
    ],
)
def test_is_working_day(day: date, working: bool) -> None:
    assert is_working_day(day) is working


@pytest.mark.parametrize(
    ("posted", "deadline"),
    [
        pytest.param(date(2024, 1, 10), date(2024, 1, 31), id="plain-wednesday"),
        pytest.param(date(2024, 1, 13), date(2024, 2, 5), id="lands-on-saturday"),
        pytest.param(date(2024, 1, 14), date(2024, 2, 5), id="lands-on-sunday"),
        pytest.param(date(2024, 3, 8), date(2024, 4, 2), id="over-easter-langfredag-to-annandag"),
        pytest.param(date(2025, 3, 31), date(2025, 4, 22), id="over-easter-annandag-pask"),
        pytest.param(date(2024, 5, 31), date(2024, 6, 24), id="over-midsommar"),
        pytest.param(date(2025, 5, 30), date(2025, 6, 23), id="over-midsommar-2025"),
        pytest.param(date(2024, 12, 3), date(2024, 12, 27), id="over-jul"),
        pytest.param(date(2024, 12, 10), date(2025, 1, 2), id="over-nyar"),
        pytest.param(date(2025, 12, 16), date(2026, 1, 7), id="over-trettondedag-jul"),
        pytest.param(date(2025, 5, 8), date(2025, 5, 30), id="over-kristi-himmelsfard"),
        pytest.param(date(2025, 5, 16), date(2025, 6, 9), id="over-nationaldagen-friday"),
        pytest.param(date(2026, 4, 10), date(2026, 5, 4), id="over-forsta-maj"),
        pytest.param(date(2004, 5, 10), date(2004, 6, 1), id="over-annandag-pingst-2004"),
        pytest.param(date(2018, 3, 29), date(2018, 4, 19), id="kramfors-style-2018"),
    ],
)
def test_appeal_deadline(posted: date, deadline: date) -> None:
    assert appeal_deadline(posted) == deadline


@given(MODERN)
def test_appeal_deadline_is_the_first_working_day_from_three_weeks(posted: date) -> None:
    deadline = appeal_deadline(posted)
    earliest = posted + timedelta(days=21)
    assert deadline >= earliest
    assert is_working_day(deadline)
    assert all(not is_working_day(earliest + timedelta(days=i)) for i in range((deadline - earliest).days))


@given(MODERN)
def test_next_working_day_is_idempotent(day: date) -> None:
    after = next_working_day(day)
    assert after >= day
    assert next_working_day(after) == after


@given(st.integers(min_value=1953, max_value=2199))
def test_movable_holidays_keep_their_weekday(year: int) -> None:
    by_name = {h.name: h.day for h in holidays(year)}
    assert by_name["påskdagen"].isoweekday() == 7
    assert date(year, 3, 22) <= by_name["påskdagen"] <= date(year, 4, 25)
    assert by_name["långfredagen"].isoweekday() == 5
    assert by_name["Kristi himmelsfärdsdag"].isoweekday() == 4
    assert by_name["midsommardagen"].isoweekday() == 6
    assert date(year, 6, 20) <= by_name["midsommardagen"] <= date(year, 6, 26)
    assert by_name["midsommarafton"] == by_name["midsommardagen"] - timedelta(days=1)
    assert by_name["alla helgons dag"].isoweekday() == 6
    assert date(year, 10, 31) <= by_name["alla helgons dag"] <= date(year, 11, 6)
