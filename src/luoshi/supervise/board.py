"""The ledger as of a date: every task with its derived status, units and reporting record.

:func:`task_board` turns ledger rows into :class:`~luoshi.supervise.status.TaskFacts` and asks
:func:`~luoshi.supervise.status.task_status`; reviews, scoreboards, the CLI and the web pages
all read the same :class:`StatusRow` list. :func:`accept_task` records the office's acceptance.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from functools import lru_cache
from typing import Any

from luoshi.clock import CHINA
from luoshi.errors import ConflictError, ValidationError
from luoshi.store.board import TaskRecord, load_board
from luoshi.store.ledger import Ledger
from luoshi.store.models import Task
from luoshi.store.models.supervision import TaskAcceptance, TaskReturn
from luoshi.supervise.entry import entry_unit
from luoshi.supervise.items import Grade
from luoshi.supervise.progress import exists_on, owed, percent_of, report_schedule
from luoshi.supervise.rollup import ChildFacts, RollUp, roll_up, rolled_state
from luoshi.supervise.status import (
    MISSING_AFTER,
    Measure,
    ProgressPoint,
    State,
    TaskFacts,
    TaskMilestone,
    TaskStatus,
    task_status,
)


@dataclass(frozen=True, slots=True)
class StatusRow:
    id: int
    section: str
    text: str
    indicator: str
    target: float | None  # as the report wrote it (1100 万人; a fall as a positive 3 下降 %)
    unit: str  # the unit progress is typed and shown in (万人)
    deadline: date
    lead: str
    co: tuple[str, ...]
    value: float | None  # latest value reported by the date, in ``unit``
    status: TaskStatus
    reports_due: int
    reports_on_time: int
    reports_late: int  # filed after the due day
    grade: str | None  # acceptance grade, once closed
    demo: bool = False  # from a demo report or with demo progress: label it wherever it shows
    returns: int = 0  # reported finishes the office returned (退回) by the date
    fall: bool = False  # a reduction target: target and value are falls (下降)
    year: int | None = None  # the ledger year
    origin_id: int | None = None  # the earlier year's task it continues (结转)
    parent_id: int | None = None  # 转办: the higher level's task it was handed down from
    handed_to: str = ""  # 转办: the county it was handed to
    rollup: RollUp | None = None  # 转办: its children summed up (its status is then the roll-up's)

    def to_dict(self) -> dict[str, Any]:
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
            "returns": self.returns,
            "fall": self.fall,
            "year": self.year,
            "origin_id": self.origin_id,
            "parent_id": self.parent_id,
            "handed_to": self.handed_to,
            "rollup": None if self.rollup is None else self.rollup.to_dict(),
        }


def measure_of(task: Task) -> Measure:
    return measure_for(task.target_unit, task.target_modifier, task.indicator, task.target_value)


def measure_for(
    target_unit: str | None,
    target_modifier: str | None,
    indicator: str | None = None,
    target: float | None = None,
) -> Measure:
    """How progress against a target is read. A ceiling is stated (控制在…以内) or, for a positive
    target, comes from the indicator vocabulary: 居民消费价格涨幅3%左右 is met at 2.2%."""
    unit = target_unit or ""
    if target_modifier == "at_most" or (indicator and (target or 0) > 0 and _ceiling(indicator)):
        return Measure.CEILING
    if "%" in unit or "百分点" in unit or "‰" in unit:
        return Measure.RATE
    return Measure.CUMULATIVE


@lru_cache(maxsize=4096)
def _ceiling(indicator: str) -> bool:
    """Whether Chinese practice reads targets for this indicator as ceilings (CPI, 失业率, 赤字率)."""
    from luoshi.link.vocabulary import Direction, load_vocabulary

    return load_vocabulary().direction(indicator, "level") is Direction.CEILING


def task_facts(
    task: Task, as_of: date, closed_on: date | None, returned: TaskReturn | None = None
) -> TaskFacts:
    """What :func:`task_status` needs, from a ledger task (and its latest return, if any)."""
    schedule = report_schedule(task.cadence, task.starts_on, task.deadline, task.due_day)
    due = dict(schedule)
    points = tuple(
        ProgressPoint(
            on=p.reported_at.astimezone(CHINA).date(),
            value=p.value,
            percent=percent_of(p.percent, p.percent_checked),
            done=p.done,
            answers=due.get(p.period),
            seq=p.id,
        )
        for p in task.progress
    )
    since = exists_on(task.report.delivered_on, task.report.ingested_at)
    return TaskFacts(
        start=task.starts_on,
        deadline=task.deadline,
        target=task.target_value,
        measure=measure_of(task),
        modifier=task.target_modifier,
        slack=target_slack(task.target_value, task.target_unit),
        reports=tuple(sorted(points, key=lambda p: p.on)),
        milestones=tuple(TaskMilestone(m.title, m.due, m.done_on) for m in task.milestones),
        report_due=tuple(sorted(d for _, d in owed(schedule, since))),
        closed_on=closed_on,
        returned_on=returned.returned_on if returned else None,
        returned_after=(returned.after_report_id or 0) if returned else 0,
    )


def target_slack(target: float | None, unit: str | None) -> float:
    """The 左右 tolerance for a target, from the indicator vocabulary's settings."""
    from luoshi.link.verdict import about_slack
    from luoshi.link.vocabulary import load_vocabulary

    return 0.0 if target is None else about_slack(target, unit or "", load_vocabulary().settings)


def latest_returns(ledger: Ledger, task_id: int | None = None) -> dict[int, TaskReturn]:
    """Each task's latest return (退回) by id order, for one task or all."""
    only: dict[str, Any] = {} if task_id is None else {"task_id": task_id}
    return {r.task_id: r for r in ledger.all(TaskReturn, order_by="id", **only)}


def task_board(
    ledger: Ledger,
    *,
    as_of: date | None = None,
    tolerance: float = 0.05,
    missing_after: int = MISSING_AFTER,
    year: int | None = None,
) -> list[StatusRow]:
    """Every plan task of the report year (``year``, else the ledger's) in report order, with its
    status at the end of ``as_of``."""
    day = as_of or ledger.clock.today()
    scope = ledger.year if year is None else year
    rows = [record_row(r, day, tolerance, missing_after) for r in load_board(ledger) if r.year == scope]
    return with_rollups(rows)


def with_rollups(rows: list[StatusRow]) -> list[StatusRow]:
    """The rows with each handed-down (转办) parent's status replaced by its children's roll-up."""
    children: dict[int, list[ChildFacts]] = {}
    for row in rows:
        if row.parent_id is not None:
            facts = ChildFacts(row.status.state, row.status.colour, row.reports_late)
            children.setdefault(row.parent_id, []).append(facts)
    if not children:
        return rows
    return [_rolled(row, roll_up(children.get(row.id, ()))) for row in rows]


def _rolled(row: StatusRow, summary: RollUp | None) -> StatusRow:
    if summary is None:
        return row
    state, colour = rolled_state(row.status.state, row.status.colour, summary)
    return replace(row, status=replace(row.status, state=state, colour=colour), rollup=summary)


def record_facts(rec: TaskRecord) -> TaskFacts:
    """What :func:`task_status` needs, from a task's stored facts (the bulk path of :func:`task_facts`)."""
    schedule = report_schedule(rec.cadence, rec.starts_on, rec.deadline, rec.due_day)
    due = dict(schedule)
    points = tuple(
        ProgressPoint(on=p.reported_at.astimezone(CHINA).date(), value=p.value, done=p.done,
                      answers=due.get(p.period), seq=p.id, percent=percent_of(p.percent, p.percent_checked))
        for p in rec.progress
    )  # fmt: skip
    return TaskFacts(
        start=rec.starts_on,
        deadline=rec.deadline,
        target=rec.target_value,
        measure=measure_for(rec.target_unit, rec.target_modifier, rec.indicator, rec.target_value),
        modifier=rec.target_modifier,
        slack=target_slack(rec.target_value, rec.target_unit),
        reports=tuple(sorted(points, key=lambda p: p.on)),
        milestones=tuple(TaskMilestone(*m) for m in rec.milestones),
        report_due=tuple(sorted(d for _, d in owed(schedule, _born(rec)))),
        closed_on=rec.accepted[0] if rec.accepted else None,
        returned_on=rec.returned[0] if rec.returned else None,
        returned_after=rec.returned[1] if rec.returned else 0,
    )


def _born(rec: TaskRecord) -> date:
    return date.min if rec.report_born is None else exists_on(*rec.report_born)


def record_row(
    rec: TaskRecord, day: date, tolerance: float = 0.05, missing_after: int = MISSING_AFTER
) -> StatusRow:
    """One board row from a task's stored facts, with its status at the end of ``day``."""
    facts = record_facts(rec)
    status = task_status(facts, day, tolerance=tolerance, missing_after=missing_after)
    seen = [r for r in facts.reports if r.on <= day]
    values = [r.value for r in seen if r.value is not None]
    finished = status.done_on or facts.closed_on
    due = [d for d in facts.report_due if d <= day and (finished is None or d <= finished)]
    first: dict[date, date] = {}
    for r in seen:
        if r.answers is not None:
            first.setdefault(r.answers, r.on)
    entry = entry_unit(rec.target_value, rec.target_unit, rec.written)  # shown as the report wrote it
    return StatusRow(
        id=rec.id,
        section=rec.section or "",
        text=rec.text,
        indicator=rec.indicator or "",
        target=entry.shown(rec.target_value),
        unit=entry.label,
        deadline=rec.deadline,
        lead=rec.leads[0][1] if rec.leads else "",
        co=tuple(name for _, name in rec.cos),
        value=entry.shown(values[-1]) if values else None,
        status=status,
        reports_due=len(due),
        reports_on_time=sum(1 for d in due if d in first and first[d] <= d),
        reports_late=sum(1 for d, on in first.items() if on > d),
        grade=rec.accepted[1] if rec.accepted is not None and rec.accepted[0] <= day else None,
        demo=rec.demo_report or any(p.demo for p in rec.progress),
        returns=sum(1 for on in rec.returns if on <= day),
        fall=entry.fall,
        year=rec.year,
        origin_id=rec.origin_id,
        parent_id=rec.parent_id,
        handed_to=rec.handed_to,
    )


def require_reported_done(ledger: Ledger, task_id: int, day: date, *, doing: str) -> None:
    """Refuse ``doing`` (验收销号, 退回) on a task already accepted or not reported done on ``day``."""
    task = ledger.get(Task, task_id)
    if ledger.find(TaskAcceptance, task_id=task_id) is not None:
        raise ConflictError(f"任务 {task_id} 已验收销号，不能再{doing}")
    status = task_status(task_facts(task, day, None, latest_returns(ledger, task_id).get(task_id)), day)
    if status.state is not State.DONE:
        raise ValidationError(f"任务 {task_id} 尚未报告完成（当前：{status.state.label}），不能{doing}")


def accept_task(
    ledger: Ledger, *, task_id: int, grade: Grade, note: str = "", on: date | None = None
) -> TaskAcceptance:
    """验收销号 a finished task with a grade; only a task whose unit reported it done."""
    day = on or ledger.clock.today()
    require_reported_done(ledger, task_id, day, doing="验收销号")
    acceptance = TaskAcceptance(
        task_id=task_id,
        accepted_on=day,
        grade=grade.value,
        note=note,
        accepted_by=ledger.actor,
        recorded_at=ledger.clock.now(),
    )
    return ledger.add(acceptance)
