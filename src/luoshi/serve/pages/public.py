"""公开: the read-only transparency page (targets and status; no internal notes; no login)."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import Response

from luoshi.serve.deps import ActorDep, ClockDep, DatabaseDep, permit, unit_of_work
from luoshi.serve.queries import public_view
from luoshi.serve.render import page
from luoshi.supervise.permissions import Action

router = APIRouter()


@router.get("/public")
def public(request: Request, who: ActorDep, db: DatabaseDep, at: ClockDep) -> Response:
    permit(who, Action.VIEW_PUBLIC)
    with unit_of_work(db, who, at) as ledger:
        view = public_view(ledger, at.today())
    return page(request, "public.html", who, view=view)
