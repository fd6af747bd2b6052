"""我的单位: a reporter's to-do box (待办) and own tasks, and several tasks' progress in one form."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData, UploadFile

from luoshi.errors import LuoshiError, NotFoundError
from luoshi.serve.deps import MAX_ID, Actor, ClockDep, DatabaseDep, UserDep, permit, unit_of_work
from luoshi.serve.queries import unit_view
from luoshi.serve.render import page
from luoshi.serve.task_detail import task_units
from luoshi.serve.writes import parse_number
from luoshi.store.db import Database
from luoshi.supervise.permissions import Action, ownership_of
from luoshi.supervise.progress import ProgressInput
from luoshi.supervise.todo import ProgressRow, RowErrors, add_progress_rows, unit_todo

router = APIRouter()
FIELDS = {"value": 40, "percent": 40, "narrative": 5000, "problems": 5000}  # name → longest accepted


@router.get("/my-unit")
def my_unit(request: Request, who: UserDep, db: DatabaseDep, at: ClockDep) -> Response:
    return _page(request, who, db, at)


def _page(
    request: Request, who: Actor, db: Database, at: ClockDep, status_code: int = 200, **form: Any
) -> Response:
    permit(who, Action.VIEW_INTERNAL)
    if who.unit_id is None:
        raise NotFoundError("当前账号未关联单位")
    with unit_of_work(db, who, at) as ledger:
        view = unit_view(ledger, who.unit_id, at.today())
        todo = unit_todo(ledger, unit_id=who.unit_id, today=at.today())
    saved = request.query_params.get("saved")
    kept = {"typed": form.get("typed", {}), "errors": form.get("errors", {}), "problem": form.get("problem")}
    return page(request, "my_unit.html", who, status_code, view=view, todo=todo, saved=saved, **kept)


@router.post("/my-unit/progress")
async def progress(request: Request, who: UserDep, db: DatabaseDep, at: ClockDep) -> Response:
    """填报 several tasks at once: every filled row in one transaction, or none with each row's
    error beside it and what was typed kept (files must be chosen again)."""
    typed, chosen = _rows(await request.form())
    files = {
        task_id: [(f.filename or "", await f.read()) for f in picked] for task_id, picked in chosen.items()
    }
    evidence_dir = Path(request.app.state.settings.data_dir) / "evidence"
    try:
        count = await run_in_threadpool(_store, db, who, at, typed, files, evidence_dir)
    except RowErrors as exc:
        return _page(request, who, db, at, 422, typed=typed, errors=exc.rows, problem=str(exc))
    except LuoshiError as exc:  # nothing filled in
        return _page(request, who, db, at, 422, typed=typed, problem=str(exc))
    return RedirectResponse(f"/my-unit?saved={count}#todo", status_code=303)


def _store(
    db: Database, who: Actor, at: ClockDep, typed: dict[int, dict[str, str]],
    files: dict[int, list[tuple[str, bytes]]], evidence_dir: Path,
) -> int:  # fmt: skip
    """The filled rows in one unit of work (database and files: off the event loop)."""
    errors: dict[int, str] = {}
    rows = []
    with unit_of_work(db, who, at) as ledger:
        for task_id, fields in typed.items():
            if not _filled(fields, files.get(task_id)):
                continue
            try:
                units = task_units(ledger, task_id)
                permit(who, Action.REPORT_PROGRESS, ownership_of(who.unit_id, units))
                rows.append(ProgressRow(task_id, _entry(fields), files.get(task_id, [])))
            except LuoshiError as exc:
                errors[task_id] = str(exc)
        saved = add_progress_rows(ledger, rows, reporter=who.username, unit_id=who.unit_id,
                                  evidence_dir=evidence_dir, errors=errors)  # fmt: skip
        return len(saved)


def _rows(form: FormData) -> tuple[dict[int, dict[str, str]], dict[int, list[UploadFile]]]:
    """The form's rows by task id: the typed fields (cut to their longest) and the chosen files."""
    typed: dict[int, dict[str, str]] = {}
    files: dict[int, list[UploadFile]] = {}
    for raw in form.getlist("task"):
        if not isinstance(raw, str) or not raw.isdigit() or not 1 <= int(raw) <= MAX_ID:
            continue
        task_id = int(raw)
        fields = {name: _text(form.get(f"{name}-{task_id}"))[:limit] for name, limit in FIELDS.items()}
        fields["done"] = "1" if form.get(f"done-{task_id}") else ""
        typed[task_id] = fields
        chosen = [f for f in form.getlist(f"evidence-{task_id}") if isinstance(f, UploadFile) and f.filename]
        if chosen:
            files[task_id] = chosen
    return typed, files


def _text(value: object) -> str:
    return value if isinstance(value, str) else ""


def _filled(fields: dict[str, str], files: list[tuple[str, bytes]] | None) -> bool:
    """A row counts when anything was typed, ticked or attached; blank rows are left out."""
    return bool(files) or any(value.strip() for value in fields.values())


def _entry(fields: dict[str, str]) -> ProgressInput:
    return ProgressInput(
        value=parse_number(fields["value"]), narrative=fields["narrative"], problems=fields["problems"],
        done=bool(fields["done"]), percent=parse_number(fields["percent"]),
    )  # fmt: skip
