"""定期盘点: the periodic review on the web — by section, by unit, the scoreboard and the model
cases — the same sheets as ``luoshi review --format xlsx``; and one unit's page with its tasks,
items and the documents to print for it."""

from __future__ import annotations

from urllib.parse import quote

from fastapi import APIRouter, Request
from fastapi.responses import Response

from luoshi.serve.deps import ActorDep, ClockDep, DatabaseDep, RecordId, permit, seen_by, unit_of_work
from luoshi.serve.render import page
from luoshi.store.models import Unit
from luoshi.supervise.permissions import Action
from luoshi.supervise.review import build_review, review_scores
from luoshi.supervise.scoring import load_scoring
from luoshi.supervise.sheets import review_sheets
from luoshi.tabular import workbook_bytes

router = APIRouter()
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
SHOWN = ("按板块", "按单位", "单位考核", "示范案例")  # the task and item sheets are the 台账 and 督办 pages


@router.get("/review")
def review(request: Request, who: ActorDep, db: DatabaseDep, at: ClockDep) -> Response:
    permit(who, Action.VIEW_INTERNAL)
    with unit_of_work(db, who, at) as ledger:
        result = build_review(ledger, as_of=at.today(), seen=seen_by(ledger, who))
        sheets = review_sheets(result, review_scores(result, load_scoring()), heading="")
        units = {u.name: u.id for u in ledger.all(Unit)}
    shown = [s for s in sheets if s.name in SHOWN]
    as_of = request.query_params.get("as_of", "")
    return page(request, "review.html", who, review=result, sheets=shown, units=units, as_of=as_of)


@router.get("/review.xlsx")
def review_xlsx(who: ActorDep, db: DatabaseDep, at: ClockDep) -> Response:
    """The whole review as a workbook: what ``luoshi review --format xlsx`` writes, for the day viewed."""
    permit(who, Action.VIEW_INTERNAL)
    with unit_of_work(db, who, at) as ledger:
        result = build_review(ledger, as_of=at.today(), seen=seen_by(ledger, who))
        data = workbook_bytes(review_sheets(result, review_scores(result, load_scoring()), heading=""))
    name = quote(f"定期盘点-{result.as_of.isoformat()}.xlsx")
    return Response(
        data, media_type=XLSX, headers={"Content-Disposition": f"attachment; filename*=UTF-8''{name}"}
    )


@router.get("/units/{unit_id}")
def unit(request: Request, unit_id: RecordId, who: ActorDep, db: DatabaseDep, at: ClockDep) -> Response:
    """One unit as the review sees it: its score, the tasks it leads or supports, its items."""
    permit(who, Action.VIEW_INTERNAL)
    with unit_of_work(db, who, at) as ledger:
        name = ledger.get(Unit, unit_id).name  # a unit outside the user's county: 404 (scope_guard)
        result = build_review(ledger, as_of=at.today(), seen=seen_by(ledger, who))
        score = next((s for s in review_scores(result, load_scoring()) if s.unit == name), None)
    tasks = [t for t in result.tasks if t.lead == name or name in t.co]
    orders = [o for o in result.orders if o.lead_unit == name or name in o.co_units]
    as_of = request.query_params.get("as_of", "")
    return page(
        request, "unit.html", who, unit_name=name, score=score, tasks=tasks, orders=orders, as_of=as_of,
        review=result,
    )  # fmt: skip
