"""分工 for the office: propose (``assign --auto``), confirm, and set a task's lead and co-units by hand.

The same services as ``luoshi assign``; every change is audited under the signed-in user.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Query, Request
from fastapi.responses import RedirectResponse, Response

from luoshi.clock import Clock
from luoshi.serve.deps import (
    MAX_ID,
    Actor,
    ActorDep,
    ClockDep,
    DatabaseDep,
    RecordId,
    permit,
    seen_by,
    unit_of_work,
)
from luoshi.serve.forms import FORM_ERRORS, NO_FORM, FieldError, FormState, failure, reading, required
from luoshi.serve.render import page
from luoshi.store.ledger import Ledger
from luoshi.supervise import assign as service
from luoshi.supervise.assignment_sheet import active_units, assignment_sheet, report_task_ids, task_assignment
from luoshi.supervise.permissions import Action
from luoshi.supervise.scope import Scope, require_inside, require_own_report
from luoshi.supervise.units import find_unit

router = APIRouter()
ReportId = Annotated[int, Form(ge=1, le=MAX_ID)]
Names = Annotated[list[str] | None, Form(max_length=200)]
TaskIds = Annotated[list[int] | None, Form()]
EDIT_FORM = "assign-form"


@router.get("/assignments")
def sheet(
    request: Request, who: ActorDep, at: ClockDep,
    report: Annotated[int | None, Query(ge=1, le=MAX_ID)] = None, status: str = "",
) -> Response:  # fmt: skip
    permit(who, Action.ASSIGN)
    with unit_of_work(reading(request), who, at) as ledger:
        view = assignment_sheet(ledger, report, status, seen_by(ledger, who))
    done = request.query_params.get("done", "")
    count = request.query_params.get("n", "")
    return page(request, "assignments.html", who, view=view, status=status, done=done, count=count)


@router.post("/assignments/auto")
def propose(who: ActorDep, db: DatabaseDep, at: ClockDep, report: ReportId) -> Response:
    """自动建议: propose units for every unconfirmed task of the report (``assign --auto --report``)."""
    permit(who, Action.ASSIGN)
    with unit_of_work(db, who, at) as ledger:
        scope = seen_by(ledger, who)
        report_task_ids(ledger, report, scope)  # 404 for a report that does not exist (or not the county's)
        require_own_report(scope, report)
        proposals = service.auto_assign(ledger, rules=service.load_rules(), report_id=report)
    return RedirectResponse(f"/assignments?report={report}&done=auto&n={len(proposals)}", status_code=303)


@router.post("/assignments/confirm")
def confirm(who: ActorDep, db: DatabaseDep, at: ClockDep, report: ReportId, task: TaskIds = None) -> Response:
    """确认 (``assign --confirm``): the ticked tasks' proposals, or all of the report's when none is."""
    permit(who, Action.ASSIGN)
    with unit_of_work(db, who, at) as ledger:
        ids = report_task_ids(ledger, report, seen_by(ledger, who))
        chosen = [i for i in task or [] if i in set(ids)] or ids
        count = service.confirm(ledger, task_ids=chosen)
    return RedirectResponse(f"/assignments?report={report}&done=confirm&n={count}", status_code=303)


@router.get("/tasks/{task_id}/assignment")
def edit(request: Request, task_id: RecordId, who: ActorDep, at: ClockDep) -> Response:
    permit(who, Action.ASSIGN)
    return _edit_page(request, who, at, task_id)


@router.post("/tasks/{task_id}/assignment")
def save(
    request: Request, task_id: RecordId, who: ActorDep, db: DatabaseDep, at: ClockDep,
    lead: Annotated[str, Form(max_length=200)] = "", co: Names = None,
) -> Response:  # fmt: skip
    """人工指定: lead and co-units, confirmed at once (``assign TASK --lead U --co V``)."""
    permit(who, Action.ASSIGN)
    try:
        with unit_of_work(db, who, at) as ledger:
            report_id = _assign(ledger, task_id, lead, co or [], seen_by(ledger, who))
    except FORM_ERRORS as exc:
        state = failure(EDIT_FORM, exc, {"lead": lead, "co": co or []})
        return _edit_page(request, who, at, task_id, state)
    return RedirectResponse(f"/assignments?report={report_id}&done=saved#task-{task_id}", status_code=303)


def _assign(ledger: Ledger, task_id: int, lead: str, co: list[str], scope: Scope) -> int:
    """Check the form's units field by field, then assign; returns the task's report."""
    from luoshi.errors import NotFoundError
    from luoshi.store.models import Task

    task = ledger.get(Task, task_id)
    required("lead", lead, "牵头单位")
    for name, keys in (("lead", [lead]), ("co", co)):
        for key in keys:
            try:
                find_unit(ledger, key)
                require_inside(ledger, scope, name, key)
            except NotFoundError as exc:
                raise FieldError(name, str(exc)) from None
    if lead in co:
        raise FieldError("co", f"{lead} 已是牵头单位，不能同时配合")
    service.assign(ledger, task_id=task_id, lead=lead, co=co)
    return task.report_id


def _edit_page(request: Request, who: Actor, at: Clock, task_id: int, state: FormState = NO_FORM) -> Response:
    with unit_of_work(reading(request), who, at) as ledger:
        row = task_assignment(ledger, task_id)
        units = active_units(ledger, seen_by(ledger, who))
    return page(request, "assign_task.html", who, state.code, row=row, units=units, form_state=state)
