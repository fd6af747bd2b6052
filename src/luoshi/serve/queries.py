"""Read-only queries over the store that pages and the API share (HTML and JSON from one function)."""

from __future__ import annotations

import sys
from array import array
from dataclasses import dataclass
from typing import Any

from luoshi.serve.reader import Heading, Mark, Piece, Span, cut
from luoshi.store.ledger import Ledger
from luoshi.store.models import ProgressReport, Quantity, Report, Task


def has_demo_data(ledger: Ledger) -> bool:
    return bool(ledger.find(Report, demo=True) or ledger.find(ProgressReport, demo=True))


@dataclass(frozen=True, slots=True)
class ReportSummary:
    id: int
    region: str
    year: int
    version: int
    title: str | None
    level: str | None
    demo: bool
    quantities: int
    tasks: int


def list_reports(ledger: Ledger) -> list[ReportSummary]:
    rows = ledger.all(Report, order_by="-year,region,-version")
    return [
        ReportSummary(
            id=r.id,
            region=r.region,
            year=r.year,
            version=r.version,
            title=r.title,
            level=r.level,
            demo=r.demo,
            quantities=ledger.count(Quantity, report_id=r.id),
            tasks=ledger.count(Task, report_id=r.id),
        )
        for r in rows
    ]


@dataclass(frozen=True, slots=True)
class ReaderView:
    report: ReportSummary
    outline: list[Heading]
    pieces: list[Piece]
    quantities: list[dict[str, Any]]


def reader_view(ledger: Ledger, report_id: int) -> ReaderView:
    """The original text with every stored number marked and linked, and the outline beside it."""
    report = ledger.get(Report, report_id)
    index = _offsets(report.text.offset_map)
    outline = _outline(report, index)
    task_of = _task_links(ledger, report_id)
    spans = [
        Span(q.start, q.end, Mark(q.id, q.part, q.indicator, q.headline_target, task_of.get(q.id)))
        for q in report.quantities
    ]
    anchors = [(h.start, h.anchor) for top in outline for h in (top, *top.children)]
    summary = next(s for s in list_reports(ledger) if s.id == report_id)
    quantities = [{**q.as_dict(), "task_id": task_of.get(q.id)} for q in report.quantities]
    return ReaderView(summary, outline, cut(report.text.original, spans, anchors), quantities)


def _outline(report: Report, index: array[int]) -> list[Heading]:
    def at(clean: int) -> int:
        return index[min(clean, len(index) - 1)]

    return [
        Heading(
            anchor=f"p{part.number}",
            title=part.title,
            kind=part.kind,
            start=at(part.start),
            children=[
                Heading(f"p{part.number}s{s.number}", s.title, part.kind, at(s.start)) for s in part.sections
            ],
        )
        for part in report.parts
    ]


def _task_links(ledger: Ledger, report_id: int) -> dict[int, int]:
    """quantity id → the task (ledger row) that carries it as its target or one of its figures."""
    links: dict[int, int] = {}
    for task in ledger.all(Task, report_id=report_id):
        for qid in [task.main_quantity_id, *(task.quantity_ids or [])]:
            if qid is not None:
                links.setdefault(qid, task.id)
    return links


def _offsets(data: bytes) -> array[int]:
    packed = array("i")
    packed.frombytes(data)
    if sys.byteorder == "big":
        packed.byteswap()
    return packed
