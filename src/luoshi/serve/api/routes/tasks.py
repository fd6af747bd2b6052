"""Tasks (ledger rows): the filtered list and exports are the same query as the 台账 page."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends

from luoshi.serve.board import TaskRow
from luoshi.serve.deps import ActorDep, ClockDep, DatabaseDep, permit, unit_of_work
from luoshi.serve.filters import LedgerQuery
from luoshi.serve.params import ledger_query
from luoshi.serve.queries import ledger_rows
from luoshi.supervise.permissions import Action

router = APIRouter(tags=["tasks"])
QueryDep = Annotated[LedgerQuery, Depends(ledger_query)]


@router.get("/tasks")
def tasks(
    who: ActorDep, db: DatabaseDep, at: ClockDep, query: QueryDep, limit: int = 100, offset: int = 0
) -> dict[str, object]:
    """Ledger rows with derived status as of today (or ``?as_of=``), filtered, searched, sorted."""
    permit(who, Action.VIEW_INTERNAL)
    with unit_of_work(db, who, at) as ledger:
        rows = ledger_rows(ledger, at.today(), query)
    page: list[TaskRow] = rows[max(offset, 0) : max(offset, 0) + max(min(limit, 5000), 0)]
    return {"total": len(rows), "offset": offset, "items": [r.as_dict() for r in page]}
