"""The ledger as of a date: every task with its derived status, units and reporting record.

:func:`task_board` turns ledger rows into :class:`~luoshi.supervise.status.TaskFacts` and asks
:func:`~luoshi.supervise.status.task_status`; reviews, scoreboards, the CLI and the web pages
all read the same :class:`TaskRow` list. :func:`accept_task` records the office's acceptance.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from luoshi.errors import ConflictError, ValidationError
from luoshi.store.ledger import Ledger
from luoshi.store.models import Report, Task
from luoshi.store.models.supervision import TaskAcceptance, TaskReturn
from luoshi.supervise.clock import CHINA
from luoshi.supervise.items import Grade
from luoshi.supervise.progress import due_date, periods_due
from luoshi.supervise.status import (
    Measure,
    ProgressPoint,
    State,
    TaskFacts,
    TaskMilestone,
    TaskStatus,
    task_status,
)


@dataclass(frozen=True, slots=True)
class TaskRow:
    id: int
    section: str
    text: str
    indicator: str
    target: float | None
    unit: str
    deadline: date
    lead: str
    co: tuple[str, ...]
    value: float | None  # latest value reported by the date
    status: TaskStatus
    reports_due: int
    reports_on_time: int
    reports_late: int  # filed after the due day
    grade: str | None  # acceptance grade, once closed
    demo: bool = False  # from a demo report or with demo progress: label it wherever it shows

    def as_dict(self) -> dict[str, Any]:
        s = self.status
        return {
            "id": self.id,
            "section": self.section,
            "text": self.text,
            "indicator": self.indicator,
            "target": self.target,
            "unit": self.unit,
            "deadline": self.deadline.isoformat(),
            "lead": self.lead,
            "co": list(self.co),
            "value": self.value,
            "progress": None if s.progress is None else round(s.progress, 4),
            "elapsed": round(s.elapsed, 4),
            "state": s.state.value,
            "state_label": s.state.label,
            "colour": s.colour.value,
            "overdue_days": s.overdue_days,
            "missed_reports": [d.isoformat() for d in s.missed_reports],
            "reports_due": self.reports_due,
            "reports_on_time": self.reports_on_time,
            "reports_late": self.reports_late,
            "grade": self.grade,
            "returned_on": None if s.returned_on is None else s.returned_on.isoformat(),
            "demo": self.demo,
        }


def measure_of(task: Task) -> Measure:
    unit = task.target_unit or ""
    if task.target_modifier == "at_most":
        return Measure.CEILING
    if "%" in unit or "百分点" in unit or "‰" in unit:
        return Measure.RATE
    return Measure.CUMULATIVE


def task_facts(
    task: Task, as_of: date, closed_on: date | None, returned: TaskReturn | None = None
) -> TaskFacts:
    """What :func:`task_status` needs, from a ledger task (and its latest return, if any)."""
    due = {key: due_date(key, task.due_day) for key in periods_due(task, date.max)}
    points = tuple(
        ProgressPoint(
            on=p.reported_at.astimezone(CHINA).date(),
            value=p.value,
            done=p.done,
            answers=due.get(p.period),
            seq=p.id,
        )
        for p in task.progress
    )
    return TaskFacts(
        start=task.starts_on,
        deadline=task.deadline,
        target=task.target_value,
        measure=measure_of(task),
        reports=tuple(sorted(points, key=lambda p: p.on)),
        milestones=tuple(TaskMilestone(m.title, m.due, m.done_on) for m in task.milestones),
        report_due=tuple(sorted(due.values())),
        closed_on=closed_on,
        returned_on=returned.returned_on if returned else None,
        returned_after=(returned.after_report_id or 0) if returned else 0,
    )


def latest_returns(ledger: Ledger, task_id: int | None = None) -> dict[int, TaskReturn]:
    """Each task's latest return (退回) by id order, for one task or all."""
    only: dict[str, Any] = {} if task_id is None else {"task_id": task_id}
    return {r.task_id: r for r in ledger.all(TaskReturn, order_by="id", **only)}


def task_board(ledger: Ledger, *, as_of: date | None = None, tolerance: float = 0.05) -> list[TaskRow]:
    """Every plan task (report order) with its status at the end of ``as_of``."""
    day = as_of or ledger.clock.today()
    accepted = {a.task_id: a for a in ledger.all(TaskAcceptance)}
    returns = latest_returns(ledger)
    demo_reports = {r.id for r in ledger.all(Report, demo=True)}
    rows = []
    for task in ledger.all(Task, order_by="report_id,ordinal"):
        acceptance = accepted.get(task.id)
        closed_on = acceptance.accepted_on if acceptance else None
        facts = task_facts(task, day, closed_on, returns.get(task.id))
        row = _row(task, facts, task_status(facts, day, tolerance=tolerance), day, acceptance)
        demo = task.report_id in demo_reports or any(p.demo for p in task.progress)
        rows.append(replace(row, demo=demo) if demo else row)
    return rows


def _row(task: Task, facts: TaskFacts, status: TaskStatus, day: date, acc: TaskAcceptance | None) -> TaskRow:
    leads = [a.unit.name for a in task.assignments if a.role == "lead"]
    cos = tuple(a.unit.name for a in task.assignments if a.role == "co")
    seen = [r for r in facts.reports if r.on <= day]
    values = [r.value for r in seen if r.value is not None]
    finished = status.done_on or facts.closed_on
    due = [d for d in facts.report_due if d <= day and (finished is None or d <= finished)]
    first: dict[date, date] = {}
    for r in seen:
        if r.answers is not None:
            first.setdefault(r.answers, r.on)
    return TaskRow(
        id=task.id,
        section=task.section or "",
        text=task.text,
        indicator=task.indicator or "",
        target=task.target_value,
        unit=task.target_unit or "",
        deadline=task.deadline,
        lead=leads[0] if leads else "",
        co=cos,
        value=values[-1] if values else None,
        status=status,
        reports_due=len(due),
        reports_on_time=sum(1 for d in due if d in first and first[d] <= d),
        reports_late=sum(1 for d, on in first.items() if on > d),
        grade=acc.grade if acc is not None and acc.accepted_on <= day else None,
    )


def accept_task(
    ledger: Ledger, *, task_id: int, grade: Grade, note: str = "", on: date | None = None
) -> TaskAcceptance:
    """验收销号 a finished task with a grade; only a task whose unit reported it done."""
    day = on or ledger.clock.today()
    task = ledger.get(Task, task_id)
    if ledger.find(TaskAcceptance, task_id=task_id) is not None:
        raise ConflictError(f"任务 {task_id} 已验收销号")
    status = task_status(task_facts(task, day, None, latest_returns(ledger, task_id).get(task_id)), day)
    if status.state is not State.DONE:
        raise ValidationError(f"任务 {task_id} 尚未报告完成（当前：{status.state.label}），不能验收销号")
    acceptance = TaskAcceptance(
        task_id=task_id,
        accepted_on=day,
        grade=grade.value,
        note=note,
        accepted_by=ledger.actor,
        recorded_at=ledger.clock.now(),
    )
    return ledger.add(acceptance)
