"""Task pages: detail with timeline, the progress form (with evidence), evidence download."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Annotated

from fastapi import APIRouter, Form, Request, UploadFile
from fastapi.responses import RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from luoshi.serve.deps import ActorDep, ClockDep, DatabaseDep, RecordId, permit, unit_of_work
from luoshi.serve.queries import ledger_choices
from luoshi.serve.render import page
from luoshi.serve.task_detail import evidence_file, task_detail, task_units
from luoshi.serve.writes import accept_finished_task, file_progress, read_evidence, return_finished_task
from luoshi.supervise.closure import reopen_task
from luoshi.supervise.evidence import shown_name
from luoshi.supervise.extensions import request_task_extension
from luoshi.supervise.permissions import Action, Ownership, ownership_of

router = APIRouter()


@router.get("/tasks/{task_id}")
def task(request: Request, task_id: RecordId, who: ActorDep, db: DatabaseDep, at: ClockDep) -> Response:
    permit(who, Action.VIEW_INTERNAL)
    with unit_of_work(db, who, at) as ledger:
        detail = task_detail(ledger, task_id, at.today())
        units = ledger_choices(ledger, at.today()).units
    own = ownership_of(who.unit_id, detail.row.unit_ids)
    saved = request.query_params.get("saved")
    return page(request, "task.html", who, t=detail, own=own, saved=saved, units=units)


@router.post("/tasks/{task_id}/progress")
async def progress(
    request: Request,
    task_id: RecordId,
    who: ActorDep,
    db: DatabaseDep,
    at: ClockDep,
    value: Annotated[str, Form(max_length=40)] = "",
    percent: Annotated[str, Form(max_length=40)] = "",
    narrative: Annotated[str, Form(max_length=5000)] = "",
    problems: Annotated[str, Form(max_length=5000)] = "",
    done: Annotated[bool, Form()] = False,
    files: list[UploadFile] | None = None,
) -> Response:
    uploads = [(f.filename or "", await f.read()) for f in files or [] if f.filename]

    def store() -> None:  # database and files: off the event loop
        with unit_of_work(db, who, at) as ledger:
            permit(who, Action.REPORT_PROGRESS, ownership_of(who.unit_id, task_units(ledger, task_id)))
            file_progress(
                ledger, who, task_id=task_id, value=value, percent=percent, narrative=narrative,
                problems=problems, done=done, uploads=uploads, evidence_dir=_evidence_dir(request),
            )  # fmt: skip

    await run_in_threadpool(store)
    return RedirectResponse(f"/tasks/{task_id}?saved=1", status_code=303)


@router.post("/tasks/{task_id}/accept")
def accept(
    task_id: RecordId,
    who: ActorDep,
    db: DatabaseDep,
    at: ClockDep,
    grade: Annotated[str, Form(max_length=10)],
    note: Annotated[str, Form(max_length=5000)] = "",
) -> Response:
    permit(who, Action.ACCEPT)
    with unit_of_work(db, who, at) as ledger:
        accept_finished_task(ledger, task_id=task_id, grade=grade, note=note)
    return RedirectResponse(f"/tasks/{task_id}?saved=1", status_code=303)


@router.post("/tasks/{task_id}/return")
def return_(
    task_id: RecordId,
    who: ActorDep,
    db: DatabaseDep,
    at: ClockDep,
    reason: Annotated[str, Form(max_length=5000)] = "",
) -> Response:
    permit(who, Action.RETURN_TASK)
    with unit_of_work(db, who, at) as ledger:
        return_finished_task(ledger, task_id=task_id, reason=reason)
    return RedirectResponse(f"/tasks/{task_id}?saved=1", status_code=303)


@router.post("/tasks/{task_id}/reopen")
def reopen(
    task_id: RecordId,
    who: ActorDep,
    db: DatabaseDep,
    at: ClockDep,
    reason: Annotated[str, Form(max_length=5000)] = "",
) -> Response:
    """撤销销号 (office only, with the reason)."""
    permit(who, Action.ACCEPT)
    with unit_of_work(db, who, at) as ledger:
        reopen_task(ledger, task_id=task_id, reason=reason)
    return RedirectResponse(f"/tasks/{task_id}?saved=1", status_code=303)


@router.post("/tasks/{task_id}/extensions")
def extend(
    task_id: RecordId,
    who: ActorDep,
    db: DatabaseDep,
    at: ClockDep,
    new_due: Annotated[date, Form()],
    reason: Annotated[str, Form(max_length=5000)] = "",
) -> Response:
    """延期申请 by the task's unit; the office decides (API: POST /api/extensions/{id}/decide)."""
    with unit_of_work(db, who, at) as ledger:
        permit(who, Action.REPORT_PROGRESS, ownership_of(who.unit_id, task_units(ledger, task_id)))
        request_task_extension(ledger, task_id=task_id, new_due=new_due, reason=reason)
    return RedirectResponse(f"/tasks/{task_id}?saved=1", status_code=303)


@router.get("/evidence/{evidence_id}")
def evidence(
    request: Request, evidence_id: RecordId, who: ActorDep, db: DatabaseDep, at: ClockDep
) -> Response:
    """An evidence file; the public gets the same answer (sign in) whether the id exists or not."""
    if not who.signed_in:
        permit(who, Action.DOWNLOAD_EVIDENCE, Ownership.OTHER)
    with unit_of_work(db, who, at) as ledger:
        row, units = evidence_file(ledger, evidence_id)
        permit(who, Action.DOWNLOAD_EVIDENCE, ownership_of(who.unit_id, units))
        data = read_evidence(_evidence_dir(request), row.sha256)
        name, media = shown_name(row.name), row.media_type
    disposition = f"attachment; filename*=UTF-8''{_quote(name)}"
    return Response(data, media_type=media, headers={"content-disposition": disposition})


def _evidence_dir(request: Request) -> Path:
    return Path(request.app.state.settings.data_dir) / "evidence"


def _quote(name: str) -> str:
    from urllib.parse import quote

    return quote(name, safe="")
