"""督办 pages: the list, one item with its clock and timeline, raise / respond / accept / return."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import RedirectResponse, Response

from luoshi.serve.deps import MAX_ID, ActorDep, ClockDep, DatabaseDep, RecordId, permit, unit_of_work
from luoshi.serve.items import item_detail, item_rows, item_units
from luoshi.serve.queries import ledger_choices
from luoshi.serve.render import page
from luoshi.serve.writes import decide_item, raise_item, respond_item
from luoshi.store.models.port import PublicRequest
from luoshi.supervise.filers import may_see_filer
from luoshi.supervise.permissions import Action, ownership_of
from luoshi.supervise.requests import stage_of

router = APIRouter()
Text = Annotated[str, Form(max_length=5000)]
Short = Annotated[str, Form(max_length=500)]
FormId = Annotated[int | None, Form(ge=1, le=MAX_ID)]


@router.get("/items")
def items(request: Request, who: ActorDep, db: DatabaseDep, at: ClockDep) -> Response:
    permit(who, Action.VIEW_INTERNAL)
    with unit_of_work(db, who, at) as ledger:
        rows = item_rows(ledger, at.today())
        choices = ledger_choices(ledger, at.today())
    return page(request, "items.html", who, rows=rows, units=choices.units)


@router.post("/items")
def raise_(
    who: ActorDep, db: DatabaseDep, at: ClockDep, title: Short, lead: Short, detail: Text = "",
    level: Short = "ordinary", origin: Short = "other", task_id: FormId = None,
    leader: Short = "",
) -> Response:  # fmt: skip
    permit(who, Action.RAISE_ITEM)
    with unit_of_work(db, who, at) as ledger:
        order = raise_item(
            ledger, title=title, detail=detail, lead=lead, level=level, origin=origin, task_id=task_id,
            leader=leader,
        )  # fmt: skip
        item_id = order.id
    return RedirectResponse(f"/items/{item_id}", status_code=303)


@router.get("/items/{item_id}")
def item(request: Request, item_id: RecordId, who: ActorDep, db: DatabaseDep, at: ClockDep) -> Response:
    permit(who, Action.VIEW_INTERNAL)
    with unit_of_work(db, who, at) as ledger:
        detail = item_detail(ledger, item_id, at.today())
        linked = [
            (r, stage_of(r), r.filer if may_see_filer(who.role, who.unit_id, r) else None)
            for r in ledger.all(PublicRequest, order_id=item_id, load=["filer"])
        ]
        own = ownership_of(who.unit_id, set(detail.item.unit_ids))
        return page(request, "item.html", who, d=detail, own=own, port_requests=linked)


@router.post("/items/{item_id}/respond")
def respond(
    item_id: RecordId, who: ActorDep, db: DatabaseDep, at: ClockDep, kind: Short, note: Text = "",
    version: FormId = None,
) -> Response:  # fmt: skip
    with unit_of_work(db, who, at) as ledger:
        permit(who, Action.RESPOND_ITEM, ownership_of(who.unit_id, item_units(ledger, item_id)))
        respond_item(ledger, item_id=item_id, kind=kind, note=note, version=version)
    return RedirectResponse(f"/items/{item_id}", status_code=303)


@router.post("/items/{item_id}/decide")
def decide(
    item_id: RecordId, who: ActorDep, db: DatabaseDep, at: ClockDep, decision: Short, grade: Short = "",
    reason: Text = "", version: FormId = None, override: Text = "",
) -> Response:  # fmt: skip
    permit(who, Action.ACCEPT)
    with unit_of_work(db, who, at) as ledger:
        decide_item(
            ledger, item_id=item_id, accept=decision == "accept", grade=grade, reason=reason, version=version,
            override=override,
        )  # fmt: skip
    return RedirectResponse(f"/items/{item_id}", status_code=303)
