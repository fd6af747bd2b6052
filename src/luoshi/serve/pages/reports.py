"""Reports: the list, and the reader (original text, numbers marked and linked, outline beside)."""

from __future__ import annotations

from fastapi import APIRouter, Request
from starlette.responses import Response

from luoshi.serve.deps import ActorDep, ClockDep, DatabaseDep, RecordId, permit, unit_of_work
from luoshi.serve.queries import list_reports, reader_view
from luoshi.serve.render import page
from luoshi.supervise.permissions import Action

router = APIRouter()


@router.get("/reports")
def reports(request: Request, who: ActorDep, db: DatabaseDep, at: ClockDep) -> Response:
    permit(who, Action.VIEW_INTERNAL)
    with unit_of_work(db, who, at) as ledger:
        rows = list_reports(ledger)
    return page(request, "reports.html", who, reports=rows)


@router.get("/reports/{report_id}")
def reader(request: Request, report_id: RecordId, who: ActorDep, db: DatabaseDep, at: ClockDep) -> Response:
    permit(who, Action.VIEW_INTERNAL)
    with unit_of_work(db, who, at) as ledger:
        view = reader_view(ledger, report_id)
    return page(request, "reader.html", who, view=view)
