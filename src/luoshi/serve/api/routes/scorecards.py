"""成绩单 and entered outcomes in the JSON API: the same query functions as the pages."""

from __future__ import annotations

import re
from typing import Annotated, Any

from fastapi import APIRouter, Query
from pydantic import BaseModel, Field

from luoshi.serve.deps import ActorDep, ClockDep, DatabaseDep, RecordId, permit, unit_of_work
from luoshi.supervise.outcomes import ENTER_OUTCOME, OutcomeRow, list_outcomes
from luoshi.supervise.permissions import Action
from luoshi.supervise.scorecard_view import add_outcome, report_verdicts, scorecard_view, verdict_of

router = APIRouter(tags=["scorecards"])


class OutcomeIn(BaseModel):
    """An outcome to enter; ``source`` (统计公报, 部门报送 …) is required."""

    region: str = Field(min_length=1, max_length=100)
    year: int = Field(ge=1900, le=2200)
    indicator: str = Field(min_length=1, max_length=200)
    value: float = Field(allow_inf_nan=False)
    unit: str = Field(min_length=1, max_length=50)
    source: str = Field(min_length=1, max_length=2000)
    metric: str | None = Field(default=None, max_length=10)


@router.get("/reports/{report_id}/scorecard")
def scorecard(report_id: RecordId, who: ActorDep, db: DatabaseDep, at: ClockDep) -> dict[str, Any]:
    """The report's targets against the next stored report's outcomes and the entered outcomes."""
    permit(who, Action.VIEW_INTERNAL)
    with unit_of_work(db, who, at) as ledger:
        return scorecard_view(ledger, report_id).stored.to_dict()


@router.get("/public/reports/{report_id}/scorecard")
def public_scorecard(report_id: RecordId, who: ActorDep, db: DatabaseDep, at: ClockDep) -> dict[str, Any]:
    """The same 成绩单, open to the public (it holds nothing internal)."""
    permit(who, Action.VIEW_PUBLIC)
    with unit_of_work(db, who, at) as ledger:
        return _without_paths(scorecard_view(ledger, report_id).stored.to_dict())


def _without_paths(card: dict[str, Any]) -> dict[str, Any]:
    """The public copy names each report's file, never the server's folder it was read from."""
    for key in ("plan_report", "outcome_report"):
        meta = card.get(key)
        if isinstance(meta, dict) and meta.get("source"):
            meta["source"] = re.split(r"[\\/]", str(meta["source"]))[-1]
    return card


@router.get("/tasks/{task_id}/verdict")
def task_verdict(task_id: RecordId, who: ActorDep, db: DatabaseDep, at: ClockDep) -> dict[str, Any] | None:
    """The task's verdict; null until a next report is stored or an outcome entered."""
    permit(who, Action.VIEW_INTERNAL)
    with unit_of_work(db, who, at) as ledger:
        verdict = verdict_of(ledger, task_id)
    return verdict.to_dict() if verdict else None


@router.get("/reports/{report_id}/verdicts")
def task_verdicts(report_id: RecordId, who: ActorDep, db: DatabaseDep, at: ClockDep) -> list[dict[str, Any]]:
    """The verdict of each of the report's tasks whose target is judged (for a ledger column)."""
    permit(who, Action.VIEW_INTERNAL)
    with unit_of_work(db, who, at) as ledger:
        verdicts = report_verdicts(ledger, report_id)
    return [v.to_dict() for v in verdicts]


@router.get("/outcomes")
def outcomes(
    who: ActorDep,
    db: DatabaseDep,
    at: ClockDep,
    region: Annotated[str | None, Query(max_length=100)] = None,
    year: Annotated[int | None, Query(ge=1900, le=2200)] = None,
) -> list[OutcomeRow]:
    permit(who, Action.VIEW_INTERNAL)
    with unit_of_work(db, who, at) as ledger:
        return list_outcomes(ledger, region=region, year=year)


@router.post("/outcomes", status_code=201)
def enter(body: OutcomeIn, who: ActorDep, db: DatabaseDep, at: ClockDep) -> OutcomeRow:
    """Enter (or correct) an outcome: the supervision office only; audited."""
    permit(who, ENTER_OUTCOME)
    with unit_of_work(db, who, at) as ledger:
        return add_outcome(ledger, **body.model_dump())
