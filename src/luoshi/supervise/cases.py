"""示范带动: the office holds a task's, an item's or a unit's practice up as a model case.

A case keeps its write-up and evidence; the figures behind it (the task's progress, the unit's
on-time record) are computed when it is shown, never copied. Published cases appear on the public
showcase, in the periodic 通报 as the commended part, and earn the unit the scoring file's bonus.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from luoshi.errors import ValidationError
from luoshi.store import port as queries
from luoshi.store.ledger import Ledger
from luoshi.store.models import Task
from luoshi.store.models.port import ModelCase
from luoshi.store.models.supervision import SupervisionOrder
from luoshi.supervise import evidence
from luoshi.supervise.board import StatusRow, task_board
from luoshi.supervise.orders import view
from luoshi.supervise.units import find_unit


@dataclass(frozen=True, slots=True)
class CaseView:
    id: int
    version: int
    title: str
    summary: str
    unit: str
    task_id: int | None
    order_id: int | None
    marked_on: date
    published_on: date | None
    withdrawn_on: date | None
    evidence: list[dict[str, object]]
    figures: list[tuple[str, str]]  # (what, value) as people read them

    @property
    def public(self) -> bool:
        return self.published_on is not None and self.withdrawn_on is None


def mark(
    ledger: Ledger, *, title: str, summary: str, unit: str = "", task_id: int | None = None,
    order_id: int | None = None, files: Sequence[tuple[str, bytes]] = (), folder: Path | None = None,
) -> ModelCase:  # fmt: skip
    """Mark a practice as a model case (not yet public). The unit defaults to the task's or item's lead."""
    if not title.strip() or not summary.strip():
        raise ValidationError("示范案例须有标题和简要介绍")
    unit_id = _unit_of(ledger, unit, task_id, order_id)
    if files and folder is None:
        raise ValidationError("未配置佐证材料目录")
    stored = [evidence.save(folder, name, data) for name, data in files] if folder else []
    case = ModelCase(
        title=title.strip()[:200], summary=summary.strip(), unit_id=unit_id, task_id=task_id,
        order_id=order_id, evidence=[evidence.as_record(s) for s in stored],
        marked_on=ledger.clock.today(), marked_by=ledger.actor,
    )  # fmt: skip
    return ledger.add(case)


def _unit_of(ledger: Ledger, unit: str, task_id: int | None, order_id: int | None) -> int:
    if unit.strip():
        return find_unit(ledger, unit.strip()).id
    if order_id is not None:
        return ledger.get(SupervisionOrder, order_id).lead_unit_id
    if task_id is not None:
        leads = [a.unit_id for a in ledger.get(Task, task_id).assignments if a.role == "lead"]
        if leads:
            return leads[0]
    raise ValidationError("请指明示范案例所属单位")


def publish(ledger: Ledger, case_id: int, *, version: int | None = None) -> ModelCase:
    case = ledger.get(ModelCase, case_id, version=version)
    if case.published_on is not None and case.withdrawn_on is None:
        raise ValidationError("该案例已发布")
    case.published_on, case.withdrawn_on = ledger.clock.today(), None
    ledger.flush()
    return case


def withdraw(ledger: Ledger, case_id: int, *, version: int | None = None) -> ModelCase:
    case = ledger.get(ModelCase, case_id, version=version)
    if case.published_on is None or case.withdrawn_on is not None:
        raise ValidationError("该案例未发布")
    case.withdrawn_on = ledger.clock.today()
    ledger.flush()
    return case


def published_counts(ledger: Ledger, as_of: date) -> dict[str, int]:
    """Published model cases per unit name by ``as_of`` (the scoring file's 示范 bonus counts these)."""
    return dict(Counter(c.unit.name for c in _published(ledger, as_of)))


def _published(ledger: Ledger, as_of: date) -> list[ModelCase]:
    return queries.cases_published_by(ledger, as_of)


def list_cases(
    ledger: Ledger, as_of: date, *, public_only: bool = False, board: Sequence[StatusRow] | None = None
) -> list[CaseView]:
    """Cases with their figures as of a date; ``public_only``: what the showcase shows. ``board``:
    the task board of that date, when the caller has it."""
    cases = _published(ledger, as_of) if public_only else ledger.all(ModelCase, order_by="id")
    if not cases:
        return []
    rows = {t.id: t for t in (board if board is not None else task_board(ledger, as_of=as_of))}
    return [_view(ledger, c, rows, as_of) for c in cases]


def _view(ledger: Ledger, case: ModelCase, rows: dict[int, StatusRow], as_of: date) -> CaseView:
    return CaseView(
        id=case.id, version=case.version, title=case.title, summary=case.summary, unit=case.unit.name,
        task_id=case.task_id, order_id=case.order_id, marked_on=case.marked_on,
        published_on=case.published_on, withdrawn_on=case.withdrawn_on, evidence=list(case.evidence),
        figures=_figures(ledger, case, rows, as_of),
    )  # fmt: skip


def _figures(
    ledger: Ledger, case: ModelCase, rows: dict[int, StatusRow], as_of: date
) -> list[tuple[str, str]]:
    figures: list[tuple[str, str]] = []
    task = rows.get(case.task_id) if case.task_id is not None else None
    if task is not None:
        figures.append(("任务状态", task.status.state.label))
        if task.status.progress is not None:
            figures.append(("完成进度", f"{task.status.progress:.0%}"))
    if case.order_id is not None:
        order = view(ledger, ledger.get(SupervisionOrder, case.order_id), as_of)
        figures.append(("督办事项", order.status.state.label))
        met = [s for s in order.status.stages if s.done_on is not None]
        figures.append(("按时办结环节", f"{sum(1 for s in met if s.late == 0)}/{len(order.status.stages)}"))
    led = [r for r in rows.values() if r.lead == case.unit.name]
    due = sum(r.reports_due for r in led)
    if due:
        figures.append(("单位按时报送率", f"{sum(r.reports_on_time for r in led) / due:.0%}"))
    return figures
