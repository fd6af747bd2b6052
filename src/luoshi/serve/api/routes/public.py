"""The public view (no login): targets and status, nothing internal."""

from __future__ import annotations

from fastapi import APIRouter

from luoshi.serve.deps import ActorDep, ClockDep, DatabaseDep, RecordId, UserDep, permit, unit_of_work
from luoshi.serve.queries import PublicView, UnitView, public_view, unit_view
from luoshi.supervise.permissions import Action

router = APIRouter()


@router.get("/public", tags=["public"])
def public(who: ActorDep, db: DatabaseDep, at: ClockDep) -> PublicView:
    permit(who, Action.VIEW_PUBLIC)
    with unit_of_work(db, who, at) as ledger:
        return public_view(ledger, at.today())


@router.get("/units/{unit_id}/tasks", tags=["units"])
def unit_tasks(unit_id: RecordId, who: UserDep, db: DatabaseDep, at: ClockDep) -> UnitView:
    """One unit's tasks: due, late, due soon (``/api/units/{id}/tasks``)."""
    permit(who, Action.VIEW_INTERNAL)
    with unit_of_work(db, who, at) as ledger:
        return unit_view(ledger, unit_id, at.today())
