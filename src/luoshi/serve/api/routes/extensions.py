"""Closed means closed, over the API: reopen an accepted task; 延期申请 and the office's decision."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Query
from pydantic import BaseModel, Field

from luoshi.serve.deps import MAX_ID, ActorDep, ClockDep, DatabaseDep, RecordId, permit, seen_by, unit_of_work
from luoshi.serve.items import item_units
from luoshi.serve.task_detail import TaskDetail, task_detail, task_units
from luoshi.supervise.closure import reopen_task
from luoshi.supervise.extensions import (
    decide_extension,
    extension_dict,
    extension_rows,
    request_item_extension,
    request_task_extension,
)
from luoshi.supervise.items import Milestone
from luoshi.supervise.permissions import Action, ownership_of
from luoshi.supervise.scope import require_item, require_task, sees_extension

router = APIRouter(tags=["closure"])
Row = dict[str, object]
OptionalId = Annotated[int | None, Query(ge=1, le=MAX_ID)]


class Reopening(BaseModel):
    reason: str = Field(min_length=1, max_length=5000, description="撤销销号的理由")


class Node(BaseModel):
    label: str = Field(min_length=1, max_length=200)
    due: date


class ExtensionRequest(BaseModel):
    new_due: date
    reason: str = Field(min_length=1, max_length=5000, description="延期理由")
    milestones: list[Node] = Field(default_factory=list, max_length=100)  # items only


class ExtensionDecision(BaseModel):
    approve: bool
    note: str = Field("", max_length=5000, description="审批意见（不批准时必填）")
    version: int | None = Field(None, ge=1, le=MAX_ID)


@router.post("/tasks/{task_id}/reopen")
def reopen(task_id: RecordId, body: Reopening, who: ActorDep, db: DatabaseDep, at: ClockDep) -> TaskDetail:
    """撤销销号: the office reopens an accepted task, with the reason (audited)."""
    permit(who, Action.ACCEPT)
    with unit_of_work(db, who, at) as ledger:
        reopen_task(ledger, task_id=task_id, reason=body.reason)
        return task_detail(ledger, task_id, at.today())


@router.post("/tasks/{task_id}/extensions", status_code=201)
def extend_task(
    task_id: RecordId, body: ExtensionRequest, who: ActorDep, db: DatabaseDep, at: ClockDep
) -> Row:
    """延期申请 on a task, by its unit (or the office); the deadline moves once approved."""
    with unit_of_work(db, who, at) as ledger:
        permit(who, Action.REPORT_PROGRESS, ownership_of(who.unit_id, task_units(ledger, task_id)))
        row = request_task_extension(ledger, task_id=task_id, new_due=body.new_due, reason=body.reason)
        return extension_dict(row)


@router.post("/items/{item_id}/extensions", status_code=201)
def extend_item(
    item_id: RecordId, body: ExtensionRequest, who: ActorDep, db: DatabaseDep, at: ClockDep
) -> Row:
    """延期申请 on a major item's timetable, by its unit (or the office)."""
    nodes = [Milestone(n.label, n.due) for n in body.milestones]
    with unit_of_work(db, who, at) as ledger:
        permit(who, Action.RESPOND_ITEM, ownership_of(who.unit_id, item_units(ledger, item_id)))
        row = request_item_extension(
            ledger, order_id=item_id, new_due=body.new_due, reason=body.reason, milestones=nodes
        )
        return extension_dict(row)


@router.post("/extensions/{extension_id}/decide")
def decide(
    extension_id: RecordId, body: ExtensionDecision, who: ActorDep, db: DatabaseDep, at: ClockDep
) -> Row:
    """The office approves or refuses a 延期申请 (a refusal says why)."""
    permit(who, Action.ACCEPT)
    with unit_of_work(db, who, at) as ledger:
        row = decide_extension(
            ledger, extension_id=extension_id, approve=body.approve, note=body.note, version=body.version
        )
        return extension_dict(row)


@router.get("/extensions")
def extensions(
    who: ActorDep, db: DatabaseDep, at: ClockDep, task: OptionalId = None, item: OptionalId = None
) -> list[Row]:
    """延期申请 with old and new dates, reasons and decisions (a county's user: its own; another
    county's task or item named is 404, as on its address)."""
    permit(who, Action.VIEW_INTERNAL)
    with unit_of_work(db, who, at) as ledger:
        scope = seen_by(ledger, who)
        if task is not None:
            require_task(ledger, scope, task)
        if item is not None:
            require_item(ledger, scope, item)
        rows = extension_rows(ledger, task_id=task, order_id=item)
        return [r for r in rows if sees_extension(ledger, scope, r["task_id"], r["order_id"])]
