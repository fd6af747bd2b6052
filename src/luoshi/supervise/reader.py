"""The report reader's view: a text (clean by default, or as published) cut into plain runs, section
anchors, marked numbers and one highlighted sentence (a task's, when the reader is opened on it).

Pure functions over plain values; templates escape every run, so the text can never inject markup.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from itertools import pairwise


@dataclass(frozen=True, slots=True)
class Mark:
    """A number in the text, linked to its ledger row (task) when it has one."""

    quantity_id: int
    kind: str  # review | plan
    indicator: str
    headline: bool
    task_id: int | None


@dataclass(frozen=True, slots=True)
class Piece:
    text: str = ""
    mark: Mark | None = None
    anchor: str | None = None  # an outline anchor placed before the text
    hit: bool = False  # inside the highlighted sentence
    focus: bool = False  # inside the highlighted clause (the task itself) within that sentence


@dataclass(frozen=True, slots=True)
class Heading:
    anchor: str
    title: str
    kind: str  # review | plan
    start: int  # offset in the text shown
    children: list[Heading] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class Span:
    start: int
    end: int
    mark: Mark


def cut(
    text: str,
    spans: list[Span],
    anchors: list[tuple[int, str]],
    hit: tuple[int, int] | None = None,
    focus: tuple[int, int] | None = None,
) -> list[Piece]:
    """The text as pieces: anchors at their offsets, each non-overlapping span marked once, and the
    pieces inside ``hit`` (a sentence) and ``focus`` (a clause in it) split off and flagged."""
    pieces: list[Piece] = []
    events = sorted(anchors)
    pos = 0
    for span in _non_overlapping(spans, len(text)):
        pos = _plain(text, pos, span.start, events, pieces)
        pieces.append(Piece(text=text[span.start : span.end], mark=span.mark))
        pos = span.end
    _plain(text, pos, len(text), events, pieces)
    if hit is None or hit[0] >= hit[1]:
        return pieces
    return _highlight(pieces, hit, focus or (hit[0], hit[0]))


def _highlight(pieces: list[Piece], hit: tuple[int, int], focus: tuple[int, int]) -> list[Piece]:
    """Plain pieces split at the ends of ``hit`` and ``focus``; pieces overlapping them flagged."""
    out: list[Piece] = []
    pos = 0
    for piece in pieces:
        start, end = pos, pos + len(piece.text)
        pos = end
        if piece.mark or not piece.text:
            out.append(replace(piece, hit=_overlaps(start, end, hit), focus=_overlaps(start, end, focus)))
            continue
        cuts = sorted({start, end, *(c for c in (*hit, *focus) if start < c < end)})
        for a, b in pairwise(cuts):
            out.append(Piece(text=piece.text[a - start : b - start], hit=_overlaps(a, b, hit),
                             focus=_overlaps(a, b, focus)))  # fmt: skip
    return out


def _overlaps(start: int, end: int, span: tuple[int, int]) -> bool:
    return start < end and start < span[1] and span[0] < end


def _plain(text: str, pos: int, upto: int, events: list[tuple[int, str]], pieces: list[Piece]) -> int:
    """Plain text from ``pos`` to ``upto``, with the anchors falling in it (consumed from ``events``)."""
    while events and events[0][0] <= upto:
        at, anchor = events.pop(0)
        at = max(at, pos)
        if at > pos:
            pieces.append(Piece(text=text[pos:at]))
        pieces.append(Piece(anchor=anchor))
        pos = at
    if upto > pos:
        pieces.append(Piece(text=text[pos:upto]))
    return max(pos, upto)


def _non_overlapping(spans: list[Span], length: int) -> list[Span]:
    """Spans sorted by start; one that overlaps an earlier one is dropped (the earlier wins)."""
    kept: list[Span] = []
    end = 0
    for span in sorted(spans, key=lambda s: (s.start, -s.end)):
        if span.start >= end and 0 <= span.start < span.end <= length:
            kept.append(span)
            end = span.end
    return kept
