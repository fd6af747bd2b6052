"""Lines, sentences and clauses of the clean text (spans in clean coordinates)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from luoshi.document import CLAUSE_SPAN, Sentence

SENTENCE_END = re.compile(r"[。；;！!？?\n]")
CLAUSE_END = re.compile(r"[，,：:]")
TERMINAL = "。；;！!？?：:…"
CJK = re.compile(r"[\u3400-\u9fff]")
# A line that opens a list item (2.、(3)、①、——、三是) starts a new sentence even after a bare line.
LIST_ITEM = re.compile(
    r"\s*(?:\d{1,2}\s*[.．、](?!\d)|[(（][\d一二三四五六七八九十]{1,3}[)）]|[①-⑳]|——|-|"
    r"[一二三四五六七八九十]{1,3}(?:是|、))"
)


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
        if m.group() == "\n" and _mid_sentence(text, pos, m.start(), end):
            continue  # the copy broke a sentence here (今年预期目标设定 / ​ / 为6%以上)
        sentences.extend(_sentence(text, pos, m.start()))
        pos = m.end()
    sentences.extend(_sentence(text, pos, end))
    return sentences


def clause_spans(text: str) -> list[tuple[int, int]]:
    """The spans of :func:`luoshi.document.split_clauses` over ``text``, making no clauses."""
    return [m.span() for m in CLAUSE_SPAN.finditer(text)]


def _sentence(text: str, start: int, end: int) -> list[Sentence]:
    a, b = trimmed(text, start, end)
    if a >= b:
        return []
    return [Sentence(a, b, text[a:b])]


def _mid_sentence(text: str, start: int, at: int, end: int) -> bool:
    """Whether a line break at ``at`` falls inside a sentence: the text before it is a sentence
    under way (it has clauses, or is long) that ends in a Chinese character, not in punctuation,
    and the next line opens no list item (a bare target list keeps one line per sentence)."""
    a, b = trimmed(text, start, at)
    if a >= b or CJK.match(text, b - 1) is None or LIST_ITEM.match(text, at + 1, end):
        return False
    return b - a > 30 or CLAUSE_END.search(text, a, b) is not None
