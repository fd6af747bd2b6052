"""Reports: the list, and the reader (clean text or the original on a toggle, numbers marked and
linked, outline beside, a task's sentence highlighted)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from starlette.responses import Response

from luoshi.serve.deps import MAX_ID, ActorDep, ClockDep, DatabaseDep, RecordId, permit, seen_by, unit_of_work
from luoshi.serve.queries import list_reports, reader_view
from luoshi.serve.render import page
from luoshi.supervise.permissions import Action

router = APIRouter()


@router.get("/reports")
def reports(request: Request, who: ActorDep, db: DatabaseDep, at: ClockDep) -> Response:
    permit(who, Action.VIEW_INTERNAL)
    with unit_of_work(db, who, at) as ledger:
        rows = list_reports(ledger, seen_by(ledger, who))
    return page(request, "reports.html", who, reports=rows)


@router.get("/reports/{report_id}")
def reader(
    request: Request,
    report_id: RecordId,
    who: ActorDep,
    db: DatabaseDep,
    at: ClockDep,
    original: Annotated[bool, Query()] = False,
    task: Annotated[int | None, Query(ge=1, le=MAX_ID)] = None,
) -> Response:
    """``?original=1`` shows the text as published; ``?task=N#task-N`` opens it on task N's sentence."""
    permit(who, Action.VIEW_INTERNAL)
    with unit_of_work(db, who, at) as ledger:
        view = reader_view(ledger, report_id, original=original, task_id=task)
    return page(request, "reader.html", who, view=view)
