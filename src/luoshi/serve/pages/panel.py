"""目标面板: one region's headline targets against outcomes over the years, drawn with ECharts."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import Response

from luoshi.link.panel import HEADLINE
from luoshi.serve.deps import ActorDep, ClockDep, DatabaseDep, permit, unit_of_work
from luoshi.serve.render import page
from luoshi.supervise.panel import panel_regions, region_panel
from luoshi.supervise.permissions import Action
from luoshi.supervise.scorecard_view import vocabulary

router = APIRouter()


@router.get("/panel")
def panel(request: Request, who: ActorDep, db: DatabaseDep, at: ClockDep, region: str = "") -> Response:
    permit(who, Action.VIEW_INTERNAL)
    with unit_of_work(db, who, at) as ledger:
        regions = panel_regions(ledger)
        chosen = region if region in regions else (regions[0] if regions else "")
        rows = region_panel(ledger, region=chosen, vocab=vocabulary()) if chosen else []
    indicators = [name for name, _ in HEADLINE]
    return page(request, "panel.html", who, regions=regions, region=chosen, rows=rows, indicators=indicators)
