"""The seam between years, rule by rule: the default year, orders across the seam, decisions,
the frozen review and restatement similarity."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from sqlalchemy import text
from tests.supervise.conftest import LedgerOn

from luoshi.errors import ConflictError, ValidationError
from luoshi.store.models import Task
from luoshi.store.years import default_year
from luoshi.supervise.items import EventKind, Grade
from luoshi.supervise.orders import list_orders, order_in_year, raise_order, record
from luoshi.supervise.reports import store_report
from luoshi.supervise.yearlinks import similarity
from luoshi.supervise.years import Decision, close_year, decide, frozen_document


def test_the_default_year_is_the_latest_adopted_by_the_day() -> None:
    assert default_year([2022, 2023, 2024], 2023) == 2023  # mid-2023: not next year's plan
    assert default_year([2022, 2023], 2026) == 2023
    assert default_year([2024], 2023) == 2024  # a ledger looked at before its only year
    assert default_year([], 2025) == 2025


def test_an_order_open_at_the_seam_belongs_to_both_years_and_a_closed_one_stays(on: LedgerOn) -> None:
    with on(date(2023, 11, 1)) as ledger:
        open_id = raise_order(ledger, title="工期滞后", lead="市发展改革委").id
        done_id = raise_order(ledger, title="用地手续", lead="市工信局").id
    with on(date(2023, 12, 20)) as ledger:
        for kind in (
            EventKind.DEPLOYED,
            EventKind.RESPONDED,
            EventKind.RESOLVED,
            EventKind.CLOSURE_REQUESTED,
        ):
            record(ledger, done_id, kind, note="已办理")
        record(ledger, done_id, EventKind.ACCEPTED, grade=Grade.GOOD)
    with on(date(2024, 3, 1)) as ledger:
        orders = {o.id: o for o in list_orders(ledger)}
        new_id = raise_order(ledger, title="新年度事项", lead="市工信局").id
        new = next(o for o in list_orders(ledger) if o.id == new_id)
    assert order_in_year(orders[open_id], 2023) and order_in_year(orders[open_id], 2024)
    assert order_in_year(orders[done_id], 2023) and not order_in_year(orders[done_id], 2024)
    assert order_in_year(new, 2024) and not order_in_year(new, 2023)


def test_a_restated_project_is_more_alike_than_its_neighbours() -> None:
    old = "启动实施平阳街优化改造、洪城北路北延等市政道路工程,化义路南延工程10月底前竣工通车"
    new = "化义路南延工程6月底前竣工通车，启动实施平阳街优化改造二期工程"
    other = "实施40个老旧小区改造，完成老旧供热管网改造120公里"
    assert similarity(old, new) >= 0.3 > similarity(old, other)
    assert similarity("北环路改造年内完工", "北环路改造9月底前完工") > similarity(
        "北环路改造年内完工", "新建学校5所"
    )


@pytest.fixture
def year_2024(on: LedgerOn, report: Any) -> list[int]:
    with on(date(2024, 2, 1)) as ledger:
        store_report(ledger, report)
        return [t.id for t in ledger.all(Task, order_by="ordinal")]


def test_decisions_need_reasons_and_freeze_with_the_year(on: LedgerOn, year_2024: list[int]) -> None:
    first, second, *rest = year_2024
    with on(date(2025, 1, 20)) as ledger, pytest.raises(ValidationError, match="原因"):
        decide(ledger, task_id=first, decision=Decision.UNDONE)
    with on(date(2025, 1, 20)) as ledger:
        decide(ledger, task_id=first, decision=Decision.CARRIED)
        decide(ledger, task_id=second, decision=Decision.UNDONE, reason="资金未到位")
        with pytest.raises(ValidationError, match=f"尚有 {len(rest)} 项"):
            close_year(ledger, year=2024, as_of=date(2024, 12, 31))
    with on(date(2025, 1, 20)) as ledger:
        done = close_year(ledger, year=2024, as_of=date(2024, 12, 31), rest=Decision.DONE)
        carried = ledger.get(Task, done.carried[first])
        assert (carried.year, carried.origin_id, carried.deadline) == (2025, first, date(2025, 12, 31))
    with on(date(2025, 1, 21)) as ledger:
        assert frozen_document(ledger, 2024) == done.document
        with pytest.raises(ConflictError, match="关账"):
            decide(ledger, task_id=second, decision=Decision.DONE)
        with pytest.raises(ConflictError, match="关账"):
            close_year(ledger, year=2024, rest=Decision.DONE)


def test_a_frozen_document_changed_behind_the_ledgers_back_is_refused(
    on: LedgerOn, year_2024: list[int]
) -> None:
    with on(date(2025, 1, 20)) as ledger:
        close_year(ledger, year=2024, as_of=date(2024, 12, 31), rest=Decision.CARRIED)
    with on(date(2025, 1, 21)) as ledger:
        ledger.session.execute(text("UPDATE year_closures SET document = replace(document, '2024', '2023')"))
        with pytest.raises(ConflictError, match="校验值不符"):
            frozen_document(ledger, 2024)
