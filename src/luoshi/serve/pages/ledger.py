"""台账: the ledger with filters, search and sort; export of exactly what is shown; progress import."""

from __future__ import annotations

from functools import partial
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request, UploadFile
from fastapi.responses import Response
from starlette.concurrency import run_in_threadpool

from luoshi.serve.deps import ActorDep, ClockDep, DatabaseDep, permit, seen_by, unit_of_work
from luoshi.serve.params import ledger_query
from luoshi.serve.queries import ledger_choices, ledger_rows
from luoshi.serve.render import header_facts, page
from luoshi.supervise.exports import to_csv, to_xlsx
from luoshi.supervise.ledger_query import LedgerQuery
from luoshi.supervise.permissions import Action

router = APIRouter()
QueryDep = Annotated[LedgerQuery, Depends(ledger_query)]
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PAGE_ROWS = 100  # rows drawn per page of the 台账 (?page=); exports carry them all


@router.get("/ledger")
def ledger(
    request: Request,
    who: ActorDep,
    db: DatabaseDep,
    at: ClockDep,
    query: QueryDep,
    page_no: Annotated[int, Query(alias="page", ge=1, le=100_000)] = 1,
) -> Response:
    permit(who, Action.VIEW_INTERNAL)
    with unit_of_work(db, who, at) as uow:
        scope = seen_by(uow, who)
        rows = ledger_rows(uow, at.today(), query, scope)
        choices = ledger_choices(uow, at.today(), scope)
        header = header_facts(request, uow)
    pages = max(1, -(-len(rows) // PAGE_ROWS))
    number = min(page_no, pages)
    shown = rows[(number - 1) * PAGE_ROWS : number * PAGE_ROWS]
    return page(
        request, "ledger.html", who, header=header, rows=shown, total=len(rows), query=query, choices=choices,
        page_no=number, pages=pages, as_of=request.query_params.get("as_of", ""),
    )  # fmt: skip


@router.get("/ledger/export.{fmt}")
def export(fmt: str, who: ActorDep, db: DatabaseDep, at: ClockDep, query: QueryDep) -> Response:
    permit(who, Action.VIEW_INTERNAL)
    if fmt not in ("csv", "xlsx"):
        return Response("只支持 csv 和 xlsx", status_code=404)
    with unit_of_work(db, who, at) as uow:
        rows = ledger_rows(uow, at.today(), query, seen_by(uow, who))
    name = f"taizhang-{at.today().isoformat()}.{fmt}"
    body, media = (to_csv(rows), "text/csv; charset=utf-8") if fmt == "csv" else (to_xlsx(rows), XLSX)
    return Response(body, media_type=media, headers={"content-disposition": f'attachment; filename="{name}"'})


@router.post("/ledger/import")
async def import_file(
    request: Request, who: ActorDep, db: DatabaseDep, at: ClockDep, file: UploadFile
) -> Response:
    from luoshi.supervise.ledger_import import import_progress

    permit(who, Action.IMPORT_LEDGER)
    data = await file.read()
    outcome = await run_in_threadpool(  # parsing and storing run off the event loop
        import_progress,
        partial(unit_of_work, db, who, at),
        who,
        data,
        evidence_dir=request.app.state.settings.data_dir / "evidence",
    )
    code = 200 if outcome.applied else 422
    return page(request, "ledger_import.html", who, status_code=code, outcome=outcome)
