"""Lenient query-string parsing for filters (HTML forms send empty strings for "all")."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import HTTPException, Query

from luoshi.supervise.ledger_query import LedgerQuery

CountyQuery = Annotated[str, Query(max_length=100, description="县（区）名称或代码：只看该县（区）")]


async def ledger_query(  # async: no I/O, so no thread hop per request
    q: str = Query("", max_length=200, description="全文检索（空格分隔的词都须出现）"),
    section: str = Query("", max_length=500),
    unit: str = Query("", max_length=20, description="单位 id（牵头或配合）"),
    state: str = Query("", max_length=20),
    colour: str = Query("", max_length=10),
    due_from: str = Query("", max_length=10, description="完成时限不早于 YYYY-MM-DD"),
    due_to: str = Query("", max_length=10, description="完成时限不晚于 YYYY-MM-DD"),
    report: str = Query("", max_length=20),
    sort: str = Query("ordinal", max_length=20),
    desc: bool = False,
) -> LedgerQuery:
    return LedgerQuery(
        q=q.strip(),
        section=section,
        unit=_int(unit, "unit"),
        state=state,
        colour=colour,
        due_from=_day(due_from, "due_from"),
        due_to=_day(due_to, "due_to"),
        report=_int(report, "report"),
        sort=sort,
        desc=desc,
    )


def _int(value: str, name: str) -> int | None:
    if not value.strip():
        return None
    if not value.strip().isdigit() or int(value) > 2_147_483_647:
        raise HTTPException(422, f"{name} 须为正整数")
    return int(value)


def _day(value: str, name: str) -> date | None:
    if not value.strip():
        return None
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        raise HTTPException(422, f"{name} 须为 YYYY-MM-DD 格式的日期") from None
