"""The dashboard's figures (what the 驾驶舱 charts draw)."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import Response

from luoshi.serve.dashboard import Dashboard
from luoshi.serve.deps import ActorDep, ClockDep, DatabaseDep, permit, unit_of_work
from luoshi.serve.encode import accepts_gzip, json_response
from luoshi.serve.queries import as_json, scope_key, user_scope
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
        scope = user_scope(ledger, who.unit_id)
        name = "dashboard" if scope is None else f"dashboard@{scope_key(scope)}"
        body, packed = as_json(ledger, day, name, lambda: dashboard_data(ledger, day, scope), gzip=zipped)
    return json_response(body, compressed=packed)
