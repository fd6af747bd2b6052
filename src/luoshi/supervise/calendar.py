"""Working days in mainland China: public holidays and make-up workdays (调休) from ``chinesecalendar``.

The holiday schedule is published by the State Council each year; the ``chinesecalendar`` package
tracks it. Dates outside the years it covers raise :class:`CalendarError` instead of guessing.
"""

from __future__ import annotations

from datetime import date, timedelta
from enum import StrEnum
from functools import cache

from luoshi.errors import ValidationError


class DayKind(StrEnum):
    """How a duration is counted."""

    WORKING = "working"  # 工作日: skips weekends and holidays, counts make-up Saturdays/Sundays
    CALENDAR = "calendar"  # 自然日


class CalendarError(ValidationError):
    """A date outside the years the holiday data covers."""


@cache
def covered_years() -> tuple[int, int]:
    """First and last year whose holiday schedule the installed package knows."""
    import chinese_calendar

    years = [d.year for d in (*chinese_calendar.holidays, *chinese_calendar.workdays)]
    return min(years), max(years)


def is_working_day(day: date) -> bool:
    """True on a working day: a weekday that is not a holiday, or a make-up workday."""
    first, last = covered_years()
    if not first <= day.year <= last:
        raise CalendarError(
            f"节假日数据不含 {day.year} 年（已安装的 chinesecalendar 只覆盖 {first}–{last} 年），"
            "请升级 chinesecalendar，或改用按自然日计算的督办规则"
        )
    import chinese_calendar

    return bool(chinese_calendar.is_workday(day))


def add_working_days(start: date, days: int) -> date:
    """The ``days``-th working day after ``start`` (``start`` itself is not counted).

    ``add_working_days(d, 0)`` is ``d``. A deadline "within 3 working days" of a Friday before
    a holiday week lands after the holiday.
    """
    if days < 0:
        raise ValueError("days must not be negative")
    day = start
    left = days
    while left:
        day += timedelta(days=1)
        if is_working_day(day):
            left -= 1
    return day


def working_days_between(start: date, end: date) -> int:
    """Working days in ``(start, end]``; negative when ``end`` is before ``start``."""
    if end < start:
        return -working_days_between(end, start)
    return sum(is_working_day(start + timedelta(days=i)) for i in range(1, (end - start).days + 1))


def add_days(start: date, days: int, kind: DayKind) -> date:
    """``start`` plus ``days`` working or calendar days."""
    if kind is DayKind.WORKING:
        return add_working_days(start, days)
    return start + timedelta(days=days)


def days_between(start: date, end: date, kind: DayKind) -> int:
    """Days in ``(start, end]`` counted as ``kind``."""
    if kind is DayKind.WORKING:
        return working_days_between(start, end)
    return (end - start).days


def add_months(start: date, months: int) -> date:
    """The same day ``months`` later, clipped to the month's end (1月31日 + 1 month → 2月28日)."""
    month0 = start.month - 1 + months
    year, month = start.year + month0 // 12, month0 % 12 + 1
    for day in range(start.day, 27, -1):
        try:
            return date(year, month, day)
        except ValueError:
            continue
    return date(year, month, min(start.day, 28))
