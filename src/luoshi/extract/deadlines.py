"""Deadlines stated in plan text (8月底前, 年内, 上半年 …), anchored to the plan year.

Each phrase maps to the last day it allows. Durations (三年行动, 连续三年, 30天) and as-of dates
(截至2022年底) are not deadlines. When a clause states several, the earliest is returned: it is
the first date a supervisor has to check.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable, Iterator
from datetime import date, timedelta

from luoshi.calendar.lunar import SPRING_FESTIVAL
from luoshi.segment.numerals import cn_number

MONTH = r"(1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九])"
# 春节前 in a year's plan means before the festival that closes it (正月初一 from the calendar's table).
QUARTER_END = {"一": 3, "1": 3, "二": 6, "2": 6, "三": 9, "3": 9, "四": 12, "4": 12}
MAYBE = re.compile(r"[月年季节前]")  # every rule needs one of these
AS_OF = re.compile(r"(截至|截止到?)$")
SINCE = re.compile(r"^(以来|至今|开始|起)")


def _small(s: str) -> int:
    """A month or a count as the rules capture it (3, 十二, 两): the headings' numeral reader."""
    value = cn_number(s)
    if value is None:
        raise ValueError(f"not a small numeral: {s!r}")
    return value


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


Rule = tuple[re.Pattern[str], Callable[[re.Match[str], int | None], date | None]]


def _in_year(fn: Callable[[re.Match[str], int], date]) -> Callable[[re.Match[str], int | None], date | None]:
    """A rule that needs the plan year (None without one)."""
    return lambda m, year: fn(m, year) if year is not None else None


def _explicit_year(m: re.Match[str], year: int | None) -> date | None:
    y = int(m.group("y"))
    if m.group("m"):
        month = _small(m.group("m"))
        if m.group("d"):
            return _safe_date(y, month, int(m.group("d")))
        return _month_end(y, month - 1) if m.group("before") and month > 1 else _month_end(y, month)
    return date(y, 12, 31)


def _month_rule(m: re.Match[str], year: int) -> date:
    month = _small(m.group("m"))
    part = m.group("part") or ""
    if m.group("d"):
        return _safe_date(year, month, int(m.group("d"))) or _month_end(year, month)
    if part == "上旬":
        return date(year, month, 10)
    if part == "中旬":
        return date(year, month, 20)
    if part == "前" and month > 1:
        return _month_end(year, month - 1)
    return _month_end(year, month)


def _safe_date(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def _spring_festival(m: re.Match[str], year: int) -> date:
    month, day = SPRING_FESTIVAL.get(year + 1, (2, 1))
    return date(year + 1, month, day) - timedelta(days=1)


def _within_years(m: re.Match[str], year: int) -> date:
    """力争用三年时间 → the end of the third year, counting the plan year as the first."""
    return date(year + _small(m.group("n") or m.group("n2")) - 1, 12, 31)


RULES: list[Rule] = [
    (
        re.compile(
            rf"(?<![\d.])(?P<y>20\d\d)年(?:(?P<m>{MONTH})月(?:(?P<d>\d{{1,2}})日)?(?:(?:底|末|份)前?|(?P<before>前))?|"
            r"(?:底|末)?(?:前|以前|之前)?)"
        ),
        _explicit_year,
    ),
    (
        re.compile(
            rf"(?<![\d年.])(?P<m>{MONTH})月(?:(?P<d>\d{{1,2}})日)?(?P<part>底|末|份|上旬|中旬|下旬|前)?"
        ),
        _in_year(_month_rule),
    ),
    (
        re.compile(
            r"(?:用|在)(?P<n>[两二三四五1-5])年(?:左右)?的?(?:时间|内)|(?<=[争保])(?P<n2>[两二三四五1-5])年内"
        ),
        _in_year(_within_years),
    ),
    (re.compile(r"(?:年底|年末)(?:前|以前|之前)?|年内|全年"), _in_year(lambda m, y: date(y, 12, 31))),
    (re.compile(r"上半年"), _in_year(lambda m, y: date(y, 6, 30))),
    (re.compile(r"下半年"), _in_year(lambda m, y: date(y, 12, 31))),
    (re.compile(r"前三季度"), _in_year(lambda m, y: date(y, 9, 30))),
    (
        re.compile(r"第?([一二三四1-4])季度"),
        _in_year(lambda m, y: _month_end(y, QUARTER_END[m.group(1)])),
    ),
    (re.compile(r"春节(?:前|以前|之前)"), _in_year(_spring_festival)),
    (re.compile(r"国庆(?:节)?(?:前|以前|之前)"), _in_year(lambda m, y: date(y, 9, 30))),
    (re.compile(r"元旦(?:前|以前|之前)"), _in_year(lambda m, y: date(y, 12, 31))),
]


def deadline_in(text: str, year: int | None) -> date | None:
    """The deadline a clause states, as a date in ``year``; None when it states none."""
    if MAYBE.search(text) is None:
        return None
    found = list(_deadlines(text, year))
    return min(found) if found else None


def _deadlines(text: str, year: int | None) -> Iterator[date]:
    taken: list[tuple[int, int]] = []
    for pattern, rule in RULES:
        for m in pattern.finditer(text):
            if not m.group(0) or any(a < m.end() and m.start() < b for a, b in taken):
                continue
            taken.append(m.span())
            if not _is_deadline(text, m):
                continue
            if (when := rule(m, year)) is not None:
                yield when


def _is_deadline(text: str, m: re.Match[str]) -> bool:
    """Not an as-of date (截至2022年底), a start (2020年以来), or a bare year naming a plan."""
    if AS_OF.search(text[max(0, m.start() - 4) : m.start()]) or SINCE.match(text[m.end() : m.end() + 2]):
        return False
    phrase = m.group(0)
    if re.fullmatch(r"20\d\d年", phrase):
        before = text[max(0, m.start() - 2) : m.start()]
        return before.endswith(("到", "至", "在", "于"))
    return True
