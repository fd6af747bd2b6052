"""督办 pages: the list, one item with its clock and timeline, raise / respond / accept / return.

A form the services refuse is drawn again with the reason beside the field and what was typed kept.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Request
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
from luoshi.serve.forms import FORM_ERRORS, NO_FORM, FormState, failure, reading
from luoshi.serve.items import item_detail, item_rows, item_units
from luoshi.serve.pages.tasks import task_page
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
Names = Annotated[list[str] | None, Form(max_length=500)]


@router.get("/items")
def items(request: Request, who: ActorDep, at: ClockDep) -> Response:
    permit(who, Action.VIEW_INTERNAL)
    return items_page(request, who, at)


def items_page(request: Request, who: Actor, at: Clock, state: FormState = NO_FORM) -> Response:
    with unit_of_work(reading(request), who, at) as ledger:
        rows = item_rows(ledger, at.today(), scope=seen_by(ledger, who))
        choices = ledger_choices(ledger, at.today(), seen_by(ledger, who))
    return page(request, "items.html", who, state.code, rows=rows, units=choices.units, form_state=state)


@router.post("/items")
def raise_(
    request: Request, who: ActorDep, db: DatabaseDep, at: ClockDep, title: Short = "", lead: Short = "",
    detail: Text = "", level: Short = "ordinary", origin: Short = "other", task_id: FormId = None,
    leader: Short = "", co: Names = None,
) -> Response:  # fmt: skip
    permit(who, Action.RAISE_ITEM)
    try:
        with unit_of_work(db, who, at) as ledger:
            order = raise_item(
                ledger, title=title, detail=detail, lead=lead, co=co or [], level=level, origin=origin,
                task_id=task_id, leader=leader, scope=seen_by(ledger, who),
            )  # fmt: skip
            item_id = order.id
    except FORM_ERRORS as exc:
        values = {"title": title, "detail": detail, "lead": lead, "co": co or [], "level": level,
                  "origin": origin, "leader": leader}  # fmt: skip
        state = failure("raise-item", exc, values)
        if task_id is not None:
            return task_page(request, who, at, task_id, state)
        return items_page(request, who, at, state)
    return RedirectResponse(f"/items/{item_id}", status_code=303)


@router.get("/items/{item_id}")
def item(request: Request, item_id: RecordId, who: ActorDep, at: ClockDep) -> Response:
    permit(who, Action.VIEW_INTERNAL)
    return item_page(request, who, at, item_id)


def item_page(request: Request, who: Actor, at: Clock, item_id: int, state: FormState = NO_FORM) -> Response:
    with unit_of_work(reading(request), who, at) as ledger:
        detail = item_detail(ledger, item_id, at.today())
        linked = [
            (r, stage_of(r), r.filer if may_see_filer(who.role, who.unit_id, r) else None)
            for r in ledger.all(PublicRequest, order_id=item_id, load=["filer"])
        ]
        own = ownership_of(who.unit_id, set(detail.item.unit_ids))
        return page(
            request, "item.html", who, state.code, d=detail, own=own, form_state=state, port_requests=linked
        )


@router.post("/items/{item_id}/respond")
def respond(
    request: Request, item_id: RecordId, who: ActorDep, db: DatabaseDep, at: ClockDep, kind: Short = "",
    note: Text = "", version: FormId = None,
) -> Response:  # fmt: skip
    try:
        with unit_of_work(db, who, at) as ledger:
            permit(who, Action.RESPOND_ITEM, ownership_of(who.unit_id, item_units(ledger, item_id)))
            respond_item(ledger, item_id=item_id, kind=kind, note=note, version=version)
    except FORM_ERRORS as exc:
        state = failure("respond-form", exc, {"kind": kind, "note": note})
        return item_page(request, who, at, item_id, state)
    return RedirectResponse(f"/items/{item_id}", status_code=303)


@router.post("/items/{item_id}/decide")
def decide(
    request: Request, item_id: RecordId, who: ActorDep, db: DatabaseDep, at: ClockDep, decision: Short = "",
    grade: Short = "", reason: Text = "", version: FormId = None, override: Text = "",
) -> Response:  # fmt: skip
    permit(who, Action.ACCEPT)
    try:
        with unit_of_work(db, who, at) as ledger:
            decide_item(
                ledger, item_id=item_id, accept=decision == "accept", grade=grade, reason=reason,
                version=version, override=override,
            )  # fmt: skip
    except FORM_ERRORS as exc:
        values = {"grade": grade, "reason": reason, "override": override}
        return item_page(request, who, at, item_id, failure("decide-form", exc, values))
    return RedirectResponse(f"/items/{item_id}", status_code=303)
