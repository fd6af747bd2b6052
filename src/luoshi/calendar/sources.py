"""Where a year's schedule comes from when the ledger has none: chinesecalendar, luoshi's files, an estimate.

The estimate is weekends plus the statutory days off of the 全国年节及纪念日放假办法 (2024 revision)
that can be computed: 元旦 1 January, 春节 除夕 to 初三 (from a table to 2040), 清明 (a solar term),
劳动节 1–2 May, 国庆节 1–3 October. 端午, 中秋 and the year's 调休 are not in it: only the State
Council's notice knows how they are arranged.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta
from enum import StrEnum
from functools import cache

from luoshi.calendar import lunar
from luoshi.calendar.year import Holiday, HolidayYear, shipped_years


class Source(StrEnum):
    """Where a year's holidays were read from, most trusted first."""

    LEDGER = "ledger"  # imported into this ledger (luoshi calendar import)
    LIBRARY = "chinesecalendar"  # the installed chinesecalendar package
    SHIPPED = "shipped"  # a notice transcribed in luoshi/data/holidays
    ESTIMATE = "estimate"  # weekends and fixed-date festivals only

    @property
    def label(self) -> str:
        return {
            "ledger": "台账导入",
            "chinesecalendar": "chinesecalendar 数据",
            "shipped": "随 luoshi 发布的通知",
            "estimate": "估算（仅周末和固定日期节日）",
        }[self.value]


FIXED = (("元旦", 1, 1, 1), ("劳动节", 5, 1, 2), ("国庆节", 10, 1, 3))  # name, month, first day, days


@cache
def library_year(year: int) -> HolidayYear | None:
    """The year as the installed ``chinesecalendar`` knows it, or None outside its years."""
    import chinese_calendar

    if not _library_covers(year):
        return None
    off: dict[str, list[date]] = defaultdict(list)
    for day, name in sorted(chinese_calendar.holidays.items()):
        if day.year == year:
            off[_chinese_name(str(name))].append(day)
    holidays = tuple(h for name, days in off.items() for h in _runs(name, days))
    workdays = tuple(sorted(d for d in chinese_calendar.workdays if d.year == year and d.weekday() >= 5))
    version = getattr(chinese_calendar, "__version__", "")
    return HolidayYear(
        year, f"chinesecalendar {version}".strip(), tuple(sorted(holidays, key=_start)), workdays
    )


@cache
def shipped_year(year: int) -> HolidayYear | None:
    return shipped_years().get(year)


@cache
def estimated_year(year: int) -> HolidayYear:
    """Weekends plus the festivals whose dates do not move (see the module docstring)."""
    holidays = [Holiday(name, date(year, m, d), date(year, m, d + n - 1)) for name, m, d, n in FIXED]
    qingming, new_year = _qingming(year), lunar.new_year(year)
    if qingming is not None:
        holidays.append(Holiday("清明节", qingming, qingming))
    if new_year is not None:
        holidays.append(Holiday("春节", new_year - timedelta(days=1), new_year + timedelta(days=2)))
    return HolidayYear(year, "估算：周末和固定日期的法定节日", tuple(sorted(holidays, key=_start)), ())


def _library_covers(year: int) -> bool:
    import chinese_calendar

    years = {d.year for d in (*chinese_calendar.holidays, *chinese_calendar.workdays)}
    return year in years


def _qingming(year: int) -> date | None:
    """清明 from chinesecalendar's solar terms (computed, not looked up), if it has them."""
    import chinese_calendar

    terms = getattr(chinese_calendar, "get_solar_terms", None)
    if terms is None:
        return None
    try:
        found = terms(date(year, 4, 1), date(year, 4, 8))
    except Exception:  # outside the years its formula covers
        return None
    return next((day for day, name in found if "清明" in str(name)), None)


def _chinese_name(name: str) -> str:
    import chinese_calendar

    for holiday in chinese_calendar.Holiday:
        if name == holiday.value:
            return str(getattr(holiday, "chinese", name))
    return name


def _runs(name: str, days: list[date]) -> list[Holiday]:
    """Consecutive days as one holiday each."""
    runs: list[Holiday] = []
    for day in days:
        if runs and runs[-1].end + timedelta(days=1) == day:
            runs[-1] = Holiday(name, runs[-1].start, day)
        else:
            runs.append(Holiday(name, day, day))
    return runs


def _start(holiday: Holiday) -> date:
    return holiday.start
