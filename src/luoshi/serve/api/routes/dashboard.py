"""The dashboard's figures (what the 驾驶舱 charts draw)."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import Response

from luoshi.serve.dashboard import Dashboard
from luoshi.serve.deps import ActorDep, ClockDep, DatabaseDep, permit, seen_by, unit_of_work
from luoshi.serve.encode import accepts_gzip, json_response
from luoshi.serve.queries import as_json, dashboard_name
from luoshi.serve.queries import dashboard as dashboard_data
from luoshi.supervise.permissions import Action

router = APIRouter(tags=["dashboard"])


@router.get("/dashboard", response_model=Dashboard)
def dashboard(request: Request, who: ActorDep, db: DatabaseDep, at: ClockDep) -> Response:
    """Counts by status and section, 时序进度, overdue and due-soon lists, units (``?as_of=`` a day)."""
    permit(who, Action.VIEW_INTERNAL)
    zipped = accepts_gzip(request.headers.get("accept-encoding", ""))
    with unit_of_work(db, who, at) as ledger:
        day = at.today()
        scope = seen_by(ledger, who)
        build = lambda: dashboard_data(ledger, day, scope)  # noqa: E731
        body, packed = as_json(ledger, day, dashboard_name(scope), build, gzip=zipped)
    return json_response(body, compressed=packed)
