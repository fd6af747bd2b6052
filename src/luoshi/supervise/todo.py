"""A reporting unit's to-do (待办), derived on the day, never stored: the progress reports due within
the week (and those already late), the supervision items waiting for the unit's step, and what the
office sent back (退回重办), items and tasks. Several tasks' progress goes in at once with
:func:`add_progress_rows`: every row or none, each row's error named."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

from luoshi.errors import LuoshiError, ValidationError
from luoshi.store.ledger import Ledger
from luoshi.store.models import ProgressReport, Task
from luoshi.store.models.supervision import SupervisionOrder
from luoshi.supervise.orders import list_orders
from luoshi.supervise.progress import ProgressInput, add_progress, default_period, due_date, periods_due
from luoshi.supervise.progress import task_entry as entry_of
from luoshi.supervise.snapshot import board
from luoshi.supervise.stages import REWORK, ItemState
from luoshi.supervise.status import State

WEEK = 7  # "this week": today and the six days after it
FINISHED = frozenset({State.DONE.value, State.CLOSED.value})
UNIT_STEPS = frozenset({ItemState.OPEN, ItemState.RESOLVED})  # the unit acts (else the office)


@dataclass(frozen=True, slots=True)
class DueReport:
    """A task whose progress report falls due this week or is already late."""

    task_id: int
    text: str
    period: str  # the period a report filed today is for
    due: date  # the earliest unfiled report's due day
    late: bool  # that day has passed
    owed: int  # unfiled reports due by the end of the week
    prompt: str  # what the value is typed as: 完成值（万人）
    has_target: bool  # a number to report (else a self-assessed percentage)


@dataclass(frozen=True, slots=True)
class WaitingItem:
    """A supervision item waiting for the unit's step (or sent back for rework)."""

    id: int
    title: str
    step: str  # the stage it waits on (研究部署, 反馈办理情况 …, 申请销号)
    due: date | None
    overdue: int
    lead: bool  # the unit leads it (else it helps, 配合)
    returned: bool = False  # the office sent its closure back (退回重办)


@dataclass(frozen=True, slots=True)
class ReturnedTask:
    task_id: int
    text: str
    returned_on: date


@dataclass(frozen=True, slots=True)
class Todo:
    reports: list[DueReport] = field(default_factory=list)
    items: list[WaitingItem] = field(default_factory=list)
    returned_items: list[WaitingItem] = field(default_factory=list)
    returned_tasks: list[ReturnedTask] = field(default_factory=list)

    @property
    def count(self) -> int:
        return len(self.reports) + len(self.items) + len(self.returned_items) + len(self.returned_tasks)


def unit_todo(ledger: Ledger, *, unit_id: int, today: date) -> Todo:
    """What a unit has to do as of ``today``: reports and returned tasks of the tasks it leads (the
    lead reports), items it leads or helps with."""
    led = [r for r in board(ledger, today) if r.lead_unit_id == unit_id and r.state not in FINISHED]
    returned = [ReturnedTask(r.id, r.text, r.returned_on) for r in led if r.returned_on is not None]
    waiting = waiting_items(ledger, unit_id=unit_id, today=today)
    return Todo(
        reports=reports_due(ledger, task_ids=[r.id for r in led], today=today),
        items=[i for i in waiting if not i.returned],
        returned_items=[i for i in waiting if i.returned],
        returned_tasks=returned,
    )


def reports_due(ledger: Ledger, *, task_ids: Sequence[int], today: date, days: int = WEEK) -> list[DueReport]:
    """Of ``task_ids``, those whose latest report due within ``days`` (or already due) is not filed,
    earliest due first. Older gaps are counted in ``owed``; filing the latest clears the to-do, as
    it clears 缺报."""
    horizon = today + timedelta(days=days - 1)
    found = []
    for task in ledger.all(Task, id=list(task_ids)) if task_ids else []:
        due_by = periods_due(task, horizon)
        filed = {p.period for p in task.progress}
        if not due_by or due_by[-1] in filed:
            continue
        due = due_date(due_by[-1], task.due_day)
        owed = sum(1 for key in due_by if key not in filed)
        entry = entry_of(ledger, task)
        found.append(DueReport(task.id, task.text, default_period(task, today, filed), due, due < today, owed,
                               entry.prompt, task.target_value is not None))  # fmt: skip
    return sorted(found, key=lambda r: (r.due, r.task_id))


def waiting_items(ledger: Ledger, *, unit_id: int, today: date) -> list[WaitingItem]:
    """Open items the unit leads or helps with whose next step is the unit's, most overdue first."""
    units = {o.id: [o.lead_unit_id, *o.co_unit_ids] for o in ledger.all(SupervisionOrder)}
    found = []
    for v in list_orders(ledger, as_of=today):
        if unit_id not in units[v.id] or v.status.state not in UNIT_STEPS:
            continue
        stage = v.status.stage
        if stage is None:  # resolved, every stage met: the unit asks for acceptance (申请销号)
            found.append(WaitingItem(v.id, v.title, "申请销号", None, 0, units[v.id][0] == unit_id))
            continue
        rework = stage.key.startswith(REWORK)
        label = "退回重办" if rework else stage.label
        lead = units[v.id][0] == unit_id
        found.append(WaitingItem(v.id, v.title, label, stage.due, stage.overdue, lead, rework))
    return sorted(found, key=lambda i: (-i.overdue, i.due or today, i.id))


@dataclass(frozen=True, slots=True)
class ProgressRow:
    """One task's report in a form of several: what was typed, and its evidence files."""

    task_id: int
    entry: ProgressInput
    evidence: Sequence[tuple[str, bytes]] = ()


class RowErrors(ValidationError):
    """Some rows were refused: nothing was saved. ``rows`` maps task id → its error."""

    def __init__(self, rows: dict[int, str]) -> None:
        super().__init__(f"{len(rows)} 项有误，未保存任何进展；请按提示修改后重新提交")
        self.rows = rows


def add_progress_rows(
    ledger: Ledger,
    rows: Sequence[ProgressRow],
    *,
    reporter: str,
    unit_id: int | None,
    evidence_dir: Path,
    errors: dict[int, str] | None = None,
) -> list[ProgressReport]:
    """File every row with :func:`~luoshi.supervise.progress.add_progress` (same rules, same
    evidence checks) in the caller's unit of work; if any row is refused — here or in ``errors``,
    the caller's own findings — raise :class:`RowErrors` naming each, so the caller rolls back."""
    refused = dict(errors or {})
    if not rows and not refused:
        raise ValidationError("没有填写任何进展：请至少填写一项任务的完成值、说明或勾选已完成")
    saved = []
    for row in rows:
        try:
            report = add_progress(
                ledger, task_id=row.task_id, entry=row.entry, reporter=reporter, evidence=row.evidence,
                evidence_dir=evidence_dir, unit_id=unit_id,
            )  # fmt: skip
            saved.append(report)
        except LuoshiError as exc:  # checked before anything of the row is written
            refused[row.task_id] = str(exc)
    if refused:
        raise RowErrors(refused)
    return saved
