"""驾驶舱: headline targets, status by section, 时序进度, overdue and due-soon lists, units."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response

from luoshi.serve.deps import ActorDep, ClockDep, DatabaseDep, permit, seen_by, unit_of_work
from luoshi.serve.items import StageDue
from luoshi.serve.queries import dashboard as dashboard_data
from luoshi.serve.render import header_facts, page
from luoshi.supervise.permissions import Action

router = APIRouter()
SCREEN_REFRESH_SECONDS = 300  # 大屏 (?screen=1) reloads itself this often
ITEMS_SHOWN = 10  # overdue items per stage, and items due soon, drawn on the page (the API has them all)


@router.get("/dashboard")
def dashboard(request: Request, who: ActorDep, db: DatabaseDep, at: ClockDep) -> Response:
    permit(who, Action.VIEW_INTERNAL)
    with unit_of_work(db, who, at) as ledger:
        data = dashboard_data(ledger, at.today(), seen_by(ledger, who))
        header = header_facts(request, ledger)
    as_of = request.query_params.get("as_of", "")
    screen = request.query_params.get("screen") == "1"
    return page(
        request, "dashboard.html", who, header=header, data=data, as_of=as_of, screen=screen,
        refresh_seconds=SCREEN_REFRESH_SECONDS, shown=ITEMS_SHOWN, **_late(data.overdue_items),
    )  # fmt: skip


_LATE: list[tuple[list[StageDue], dict[str, Any]]] = []  # the last overdue list grouped (kept figures)


def _late(late: list[StageDue]) -> dict[str, Any]:
    """The overdue stages grouped and the overdue items counted, once per list of figures (the
    figures are kept until a write; the page is drawn on every request)."""
    kept = _LATE[0] if _LATE else None
    if kept is not None and kept[0] is late:
        return kept[1]
    found = {"late_groups": by_stage(late), "late_count": len({i.id for i in late})}
    _LATE[:] = [(late, found)]
    return found


def by_stage(late: list[StageDue]) -> list[tuple[str, int, list[StageDue]]]:
    """Overdue stages grouped by stage name (in name order): each with its count and the
    :data:`ITEMS_SHOWN` most overdue (``late`` comes most overdue first)."""
    groups: dict[str, list[StageDue]] = {}
    for stage in late:
        groups.setdefault(stage.stage, []).append(stage)
    return [(name, len(found), found[:ITEMS_SHOWN]) for name, found in sorted(groups.items())]
