"""Quantities: every number the report states, with indicator, metric, modifier and span.

Walks parts → sections → paragraphs → sentences (the segment stage's outline, clean-text
offsets), reads each sentence's numbers (:mod:`luoshi.extract.reading`) and maps each number
as written back to the original text.
"""

from __future__ import annotations

import re

from luoshi.document import Paragraph, Part, Quantity, ReportMeta, Section, Sentence, Text
from luoshi.extract.deadlines import deadline_in
from luoshi.extract.entities import entities_in
from luoshi.extract.reading import Reading, read_sentence

# 力争用三年时间…, 三年内…, 到2025年…: a target for the last year of the stated period.
SPAN_YEARS = re.compile(r"用([一二两三四五六七八九十\d]{1,2})年(?:时间|左右)?|([一二两三四五\d])年内")
BY_YEAR = re.compile(r"(?:到|至|在)(20\d\d)年|(20\d\d)年(?:底|末)?前")
CN_SMALL = {c: i for i, c in enumerate("零一二三四五六七八九十", start=0)} | {"两": 2}


def extract_quantities(text: Text, parts: list[Part], meta: ReportMeta) -> list[Quantity]:
    """Every number that measures something, with indicator, metric, modifier and span."""
    out: list[Quantity] = []
    for part in parts:
        for section in part.sections:
            for paragraph in section.paragraphs:
                for sentence in paragraph.sentences:
                    spans = [(c.start - sentence.start, c.end - sentence.start) for c in sentence.clauses]
                    for r in read_sentence(sentence.text, spans or [(0, len(sentence.text))]):
                        out.append(_quantity(text, part, section, paragraph, sentence, r))
    return out


def _quantity(
    text: Text, part: Part, section: Section, paragraph: Paragraph, sentence: Sentence, r: Reading
) -> Quantity:
    n = r.number
    clause_text = sentence.clauses[r.clause].text if sentence.clauses else sentence.text
    year = target_year(sentence.text[: n.start], part)
    places, bodies = entities_in(clause_text)
    start, end = text.to_original(sentence.start + n.start, sentence.start + n.end)
    return Quantity(
        part=part.kind,
        section=section.title or None,
        indicator=r.indicator,
        metric=r.metric,
        value=r.value,
        unit=n.unit,
        modifier=r.modifier,
        sentence=sentence.text,
        start=start,
        end=end,
        value_high=r.value_high,
        year=year,
        deadline=deadline_in(clause_text, year) or deadline_in(sentence.text, year),
        places=places,
        bodies=bodies,
        theme=paragraph.theme,
        headline_target=paragraph.headline_targets,
        text=n.text,
    )


def target_year(before: str, part: Part) -> int | None:
    """The year a figure refers to: the part's, or the last year of a stated period."""
    year = part.year
    if year is None or part.kind.value != "plan":
        return year
    if m := BY_YEAR.search(before):
        return max(year, int(m.group(1) or m.group(2)))
    if m := SPAN_YEARS.search(before):
        span = m.group(1) or m.group(2)
        count = int(span) if span.isdigit() else CN_SMALL.get(span, 1)
        return year + max(count, 1) - 1
    return year
