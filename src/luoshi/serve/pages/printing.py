"""The documents the office prints, downloaded as .docx (督办通知单, 催办通知, 督查通报)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from urllib.parse import quote

from fastapi import APIRouter, Request
from fastapi.responses import Response

from luoshi.config import Settings
from luoshi.serve.deps import ActorDep, ClockDep, DatabaseDep, RecordId, permit, unit_of_work
from luoshi.store.ledger import Ledger
from luoshi.supervise.documents import DOCX_TYPE, bulletin_docx, file_name, notice_docx, urge_docx
from luoshi.supervise.permissions import Action

router = APIRouter()
Maker = Callable[[Ledger, Settings, date], bytes]


@router.get("/items/{item_id}/notice.docx")
def notice(request: Request, item_id: RecordId, who: ActorDep, db: DatabaseDep, at: ClockDep) -> Response:
    return _docx(request, who, db, at, "notice", item_id, lambda led, s, d: notice_docx(led, item_id, s, d))


@router.get("/items/{item_id}/urge.docx")
def urge(request: Request, item_id: RecordId, who: ActorDep, db: DatabaseDep, at: ClockDep) -> Response:
    return _docx(request, who, db, at, "urge", item_id, lambda led, s, d: urge_docx(led, item_id, s, d))


@router.get("/bulletin.docx")
def bulletin(request: Request, who: ActorDep, db: DatabaseDep, at: ClockDep) -> Response:
    return _docx(request, who, db, at, "bulletin", None, bulletin_docx)


def _docx(
    request: Request, who: ActorDep, db: DatabaseDep, at: ClockDep, kind: str, item_id: int | None,
    make: Maker,
) -> Response:  # fmt: skip
    permit(who, Action.PRINT)
    day = at.today()
    with unit_of_work(db, who, at) as ledger:
        data = make(ledger, request.app.state.settings, day)
    name = quote(file_name(kind, day, item_id))
    headers = {"Content-Disposition": f"attachment; filename*=UTF-8''{name}"}
    return Response(data, media_type=DOCX_TYPE, headers=headers)
