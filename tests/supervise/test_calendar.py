from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from luoshi.supervise.calendar import (
    CalendarError,
    DayKind,
    add_days,
    add_months,
    add_working_days,
    covered_years,
    days_between,
    is_working_day,
    working_days_between,
)


@pytest.mark.parametrize(
    ("day", "working"),
    [
        (date(2023, 1, 20), True),  # Friday before the Spring Festival
        (date(2023, 1, 23), False),  # 春节 holiday (a Monday)
        (date(2023, 1, 27), False),  # last holiday day (a Friday)
        (date(2023, 1, 28), True),  # make-up Saturday (调休上班)
        (date(2023, 1, 29), True),  # make-up Sunday
        (date(2023, 2, 4), False),  # ordinary Saturday
        (date(2023, 10, 2), False),  # 国庆节
        (date(2023, 10, 7), True),  # make-up Saturday after National Day
    ],
)
def test_working_day_follows_the_state_council_schedule(day: date, working: bool) -> None:
    assert is_working_day(day) is working


@pytest.mark.parametrize(
    ("start", "days", "expected"),
    [
        (date(2023, 1, 20), 1, date(2023, 1, 28)),  # the next working day is the make-up Saturday
        (date(2023, 1, 20), 3, date(2023, 1, 30)),
        (date(2023, 9, 28), 3, date(2023, 10, 9)),  # across 中秋 + 国庆 (Oct 7, 8 are workdays)
        (date(2023, 3, 3), 1, date(2023, 3, 6)),  # Friday → Monday
        (date(2023, 3, 3), 0, date(2023, 3, 3)),
    ],
)
def test_add_working_days(start: date, days: int, expected: date) -> None:
    assert add_working_days(start, days) == expected


def test_working_days_between_counts_the_end_not_the_start() -> None:
    assert working_days_between(date(2023, 1, 20), date(2023, 1, 31)) == 4
    assert working_days_between(date(2023, 1, 31), date(2023, 1, 20)) == -4
    assert working_days_between(date(2023, 3, 6), date(2023, 3, 6)) == 0


def test_add_then_count_round_trips() -> None:
    start = date(2024, 2, 1)
    for n in range(0, 40, 3):
        assert working_days_between(start, add_working_days(start, n)) == n


def test_calendar_days_ignore_holidays() -> None:
    assert add_days(date(2023, 1, 20), 3, DayKind.CALENDAR) == date(2023, 1, 23)
    assert days_between(date(2023, 1, 20), date(2023, 1, 31), DayKind.CALENDAR) == 11


def test_years_outside_the_package_are_refused_with_a_clear_line() -> None:
    first, last = covered_years()
    with pytest.raises(CalendarError, match=f"{last + 1} 年") as info:
        is_working_day(date(last + 1, 3, 2))
    assert "\n" not in str(info.value)
    with pytest.raises(CalendarError):
        add_working_days(date(first - 1, 12, 1), 1)


@pytest.mark.parametrize(
    ("start", "months", "expected"),
    [
        (date(2023, 1, 31), 1, date(2023, 2, 28)),
        (date(2024, 1, 31), 1, date(2024, 2, 29)),
        (date(2023, 12, 15), 1, date(2024, 1, 15)),
        (date(2023, 5, 10), 12, date(2024, 5, 10)),
    ],
)
def test_add_months_clips_to_month_end(start: date, months: int, expected: date) -> None:
    assert add_months(start, months) == expected


@given(start=st.dates(date(2005, 1, 1), date(2025, 6, 30)), n=st.integers(0, 60))
def test_add_working_days_lands_on_a_working_day_and_counts_back(start: date, n: int) -> None:
    end = add_working_days(start, n)
    assert working_days_between(start, end) == n
    if n:
        assert is_working_day(end)
        assert add_working_days(start, n - 1) < end  # the n-th working day, not a later one
