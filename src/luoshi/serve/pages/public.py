"""公开: the read-only transparency page (targets and status; no internal notes; no login)."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import Response

from luoshi.serve.deps import ActorDep, ClockDep, DatabaseDep, permit, unit_of_work
from luoshi.serve.params import CountyQuery
from luoshi.serve.queries import public_view
from luoshi.serve.render import page
from luoshi.store.models import Unit
from luoshi.supervise.permissions import Action
from luoshi.supervise.scope import counties, county_scope

router = APIRouter()


@router.get("/public")
def public(
    request: Request, who: ActorDep, db: DatabaseDep, at: ClockDep, county: CountyQuery = ""
) -> Response:
    """The city's own tasks, or with ``?county=平定县`` that county's (its own and those handed to it)."""
    permit(who, Action.VIEW_PUBLIC)
    with unit_of_work(db, who, at) as ledger:
        seen = county_scope(ledger, county) if county.strip() else None
        view = public_view(ledger, at.today(), seen)
        names = [u.name for u in counties(ledger)]
        shown = ledger.get(Unit, seen.county).name if seen is not None and seen.county is not None else ""
    return page(request, "public.html", who, view=view, counties=names, county=shown)
