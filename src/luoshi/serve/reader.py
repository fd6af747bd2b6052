"""The report reader's view: the original text cut into plain runs, section anchors and marked numbers.

Pure functions over plain values; templates escape every run, so the text can never inject markup.
"""

from __future__ import annotations

from dataclasses import dataclass, field


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


@dataclass(frozen=True, slots=True)
class Heading:
    anchor: str
    title: str
    kind: str  # review | plan
    start: int  # original offset
    children: list[Heading] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class Span:
    start: int
    end: int
    mark: Mark


def cut(original: str, spans: list[Span], anchors: list[tuple[int, str]]) -> list[Piece]:
    """The text as pieces: anchors at their offsets, each non-overlapping span marked once."""
    pieces: list[Piece] = []
    events = sorted(anchors)
    pos = 0
    for span in _non_overlapping(spans, len(original)):
        pos = _plain(original, pos, span.start, events, pieces)
        pieces.append(Piece(text=original[span.start : span.end], mark=span.mark))
        pos = span.end
    _plain(original, pos, len(original), events, pieces)
    return pieces


def _plain(original: str, pos: int, upto: int, events: list[tuple[int, str]], pieces: list[Piece]) -> int:
    """Plain text from ``pos`` to ``upto``, with the anchors falling in it (consumed from ``events``)."""
    while events and events[0][0] <= upto:
        at, anchor = events.pop(0)
        at = max(at, pos)
        if at > pos:
            pieces.append(Piece(text=original[pos:at]))
        pieces.append(Piece(anchor=anchor))
        pos = at
    if upto > pos:
        pieces.append(Piece(text=original[pos:upto]))
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
