from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from luoshi import document as doc
from luoshi.errors import ConflictError, ValidationError
from luoshi.store.ledger import Ledger
from luoshi.store.models import Task
from luoshi.supervise.reports import store_report
from luoshi.supervise.tasks import (
    Schedule,
    add_milestone,
    complete_milestone,
    main_target,
    set_schedule,
    task_rows,
)


def _q(metric: str, value: float, unit: str, indicator: str) -> doc.Quantity:
    return doc.Quantity(
        part=doc.PartKind.PLAN, section=None, indicator=indicator, metric=doc.Metric(metric), value=value,
        unit=unit, modifier=doc.Modifier.EXACT, sentence="", start=0, end=1,
    )  # fmt: skip


def test_main_target_is_the_first_measurable_quantity() -> None:
    rank = _q("rank", 3, "位", "排名")
    level = _q("level", 1200, "亿元", "地区生产总值")
    assert main_target([rank, level]) == main_target([level])
    assert main_target([rank]) is not None and main_target([rank]).indicator == "排名"  # type: ignore[union-attr]
    assert main_target([]) is None


def test_schedule_given_at_ingest_and_changed_later(ledger: Ledger, report: Any) -> None:
    rid = store_report(ledger, report, schedule=Schedule("quarterly", 10)).report_id
    task = ledger.all(Task, report_id=rid)[0]
    assert (task.cadence, task.due_day) == ("quarterly", 10)
    set_schedule(ledger, task_id=task.id, cadence="monthly", deadline=date(2024, 10, 31), version=1)
    assert (task.cadence, task.due_day, task.deadline, task.deadline_source) == (
        "monthly", 10, date(2024, 10, 31), "manual",
    )  # fmt: skip
    with pytest.raises(ConflictError):
        set_schedule(ledger, task_id=task.id, due_day=3, version=1)  # stale: it is at version 2 now
    rows = task_rows(ledger, report_id=rid)
    assert [r["id"] for r in rows] == sorted(r["id"] for r in rows) and rows[0]["version"] == 2


@pytest.mark.parametrize(("cadence", "due_day"), [("weekly", 5), ("monthly", 0), ("monthly", 31)])
def test_bad_schedules(cadence: str, due_day: int) -> None:
    with pytest.raises(ValidationError):
        Schedule(cadence, due_day)


def test_milestones(ledger: Ledger, report: Any) -> None:
    task = ledger.all(Task, report_id=store_report(ledger, report).report_id)[0]
    first = add_milestone(ledger, task_id=task.id, title="完成前期手续", due=date(2024, 4, 30))
    add_milestone(ledger, task_id=task.id, title="开工60个", due=date(2024, 6, 30), target_value=60)
    assert [m.title for m in task.milestones] == ["完成前期手续", "开工60个"]
    complete_milestone(ledger, milestone_id=first.id)
    assert first.done_on == date(2023, 6, 15)  # the ledger fixture's clock
    with pytest.raises(ValidationError, match="晚于"):
        add_milestone(ledger, task_id=task.id, title="太晚", due=date(2025, 1, 31))
    with pytest.raises(ValidationError, match="不能为空"):
        add_milestone(ledger, task_id=task.id, title=" ", due=date(2024, 5, 1))
