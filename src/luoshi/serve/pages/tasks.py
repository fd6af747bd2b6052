"""Task pages: detail with timeline, the progress form (with evidence), evidence download."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

from fastapi import APIRouter, Form, Request, UploadFile
from fastapi.responses import RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from luoshi.clock import Clock
from luoshi.serve.deps import Actor, ActorDep, ClockDep, DatabaseDep, RecordId, permit, seen_by, unit_of_work
from luoshi.serve.forms import FORM_ERRORS, NO_FORM, FormState, failure, parse_day, reading, required
from luoshi.serve.queries import ledger_choices
from luoshi.serve.render import header_facts, page
from luoshi.serve.task_detail import evidence_file, task_detail, task_units
from luoshi.serve.writes import (
    accept_finished_task,
    check_progress_percent,
    file_progress,
    progress_task,
    read_evidence,
    return_finished_task,
)
from luoshi.supervise.closure import reopen_task
from luoshi.supervise.evidence import shown_name
from luoshi.supervise.extensions import request_task_extension
from luoshi.supervise.levels import hand_down
from luoshi.supervise.permissions import Action, Ownership, ownership_of

if TYPE_CHECKING:
    from luoshi.store.db import Database
    from luoshi.store.ledger import Ledger

router = APIRouter()


@router.get("/tasks/{task_id}")
def task(request: Request, task_id: RecordId, who: ActorDep, at: ClockDep) -> Response:
    permit(who, Action.VIEW_INTERNAL)
    return task_page(request, who, at, task_id)


def task_page(request: Request, who: Actor, at: Clock, task_id: int, state: FormState = NO_FORM) -> Response:
    """The task page; after a refused form, drawn again (422) with the reason and the input kept."""
    with unit_of_work(reading(request), who, at) as ledger:
        scope = seen_by(ledger, who)
        detail = task_detail(ledger, task_id, at.today(), scope)
        units = ledger_choices(ledger, at.today(), scope).units
        header = header_facts(request, ledger)
    own = ownership_of(who.unit_id, detail.row.unit_ids)
    saved = request.query_params.get("saved")
    return page(
        request, "task.html", who, state.code, header=header, t=detail, own=own, saved=saved, units=units,
        form_state=state,
    )  # fmt: skip


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

    def store() -> FormState | None:  # database and files: off the event loop
        try:
            with unit_of_work(db, who, at) as ledger:
                permit(who, Action.REPORT_PROGRESS, ownership_of(who.unit_id, task_units(ledger, task_id)))
                file_progress(
                    ledger, who, task_id=task_id, value=value, percent=percent, narrative=narrative,
                    problems=problems, done=done, uploads=uploads, evidence_dir=_evidence_dir(request),
                )  # fmt: skip
        except FORM_ERRORS as exc:
            values = {"value": value, "percent": percent, "narrative": narrative, "problems": problems,
                      "done": "true" if done else ""}  # fmt: skip
            return failure("progress-form", exc, values)
        return None

    state = await run_in_threadpool(store)
    if state is not None:
        return await run_in_threadpool(task_page, request, who, at, task_id, state)
    return RedirectResponse(f"/tasks/{task_id}?saved=1", status_code=303)


@router.post("/tasks/{task_id}/accept")
def accept(
    request: Request,
    task_id: RecordId,
    who: ActorDep,
    db: DatabaseDep,
    at: ClockDep,
    grade: Annotated[str, Form(max_length=10)] = "",
    note: Annotated[str, Form(max_length=5000)] = "",
) -> Response:
    permit(who, Action.ACCEPT)

    def act(ledger: Ledger) -> None:
        accept_finished_task(ledger, task_id=task_id, grade=grade, note=note)

    return _submit(request, who, db, at, task_id, "accept-form", {"grade": grade, "note": note}, act)


@router.post("/tasks/{task_id}/hand-down")
def hand_down_task(
    request: Request,
    task_id: RecordId,
    who: ActorDep,
    db: DatabaseDep,
    at: ClockDep,
    counties: Annotated[list[str] | None, Form(max_length=100)] = None,
    every: Annotated[bool, Form(alias="all")] = False,
    deadline: Annotated[str, Form(max_length=20)] = "",
) -> Response:
    """转办: the task handed down to the counties ticked (or all of them), office only."""
    permit(who, Action.ASSIGN)

    def act(ledger: Ledger) -> None:
        due = parse_day("deadline", deadline, "下级期限") if deadline.strip() else None
        hand_down(ledger, task_id, None if every else list(counties or []), deadline=due)

    return _submit(request, who, db, at, task_id, "hand-down-form", {"deadline": deadline}, act, "#levels")


@router.post("/tasks/{task_id}/return")
def return_(
    request: Request,
    task_id: RecordId,
    who: ActorDep,
    db: DatabaseDep,
    at: ClockDep,
    reason: Annotated[str, Form(max_length=5000)] = "",
) -> Response:
    permit(who, Action.RETURN_TASK)

    def act(ledger: Ledger) -> None:
        return_finished_task(ledger, task_id=task_id, reason=required("reason", reason, "退回理由"))

    return _submit(request, who, db, at, task_id, "return-form", {"reason": reason}, act)


@router.post("/tasks/{task_id}/reopen")
def reopen(
    request: Request,
    task_id: RecordId,
    who: ActorDep,
    db: DatabaseDep,
    at: ClockDep,
    reason: Annotated[str, Form(max_length=5000)] = "",
) -> Response:
    """撤销销号 (office only, with the reason)."""
    permit(who, Action.ACCEPT)

    def act(ledger: Ledger) -> None:
        reopen_task(ledger, task_id=task_id, reason=required("reason", reason, "撤销销号理由"))

    return _submit(request, who, db, at, task_id, "reopen-form", {"reason": reason}, act)


@router.post("/tasks/{task_id}/extensions")
def extend(
    request: Request,
    task_id: RecordId,
    who: ActorDep,
    db: DatabaseDep,
    at: ClockDep,
    new_due: Annotated[str, Form(max_length=40)] = "",
    reason: Annotated[str, Form(max_length=5000)] = "",
) -> Response:
    """延期申请 by the task's unit; the office decides (API: POST /api/extensions/{id}/decide)."""

    def act(ledger: Ledger) -> None:
        permit(who, Action.REPORT_PROGRESS, ownership_of(who.unit_id, task_units(ledger, task_id)))
        due = parse_day("new_due", new_due, "新期限")
        request_task_extension(
            ledger, task_id=task_id, new_due=due, reason=required("reason", reason, "延期理由")
        )

    values = {"new_due": new_due, "reason": reason}
    return _submit(request, who, db, at, task_id, "extension-form", values, act)


@router.post("/progress/{report_id}/check")
def check(
    request: Request,
    report_id: RecordId,
    who: ActorDep,
    db: DatabaseDep,
    at: ClockDep,
    percent: Annotated[str, Form(max_length=40)] = "",
    reason: Annotated[str, Form(max_length=2000)] = "",
) -> Response:
    """核定 a unit's self-assessed percentage: accept it (blank) or correct it with a reason."""
    permit(who, Action.ACCEPT)
    with unit_of_work(reading(request), who, at) as ledger:
        task_id = progress_task(ledger, report_id)

    def act(ledger: Ledger) -> None:
        check_progress_percent(ledger, report_id=report_id, percent=percent, reason=reason)

    values = {"percent": percent, "reason": reason}
    return _submit(request, who, db, at, task_id, f"check-{report_id}", values, act, f"#progress-{report_id}")


def _submit(
    request: Request,
    who: Actor,
    db: Database,
    at: Clock,
    task_id: int,
    form: str,
    values: Mapping[str, object],
    act: Callable[[Ledger], object],
    anchor: str = "",
) -> Response:
    """A task form's write in one unit of work: back to the task page (at ``anchor``) when done; when
    refused, the page drawn again with the reason against ``form`` and its ``values`` kept."""
    try:
        with unit_of_work(db, who, at) as ledger:
            act(ledger)
    except FORM_ERRORS as exc:
        return task_page(request, who, at, task_id, failure(form, exc, values))
    return RedirectResponse(f"/tasks/{task_id}?saved=1{anchor}", status_code=303)


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
