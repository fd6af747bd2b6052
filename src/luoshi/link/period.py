"""Is a plan figure a target for the plan year, or about a longer period?

The extractor's ``year`` decides when it names another year. Otherwise the report's own words do: a part or
section titled for a five-year period (“十三五”时期发展成就和“十四五”时期主要目标任务), a paragraph
that looks back or ahead several years (过去五年, 今后五年), or a sentence that names another year
as the deadline (到2025年) before the number.
"""

from __future__ import annotations

import re
from bisect import bisect_right

from luoshi.document import Quantity, Report
from luoshi.link.frame import frame_of

_NUM = "一二三四五六七八九十两"
_MANY = "两三四五六七八九十"  # 一年来 / 过去一年 is the year itself
_TITLE = re.compile(rf"十[{_NUM}]五|[{_MANY}]年(?:时期|期间|来)|(?:19|20)\d\d\s*[—－–-]\s*(?:19|20)\d\d")
_PARAGRAPH = re.compile(rf"(?:过去|今后|未来)[{_MANY}]年|[{_MANY}]年(?:来|间)")
_AHEAD = re.compile(rf"今明[{_MANY}]年|[{_MANY}]年内")  # 今明两年职业技能培训3500万人次以上
_THIS_YEAR = re.compile(r"今年|年内|当年|本年|全年")
_DEADLINE = re.compile(r"(?:到|至)((?:19|20)\d\d)年|((?:19|20)\d\d)年(?:前|以前|底前|末)")


def is_annual_target(q: Quantity, report: Report, year: int | None) -> bool:
    """Whether ``q`` (a plan figure of ``report``) is a target for ``year``. A ``q.year`` of
    another year decides; the plan year itself (often a default) is checked against the words."""
    if q.year is not None and year is not None and q.year != year:
        return False
    text = report.text
    pos = max(0, bisect_right(text.index, q.start) - 1)  # clean offset of the number
    if _in_period_heading(report, pos, year):
        return False
    clean = text.clean
    line_start = clean.rfind("\n", 0, pos) + 1
    if _PARAGRAPH.search(clean, line_start, pos):
        return False
    sentence_start = max(clean.rfind(c, line_start, pos) for c in "。；;") + 1
    sentence_start = max(sentence_start, line_start)
    if _AHEAD.search(clean, sentence_start, pos):
        return False
    deadlines = list(_DEADLINE.finditer(clean, sentence_start, pos))
    if not deadlines:
        return True
    last = deadlines[-1]
    if year is not None and int(last.group(1) or last.group(2)) == year:
        return True
    return bool(_THIS_YEAR.search(clean, last.end(), pos))  # 到2025年…，今年… : back to this year


def is_annual_outcome(q: Quantity, report: Report, year: int | None) -> bool:
    """Whether ``q`` (a review figure of ``report``) states the outcome of ``year``: not a figure
    of another year, nor one in a paragraph looking back several years (过去五年), nor an annual
    average (年均增长) in its clause. Review headings are not consulted: they often name several years."""
    if q.year is not None and year is not None and q.year != year:
        return False
    return not frame_of(q, report, year).span


def _in_period_heading(report: Report, pos: int, year: int | None) -> bool:
    for part in report.parts:
        if not part.start <= pos < part.end:
            continue
        titles = [part.title] + [s.title for s in part.sections if s.start <= pos < s.end]
        return any(_TITLE.search(t) and (year is None or str(year) not in t) for t in titles)
    return False
