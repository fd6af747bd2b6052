"""Lunar dates the calendar needs, as a table: Chinese New Year's Day (正月初一), 2010–2040.

Checked against chinesecalendar's 春节 for every year it covers (tests/extract/test_deadlines.py,
tests/calendar/test_days.py); later years from the published lunar calendar. No lunar-calendar
library is needed for one date a year (lunardate, the small pure-Python one, is GPL-3.0).
"""

from __future__ import annotations

from datetime import date

SPRING_FESTIVAL = {
    2010: (2, 14), 2011: (2, 3), 2012: (1, 23), 2013: (2, 10), 2014: (1, 31), 2015: (2, 19),
    2016: (2, 8), 2017: (1, 28), 2018: (2, 16), 2019: (2, 5), 2020: (1, 25), 2021: (2, 12),
    2022: (2, 1), 2023: (1, 22), 2024: (2, 10), 2025: (1, 29), 2026: (2, 17), 2027: (2, 6),
    2028: (1, 26), 2029: (2, 13), 2030: (2, 3), 2031: (1, 23), 2032: (2, 11), 2033: (1, 31),
    2034: (2, 19), 2035: (2, 8), 2036: (1, 28), 2037: (2, 15), 2038: (2, 4), 2039: (1, 24),
    2040: (2, 12),
}  # fmt: skip


def new_year(year: int) -> date | None:
    """正月初一 of ``year``, or None outside the table."""
    found = SPRING_FESTIVAL.get(year)
    return date(year, *found) if found else None
