"""分工方案 on the report page: upload a breakdown, preview line → task → units → deadline, apply.

Only the office (督查室) may; the service is :mod:`luoshi.supervise.fengong`, the same the CLI calls.
The preview page carries the document's text in a hidden field, so applying does not upload again.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Request, UploadFile
from starlette.concurrency import run_in_threadpool
from starlette.responses import Response

from luoshi.errors import InputError
from luoshi.ingest import read_bytes
from luoshi.serve.deps import ActorDep, ClockDep, DatabaseDep, RecordId, permit, unit_of_work
from luoshi.serve.render import page
from luoshi.store.models import Report
from luoshi.supervise import fengong as service
from luoshi.supervise.permissions import Action

router = APIRouter()
MAX_TEXT = 2_000_000  # characters of a breakdown's text posted back to apply
DocText = Annotated[str, Form(max_length=MAX_TEXT)]


@router.get("/reports/{report_id}/fengong")
def upload_form(
    request: Request, report_id: RecordId, who: ActorDep, db: DatabaseDep, at: ClockDep
) -> Response:
    permit(who, Action.ASSIGN)
    with unit_of_work(db, who, at) as ledger:
        report = _report(ledger.get(Report, report_id))
    return page(request, "fengong.html", who, report=report, result=None)


@router.post("/reports/{report_id}/fengong")
async def upload(
    request: Request, report_id: RecordId, who: ActorDep, db: DatabaseDep, at: ClockDep, file: UploadFile
) -> Response:
    permit(who, Action.ASSIGN)
    data = await file.read()
    text = read_bytes(data, name=file.filename or "分工方案", cell_sep="\t").text
    return await run_in_threadpool(_run, request, report_id, who, db, at, text, False)


@router.post("/reports/{report_id}/fengong/apply")
async def apply(
    request: Request, report_id: RecordId, who: ActorDep, db: DatabaseDep, at: ClockDep, text: DocText
) -> Response:
    permit(who, Action.ASSIGN)
    if not text.strip():
        raise InputError("没有分工方案的内容，请重新上传")
    return await run_in_threadpool(_run, request, report_id, who, db, at, text, True)


def _run(
    request: Request, report_id: int, who: ActorDep, db: DatabaseDep, at: ClockDep, text: str, write: bool
) -> Response:
    with unit_of_work(db, who, at) as ledger:
        report = _report(ledger.get(Report, report_id))
        run = service.apply if write else service.preview
        result = run(ledger, report_id=report_id, text=text)
        view = service.preview_dict(result)
    return page(request, "fengong.html", who, report=report, result=view, text=text)


def _report(report: Report) -> dict[str, object]:
    return {"id": report.id, "region": report.region, "year": report.year, "title": report.title}
