"""Tasks: plan sentences that commit to an action, with or without a number.

A ledger row is a sentence of a plan paragraph (between 。；！？, a line break inside a
paragraph joined back). In the headline-target paragraph, whose sentence lists every target,
each clause is its own row. Theme leads ("推动能源产业绿色低碳转型。") head their paragraph's
rows rather than becoming rows themselves.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterator

from luoshi.document import Paragraph, Part, PartKind, Quantity, ReportMeta, Section, Task, Text
from luoshi.extract.commitments import commitment_verb
from luoshi.extract.deadlines import deadline_in
from luoshi.extract.entities import entities_in
from luoshi.extract.hedges import BOUNDS, alternation

STOP = re.compile(r"[。；;！!？?]")
CLAUSE_STOP = re.compile(r"[，,：:。；;！!？?]")
# A headline target states its figure without an action verb (地区生产总值增长6%左右): the verb
# it commits to is the movement it names.
TARGET_VERB = re.compile(
    rf"增长|增速|下降|降低|提高|达到|保持|控制|稳定|实现|完成|{alternation(BOUNDS)}|高于|低于"
)
LEAD_MARK = re.compile(r"^(?:——|--|\d{1,2}[.．、](?!\d)|[(（]\d{1,2}[)）]|[①-⑳])\s*")

Span = tuple[int, int]


class _QuantityIndex:
    """The report's quantities by start offset, to find those inside a task in log time."""

    def __init__(self, quantities: list[Quantity]) -> None:
        self.order = sorted(range(len(quantities)), key=lambda i: quantities[i].start)
        self.starts = [quantities[i].start for i in self.order]
        self.quantities = quantities

    def within(self, start: int, end: int) -> list[int]:
        """Indices (into the report's list, ascending) of the quantities inside ``[start, end)``."""
        lo, hi = bisect_left(self.starts, start), bisect_right(self.starts, end)
        return sorted(i for i in self.order[lo:hi] if self.quantities[i].end <= end)


def extract_tasks(text: Text, parts: list[Part], meta: ReportMeta, quantities: list[Quantity]) -> list[Task]:
    """Every plan sentence (or headline clause) that commits to an action."""
    tasks = []
    index = _QuantityIndex(quantities)
    for part in parts:
        if part.kind is not PartKind.PLAN:
            continue
        year = part.year or meta.year
        for section in part.sections:
            for para in section.paragraphs:
                for start, end in _rows(text.clean, para, year):
                    task = _task(text, (start, end), section, para, year, index)
                    if task is not None:
                        tasks.append(task)
    return tasks


def _rows(clean: str, para: Paragraph, year: int | None) -> Iterator[Span]:
    """The candidate rows of a paragraph: its sentences, split where a second deadline starts a
    second commitment; in the headline-target paragraph each clause is a row. A
    closing exhortation (各位代表,…) gives none."""
    if para.text.startswith(("各位代表", "同志们")):
        return
    for start, end in _pieces(clean, para.start, para.end, STOP):
        if para.headline_targets:
            yield from _pieces(clean, start, end, CLAUSE_STOP)
        else:
            yield from _by_deadline(clean, start, end, year)


def _by_deadline(clean: str, start: int, end: int, year: int | None) -> Iterator[Span]:
    """Split "年内完成A,三季度末前建成B" into one row per deadline (each with its own verb)."""
    groups: list[list[Span]] = []
    dated = False
    for clause in _pieces(clean, start, end, CLAUSE_STOP):
        has_deadline = deadline_in(clean[clause[0] : clause[1]], year) is not None
        own_verb = commitment_verb(clean[clause[0] : clause[1]]) is not None
        if groups and not (has_deadline and dated and own_verb):
            groups[-1].append(clause)
            dated = dated or has_deadline
        else:
            groups.append([clause])
            dated = has_deadline
    for group in groups:
        yield group[0][0], group[-1][1]


def _pieces(clean: str, start: int, end: int, stop: re.Pattern[str]) -> Iterator[Span]:
    pos = start
    for m in stop.finditer(clean, start, end):
        yield from _trimmed(clean, pos, m.start())
        pos = m.end()
    yield from _trimmed(clean, pos, end)


def _trimmed(clean: str, start: int, end: int) -> Iterator[Span]:
    while start < end and clean[start].isspace():
        start += 1
    while end > start and clean[end - 1].isspace():
        end -= 1
    if start < end:
        yield start, end


def _task(
    text: Text, span: Span, section: Section, para: Paragraph, year: int | None, index: _QuantityIndex
) -> Task | None:
    body = text.clean[span[0] : span[1]].replace("\n", "")
    if para.theme is not None and LEAD_MARK.sub("", body).strip("【】") == para.theme:
        return None
    start, end = text.to_original(*span)
    inside = index.within(start, end)
    verb = commitment_verb(body)
    if verb is None and para.headline_targets and inside:
        verb = _target_verb(body)
    if verb is None:
        return None
    places, bodies = entities_in(body)
    return Task(
        text=body,
        part=PartKind.PLAN,
        section=section.title or None,
        theme=para.theme,
        verb=verb,
        start=start,
        end=end,
        deadline=deadline_in(body, year),
        quantities=inside,
        places=places,
        bodies=bodies,
    )


def _target_verb(body: str) -> str:
    """The movement a headline target names; empty when it names none (物价涨幅3%左右)."""
    m = TARGET_VERB.search(body)
    return m.group() if m else ""
