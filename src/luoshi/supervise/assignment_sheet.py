"""分工 as the office's confirm/edit screen shows it: each task of a report with its lead and co-units."""

from __future__ import annotations

from dataclasses import dataclass

from luoshi.errors import NotFoundError
from luoshi.store.ledger import Ledger
from luoshi.store.models import Report, Task
from luoshi.supervise.assign import assignment_status
from luoshi.supervise.scope import EVERYTHING, Scope, report_ids, require_report, task_ids, units_seen

STATUS_LABELS = {"unassigned": "未分工", "proposed": "待确认", "confirmed": "已确认"}


@dataclass(frozen=True, slots=True)
class AssignmentRow:
    task_id: int
    report_id: int
    ordinal: int
    section: str | None
    text: str
    lead: str  # unit name ("" when unassigned)
    co: list[str]
    status: str  # unassigned | proposed | confirmed
    source: str  # auto | manual | ""
    reason: str

    @property
    def status_label(self) -> str:
        return STATUS_LABELS[self.status]


@dataclass(frozen=True, slots=True)
class AssignmentSheet:
    report_id: int
    report_label: str
    rows: list[AssignmentRow]
    reports: list[tuple[int, str]]  # every stored report, newest first, for the picker

    def count(self, status: str) -> int:
        return sum(1 for r in self.rows if r.status == status)


def report_label(report: Report) -> str:
    """How the picker names a report: its title (else region, year), then region, year and version."""
    title = report.title or f"{report.year}年政府工作报告"
    return f"{title}（{report.region}，{report.year} 年，第 {report.version} 版）"


def assignment_sheet(
    ledger: Ledger, report_id: int | None, status: str = "", scope: Scope = EVERYTHING
) -> AssignmentSheet | None:
    """The tasks of ``report_id`` (default: the newest report), filtered by ``status`` when given;
    with a county's ``scope``, its reports and tasks only."""
    seen, tasks_seen = report_ids(ledger, scope), task_ids(ledger, scope)
    reports = [r for r in ledger.all(Report, order_by="-id") if seen is None or r.id in seen]
    if not reports:
        return None
    report = next((r for r in reports if r.id == report_id), None) if report_id else reports[0]
    if report is None:
        raise NotFoundError(f"报告 {report_id} 不存在")
    tasks = ledger.all(Task, report_id=report.id, order_by="ordinal", load=["assignments.unit"])
    rows = [_row(t) for t in tasks if tasks_seen is None or t.id in tasks_seen]
    shown = [r for r in rows if r.status == status] if status in STATUS_LABELS else rows
    return AssignmentSheet(report.id, report_label(report), shown, [(r.id, report_label(r)) for r in reports])


def _row(task: Task) -> AssignmentRow:
    lead = next((a for a in task.assignments if a.role == "lead"), None)
    co = [a.unit.name for a in sorted(task.assignments, key=lambda a: a.id) if a.role == "co"]
    status = assignment_status(task.assignments)
    return AssignmentRow(
        task_id=task.id, report_id=task.report_id, ordinal=task.ordinal, section=task.section, text=task.text,
        lead=lead.unit.name if lead else "", co=co, status=status, source=lead.source if lead else "",
        reason=lead.reason if lead else "",
    )  # fmt: skip


def task_assignment(ledger: Ledger, task_id: int) -> AssignmentRow:
    """One task's current assignment (the edit form starts from it)."""
    task = ledger.get(Task, task_id)
    return _row(task)


def report_task_ids(ledger: Ledger, report_id: int, scope: Scope = EVERYTHING) -> list[int]:
    """The report's tasks (those inside ``scope``); a report outside it is not found."""
    require_report(ledger, scope, report_id)
    seen = task_ids(ledger, scope)
    return [t.id for t in ledger.all(Task, report_id=report_id) if seen is None or t.id in seen]


def active_units(ledger: Ledger, scope: Scope = EVERYTHING) -> list[tuple[int, str]]:
    """The units a form may choose (catalogue order, disabled ones left out; a county's own only)."""
    return [(u.id, u.name) for u in units_seen(ledger, scope) if u.active]
