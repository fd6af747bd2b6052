"""Supervision orders in a real database (SQLite and PostgreSQL): raise, record, list, lock, audit."""

from __future__ import annotations

import threading
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from luoshi.clock import FixedClock
from luoshi.errors import ConflictError, NotFoundError, ValidationError
from luoshi.store.db import Database
from luoshi.store.ledger import Ledger
from luoshi.store.models import ProgressReport
from luoshi.store.models.supervision import SupervisionOrder
from luoshi.supervise.items import EventKind, Grade, Level, Milestone, Origin
from luoshi.supervise.orders import list_orders, raise_order, record, request_closure
from luoshi.supervise.stages import ItemState
from luoshi.supervise.status import Colour

if TYPE_CHECKING:
    from tests.supervise.conftest import City, LedgerOn

RAISED = date(2023, 3, 1)


def new_order(on: LedgerOn, **kw: object) -> int:
    with on(RAISED) as ledger:
        args: dict[str, object] = {
            "title": "协调解决园区供电线路改造",
            "lead": "市发改委",
            "co": ["nyj", "平定县"],
        }
        args.update(kw)
        return raise_order(ledger, **args).id  # type: ignore[arg-type]


def test_raise_and_list_with_derived_status(on: LedgerOn) -> None:
    ident = new_order(on, leader="王副市长", origin=Origin.LEADER)
    with on(date(2023, 3, 8)) as ledger:
        [order] = list_orders(ledger)
    assert order.lead_unit == "市发展改革委"  # found by alias
    assert order.co_units == ("市能源局", "平定县")
    assert order.origin is Origin.LEADER
    assert order.status.state is ItemState.OPEN
    assert order.status.colour is Colour.RED  # deploy and respond missed
    assert order.id == ident
    with on(date(2023, 2, 1)) as ledger:
        assert list_orders(ledger) == []  # not raised yet then


def test_full_cycle_and_audit_trail(on: LedgerOn) -> None:
    ident = new_order(on)
    with on(date(2023, 3, 1), actor="市发展改革委") as ledger:
        record(ledger, ident, EventKind.DEPLOYED, note="主任办公会研究部署")
    with on(date(2023, 3, 3), actor="市发展改革委") as ledger:
        record(ledger, ident, EventKind.RESPONDED, note="已协调供电公司")
    with on(date(2023, 3, 9), actor="市发展改革委") as ledger:
        request_closure(ledger, ident, note="线路改造完成")
    with on(date(2023, 3, 10)) as ledger:
        record(ledger, ident, EventKind.ACCEPTED, grade=Grade.EXCELLENT)
        [view] = list_orders(ledger)
        kinds = [e.kind for e in view.facts.events]
        audit = ledger.events(entity="supervision_events")
    assert kinds == [
        EventKind.RAISED,
        EventKind.DEPLOYED,
        EventKind.RESPONDED,
        EventKind.RESOLVED,
        EventKind.CLOSURE_REQUESTED,
        EventKind.ACCEPTED,
    ]
    assert view.status.state is ItemState.CLOSED
    assert [a.actor for a in audit][:3] == ["督查室", "市发展改革委", "市发展改革委"]
    assert audit[-1].after is not None and audit[-1].after["grade"] == "优秀"


def test_return_goes_back_to_the_unit_with_the_reason(on: LedgerOn) -> None:
    ident = new_order(on)
    with on(date(2023, 3, 6)) as ledger:
        request_closure(ledger, ident)
    with on(date(2023, 3, 7)) as ledger, pytest.raises(ValidationError, match="理由"):
        record(ledger, ident, EventKind.RETURNED)
    with on(date(2023, 3, 7)) as ledger:
        record(ledger, ident, EventKind.RETURNED, note="未提供验收报告")
        [view] = list_orders(ledger)
    assert view.status.state is ItemState.OPEN
    assert view.status.stage is not None and view.status.stage.key == "rework:1"
    with on(date(2023, 3, 7)) as ledger, pytest.raises(ValidationError, match="尚未申请销号"):
        record(ledger, ident, EventKind.RETURNED, note="again")


def test_major_order_files_a_timetable(on: LedgerOn) -> None:
    ident = new_order(on, level=Level.MAJOR)
    with on(date(2023, 3, 20)) as ledger:
        plan = (Milestone("完成招标", date(2023, 5, 31)),)
        record(ledger, ident, EventKind.TIMETABLE_FILED, due=date(2023, 9, 30), milestones=plan)
    with on(date(2023, 6, 5)) as ledger:
        [view] = list_orders(ledger)
    assert view.facts.events[-1].milestones == plan
    assert view.status.stage is not None and view.status.stage.label == "完成招标"
    assert view.status.colour is Colour.RED


def test_stale_version_conflicts(on: LedgerOn) -> None:
    ident = new_order(on)
    with on(RAISED) as ledger:
        version = ledger.get(SupervisionOrder, ident).version
        record(ledger, ident, EventKind.DEPLOYED, version=version)
    with on(RAISED) as ledger, pytest.raises(ConflictError):
        record(ledger, ident, EventKind.RESPONDED, version=version)


@pytest.mark.parametrize(
    ("kwargs", "error", "message"),
    [
        ({"lead": "市教育局"}, NotFoundError, "找不到单位"),
        ({"title": "  "}, ValidationError, "标题"),
        ({"policy": "nope"}, ValidationError, "督办规则"),
    ],
)
def test_bad_raise_is_refused(
    on: LedgerOn, kwargs: dict[str, object], error: type[Exception], message: str
) -> None:
    with pytest.raises(error, match=message):
        new_order(on, **kwargs)


def test_ladder_events_cannot_be_recorded_by_hand(on: LedgerOn) -> None:
    ident = new_order(on)
    with on(RAISED) as ledger, pytest.raises(ValidationError, match="escalate"):
        record(ledger, ident, EventKind.REMINDER, stage="deploy")


def test_raised_from_a_reported_problem(city: City) -> None:
    from luoshi.supervise.progress import ProgressInput, add_progress

    with city.ledger(date(2024, 7, 3), actor="填报员") as ledger:
        entry = ProgressInput(
            period="2024-06", value=62.0, problems="3个项目用地指标未落实\n需市自然资源局协调"
        )
        report = add_progress(
            ledger, task_id=city.tasks[0], entry=entry, reporter="填报员", evidence_dir=Path()
        )
    with city.ledger(date(2024, 7, 4)) as ledger:
        order = raise_order_from(ledger, report.id)
        [view] = [o for o in list_orders(ledger) if o.id == order.id]
    assert (view.title, view.origin, view.task_id) == (
        "3个项目用地指标未落实",
        Origin.TASK_PROBLEM,
        city.tasks[0],
    )
    assert (view.lead_unit, view.co_units) == ("市发展改革委", ("市工信局",))
    with city.ledger(date(2024, 7, 4)) as ledger, pytest.raises(ValidationError, match="没有反映问题"):
        first = ledger.all(ProgressReport, task_id=city.tasks[0], order_by="id")[0]
        raise_order_from(ledger, first.id)


def test_a_problem_can_go_to_another_unit_than_the_tasks_lead(city: City) -> None:
    from luoshi.supervise.orders import raise_from_problem
    from luoshi.supervise.progress import ProgressInput, add_progress

    with city.ledger(date(2024, 7, 3), actor="填报员") as ledger:
        entry = ProgressInput(period="2024-06", value=62.0, problems="用地指标未落实")
        report = add_progress(
            ledger, task_id=city.tasks[0], entry=entry, reporter="填报员", evidence_dir=Path()
        )
    with city.ledger(date(2024, 7, 4)) as ledger:
        order = raise_from_problem(ledger, progress_report_id=report.id, lead="市工信局", co=[])
        [view] = [o for o in list_orders(ledger) if o.id == order.id]
    assert (view.lead_unit, view.co_units, view.task_id) == ("市工信局", (), city.tasks[0])


def raise_order_from(ledger: Ledger, progress_report_id: int) -> SupervisionOrder:
    from luoshi.supervise.orders import raise_from_problem

    return raise_from_problem(ledger, progress_report_id=progress_report_id)


def test_concurrent_writers_are_applied_or_refused_never_lost(on: LedgerOn, seeded: Database) -> None:
    ident = new_order(on)
    with on(RAISED) as ledger:
        version = ledger.get(SupervisionOrder, ident).version
    barrier = threading.Barrier(20)
    outcomes: list[str] = []

    def writer(n: int, pinned: bool) -> None:
        barrier.wait()
        try:
            with seeded.ledger(actor=f"writer{n}", clock=FixedClock.on(RAISED)) as ledger:
                record(
                    ledger,
                    ident,
                    EventKind.RESPONDED,
                    note=f"第{n}次反馈",
                    version=version if pinned else None,
                )
            outcomes.append("applied")
        except ConflictError:
            outcomes.append("refused")

    for pinned in (True, False):
        outcomes.clear()
        threads = [threading.Thread(target=writer, args=(n, pinned)) for n in range(20)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=60)
        assert len(outcomes) == 20
        if pinned:  # all twenty expected the same version: exactly one wins
            assert outcomes.count("applied") == 1
            barrier.reset()
    with on(RAISED) as ledger:
        order = ledger.get(SupervisionOrder, ident)
        notes = [e.note for e in order.events if e.kind == "responded"]
    applied_total = 1 + outcomes.count("applied")
    assert len(notes) == applied_total == order.event_count - 1  # every applied write is there
    assert order.version == 1 + applied_total
