"""Quantities: every number the report states, with indicator, metric, modifier and span.

Walks parts → sections → paragraphs → sentences (the segment stage's outline, clean-text
offsets), reads each sentence's numbers (:mod:`luoshi.extract.reading`) and maps each number
as written back to the original text.
"""

from __future__ import annotations

import re
from datetime import date
from functools import lru_cache
from typing import NamedTuple

from luoshi.document import (
    Paragraph,
    Part,
    PartKind,
    Quantity,
    ReportMeta,
    Section,
    Sentence,
    Text,
)
from luoshi.extract.deadlines import deadline_in
from luoshi.extract.entities import entities_in
from luoshi.extract.numbers import may_hold_number
from luoshi.extract.reading import Reading, read_sentence
from luoshi.extract.tables import Row, TableItem, read_row, table_rows
from luoshi.segment.numerals import DIGITS, cn_value
from luoshi.segment.text import clause_spans

# 力争用三年时间…, 三年内…, 到2025年…: a target for the last year of the stated period.
SPAN_YEARS = re.compile(
    r"(?:用|今后|未来)([一二两三四五六七八九十\d]{1,2})年(?:时间|左右)?|([一二两三四五\d])年内"
)
BY_YEAR = re.compile(r"(?:到|至|在)(20\d\d)年|(20\d\d)年(?:底|末)?前")
FIVE_YEAR_PLAN = re.compile(r"十([三四五六七八九])五")  # 十四五 → 2021–2025
# 今年/年内 after a period marker: the figure is this year's step of the longer target.
THIS_YEAR = re.compile(r"今年|(?<![一二两三四五六七八九十\d])年内|当年|本年")
# The start point of a change: 由2016年的112.6亿元增加到…, 从不到70万亿元增加到…
FROM = re.compile(r"(?:由|从)(?:(20\d\d)年(?:的|底|末)?)?(?:不到|不足|近|约)?$")
TO = re.compile(
    r"^[^，,。；;]{0,8}?(?:增加|提升|提高|扩大|增长|上升|下降|减少|降低|缩小|跃升|攀升)?(?:到|至)"
)
FIVE_YEARS = re.compile(r"(?<!连续)(?<!近)五年|十[一二三四五六七八九]五")
SENTENCE_ENDS = "。！？!?"


def extract_quantities(
    text: Text, parts: list[Part], meta: ReportMeta, *, entities: bool = True
) -> list[Quantity]:
    """Every number that measures something, with indicator, metric, modifier and span;
    ``entities=False`` leaves each quantity's places and bodies empty (a caller without use for them)."""
    out: list[Quantity] = []
    rows = table_rows(text.clean, meta.year)
    for part in parts:
        if part.kind is PartKind.APPENDIX:
            continue  # a glossary after the report states no targets
        for section in part.sections:
            for paragraph in section.paragraphs:
                for sentence in paragraph.sentences:
                    if table := _rows_in(rows, text.clean, sentence):
                        out += [
                            _table_quantity(text, section, paragraph, r, i)
                            for r in table
                            for i in read_row(r)
                        ]
                        continue
                    if not may_hold_number(sentence.text):
                        continue  # most sentences: nothing to read, no clause spans to make
                    spans = clause_spans(sentence.text) or [(0, len(sentence.text))]
                    readings = read_sentence(sentence.text, spans)
                    if not readings:
                        continue
                    head = _sentence_head(text.clean, paragraph.start, sentence.start)
                    quoted = sentence.text.replace("\n", "")  # a sentence the copy broke over two lines
                    for r in readings:
                        clause = sentence.text[spans[r.clause][0] : spans[r.clause][1]]
                        context = _Context(head, clause, quoted)
                        out.append(_quantity(text, part, section, paragraph, sentence, r, context, entities))
    return out


class _Context(NamedTuple):
    """What a reading's quantity takes from its sentence, made once per sentence (its quoted text
    is one string shared by the sentence's quantities)."""

    head: str  # what the full sentence says before this one (:func:`_sentence_head`)
    clause: str  # the text of the reading's clause
    quoted: str  # the sentence as a quantity quotes it: without the line breaks of a broken copy


def _quantity(
    text: Text,
    part: Part,
    section: Section,
    paragraph: Paragraph,
    sentence: Sentence,
    r: Reading,
    context: _Context,
    entities: bool = True,
) -> Quantity:
    """The quantity of reading ``r`` in ``sentence``, with the ``context`` its sentence gives."""
    n = r.number
    head, clause_text, quoted = context
    if part.kind is PartKind.PLAN:
        year = target_year(head + sentence.text[: n.start], part, section)
    else:
        year = start_year(sentence.text[: n.start], sentence.text[n.end :], part, paragraph.text)
    places, bodies = entities_in(clause_text) if entities else ([], [])
    start, end = text.to_original(sentence.start + n.start, sentence.start + n.end)
    return Quantity(
        part=part.kind,
        section=section.title or None,
        indicator=r.indicator,
        metric=r.metric,
        value=r.value,
        unit=n.unit,
        modifier=r.modifier,
        sentence=quoted,
        start=start,
        end=end,
        value_high=r.value_high,
        year=year,
        deadline=_deadline(clause_text, sentence.text, part.year) if part.kind is PartKind.PLAN else None,
        places=places,
        bodies=bodies,
        theme=paragraph.theme,
        headline_target=paragraph.headline_targets,
        text=n.text,
    )


def _rows_in(rows: dict[int, Row], clean: str, sentence: Sentence) -> list[Row]:
    """The target-table rows whose lines the sentence covers, each given once (none for prose)."""
    if not rows:
        return []
    start = clean.rfind("\n", 0, sentence.start) + 1
    return [rows.pop(i) for i in range(start, sentence.end) if i in rows]


def _table_quantity(
    text: Text, section: Section, paragraph: Paragraph, row: Row, item: TableItem
) -> Quantity:
    start, end = text.to_original(row.start + item.start, row.start + item.end)
    return Quantity(
        part=item.part,
        section=section.title or None,
        indicator=item.indicator,
        metric=item.metric,
        value=item.value,
        unit=item.unit,
        modifier=item.modifier,
        sentence=row.sentence,
        start=start,
        end=end,
        value_high=item.value_high,
        year=item.year,
        theme=paragraph.theme,
        headline_target=item.part is PartKind.PLAN,
        text=item.text,
    )


def _sentence_head(text: str, start: int, end: int) -> str:
    """The part of a full sentence (up to 。) in ``text[start:end]`` before a ；-clause:
    到2026年，…；[clause]."""
    cut = max(text.rfind(mark, start, end) for mark in SENTENCE_ENDS)
    return text[max(cut + 1, start) : end]


def start_year(before: str, after: str, part: Part, context: str) -> int | None:
    """A review figure's year; the start of 由A增加到B is the year the report compares with
    (stated, else a year or, over a five-year review, five years before the review year)."""
    year = part.year
    m = FROM.search(before)
    if year is None or m is None or not TO.match(after):
        return year
    if m.group(1):
        return int(m.group(1))
    return year - (5 if FIVE_YEARS.search(part.title + context) else 1)


@lru_cache(maxsize=4096)
def _deadline(clause: str, sentence: str, year: int | None) -> date | None:
    """A plan item's deadline, stated in its clause or else in its sentence (remembered: a
    sentence's quantities ask for it one after another)."""
    return deadline_in(clause, year) or deadline_in(sentence, year)


@lru_cache(maxsize=1024)
def _period_year(year: int, heads: str) -> int:
    """The part's year, or the last year of a five-year plan its headings name, the later."""
    periods = [2020 + 5 * (DIGITS[m.group(1)] - 3) for m in FIVE_YEAR_PLAN.finditer(heads)]
    return max([year, *periods])


def target_year(before: str, part: Part, section: Section | None = None) -> int | None:
    """The year a figure refers to: the part's, or the last year of a stated period
    (用三年时间, 到2025年, a part on the “十四五” period)."""
    year = part.year
    if year is None or part.kind is not PartKind.PLAN:
        return year
    year = _period_year(year, part.title + (section.title if section else ""))
    if "年" not in before:  # every marker names a year (到2025年, 三年内, 今年): none to find
        return year
    markers = [m for rx in (BY_YEAR, SPAN_YEARS, THIS_YEAR) for m in rx.finditer(before)]
    if not markers:
        return year
    m = max(markers, key=lambda m: m.start())  # the nearest marker before the figure wins
    if m.re is THIS_YEAR:
        return year
    if m.re is BY_YEAR:
        return max(year, int(m.group(1) or m.group(2)))
    span = m.group(1) or m.group(2)
    count = int(span) if span.isdigit() else int(cn_value(span) or 1)
    return year + max(count, 1) - 1
