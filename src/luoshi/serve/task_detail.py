"""One task as its page shows it: the ledger row, the source text, progress, evidence and a timeline."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date, datetime
from typing import Any

from luoshi.errors import NotFoundError
from luoshi.serve.items import ItemRow, item_rows
from luoshi.store.board import per_version
from luoshi.store.ledger import Ledger
from luoshi.store.models import Evidence, ProgressReport, Task, Unit
from luoshi.store.models.supervision import TaskReturn
from luoshi.supervise.evidence import shown_name
from luoshi.supervise.labels import ASSIGNMENT_ROLES, FIELD_LABELS, period_label, plain_number, quantity_text
from luoshi.supervise.levels import TaskLevels, task_levels
from luoshi.supervise.rollup import rolled_state
from luoshi.supervise.scope import EVERYTHING, Scope
from luoshi.supervise.snapshot import TaskRow, task_row
from luoshi.supervise.status import Colour, State
from luoshi.supervise.years import Seam, task_seam


@dataclass(frozen=True, slots=True)
class EvidenceView:
    id: int
    name: str
    size: int
    media_type: str


@dataclass(frozen=True, slots=True)
class ProgressView:
    id: int
    period: str
    as_of: date
    value: float | None
    narrative: str
    problems: str
    done: bool
    reporter: str
    reported_at: datetime
    demo: bool
    evidence: list[EvidenceView]
    percent: float | None = None  # the unit's self-assessment (tasks without a number)
    percent_checked: float | None = None  # the office's check (核定), when made
    percent_checked_by: str | None = None
    percent_check_note: str | None = None


@dataclass(frozen=True, slots=True)
class TimelineEntry:
    at: datetime
    kind: str
    text: str
    actor: str


@dataclass(frozen=True, slots=True)
class TaskDetail:
    row: TaskRow
    report_id: int
    deadline_source: str
    cadence: str
    milestones: list[dict[str, Any]]
    progress: list[ProgressView]
    timeline: list[TimelineEntry]
    items: list[ItemRow] = field(default_factory=list)
    seam: Seam | None = None  # its year, the earlier task it continues, the later ones (结转)
    earlier_progress: list[ProgressView] = field(default_factory=list)  # the origin's reports
    earlier_items: list[ItemRow] = field(default_factory=list)
    levels: TaskLevels | None = None  # 转办: its parent task, its counties' children and their roll-up


def task_detail(ledger: Ledger, task_id: int, as_of: date, scope: Scope = EVERYTHING) -> TaskDetail:
    # the task with its milestones and report (its year), then its reports with their evidence: two
    # queries, not one per report (on PostgreSQL each query is a round trip)
    task = ledger.get(Task, task_id, load=("=milestones", "=report", "progress.=evidence"))
    row = task_row(ledger, task_id, as_of)
    if row is None:
        raise NotFoundError(f"任务 {task_id} 不存在")
    scope.require(scope.sees(row.unit_ids, row.handed_to_id, row.report_id), Task.__label__, task_id)
    progress = [_progress(p) for p in task.progress]
    levels = task_levels(ledger, task_id, as_of)
    if levels.rollup is not None:
        state, colour = rolled_state(State(row.state), Colour(row.colour), levels.rollup)
        row = replace(row, state=state.value, colour=colour.value, rollup=levels.rollup)
    return TaskDetail(
        row=row,
        levels=levels,
        report_id=task.report_id,
        deadline_source=task.deadline_source,
        cadence=task.cadence,
        milestones=[{"title": m.title, "due": m.due, "done_on": m.done_on} for m in task.milestones],
        progress=progress,
        timeline=_timeline(ledger, task_id, progress, row.target_unit),
        items=item_rows(ledger, as_of, task_id=task_id),
        **_across_years(ledger, task_id, as_of),
    )


def _across_years(ledger: Ledger, task_id: int, as_of: date) -> dict[str, Any]:
    """The seam between years: where the task came from, and its origins' reports and items."""
    seam = task_seam(ledger, task_id)
    origins = [ledger.get(Task, i) for i, _, _ in seam.earlier]
    return {
        "seam": seam,
        "earlier_progress": [_progress(p) for o in origins for p in o.progress],
        "earlier_items": [i for o in origins for i in item_rows(ledger, as_of, task_id=o.id)],
    }


def _progress(p: ProgressReport) -> ProgressView:
    return ProgressView(
        id=p.id,
        period=p.period,
        as_of=p.as_of,
        value=p.value,
        narrative=p.narrative,
        problems=p.problems,
        done=p.done,
        reporter=p.reporter,
        reported_at=p.reported_at,
        demo=p.demo,
        evidence=[EvidenceView(e.id, shown_name(e.name), e.size, e.media_type) for e in p.evidence],
        percent=p.percent,
        percent_checked=p.percent_checked,
        percent_checked_by=p.percent_checked_by,
        percent_check_note=p.percent_check_note,
    )


_ENTITY_LABELS = {
    "assignments": "分工",
    "milestones": "节点",
    "tasks": "任务",
    "task_acceptances": "验收销号",
}


def _timeline(ledger: Ledger, task_id: int, progress: list[ProgressView], unit: str) -> list[TimelineEntry]:
    entries = [TimelineEntry(p.reported_at, "进展", _progress_line(p, unit), p.reporter) for p in progress]
    entries += [
        TimelineEntry(r.recorded_at, "退回", f"退回重办：{r.reason}", r.returned_by)
        for r in ledger.all(TaskReturn, task_id=task_id)
    ]
    units: dict[int, str] | None = None  # read only for a page that shows a change
    for event in ledger.events(entity="tasks", entity_id=task_id):
        label = _ENTITY_LABELS.get(event.entity)
        if label is None or (event.entity == "tasks" and event.action == "insert"):
            continue
        if units is None:  # kept per data version, or until a unit changes
            units = per_version(
                ledger, "unit-names", lambda: {u.id: u.name for u in ledger.all(Unit)}, ["units"]
            )
        verb = {"insert": "新增", "update": "修改", "delete": "删除"}.get(event.action, event.action)
        what = f"{verb}{label}{_change(event.before, event.after, units)}"
        entries.append(TimelineEntry(event.at, label, what, event.actor))
    return sorted(entries, key=lambda e: e.at)


def _progress_line(p: ProgressView, unit: str = "") -> str:
    parts = [f"{period_label(p.period)}"]
    if p.value is not None:
        parts.append(f"完成值 {quantity_text(p.value, unit)}")
    if p.done:
        parts.append("申报完成")
    if p.evidence:
        parts.append(f"佐证 {len(p.evidence)} 份")
    return "，".join(parts)


def _change(before: dict[str, Any] | None, after: dict[str, Any] | None, units: dict[int, str]) -> str:
    """What a change did, in Chinese: 单位 市能源局，承办方式 牵头 (a row added) or 完成时限 旧→新."""
    old, new = before or {}, after or {}
    changed = [k for k in FIELD_LABELS if k in {**old, **new} and old.get(k) != new.get(k)]
    if not changed:
        return ""
    if before is None or after is None:  # a row added or removed: its values, not a change
        shown = new or old
        return "：" + "，".join(f"{FIELD_LABELS[k]} {field_value(k, shown.get(k), units)}" for k in changed)
    pairs = ((k, field_value(k, old.get(k), units), field_value(k, new.get(k), units)) for k in changed)
    return "：" + "，".join(f"{FIELD_LABELS[k]} {was}→{now}" for k, was, now in pairs)


def field_value(key: str, value: object, units: dict[int, str]) -> str:
    """A stored field's value as a person reads it (unit names, 牵头/配合, 已确认, dates, 654万)."""
    if value is None or value == "":
        return "—"
    if key == "role":
        return ASSIGNMENT_ROLES.get(str(value), str(value))
    if key == "unit_id" and isinstance(value, int):
        return units.get(value, f"单位 {value}")
    if isinstance(value, bool):
        return "已确认" if value else "未确认"
    if isinstance(value, int | float):
        return plain_number(value)
    return str(value)[:10] if key in ("deadline", "due", "done_on") else str(value)


def evidence_file(ledger: Ledger, evidence_id: int) -> tuple[Evidence, frozenset[int]]:
    """An evidence row and the units of the task it belongs to (for the ownership check)."""
    row = ledger.get(Evidence, evidence_id)
    task = row.progress_report.task
    return row, frozenset(a.unit_id for a in task.assignments)


def task_units(ledger: Ledger, task_id: int) -> frozenset[int]:
    """The units (lead and co) responsible for a task."""
    return frozenset(a.unit_id for a in ledger.get(Task, task_id).assignments)
