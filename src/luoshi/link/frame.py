"""What kind of figure a number is: this year's addition or a total, one year or several.

A target to build, add, renovate or cultivate N (新建/新增/改造/培育) is a flow; a figure that
something reached (达到/累计/总数) is a stock. A review figure about several years (五年来,
“十四五”以来, 年均) is not one year's outcome. :func:`refusal` says, in one line, why a candidate
outcome cannot be set beside a target; the scorecard shows it on the line. :func:`not_a_target`
tells the plan figures that are not targets (a forecast, a baseline, a fact).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from enum import StrEnum

from luoshi.document import Modifier, Quantity, Report
from luoshi.extract.lead import FROM

_MANY = "两三四五六七八九十"
# words that put a review figure in a period of several years: in its sentence or in the sentence
# that opens its paragraph (过去五年, 五年来), unless a later word brings it back to the year (一年来,
# 去年); in its sentence, a five-year
# plan's period that began before the year (“十四五”以来 in a review of 2024) or a span of years
_SEVERAL_YEARS = re.compile(rf"(?:过去|近|这)[{_MANY}]年|[{_MANY}]年(?:来|间|以来|累计)")
_ONE_YEAR = re.compile(r"过去一年|一年来|去年|全年")
_PLAN_PERIOD = re.compile(r"[“\"]?十([一二三四五六七八九])五[”\"]?(?:以来|期间|时期)")
_YEAR_SPAN = re.compile(r"((?:19|20)\d\d)\s*[—－–-]\s*(?:19|20)\d\d年")
_PLAN_NUMBER = "一二三四五六七八九"  # 十一五 began in 2006, 十四五 in 2021
_AVERAGE = re.compile(r"年均|平均每年|年平均")
# a total: cumulative words decide; reaching words only where no action word says "this year's"
_TOTAL = re.compile(r"累计|总数|总量|总计|共有|拥有|现有|已有|保有量|存量|余额|在建")
_REACHED = re.compile(r"达到|达(?!成)|增至|增加到|提高到|增长到|扩大到|总共")
_ADDED = re.compile(
    r"新建|新增|新开工|新改建|改扩建|新改扩建|改造|改建|培育|新培育|建成|建设|开工|实施|创建|"
    r"打造|引进|招引|认定|新发展|新种植|造林|发放|办好|办成"
)
# words before a plan figure that make it something other than a commitment: a forecast
# (预计…1170万人), the starting point of a change (起征点从10万元提高到15万元), a fact (今年已过去5个月)
_NOT_SET = re.compile(r"预计|预测|估计|已(?:经)?(?:过去|有|达|超过|建成)")
# …and after it: a population that owns a noun (保障好14亿人的粮食安全, 14亿中国人的饭碗)
_ATTRIBUTIVE = re.compile(r"[\u4e00-\u9fff]{0,3}?人口?的")
_STOPS = "。；;，,：:\n"


class Kind(StrEnum):
    FLOW = "flow"  # this year's addition (新建130座)
    STOCK = "stock"  # a total reached (达到400座, 累计)
    UNKNOWN = "unknown"


@dataclass(frozen=True, slots=True)
class Frame:
    """How a figure is counted (``kind``, the ``cue`` word that says so) and, for a review
    figure, the words that make it about several years (``span``; empty: the year itself)."""

    kind: Kind = Kind.UNKNOWN
    cue: str = ""
    span: str = ""


def kind_of(lead: str) -> tuple[Kind, str]:
    """Flow or stock from the words before a number in its clause (the nearest list item first)."""
    for words in (re.split(r"[、和及]", lead)[-1], lead):
        if total := _TOTAL.search(words):
            return Kind.STOCK, total.group()
        if added := _ADDED.search(words):
            return Kind.FLOW, added.group()
        if reached := _REACHED.search(words):
            return Kind.STOCK, reached.group()
    return Kind.UNKNOWN, ""


def quantity_frame(q: Quantity) -> Frame:
    """The frame read from the quantity alone (its name and the words before it in its sentence)."""
    at = q.sentence.find(q.text) if q.text else -1
    lead = q.sentence[: max(at, 0)]
    lead = lead[max(lead.rfind(c) for c in _STOPS) + 1 :] if at > 0 else ""
    kind, cue = kind_of(lead + q.indicator)
    return Frame(kind, cue)


def _starts(q: Quantity, report: Report) -> tuple[int, int, int, int]:
    """Clean offsets of the paragraph, sentence and clause that hold ``q``, and of ``q`` itself."""
    clean = report.text.clean
    pos = max(0, bisect_right(report.text.index, q.start) - 1)
    line_start = clean.rfind("\n", 0, pos) + 1
    clause_start = max(line_start, *(clean.rfind(c, line_start, pos) + 1 for c in _STOPS))
    sentence_start = max(line_start, *(clean.rfind(c, line_start, pos) + 1 for c in "。；;！!？?"))
    return line_start, sentence_start, clause_start, pos


def frame_of(q: Quantity, report: Report, year: int | None = None) -> Frame:
    """The frame of ``q`` read in ``report`` (a review of ``year``, where known): its clause for
    the kind, its sentence and paragraph for the span."""
    starts = _starts(q, report)
    _, _, clause_start, pos = starts
    kind, cue = kind_of(report.text.clean[clause_start:pos] + q.indicator)
    return Frame(kind, cue, several_years(report.text.clean, starts, year))


def several_years(clean: str, starts: tuple[int, int, int, int], year: int | None) -> str:
    """The words that make the figure at ``pos`` one of several years, or ''; ``starts`` are the
    starts of its paragraph, sentence and clause, and its own position."""
    line_start, sentence_start, clause_start, pos = starts
    if average := _AVERAGE.search(clean, clause_start, pos):
        return average.group()
    for period in _PLAN_PERIOD.finditer(clean, sentence_start, pos):
        began = 2006 + 5 * _PLAN_NUMBER.index(period.group(1)) - 5 * _PLAN_NUMBER.index("一")
        if year is not None and began < year:
            return period.group()
    for span in _YEAR_SPAN.finditer(clean, sentence_start, pos):
        if year is None or int(span.group(1)) < year:
            return span.group()
    ends = [i for c in "。；;！!？?" if (i := clean.find(c, line_start, pos)) >= 0]
    opening = min([pos, *ends])
    many = [
        *_SEVERAL_YEARS.finditer(clean, line_start, opening),
        *_SEVERAL_YEARS.finditer(clean, sentence_start, pos),
    ]
    if not many:
        return ""
    one = list(_ONE_YEAR.finditer(clean, many[-1].end(), pos))
    return "" if one else many[-1].group()


def not_a_target(q: Quantity, report: Report) -> bool:
    """A plan figure the report does not set as a target: a forecast (预计高校毕业生超过1170万人),
    the starting point of a change (从10万元提高到15万元), a fact (已过去近5个月), or a population
    that owns a noun (14亿人的粮食安全)."""
    clean = report.text.clean
    _, _, clause_start, pos = _starts(q, report)
    if _NOT_SET.search(clean, clause_start, pos) or FROM.search(clean, clause_start, pos):
        return True
    # 14亿人的粮食安全 describes a population; 为10万名有需求的残疾人 and 6%左右的增长 commit
    end = bisect_right(report.text.index, max(q.end - 1, q.start))
    bare = q.modifier is Modifier.EXACT and "%" not in q.unit
    owner = _ATTRIBUTIVE.match(clean, end) or (q.unit.endswith("人") and clean.startswith("的", end))
    return bare and not _ADDED.search(clean, clause_start, pos) and bool(owner)


def refusal(target: Frame, outcome: Frame, *, amounts: bool = True) -> str | None:
    """Why ``outcome`` cannot be judged against ``target`` (one line), or None when it can.
    Flow and stock are told apart for ``amounts`` (counts and physical quantities) only."""
    if outcome.span:
        return f"为多年的数（{outcome.span}），不是当年实际"
    if not amounts:
        return None
    if target.kind is Kind.FLOW and outcome.kind is Kind.STOCK:
        return f"目标是当年新增量（{target.cue}），该数是总量（{outcome.cue}）"
    if target.kind is Kind.STOCK and outcome.kind is Kind.FLOW:
        return f"目标是总量（{target.cue}），该数是当年新增量（{outcome.cue}）"
    return None
