"""Ledger rows: a task's target (from its quantities), deadline, cadence and milestones."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from luoshi import document as doc
from luoshi.errors import ValidationError
from luoshi.store.ledger import Ledger
from luoshi.store.models import Milestone, Task
from luoshi.supervise.closure import check_task_open

CADENCES = ("monthly", "quarterly", "none")
DEFAULT_CADENCE = "monthly"
DEFAULT_DUE_DAY = 5  # a period's report is due on this day of the following month
TARGET_METRICS = ("level", "count", "growth", "share", "change")


@dataclass(frozen=True, slots=True)
class Schedule:
    """How often a task reports and on which day of the following month the report is due."""

    cadence: str = DEFAULT_CADENCE
    due_day: int = DEFAULT_DUE_DAY

    def __post_init__(self) -> None:
        check_schedule(self.cadence, self.due_day)


def check_schedule(cadence: str, due_day: int) -> None:
    if cadence not in CADENCES:
        raise ValidationError(f"报送周期只能是 {'/'.join(CADENCES)}：{cadence}")
    if not 1 <= due_day <= 28:
        raise ValidationError(f"报送日须在 1–28 之间：{due_day}")


DEFAULT_SCHEDULE = Schedule()


@dataclass(frozen=True, slots=True)
class Target:
    value: float
    value_high: float | None
    unit: str
    modifier: str
    indicator: str


def main_target(quantities: list[doc.Quantity]) -> Target | None:
    """The number a task is measured by: its first measurable quantity (else its first one)."""
    if not quantities:
        return None
    q = next((q for q in quantities if q.metric.value in TARGET_METRICS), quantities[0])
    return Target(q.value, q.value_high, q.unit, q.modifier.value, q.indicator)


def task_row(
    task: doc.Task,
    *,
    report_id: int,
    ordinal: int,
    year: int,
    quantities: list[tuple[int, doc.Quantity]],
    schedule: Schedule = DEFAULT_SCHEDULE,
) -> Task:
    """A new ledger row for an extracted task; deadline from the text, else the plan year's end."""
    target = main_target([q for _, q in quantities])
    return Task(
        report_id=report_id,
        ordinal=ordinal,
        text=task.text,
        part=task.part.value,
        section=task.section,
        theme=task.theme,
        verb=task.verb,
        start=task.start,
        end=task.end,
        places=list(task.places),
        bodies=list(task.bodies),
        deadline=task.deadline or date(year, 12, 31),
        deadline_source="text" if task.deadline else "year_end",
        main_quantity_id=_main_quantity_id(quantities, target),
        target_value=target.value if target else None,
        target_value_high=target.value_high if target else None,
        target_unit=target.unit if target else None,
        target_modifier=target.modifier if target else None,
        indicator=target.indicator if target else None,
        cadence=schedule.cadence,
        due_day=schedule.due_day,
        starts_on=date(year, 1, 1),
        quantity_ids=[qid for qid, _ in quantities],
        year=year,
    )


def _main_quantity_id(quantities: list[tuple[int, doc.Quantity]], target: Target | None) -> int | None:
    for qid, q in quantities:
        if target and (q.value, q.unit, q.indicator) == (target.value, target.unit, target.indicator):
            return qid
    return None


def set_schedule(
    ledger: Ledger,
    *,
    task_id: int,
    deadline: date | None = None,
    cadence: str | None = None,
    due_day: int | None = None,
    version: int | None = None,
) -> Task:
    """Change a task's deadline, reporting cadence or due day (a manual deadline wins over the text).

    Not on an accepted task (已销号). Once the task has a progress report, its deadline moves only
    by an approved 延期申请 (:mod:`luoshi.supervise.extensions`).
    """
    task = ledger.get(Task, task_id, version=version)
    check_task_open(ledger, task_id, "期限和报送安排")
    if deadline is not None and deadline != task.deadline:
        check_deadline_settable(task, deadline)
        check_within_parent(ledger, task, deadline)
    cadence = task.cadence if cadence is None else cadence
    due_day = task.due_day if due_day is None else due_day
    check_schedule(cadence, due_day)
    task.cadence, task.due_day = cadence, due_day
    if deadline is not None:
        task.deadline, task.deadline_source = deadline, "manual"
    ledger.flush()
    return task


def check_deadline_settable(task: Task, deadline: date) -> None:
    """The office sets a deadline directly only while the ledger is being set up (no report yet)."""
    if deadline < task.starts_on:
        raise ValidationError(f"期限 {deadline} 早于任务起始日期 {task.starts_on}")
    if task.progress:
        raise ValidationError(
            f"任务 {task.id} 已有进展报告，修改期限须由责任单位提出延期申请"
            "（luoshi tasks extend），经督查室批准"
        )


def check_within_parent(ledger: Ledger, task: Task, deadline: date) -> None:
    """A handed-down (转办) task's deadline never passes its parent's."""
    if task.parent_id is not None:
        parent = ledger.get(Task, task.parent_id)
        if deadline > parent.deadline:
            raise ValidationError(
                f"下级任务的期限 {deadline} 不能晚于上级任务 {parent.id} 的期限 {parent.deadline}"
            )


def add_milestone(
    ledger: Ledger, *, task_id: int, title: str, due: date, target_value: float | None = None
) -> Milestone:
    task = ledger.get(Task, task_id)
    check_task_open(ledger, task_id, "时间节点")
    if not title.strip():
        raise ValidationError("节点名称不能为空")
    if due > task.deadline:
        raise ValidationError(f"节点时间 {due} 晚于任务期限 {task.deadline}")
    return ledger.add(Milestone(task_id=task.id, title=title.strip(), due=due, target_value=target_value))


def complete_milestone(ledger: Ledger, *, milestone_id: int, on: date | None = None) -> Milestone:
    milestone = ledger.get(Milestone, milestone_id)
    check_task_open(ledger, milestone.task_id, "时间节点")
    milestone.done_on = on or ledger.clock.today()
    ledger.flush()
    return milestone


def task_rows(ledger: Ledger, *, report_id: int | None = None) -> list[dict[str, Any]]:
    """The ledger's rows (of one report, or of the ledger's report year), in report order."""
    filters: dict[str, Any] = {"year": ledger.year} if report_id is None else {"report_id": report_id}
    return [task_view(t) for t in ledger.all(Task, order_by="report_id,ordinal", **filters)]


def task_view(task: Task) -> dict[str, Any]:
    """A task as plain data (listings, JSON)."""
    return {
        "id": task.id,
        "report_id": task.report_id,
        "section": task.section,
        "text": task.text,
        "indicator": task.indicator,
        "target_value": task.target_value,
        "target_value_high": task.target_value_high,
        "target_unit": task.target_unit,
        "target_modifier": task.target_modifier,
        "deadline": task.deadline.isoformat(),
        "deadline_source": task.deadline_source,
        "cadence": task.cadence,
        "due_day": task.due_day,
        "version": task.version,
    }
