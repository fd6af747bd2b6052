"""我的单位: a reporter's own tasks — what is due, what is late."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import Response

from luoshi.errors import NotFoundError
from luoshi.serve.deps import ClockDep, DatabaseDep, UserDep, permit, unit_of_work
from luoshi.serve.queries import unit_view
from luoshi.serve.render import page
from luoshi.supervise.permissions import Action

router = APIRouter()


@router.get("/my-unit")
def my_unit(request: Request, who: UserDep, db: DatabaseDep, at: ClockDep) -> Response:
    permit(who, Action.VIEW_INTERNAL)
    if who.unit_id is None:
        raise NotFoundError("当前账号未关联单位")
    with unit_of_work(db, who, at) as ledger:
        view = unit_view(ledger, who.unit_id, at.today())
    return page(request, "my_unit.html", who, view=view)
