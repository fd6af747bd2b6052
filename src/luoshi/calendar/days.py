"""Working days in mainland China for any year, and due dates that roll past days off (民法典 第二百零三条).

A :class:`Calendar` answers from the years imported into the ledger first, then the installed
``chinesecalendar``, then the notices shipped with luoshi, and for any other year an estimate —
which it remembers, so that every answer built on a guess can say so (:meth:`Calendar.warning`).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, timedelta
from enum import StrEnum

from luoshi.calendar.sources import Source, estimated_year, library_year, shipped_year
from luoshi.calendar.year import HolidayYear

HORIZON = timedelta(days=45)  # due dates computed on a day reach this far ahead (1 month, then rolled)


class DayKind(StrEnum):
    """How a duration is counted."""

    WORKING = "working"  # 工作日: skips weekends and holidays, counts make-up Saturdays/Sundays
    CALENDAR = "calendar"  # 自然日


class Calendar:
    """Working days: the ledger's imported years, else chinesecalendar, shipped notices, an estimate."""

    def __init__(self, imported: Mapping[int, HolidayYear] | None = None) -> None:
        self._imported = dict(imported or {})
        self._days: dict[int, tuple[frozenset[date], frozenset[date]]] = {}
        self._totals: dict[int, list[int]] = {}  # running working-day counts per year
        self.estimated: set[int] = set()  # years answered by the estimate so far

    def source(self, year: int) -> tuple[Source, HolidayYear]:
        """Where ``year`` is read from, and the year itself."""
        if year in self._imported:
            return Source.LEDGER, self._imported[year]
        for source, found in ((Source.LIBRARY, library_year(year)), (Source.SHIPPED, shipped_year(year))):
            if found is not None:
                return source, found
        self.estimated.add(year)
        return Source.ESTIMATE, estimated_year(year)

    def knows(self, year: int) -> bool:
        """Whether ``year`` is read from a notice (imported, the library or shipped), not estimated."""
        return year in self._imported or library_year(year) is not None or shipped_year(year) is not None

    def is_working_day(self, day: date) -> bool:
        """A weekday that is not a day off, or a make-up Saturday/Sunday (调休上班)."""
        off, worked = self._year(day.year)
        return day in worked or (day.weekday() < 5 and day not in off)

    def roll_forward(self, day: date) -> date:
        """``day`` if it is a working day, else the first working day after it (民法典 第二百零三条)."""
        while not self.is_working_day(day):
            day += timedelta(days=1)
        return day

    def add_working_days(self, start: date, days: int) -> date:
        """The ``days``-th working day after ``start`` (not counting ``start``; 0 gives ``start``)."""
        if days < 0:
            raise ValueError("days must not be negative")
        day, left = start, days
        while left:
            day += timedelta(days=1)
            left -= self.is_working_day(day)
        return day

    def working_days_between(self, start: date, end: date) -> int:
        """Working days in ``(start, end]``; negative when ``end`` is before ``start``. Counted from each
        year's running totals, so a long span costs a few look-ups, not a loop over its days."""
        if end < start:
            return -self.working_days_between(end, start)
        before = self._running(start.year)[_yday(start)]
        years = sum(self._running(y)[-1] for y in range(start.year, end.year))
        return years + self._running(end.year)[_yday(end)] - before

    def _running(self, year: int) -> list[int]:
        """Working days of ``year`` up to each day: ``[0, by 1 Jan, by 2 Jan, …, by 31 Dec]``."""
        if year not in self._totals:
            day, counts = date(year, 1, 1), [0]
            while day.year == year:
                counts.append(counts[-1] + self.is_working_day(day))
                day += timedelta(days=1)
            self._totals[year] = counts
        return self._totals[year]

    def add_days(self, start: date, days: int, kind: DayKind) -> date:
        """``start`` plus ``days`` working days, or calendar days rolled past a day off."""
        if kind is DayKind.WORKING:
            return self.add_working_days(start, days)
        return self.roll_forward(start + timedelta(days=days))

    def days_between(self, start: date, end: date, kind: DayKind) -> int:
        """Days in ``(start, end]`` counted as ``kind``."""
        if kind is DayKind.WORKING:
            return self.working_days_between(start, end)
        return (end - start).days

    def warning(self, day: date | None = None) -> str | None:
        """The one-line warning if any year used so far is estimated.

        With ``day`` (a page's date), the years its due dates can reach count too.
        """
        if day is not None:
            for year in range(day.year, (day + HORIZON).year + 1):
                self.source(year)
        if not self.estimated:
            return None
        years = "、".join(str(y) for y in sorted(self.estimated))
        return (
            f"节假日数据不含 {years} 年：工作日暂按周末和元旦、春节、清明、劳动节、国庆节的法定假日估算"
            "（端午、中秋和调休未计入）；请用 luoshi calendar import 导入国务院办公厅的节假日安排通知"
        )

    def _year(self, year: int) -> tuple[frozenset[date], frozenset[date]]:
        if year not in self._days:
            _, found = self.source(year)
            off = frozenset(d for h in found.holidays for d in h.days())
            self._days[year] = (off, frozenset(found.workdays))
        return self._days[year]


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


def in_words(days: int, kind: DayKind) -> str:
    """``days`` as an office writes them: 个工作日 for working days, 天 for calendar days."""
    return f"{days}个工作日" if kind is DayKind.WORKING else f"{days}天"


def _yday(day: date) -> int:
    """The day's number in its year (1 January is 1)."""
    return day.timetuple().tm_yday
