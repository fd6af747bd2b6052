"""Tasks (ledger rows): the filtered list and exports are the same query as the 台账 page."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import Response
from pydantic import BaseModel, Field

from luoshi.serve.deps import MAX_ID, ActorDep, ClockDep, DatabaseDep, RecordId, permit, seen_by, unit_of_work
from luoshi.serve.encode import accepts_gzip, json_response
from luoshi.serve.items import DEFAULT_PAGE, MAX_PAGE
from luoshi.serve.params import ledger_query
from luoshi.serve.queries import as_json, ledger_rows
from luoshi.serve.task_detail import TaskDetail, task_detail, task_units
from luoshi.serve.writes import accept_finished_task, file_progress, return_finished_task
from luoshi.supervise.ledger_query import LedgerQuery
from luoshi.supervise.levels import hand_down
from luoshi.supervise.permissions import Action, ownership_of
from luoshi.supervise.snapshot import TaskRow

router = APIRouter(tags=["tasks"])
QueryDep = Annotated[LedgerQuery, Depends(ledger_query)]


@router.get("/tasks", response_model=dict[str, object])
def tasks(
    request: Request,
    who: ActorDep,
    db: DatabaseDep,
    at: ClockDep,
    query: QueryDep,
    limit: Annotated[int, Query(ge=0, le=MAX_PAGE)] = DEFAULT_PAGE,
    offset: Annotated[int, Query(ge=0, le=MAX_ID)] = 0,
) -> Response:
    """Ledger rows with derived status as of today (or ``?as_of=``), filtered, searched, sorted, a
    page at a time: ``{"total", "offset", "limit", "items"}`` (as ``/api/items``)."""
    permit(who, Action.VIEW_INTERNAL)
    zipped = accepts_gzip(request.headers.get("accept-encoding", ""))
    with unit_of_work(db, who, at) as ledger:
        day = at.today()

        scope = seen_by(ledger, who)

        def page() -> dict[str, object]:
            rows = ledger_rows(ledger, day, query, scope)
            shown: list[TaskRow] = rows[offset : offset + limit]
            return {
                "total": len(rows),
                "offset": offset,
                "limit": limit,
                "items": [r.to_dict() for r in shown],
            }

        name = f"tasks?{query.params()}&limit={limit}&offset={offset}@{scope.key}"
        body, packed = as_json(ledger, day, name, page, gzip=zipped)
    return json_response(body, compressed=packed)


class TaskAcceptance(BaseModel):
    grade: str = Field(pattern="^(优秀|良好|合格|不合格)$")
    note: str = Field("", max_length=5000)


@router.get("/tasks/{task_id}")
def task(task_id: RecordId, who: ActorDep, db: DatabaseDep, at: ClockDep) -> TaskDetail:
    """One task: its row, progress reports with evidence, timeline and supervision items."""
    permit(who, Action.VIEW_INTERNAL)
    with unit_of_work(db, who, at) as ledger:
        return task_detail(ledger, task_id, at.today(), seen_by(ledger, who))


@router.post("/tasks/{task_id}/accept")
def accept(
    task_id: RecordId, body: TaskAcceptance, who: ActorDep, db: DatabaseDep, at: ClockDep
) -> TaskDetail:
    """验收销号 a task its unit reported done."""
    permit(who, Action.ACCEPT)
    with unit_of_work(db, who, at) as ledger:
        accept_finished_task(ledger, task_id=task_id, grade=body.grade, note=body.note)
        return task_detail(ledger, task_id, at.today())


class HandDownBody(BaseModel):
    counties: list[str] | None = Field(None, max_length=200)  # None: every county (各县（区）)
    deadline: date | None = None


@router.post("/tasks/{task_id}/hand-down")
def hand_down_task(
    task_id: RecordId, body: HandDownBody, who: ActorDep, db: DatabaseDep, at: ClockDep
) -> TaskDetail:
    """转办: one linked child task per county (re-runnable: counties handed to already are kept)."""
    permit(who, Action.ASSIGN)
    with unit_of_work(db, who, at) as ledger:
        hand_down(ledger, task_id, body.counties, deadline=body.deadline)
        return task_detail(ledger, task_id, at.today())


class TaskReturn(BaseModel):
    reason: str = Field(min_length=1, max_length=5000)


@router.post("/tasks/{task_id}/return")
def return_(task_id: RecordId, body: TaskReturn, who: ActorDep, db: DatabaseDep, at: ClockDep) -> TaskDetail:
    """退回重办: send a task reported done back to its unit, with the reason."""
    permit(who, Action.RETURN_TASK)
    with unit_of_work(db, who, at) as ledger:
        return_finished_task(ledger, task_id=task_id, reason=body.reason)
        return task_detail(ledger, task_id, at.today())


class ProgressCreate(BaseModel):
    value: float | None = Field(None, allow_inf_nan=False)
    narrative: str = Field("", max_length=5000)
    problems: str = Field("", max_length=5000)
    done: bool = False


@router.post("/tasks/{task_id}/progress", status_code=201)
def progress(task_id: RecordId, body: ProgressCreate, request: Request, who: ActorDep, db: DatabaseDep,
             at: ClockDep) -> TaskDetail:  # fmt: skip
    """File a progress report (evidence files go through the task page's form)."""
    with unit_of_work(db, who, at) as ledger:
        permit(who, Action.REPORT_PROGRESS, ownership_of(who.unit_id, task_units(ledger, task_id)))
        value = "" if body.value is None else repr(body.value)
        file_progress(
            ledger, who, task_id=task_id, value=value, narrative=body.narrative, problems=body.problems,
            done=body.done, uploads=[], evidence_dir=Path(request.app.state.settings.data_dir) / "evidence",
        )  # fmt: skip
        return task_detail(ledger, task_id, at.today())
