"""Working days: the State Council's schedule, 调休, rolling past days off, estimates for unknown years."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from luoshi.calendar import Calendar, DayKind, Holiday, HolidayYear, Source, add_months

CAL = Calendar()


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
        (date(2026, 2, 28), True),  # 2026 make-up Saturday after 春节
        (date(2026, 10, 7), False),  # last day of 国庆节 (a Wednesday)
    ],
)
def test_working_day_follows_the_state_council_schedule(day: date, working: bool) -> None:
    assert CAL.is_working_day(day) is working


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
    assert CAL.add_working_days(start, days) == expected


def test_working_days_between_counts_the_end_not_the_start() -> None:
    assert CAL.working_days_between(date(2023, 1, 20), date(2023, 1, 31)) == 4
    assert CAL.working_days_between(date(2023, 1, 31), date(2023, 1, 20)) == -4
    assert CAL.working_days_between(date(2023, 3, 6), date(2023, 3, 6)) == 0


def test_calendar_days_roll_past_days_off_civil_code_art_203() -> None:
    """民法典 第二百零三条: a period whose last day is a day off ends on the next working day."""
    assert CAL.add_days(date(2023, 1, 20), 3, DayKind.CALENDAR) == date(2023, 1, 28)  # 1-23 is 春节
    assert CAL.add_days(date(2023, 9, 25), 7, DayKind.CALENDAR) == date(2023, 10, 7)  # not 10-02
    assert CAL.add_days(date(2023, 3, 1), 2, DayKind.CALENDAR) == date(2023, 3, 3)  # a Friday stays
    assert CAL.days_between(date(2023, 1, 20), date(2023, 1, 31), DayKind.CALENDAR) == 11


def test_roll_forward_keeps_a_working_day_and_skips_weekends() -> None:
    assert CAL.roll_forward(date(2023, 10, 7)) == date(2023, 10, 7)  # a make-up Saturday is worked
    assert CAL.roll_forward(date(2023, 3, 4)) == date(2023, 3, 6)


def test_a_year_nobody_loaded_is_estimated_and_says_so() -> None:
    """Unknown year: weekends, 元旦, 清明, 劳动节 1–2 May, 国庆节 1–3 Oct — never an error, never silent."""
    cal = Calendar()
    assert cal.warning() is None
    assert cal.is_working_day(date(2099, 1, 1)) is False
    assert cal.is_working_day(date(2099, 10, 3)) is False
    assert cal.is_working_day(date(2099, 10, 5)) is True  # a Monday after the fixed three days
    assert cal.add_days(date(2099, 4, 25), 6, DayKind.CALENDAR) == date(2099, 5, 4)  # 5-1 Fri, 5-2 Sat
    warning = cal.warning()
    assert warning is not None and "2099" in warning and "\n" not in warning
    assert cal.source(2099)[0] is Source.ESTIMATE


def test_the_estimate_knows_the_statutory_spring_festival_days() -> None:
    """2027 unloaded: 春节 is 2-6, so 除夕 2-5 to 初三 2-8 are off (the 2024 revision of the 放假办法)."""
    cal = Calendar()
    assert [cal.is_working_day(date(2027, 2, d)) for d in (4, 5, 8, 9)] == [True, False, False, True]
    assert cal.is_working_day(date(2027, 4, 5)) is False  # 清明, from the solar term


def test_warning_for_a_day_counts_the_years_its_due_dates_reach() -> None:
    assert Calendar().warning(date(2024, 6, 1)) is None
    reaching = Calendar().warning(date(2099, 12, 20))
    assert reaching is not None and "2099、2100" in reaching


def test_the_ledger_year_wins_over_every_other_source() -> None:
    made_up = HolidayYear(2023, "test", (Holiday("测试假", date(2023, 3, 6), date(2023, 3, 6)),), ())
    cal = Calendar({2023: made_up})
    assert cal.source(2023)[0] is Source.LEDGER
    assert cal.is_working_day(date(2023, 3, 6)) is False
    assert cal.is_working_day(date(2023, 1, 23)) is True  # this year's 春节 is not in the test year
    assert cal.warning() is None


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


@settings(deadline=None)  # the first example of a year reads its schedule
@given(start=st.dates(date(2005, 1, 1), date(2030, 6, 30)), n=st.integers(0, 60))
def test_add_working_days_lands_on_a_working_day_and_counts_back(start: date, n: int) -> None:
    end = CAL.add_working_days(start, n)
    assert CAL.working_days_between(start, end) == n
    if n:
        assert CAL.is_working_day(end)
        assert CAL.add_working_days(start, n - 1) < end  # the n-th working day, not a later one


@settings(deadline=None)
@given(day=st.dates(date(2005, 1, 1), date(2030, 12, 31)))
def test_roll_forward_lands_on_the_first_working_day(day: date) -> None:
    rolled = CAL.roll_forward(day)
    assert CAL.is_working_day(rolled)
    assert CAL.working_days_between(day, rolled) == (0 if rolled == day else 1)


@given(st.dates(date(2019, 6, 1), date(2028, 6, 30)), st.integers(-800, 800))
def test_counting_by_running_totals_equals_counting_day_by_day(start: date, span: int) -> None:
    calendar = Calendar()
    end = start + timedelta(days=span)
    low, high = min(start, end), max(start, end)
    by_day = sum(calendar.is_working_day(low + timedelta(days=i)) for i in range(1, (high - low).days + 1))
    assert calendar.working_days_between(start, end) == (by_day if end >= start else -by_day)
