"""成绩单 pages: a stored report's targets against next year's outcomes; entering an outcome."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Request, UploadFile
from fastapi.responses import RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from luoshi.clock import Clock
from luoshi.errors import ValidationError
from luoshi.link.communique import read_communique_bytes
from luoshi.serve.deps import Actor, ActorDep, ClockDep, DatabaseDep, RecordId, permit, unit_of_work
from luoshi.serve.forms import FORM_ERRORS, NO_FORM, FormState, failure, reading, required
from luoshi.serve.queries import list_reports
from luoshi.serve.render import page
from luoshi.serve.writes import parse_number
from luoshi.supervise.outcomes import ENTER_OUTCOME
from luoshi.supervise.permissions import Action
from luoshi.supervise.scorecard_view import ScorecardView, add_outcome, line_view, scorecard_view, verdict_of

router = APIRouter()
Short = Annotated[str, Form(max_length=200)]
MAX_COMMUNIQUE = 20_000_000  # bytes: a communiqué is well under 1 MB as text, a few MB as PDF


@router.get("/reports/{report_id}/scorecard")
def scorecard(request: Request, report_id: RecordId, who: ActorDep, at: ClockDep) -> Response:
    permit(who, Action.VIEW_INTERNAL)
    return scorecard_page(request, who, at, report_id)


def scorecard_page(
    request: Request, who: Actor, at: Clock, report_id: int, state: FormState = NO_FORM
) -> Response:
    """The 成绩单; after a refused outcome, drawn again with the reason beside the field."""
    with unit_of_work(reading(request), who, at) as ledger:
        view = scorecard_view(ledger, report_id)
    saved = request.query_params.get("saved")
    may_enter = who.may(ENTER_OUTCOME)
    return page(
        request, "scorecard.html", who, state.code, view=view, public=False, saved=saved, may_enter=may_enter,
        form_state=state,
    )  # fmt: skip


@router.post("/reports/{report_id}/scorecard/communique")
async def scorecard_with_communique(
    request: Request, report_id: RecordId, who: ActorDep, db: DatabaseDep, at: ClockDep, file: UploadFile
) -> Response:
    """The 成绩单 with an uploaded 统计公报 as a second outcome source (read for this view only)."""
    permit(who, Action.VIEW_INTERNAL)
    data = await file.read(MAX_COMMUNIQUE + 1)
    if len(data) > MAX_COMMUNIQUE:
        raise ValidationError(f"统计公报文件过大（上限 {MAX_COMMUNIQUE // 1_000_000} MB）")
    name = file.filename or "统计公报"
    communique = await run_in_threadpool(read_communique_bytes, data, name=name)

    def view() -> ScorecardView:
        with unit_of_work(db, who, at) as ledger:
            return scorecard_view(ledger, report_id, communique)

    found = await run_in_threadpool(view)
    may_enter = who.may(ENTER_OUTCOME)
    return page(request, "scorecard.html", who, view=found, public=False, saved=None, may_enter=may_enter)


@router.get("/public/scorecards")
def public_scorecards(request: Request, who: ActorDep, db: DatabaseDep, at: ClockDep) -> Response:
    """The stored reports, each linked to its public 成绩单."""
    permit(who, Action.VIEW_PUBLIC)
    with unit_of_work(db, who, at) as ledger:
        rows = list_reports(ledger)
    return page(request, "scorecards.html", who, reports=rows)


@router.get("/public/reports/{report_id}/scorecard")
def public_scorecard(
    request: Request, report_id: RecordId, who: ActorDep, db: DatabaseDep, at: ClockDep
) -> Response:
    permit(who, Action.VIEW_PUBLIC)
    with unit_of_work(db, who, at) as ledger:
        view = scorecard_view(ledger, report_id)
    return page(request, "scorecard.html", who, view=view, public=True, saved=None, may_enter=False)


@router.post("/reports/{report_id}/outcomes")
def enter(
    request: Request,
    report_id: RecordId,
    who: ActorDep,
    db: DatabaseDep,
    at: ClockDep,
    indicator: Short,
    value: Annotated[str, Form(max_length=40)] = "",
    unit: Short = "",
    source: Annotated[str, Form(max_length=2000)] = "",
    metric: Short = "",
) -> Response:
    permit(who, ENTER_OUTCOME)
    try:
        with unit_of_work(db, who, at) as ledger:
            view = scorecard_view(ledger, report_id)
            if view.year is None:
                raise ValidationError("该报告没有年份，无法录入实际数")
            number = parse_number(required("value", value, "实际数"), "value", "实际数")
            assert number is not None  # required above
            add_outcome(
                ledger, region=view.region, year=view.year, indicator=indicator, value=number,
                unit=required("unit", unit, "单位"), source=required("source", source, "来源"), metric=metric,
            )  # fmt: skip
    except FORM_ERRORS as exc:
        values = {"value": value, "unit": unit, "source": source, "metric": metric}
        return scorecard_page(request, who, at, report_id, failure(f"outcome-{indicator}", exc, values))
    return RedirectResponse(f"/reports/{report_id}/scorecard?saved=1", status_code=303)


@router.get("/tasks/{task_id}/verdict")
def task_verdict(
    request: Request, task_id: RecordId, who: ActorDep, db: DatabaseDep, at: ClockDep
) -> Response:
    """The task's verdict as a fragment (the task page loads it), empty until it is judged."""
    permit(who, Action.VIEW_INTERNAL)
    with unit_of_work(db, who, at) as ledger:
        verdict = verdict_of(ledger, task_id)
    line = line_view(verdict.line) if verdict else None
    report_id = verdict.report_id if verdict else None
    return page(request, "_verdict.html", who, line=line, report_id=report_id)
