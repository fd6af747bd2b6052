"""Assign a report's tasks from its breakdown document (分工方案): preview, then apply.

:func:`preview` reads the breakdown (:mod:`luoshi.extract.fengong`), links each line to the report
tasks it comes from and resolves its unit names (:mod:`luoshi.link.fengong`), and works out what
each task would get — lead units (牵头), co-units (配合), a deadline, a responsible leader — and how
that differs from the ledger. :func:`apply` writes those differences in the caller's unit of work
(one transaction, every row audited): assignments confirmed with source ``fengong``, deadlines
with source ``fengong``. Running it again with the same document changes nothing; a revised one
changes what it revises and says so. A deadline is not moved on a task that already has a
progress report (that is a 延期申请) or has been accepted (已销号): the preview says why.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from luoshi.errors import ValidationError
from luoshi.extract.fengong import Breakdown, BreakdownLine, BreakdownMeta, read_breakdown
from luoshi.link.fengong import Candidate, Link, Resolved, UnitRef, UnitResolver, link_lines
from luoshi.store.ledger import Ledger
from luoshi.store.models import Report, Task, Unit
from luoshi.store.models.supervision import TaskAcceptance
from luoshi.supervise.assign import replace_assignments
from luoshi.supervise.levels import hand_down
from luoshi.supervise.reports import stored_text
from luoshi.tabular import Column, Sheet

SOURCE = "fengong"
STOPS = "。；;！!？?\n"


@dataclass(slots=True)
class PlannedLine:
    """One breakdown line, the report tasks it covers and its units resolved."""

    line: BreakdownLine
    link: Link
    lead: list[Resolved]
    co: list[Resolved]


@dataclass(slots=True)
class TaskPlan:
    """What one report task gets from the lines that cover it."""

    task_id: int
    leads: list[str] = field(default_factory=list)  # unit codes
    co: list[str] = field(default_factory=list)
    deadline: date | None = None
    leader: str | None = None
    lines: list[str] = field(default_factory=list)  # the numbers of the lines
    counties: list[str] = field(default_factory=list)  # 各县（区）分别负责: handed down (转办) to each


@dataclass(frozen=True, slots=True)
class Change:
    task_id: int
    what: str  # 牵头 | 配合 | 期限 | 牵头领导 | 未改期限 | 转办
    before: str
    after: str


@dataclass(slots=True)
class Preview:
    report_id: int
    meta: BreakdownMeta
    lines: list[PlannedLine]
    plans: dict[int, TaskPlan]
    uncovered: list[tuple[int, str]]  # report tasks no line covers
    unknown: list[str]  # unit names the catalogue does not know
    changes: list[Change]
    names: dict[str, str]  # unit code → name
    applied: bool = False

    @property
    def unlinked(self) -> list[PlannedLine]:
        return [p for p in self.lines if not p.link.task_ids]


def preview(ledger: Ledger, *, report_id: int, text: str) -> Preview:
    """Read ``text`` (the breakdown) against report ``report_id``; nothing is written."""
    report = ledger.get(Report, report_id)
    breakdown = read_breakdown(text, year=report.year)
    if not breakdown.lines:
        raise ValidationError(
            "没有读到分工任务：每条任务须以（X牵头，Y按职责分工负责，期限）结尾，或为分工表格"
        )
    tasks = ledger.all(
        Task, report_id=report_id, parent_id=None, order_by="ordinal", load=["assignments.unit"]
    )
    units = ledger.all(Unit, active=True, order_by="position,id")
    resolver = UnitResolver(UnitRef(u.code, u.name, u.kind, tuple(u.aliases)) for u in units)
    planned = _plan_lines(breakdown, candidates(ledger, report_id, tasks), resolver)
    plans = _task_plans(planned)
    covered = set(plans)
    unknown = sorted({r.written for p in planned for r in (*p.lead, *p.co) if r.how == "unknown"})
    return Preview(
        report_id=report_id,
        meta=breakdown.meta,
        lines=planned,
        plans=plans,
        uncovered=[(t.id, t.text) for t in tasks if t.id not in covered],
        unknown=unknown,
        changes=_changes(ledger, {t.id: t for t in tasks}, plans, {u.code: u.name for u in units}),
        names={u.code: u.name for u in units},
    )


def apply(ledger: Ledger, *, report_id: int, text: str) -> Preview:
    """Write what :func:`preview` proposes (in the caller's transaction) and return it, applied."""
    result = preview(ledger, report_id=report_id, text=text)
    by_code = {u.code: u for u in ledger.all(Unit)}
    changed = {c.task_id for c in result.changes if c.what != "未改期限"}
    reason = f"分工方案{('《' + result.meta.title + '》') if result.meta.title else ''}{result.meta.doc_no}"
    for task in ledger.all(Task, id=sorted(changed), load=["assignments.unit"]):
        plan = result.plans[task.id]
        if plan.leads and not _same(task, plan):
            leads = [by_code[c] for c in plan.leads]
            co = [by_code[c] for c in plan.co]
            lines = "、".join(plan.lines)
            replace_assignments(
                ledger, task, leads, co, source=SOURCE, confirmed=True, reason=f"{reason} 第{lines}条"
            )
        if plan.deadline is not None and _deadline_settable(ledger, task, plan.deadline) is None:
            task.deadline, task.deadline_source = plan.deadline, SOURCE
        if plan.leader is not None:
            task.leader = plan.leader
        if plan.counties:  # 各县（区）分别负责: one linked task per county, on its own clock
            ledger.flush()
            hand_down(ledger, task.id, [by_code[c].code for c in plan.counties])
    ledger.flush()
    result.applied = True
    return result


def candidates(ledger: Ledger, report_id: int, tasks: list[Task]) -> list[Candidate]:
    """The report's tasks with the clean sentence each sits in."""
    text = stored_text(ledger, report_id)
    clean, index = text.clean, list(text.index)
    found = []
    for task in tasks:
        pos = max(bisect_right(index, task.start) - 1, 0)
        start = max((clean.rfind(ch, 0, pos) for ch in STOPS), default=-1) + 1
        ends = [e for ch in STOPS if (e := clean.find(ch, pos)) != -1]
        end = min(ends) if ends else len(clean)
        found.append(Candidate(task.id, task.text, clean[start:end].strip()))
    return found


def _plan_lines(breakdown: Breakdown, found: list[Candidate], resolver: UnitResolver) -> list[PlannedLine]:
    links = link_lines((line.task for line in breakdown.lines), found)
    return [
        PlannedLine(
            line, link, [resolver.resolve(n) for n in line.lead], [resolver.resolve(n) for n in line.co]
        )
        for line, link in zip(breakdown.lines, links, strict=True)
    ]


def _task_plans(planned: list[PlannedLine]) -> dict[int, TaskPlan]:
    """Each covered task's units, deadline and leader; a task two lines cover gets both lines'
    units (a lead in either leads) and the earlier deadline."""
    plans: dict[int, TaskPlan] = {}
    for p in planned:
        leads = [c for r in p.lead if r.how != "each" for c in r.codes]
        counties = [c for r in p.lead if r.how == "each" for c in r.codes]
        co = [c for r in p.co for c in r.codes]
        for task_id in p.link.task_ids:
            plan = plans.setdefault(task_id, TaskPlan(task_id))
            plan.leads += [c for c in leads if c not in plan.leads]
            plan.co += [c for c in co if c not in plan.co]
            plan.co = [c for c in plan.co if c not in plan.leads]
            plan.counties += [c for c in counties if c not in plan.counties]
            if p.line.deadline is not None:
                plan.deadline = min(plan.deadline or p.line.deadline, p.line.deadline)
            plan.leader = plan.leader or (p.line.leaders[0] if p.line.leaders else None)
            plan.lines.append(p.line.n or "?")
    return plans


def _units_of(task: Task) -> tuple[list[str], list[str]]:
    leads = [a.unit.code for a in sorted(task.assignments, key=lambda a: a.id or 0) if a.role == "lead"]
    co = [a.unit.code for a in task.assignments if a.role == "co"]
    return leads, co


def _same(task: Task, plan: TaskPlan) -> bool:
    """The task already has these leads (the first one first) and these co-units (in any order)."""
    leads, co = _units_of(task)
    return leads == plan.leads and sorted(co) == sorted(plan.co)


def _changes(
    ledger: Ledger, tasks: dict[int, Task], plans: dict[int, TaskPlan], names: dict[str, str]
) -> list[Change]:
    changes = []
    for task_id, plan in plans.items():
        task = tasks[task_id]
        leads, co = _units_of(task)
        if plan.leads and not _same(task, plan):
            if leads != plan.leads:
                changes.append(Change(task_id, "牵头", _names(leads, names), _names(plan.leads, names)))
            if sorted(co) != sorted(plan.co):
                changes.append(Change(task_id, "配合", _names(co, names), _names(plan.co, names)))
        if plan.deadline is not None and plan.deadline != task.deadline:
            refusal = _deadline_settable(ledger, task, plan.deadline)
            what = "期限" if refusal is None else "未改期限"
            changes.append(
                Change(task_id, what, task.deadline.isoformat(), refusal or plan.deadline.isoformat())
            )
        if plan.leader is not None and plan.leader != task.leader:
            changes.append(Change(task_id, "牵头领导", task.leader or "", plan.leader))
        if missing := _not_handed(ledger, task, plan):
            changes.append(Change(task_id, "转办", "", _names(missing, names)))
    return changes


def _not_handed(ledger: Ledger, task: Task, plan: TaskPlan) -> list[str]:
    """The counties the plan hands the task down to that have no child task of it yet."""
    if not plan.counties:
        return []
    handed = sorted(i for c in ledger.all(Task, parent_id=task.id) if (i := c.handed_to_id) is not None)
    done = {u.code for u in ledger.all(Unit, id=handed)} if handed else set()
    return [c for c in plan.counties if c not in done]


def _deadline_settable(ledger: Ledger, task: Task, deadline: date) -> str | None:
    """Why the breakdown's deadline cannot be written on this task, or None when it can."""
    if ledger.find(TaskAcceptance, task_id=task.id) is not None:
        return f"{deadline.isoformat()}（任务已销号，未改）"
    if task.progress:
        return f"{deadline.isoformat()}（已有进展报告，须走延期申请）"
    if deadline < task.starts_on:
        return f"{deadline.isoformat()}（早于任务起始日期，未改）"
    return None


def _names(codes: list[str], names: dict[str, str]) -> str:
    return "、".join(names.get(c, c) for c in codes)


def preview_dict(result: Preview, texts: dict[int, str] | None = None) -> dict[str, Any]:
    """The preview as JSON: line → report task → lead/co-units → deadline, the tasks no line covers,
    the lines with no report task, unknown names and the changes."""
    return {
        "report_id": result.report_id,
        "applied": result.applied,
        "meta": result.meta.to_dict(),
        "lines": [_line_dict(p, result.names) for p in result.lines],
        "uncovered_tasks": [{"id": i, "text": t} for i, t in result.uncovered],
        "unlinked_lines": [{"n": p.line.n, "task": p.line.task} for p in result.unlinked],
        "unknown_units": result.unknown,
        "changes": [
            {"task_id": c.task_id, "what": c.what, "before": c.before, "after": c.after}
            for c in result.changes
        ],
    }


def _line_dict(p: PlannedLine, names: dict[str, str]) -> dict[str, Any]:
    link = p.link
    return {
        **p.line.to_dict(),
        "report_task": None
        if link.task_id is None
        else {
            "id": link.task_id,
            "text": link.sentence,
            "tasks": link.task_ids,
            "also_from": link.also,
            "cover": link.cover,
        },
        "lead_units": [_resolved(r, names) for r in p.lead],
        "co_units": [_resolved(r, names) for r in p.co],
    }


def _resolved(r: Resolved, names: dict[str, str]) -> dict[str, Any]:
    return {"written": r.written, "how": r.how, "units": [names.get(c, c) for c in r.codes]}


def preview_rows(result: Preview) -> list[dict[str, Any]]:
    """One flat row per line (table, CSV and xlsx)."""
    rows = []
    for p in result.lines:
        rows.append(
            {
                "序号": p.line.n,
                "分工任务": p.line.task,
                "报告任务": "、".join(str(i) for i in p.link.task_ids) or "（报告中未找到）",
                "牵头单位": _written(p.lead, result.names),
                "配合单位": _written(p.co, result.names),
                "牵头领导": "、".join(p.line.leaders),
                "完成时限": p.line.deadline.isoformat() if p.line.deadline else (p.line.deadline_text or ""),
            }
        )
    return rows


def _written(resolved: list[Resolved], names: dict[str, str]) -> str:
    parts = []
    for r in resolved:
        if r.how == "unit" and names.get(r.codes[0]) != r.written:
            parts.append(f"{r.written}（{names.get(r.codes[0])}）")
        elif r.how == "unknown":
            parts.append(f"{r.written}（目录中没有）")
        elif r.how == "each":
            parts.append(f"{r.written}（{len(r.codes)} 个）")
        else:
            parts.append(r.written)
    return "、".join(parts)


def preview_sheets(result: Preview) -> list[Sheet]:
    """The preview as a workbook: the lines, the tasks no line covers, the changes."""
    rows = preview_rows(result)
    lines = Sheet(
        "分工",
        result.meta.title or "分工方案",
        [Column(k, k, 40 if k == "分工任务" else 16) for k in (rows[0] if rows else [])],
        rows,
        colour_key=None,
    )
    uncovered = Sheet(
        "无分工的报告任务",
        None,
        [Column("id", "任务", 8), Column("text", "内容", 80)],
        [{"id": i, "text": t} for i, t in result.uncovered],
        colour_key=None,
    )
    changes = Sheet(
        "变更",
        None,
        [
            Column("task_id", "任务", 8),
            Column("what", "项目"),
            Column("before", "原", 30),
            Column("after", "新", 30),
        ],
        [
            {"task_id": c.task_id, "what": c.what, "before": c.before, "after": c.after}
            for c in result.changes
        ],
        colour_key=None,
    )
    return [lines, uncovered, changes]
