"""Parts, sections, paragraphs, sentences and clauses of a report's clean text."""

from __future__ import annotations

import re
from collections.abc import Iterator

from luoshi.document import Clause, Paragraph, Part, PartKind, ReportMeta, Section, Sentence

CN_DIGITS = "一二三四五六七八九十"
PART_HEAD = re.compile(rf"^([{CN_DIGITS}]{{1,3}})、(.{{1,40}})$")
SECTION_HEAD = re.compile(rf"^[(（]([{CN_DIGITS}]{{1,3}})[)）]")
SENTENCE_END = re.compile(r"[。；;！!？?]")
CLAUSE_END = re.compile(r"[，,：:]")
YEAR = re.compile(r"(?<!\d)(20\d\d)年")
REVIEW_WORDS = ("回顾", "成绩", "过去", "总结")


def cn_number(s: str) -> int:
    """一 → 1, 十 → 10, 十二 → 12, 二十 → 20."""
    if s == "十":
        return 10
    if s.startswith("十"):
        return 10 + CN_DIGITS.index(s[1]) + 1
    if len(s) >= 2 and s[1] == "十":
        return (CN_DIGITS.index(s[0]) + 1) * 10 + (CN_DIGITS.index(s[2]) + 1 if len(s) == 3 else 0)
    return CN_DIGITS.index(s[0]) + 1


def lines(text: str) -> Iterator[tuple[int, int]]:
    """Non-empty lines as (start, end) spans, surrounding whitespace trimmed."""
    pos = 0
    for raw in text.split("\n"):
        stripped = raw.strip()
        if stripped:
            start = pos + raw.index(stripped)
            yield start, start + len(stripped)
        pos += len(raw) + 1


def split_sentences(text: str, start: int, end: int) -> list[Sentence]:
    sentences = []
    pos = start
    for m in SENTENCE_END.finditer(text, start, end):
        if m.start() > pos:
            sentences.append(_sentence(text, pos, m.start()))
        pos = m.end()
    if pos < end:
        sentences.append(_sentence(text, pos, end))
    return sentences


def _sentence(text: str, start: int, end: int) -> Sentence:
    clauses = []
    pos = start
    for m in CLAUSE_END.finditer(text, start, end):
        if m.start() > pos:
            clauses.append(Clause(pos, m.start(), text[pos : m.start()]))
        pos = m.end()
    if pos < end:
        clauses.append(Clause(pos, end, text[pos:end]))
    return Sentence(start, end, text[start:end], clauses)


def classify(title: str, year: int | None, review_year: int | None) -> PartKind:
    if any(w in title for w in REVIEW_WORDS):
        return PartKind.REVIEW
    if year is not None and review_year is not None and year <= review_year:
        return PartKind.REVIEW
    return PartKind.PLAN


def outline(text: str) -> tuple[ReportMeta, list[Part]]:
    parts: list[Part] = []
    section: Section | None = None
    review_year: int | None = None
    for start, end in lines(text):
        line = text[start:end]
        if m := PART_HEAD.match(line):
            ym = YEAR.search(line)
            year = int(ym.group(1)) if ym else None
            kind = classify(m.group(2), year, review_year)
            if kind is PartKind.REVIEW and year is not None:
                review_year = year
            parts.append(Part(cn_number(m.group(1)), m.group(2), kind, year, start, end))
            section = None
            continue
        if not parts:
            continue
        para = Paragraph(start, end, line, sentences=split_sentences(text, start, end))
        if m := SECTION_HEAD.match(line):
            head_end = SENTENCE_END.search(line)
            title = line[m.end() : head_end.start() if head_end else len(line)]
            section = Section(cn_number(m.group(1)), title, start, end)
            parts[-1].sections.append(section)
            if head_end is None:
                continue
        if section is None:
            section = Section(0, "", start, end)
            parts[-1].sections.append(section)
        section.paragraphs.append(para)
        section.end = parts[-1].end = end
    plan_year = _plan_year(parts)
    for p in parts:
        if p.year is None:
            p.year = plan_year if p.kind is PartKind.PLAN else (plan_year - 1 if plan_year else None)
    return ReportMeta(year=plan_year), parts


def _plan_year(parts: list[Part]) -> int | None:
    years = [p.year for p in parts if p.year]
    plans = [p.year for p in parts if p.year and p.kind is PartKind.PLAN]
    if plans:
        return max(plans)
    return max(years) + 1 if years else None
