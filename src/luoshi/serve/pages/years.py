"""年度: the turn of the year for the office — decisions, closing, the frozen review, carried tasks
and their links, a unit's record and a region's targets over years. The services do the work."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Form, Query, Request
from fastapi import Path as PathParam
from fastapi.responses import RedirectResponse, Response

from luoshi.serve.deps import ActorDep, ClockDep, DatabaseDep, RecordId, permit, seen_by, unit_of_work
from luoshi.serve.render import page
from luoshi.store.models import Unit
from luoshi.supervise.permissions import Action
from luoshi.supervise.scope import require_everything, require_task

router = APIRouter()
YearId = Annotated[int, PathParam(ge=1949, le=2100, description="报告年度")]


@router.get("/years")
def years(request: Request, who: ActorDep, db: DatabaseDep, at: ClockDep) -> Response:
    from luoshi.supervise.years import year_rows

    permit(who, Action.VIEW_INTERNAL)
    with unit_of_work(db, who, at) as ledger:
        rows = year_rows(ledger)
        units = [(u.id, u.name) for u in ledger.all(Unit, order_by="position,id") if u.active]
    return page(request, "years.html", who, rows=rows, units=units)


@router.get("/years/record")
def record(
    request: Request, who: ActorDep, db: DatabaseDep, at: ClockDep, unit: Annotated[int, Query(ge=1)]
) -> Response:
    from luoshi.supervise.records import unit_record

    permit(who, Action.VIEW_INTERNAL)
    with unit_of_work(db, who, at) as ledger:
        name = ledger.get(Unit, unit).name
        rows = unit_record(ledger, unit=name, as_of=at.today())
    return page(request, "year_record.html", who, unit=name, rows=rows)


@router.get("/years/targets")
def targets(
    request: Request,
    who: ActorDep,
    db: DatabaseDep,
    at: ClockDep,
    region: Annotated[str, Query(max_length=100)] = "",
    indicator: Annotated[str, Query(max_length=100)] = "",
) -> Response:
    from luoshi.store.models import Report
    from luoshi.supervise.records import target_history

    permit(who, Action.VIEW_INTERNAL)
    with unit_of_work(db, who, at) as ledger:
        regions = sorted({r.region for r in ledger.all(Report)})
        chosen = region or (regions[0] if regions else "")
        rows = target_history(ledger, region=chosen, indicator=indicator) if chosen else []
    return page(
        request, "year_targets.html", who, region=chosen, regions=regions, indicator=indicator, rows=rows
    )


@router.get("/years/{year}")
def year(request: Request, year: YearId, who: ActorDep, db: DatabaseDep, at: ClockDep) -> Response:
    import json

    from luoshi.supervise.yearlinks import list_links
    from luoshi.supervise.years import carried_alone, closure, pending_rows

    permit(who, Action.VIEW_INTERNAL)
    with unit_of_work(db, who, at) as ledger:
        closed = closure(ledger, year)
        frozen = json.loads(closed.document) if closed else None
        alone = carried_alone(ledger, year) if closed else []
        pending = [] if closed else pending_rows(ledger, year=year, as_of=at.today())
        links = list_links(ledger, year=year)
    return page(request, "year.html", who, the_year=year, closed=closed, frozen=frozen, pending=pending,
                links=links, today=at.today(), alone=alone)  # fmt: skip


@router.get("/years/{year}/frozen.json")
def frozen(year: YearId, who: ActorDep, db: DatabaseDep, at: ClockDep) -> Response:
    from luoshi.supervise.years import frozen_document

    permit(who, Action.VIEW_INTERNAL)
    with unit_of_work(db, who, at) as ledger:
        data = frozen_document(ledger, year)
    name = f"year-{year}-review.json"
    return Response(data, media_type="application/json",
                    headers={"content-disposition": f'attachment; filename="{name}"'})  # fmt: skip


@router.post("/years/{year}/decide")
def decide(
    year: YearId,
    who: ActorDep,
    db: DatabaseDep,
    at: ClockDep,
    task_id: Annotated[int, Form(ge=1)],
    decision: Annotated[str, Form(max_length=10)],
    reason: Annotated[str, Form(max_length=5000)] = "",
) -> Response:
    from luoshi.supervise.years import decide as record_decision
    from luoshi.supervise.years import parse_decision

    permit(who, Action.ACCEPT)
    with unit_of_work(db, who, at) as ledger:
        require_task(ledger, seen_by(ledger, who), task_id)  # a county's office: its own tasks
        record_decision(ledger, task_id=task_id, decision=parse_decision(decision), reason=reason)
    return RedirectResponse(f"/years/{year}?saved=1#task-{task_id}", status_code=303)


@router.post("/years/{year}/close")
def close(
    year: YearId,
    who: ActorDep,
    db: DatabaseDep,
    at: ClockDep,
    as_of: Annotated[date, Form()],
    rest: Annotated[str, Form(max_length=10)] = "",
    reason: Annotated[str, Form(max_length=5000)] = "",
) -> Response:
    from luoshi.supervise.years import close_year, parse_decision

    permit(who, Action.ACCEPT)
    with unit_of_work(db, who, at) as ledger:
        require_everything(seen_by(ledger, who), "年度结转")
        close_year(
            ledger, year=year, as_of=as_of, rest=parse_decision(rest) if rest else None, rest_reason=reason
        )
    return RedirectResponse(f"/years/{year}?saved=1", status_code=303)


@router.post("/years/{year}/links")
def propose(year: YearId, who: ActorDep, db: DatabaseDep, at: ClockDep) -> Response:
    from luoshi.supervise.yearlinks import propose_links

    permit(who, Action.ACCEPT)
    with unit_of_work(db, who, at) as ledger:
        require_everything(seen_by(ledger, who), "年度任务衔接")
        propose_links(ledger, year=year)
    return RedirectResponse(f"/years/{year}#links", status_code=303)


@router.post("/years/links/{link_id}")
def decide_link(
    link_id: RecordId,
    who: ActorDep,
    db: DatabaseDep,
    at: ClockDep,
    confirm: Annotated[bool, Form()],
    version: Annotated[int | None, Form()] = None,
) -> Response:
    from luoshi.supervise.yearlinks import decide_link as decide_one

    permit(who, Action.ACCEPT)
    with unit_of_work(db, who, at) as ledger:
        require_everything(seen_by(ledger, who), "年度任务衔接")
        link = decide_one(ledger, link_id=link_id, confirm=confirm, version=version)
        year = link.year
    return RedirectResponse(f"/years/{year}#links", status_code=303)
