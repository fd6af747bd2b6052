"""Lines, sentences and clauses of the clean text (spans in clean coordinates)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from luoshi.document import Clause, Sentence

SENTENCE_END = re.compile(r"[。；;！!？?\n]")
CLAUSE_END = re.compile(r"[，,：:]")
TERMINAL = "。；;！!？?：:…"
CJK = re.compile(r"[\u3400-\u9fff]")


def lines(text: str) -> Iterator[tuple[int, int]]:
    """Non-empty lines as (start, end) spans, surrounding whitespace trimmed."""
    pos = 0
    for raw in text.split("\n"):
        stripped = raw.strip()
        if stripped:
            start = pos + raw.index(stripped)
            yield start, start + len(stripped)
        pos += len(raw) + 1


def trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    """``[start, end)`` without surrounding whitespace."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def split_sentences(text: str, start: int, end: int) -> list[Sentence]:
    """Sentences of ``text[start:end]``: between 。；;！!？? and line breaks, delimiters excluded."""
    sentences = []
    pos = start
    for m in SENTENCE_END.finditer(text, start, end):
        sentences.extend(_sentence(text, pos, m.start()))
        pos = m.end()
    sentences.extend(_sentence(text, pos, end))
    return sentences


def split_clauses(text: str, start: int, end: int) -> list[Clause]:
    """Clauses of ``text[start:end]``: between ，,：: (half- and full-width)."""
    clauses = []
    pos = start
    for m in CLAUSE_END.finditer(text, start, end):
        a, b = trimmed(text, pos, m.start())
        if a < b:
            clauses.append(Clause(a, b, text[a:b]))
        pos = m.end()
    a, b = trimmed(text, pos, end)
    if a < b:
        clauses.append(Clause(a, b, text[a:b]))
    return clauses


def _sentence(text: str, start: int, end: int) -> list[Sentence]:
    a, b = trimmed(text, start, end)
    if a >= b:
        return []
    return [Sentence(a, b, text[a:b], split_clauses(text, a, b))]
