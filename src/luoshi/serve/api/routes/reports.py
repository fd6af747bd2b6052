"""Reports: list, and one report with its outline, text and quantities."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from fastapi import APIRouter

from luoshi.serve.deps import ActorDep, ClockDep, DatabaseDep, RecordId, permit, seen_by, unit_of_work
from luoshi.serve.queries import ReportSummary, list_reports, reader_view
from luoshi.supervise.permissions import Action
from luoshi.supervise.reader import Heading

router = APIRouter(tags=["reports"])


@dataclass(frozen=True, slots=True)
class ReportDetail:
    report: ReportSummary
    outline: list[Heading]
    text: str
    quantities: list[dict[str, Any]]


@router.get("/reports")
def reports(who: ActorDep, db: DatabaseDep, at: ClockDep) -> list[ReportSummary]:
    permit(who, Action.VIEW_INTERNAL)
    with unit_of_work(db, who, at) as ledger:
        return list_reports(ledger, seen_by(ledger, who))


@router.get("/reports/{report_id}")
def report(report_id: RecordId, who: ActorDep, db: DatabaseDep, at: ClockDep) -> ReportDetail:
    permit(who, Action.VIEW_INTERNAL)
    with unit_of_work(db, who, at) as ledger:
        view = reader_view(ledger, report_id, original=True)  # quantity offsets index the original
    text = "".join(p.text for p in view.pieces)
    return ReportDetail(view.report, view.outline, text, view.quantities)
