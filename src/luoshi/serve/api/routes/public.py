"""The public view (no login): targets and status, nothing internal."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import Response

from luoshi.serve.deps import ActorDep, ClockDep, DatabaseDep, RecordId, UserDep, permit, unit_of_work
from luoshi.serve.encode import accepts_gzip, json_response
from luoshi.serve.params import CountyQuery
from luoshi.serve.queries import PublicView, UnitView, as_json, public_name, public_view, unit_view
from luoshi.supervise.permissions import Action
from luoshi.supervise.scope import county_scope

router = APIRouter()


@router.get("/public", tags=["public"], response_model=PublicView)
def public(
    request: Request, who: ActorDep, db: DatabaseDep, at: ClockDep, county: CountyQuery = ""
) -> Response:
    """The city's own tasks, or with ``?county=平定县`` that county's (its own and those handed to it)."""
    permit(who, Action.VIEW_PUBLIC)
    zipped = accepts_gzip(request.headers.get("accept-encoding", ""))
    with unit_of_work(db, who, at) as ledger:
        day = at.today()
        seen = county_scope(ledger, county) if county.strip() else None
        build = lambda: public_view(ledger, day, seen)  # noqa: E731
        body, packed = as_json(ledger, day, public_name(seen), build, gzip=zipped)
    return json_response(body, compressed=packed)


@router.get("/units/{unit_id}/tasks", tags=["units"])
def unit_tasks(unit_id: RecordId, who: UserDep, db: DatabaseDep, at: ClockDep) -> UnitView:
    """One unit's tasks: due, late, due soon (``/api/units/{id}/tasks``)."""
    permit(who, Action.VIEW_INTERNAL)
    with unit_of_work(db, who, at) as ledger:
        return unit_view(ledger, unit_id, at.today())
