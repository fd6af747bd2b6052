"""Targets a report says, in so many words, it does not set (不设定具体目标, 目标在…期内统筹考核)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from luoshi.document import PartKind, Report
from luoshi.link.vocabulary import Vocabulary

_SENTENCE = re.compile(r"[^。；;！!？?\n]+")
_CLAUSE = re.compile(r"[^，,：:]+")
_FILLER = re.compile(
    r"(今年|全年|年度|具体|量化|的|对|增长|设定|设置|提出|确定|下达|制定|不再|不|没有|未|目标)"
)


@dataclass(frozen=True, slots=True)
class NotSet:
    """A target the report explicitly leaves unset."""

    indicator: str  # canonical name, else the words the report uses
    sentence: str
    start: int  # original offsets of the sentence
    end: int


def targets_not_set(report: Report, vocab: Vocabulary) -> list[NotSet]:
    """Statements in the plan part (the whole text when no part is classified) that a target is not
    set, one per indicator named in the clause that says so."""
    found: list[NotSet] = []
    seen: set[str] = set()
    for start, end in _plan_ranges(report):
        for m in _SENTENCE.finditer(report.text.clean, start, end):
            for name in _unset_names(m.group(), vocab):
                if name not in seen:
                    seen.add(name)
                    o_start, o_end = report.text.to_original(m.start(), m.end())
                    found.append(NotSet(name, m.group().strip(), o_start, o_end))
    return found


def _plan_ranges(report: Report) -> list[tuple[int, int]]:
    plans = [(p.start, p.end) for p in report.parts if p.kind == PartKind.PLAN]
    return plans if plans or report.parts else [(0, len(report.text.clean))]


def _unset_names(sentence: str, vocab: Vocabulary) -> list[str]:
    names: list[str] = []
    for clause in _CLAUSE.findall(sentence):
        if not any(p.search(clause) for p in vocab.not_set_patterns):
            continue
        mentioned = [e.name for e in vocab.mentioned(clause)]
        if not mentioned:
            words = _FILLER.sub("", clause).strip(' “”"')
            entry = vocab.canonical(words) if words else vocab.canonical("经济增长")
            mentioned = [entry.name if entry is not None else words]
        names.extend(n for n in mentioned if n and n not in names)
    return names
