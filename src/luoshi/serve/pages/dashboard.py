"""驾驶舱: headline targets, status by section, 时序进度, overdue and due-soon lists, units."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import Response

from luoshi.serve.deps import ActorDep, ClockDep, DatabaseDep, permit, unit_of_work
from luoshi.serve.queries import dashboard as dashboard_data
from luoshi.serve.queries import user_scope
from luoshi.serve.render import page
from luoshi.supervise.permissions import Action

router = APIRouter()
SCREEN_REFRESH_SECONDS = 300  # 大屏 (?screen=1) reloads itself this often
ITEMS_SHOWN = 10  # overdue items per stage, and items due soon, drawn on the page (the API has them all)


@router.get("/dashboard")
def dashboard(request: Request, who: ActorDep, db: DatabaseDep, at: ClockDep) -> Response:
    permit(who, Action.VIEW_INTERNAL)
    with unit_of_work(db, who, at) as ledger:
        data = dashboard_data(ledger, at.today(), user_scope(ledger, who.unit_id))
    as_of = request.query_params.get("as_of", "")
    screen = request.query_params.get("screen") == "1"
    return page(
        request, "dashboard.html", who, data=data, as_of=as_of, screen=screen,
        refresh_seconds=SCREEN_REFRESH_SECONDS, shown=ITEMS_SHOWN,
    )  # fmt: skip
