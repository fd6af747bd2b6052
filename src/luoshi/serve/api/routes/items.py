"""Supervision items (督办事项): list, one item, raise, respond, accept or return."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request, Response
from pydantic import BaseModel, Field

from luoshi.serve.deps import MAX_ID, ActorDep, ClockDep, DatabaseDep, RecordId, permit, seen_by, unit_of_work
from luoshi.serve.encode import accepts_gzip, json_response
from luoshi.serve.items import DEFAULT_PAGE, MAX_PAGE, ItemDetail, item_detail, item_page, item_units
from luoshi.serve.writes import decide_item, raise_item, respond_item
from luoshi.supervise.permissions import Action, ownership_of

router = APIRouter(tags=["items"])
ESTIMATED_HEADER = "Luoshi-Calendar-Estimated"


class ItemCreate(BaseModel):
    title: str = Field(min_length=1, max_length=500)
    lead: str = Field(min_length=1, max_length=200, description="牵头单位（代码、名称或简称）")
    detail: str = Field("", max_length=5000)
    level: str = Field("ordinary", pattern="^(ordinary|major)$")
    origin: str = Field("other", pattern="^(task_problem|review|leader|enterprise|other)$")
    task_id: int | None = Field(None, ge=1, le=MAX_ID)
    leader: str = Field("", max_length=100)


class ItemResponse(BaseModel):
    kind: str = Field(pattern="^(deployed|responded|resolved|closure)$")
    note: str = Field("", max_length=5000)
    version: int | None = Field(None, ge=1, le=MAX_ID)


class ItemDecision(BaseModel):
    accept: bool
    grade: str = Field("", max_length=10)
    reason: str = Field("", max_length=5000)
    version: int | None = Field(None, ge=1, le=MAX_ID)
    override: str = Field("", max_length=5000, description="例外说明：无部署反馈记录或多次催办仍评优秀的理由")


@router.get("/items", response_model=dict[str, object])
def items(
    request: Request,
    who: ActorDep,
    db: DatabaseDep,
    at: ClockDep,
    unit: int | None = None,
    limit: Annotated[int, Query(ge=0, le=MAX_PAGE)] = DEFAULT_PAGE,
    offset: Annotated[int, Query(ge=0, le=MAX_ID)] = 0,
) -> Response:
    """Items with their clocks, a page at a time: ``{"total", "offset", "limit", "items"}`` (``limit``
    default 100, at most 5,000); header ``Luoshi-Calendar-Estimated: 2027`` when a year was estimated."""
    permit(who, Action.VIEW_INTERNAL)
    zipped = accepts_gzip(request.headers.get("accept-encoding", ""))
    with unit_of_work(db, who, at) as ledger:
        scope = seen_by(ledger, who)
        body, packed = item_page(
            ledger, at.today(), unit_id=unit, limit=limit, offset=offset, gzip=zipped, scope=scope
        )
        estimated = ledger.calendar_warning(at.today())  # the day's clocks (cached or not) reach these years
        years = ",".join(map(str, sorted(ledger.calendar.estimated))) if estimated else ""
    response = json_response(body, compressed=packed)
    if years:
        response.headers[ESTIMATED_HEADER] = years
    return response


@router.get("/items/{item_id}")
def item(item_id: RecordId, who: ActorDep, db: DatabaseDep, at: ClockDep) -> ItemDetail:
    permit(who, Action.VIEW_INTERNAL)
    with unit_of_work(db, who, at) as ledger:
        return item_detail(ledger, item_id, at.today())


@router.post("/items", status_code=201)
def create(body: ItemCreate, who: ActorDep, db: DatabaseDep, at: ClockDep) -> ItemDetail:
    permit(who, Action.RAISE_ITEM)
    with unit_of_work(db, who, at) as ledger:
        order = raise_item(ledger, **body.model_dump(), scope=seen_by(ledger, who))
        return item_detail(ledger, order.id, at.today())


@router.post("/items/{item_id}/respond")
def respond(
    item_id: RecordId, body: ItemResponse, who: ActorDep, db: DatabaseDep, at: ClockDep
) -> ItemDetail:
    with unit_of_work(db, who, at) as ledger:
        permit(who, Action.RESPOND_ITEM, ownership_of(who.unit_id, item_units(ledger, item_id)))
        respond_item(ledger, item_id=item_id, kind=body.kind, note=body.note, version=body.version)
        return item_detail(ledger, item_id, at.today())


@router.post("/items/{item_id}/decide")
def decide(item_id: RecordId, body: ItemDecision, who: ActorDep, db: DatabaseDep, at: ClockDep) -> ItemDetail:
    permit(who, Action.ACCEPT)
    with unit_of_work(db, who, at) as ledger:
        decide_item(ledger, item_id=item_id, accept=body.accept, grade=body.grade, reason=body.reason,
                    version=body.version, override=body.override)  # fmt: skip
        return item_detail(ledger, item_id, at.today())
