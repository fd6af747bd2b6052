"""China's working-day calendar: holiday schedules by year, where they come from, due-date arithmetic.

Below every pipeline stage (like :mod:`luoshi.clock`): store/ keeps imported years, supervise/
counts stages with them.
"""

from __future__ import annotations

from luoshi.calendar.days import Calendar, DayKind, add_months, in_words
from luoshi.calendar.sources import Source
from luoshi.calendar.year import Holiday, HolidayYear, load_year_file, parse_year

__all__ = [
    "Calendar",
    "DayKind",
    "Holiday",
    "HolidayYear",
    "Source",
    "add_months",
    "in_words",
    "load_year_file",
    "parse_year",
]
