"""The task board: every ledger row with its units, latest progress and derived status as of a day.

Status is computed by :func:`luoshi.supervise.status.task_status` from the stored facts, never
stored. Building the board reads a handful of columns with Core selects; the result is kept in
memory per (day, data version) — the version is the newest audit event id, which every write
moves — so the dashboard, ledger and API share one computation until something changes.
"""

from __future__ import annotations

import threading
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any, TypeVar, cast
from weakref import WeakKeyDictionary

from sqlalchemy import Engine, func, select

from luoshi.store.ledger import Ledger
from luoshi.store.models import Assignment, AuditEvent, Milestone, ProgressReport, Quantity, Task, Unit
from luoshi.supervise.status import ProgressPoint, TaskFacts, TaskMilestone, month_ends, task_status


@dataclass(frozen=True, slots=True)
class TaskRow:
    id: int
    report_id: int
    ordinal: int
    section: str
    theme: str
    text: str
    indicator: str
    target_value: float | None
    target_unit: str
    deadline: date
    lead_unit: str
    lead_unit_id: int | None
    co_units: tuple[str, ...]
    unit_ids: frozenset[int]
    latest_value: float | None
    latest_on: date | None
    reports: int
    state: str
    colour: str
    elapsed: float
    progress: float | None
    overdue_days: int
    missed_reports: int
    headline: bool
    demo: bool

    def as_dict(self) -> dict[str, Any]:
        data = {k: getattr(self, k) for k in self.__slots__}
        data["co_units"] = list(self.co_units)
        data["unit_ids"] = sorted(self.unit_ids)
        return data


@dataclass(slots=True)
class _Snapshot:
    rows: list[TaskRow]
    derived: dict[str, Any] = field(default_factory=dict)


_CACHES: WeakKeyDictionary[Engine, dict[tuple[date, int], _Snapshot]] = WeakKeyDictionary()
_LOCK = threading.Lock()
T = TypeVar("T")
MAX_DERIVED = 256  # figures kept per board (dashboards, filtered ledgers)


def board(ledger: Ledger, as_of: date) -> list[TaskRow]:
    """All task rows as of ``as_of`` (cached per engine until the data changes)."""
    return _snapshot(ledger, as_of).rows


def derived(ledger: Ledger, as_of: date, name: str, compute: Callable[[list[TaskRow]], T]) -> T:
    """``compute(rows)``, kept with the board it was computed from (dashboard figures and the like)."""
    snapshot = _snapshot(ledger, as_of)
    with _LOCK:
        if name in snapshot.derived:
            return cast(T, snapshot.derived[name])
    value = compute(snapshot.rows)
    with _LOCK:
        if len(snapshot.derived) >= MAX_DERIVED:
            snapshot.derived.clear()
        snapshot.derived[name] = value
    return value


def _snapshot(ledger: Ledger, as_of: date) -> _Snapshot:
    version = int(ledger.session.scalar(select(func.max(AuditEvent.id))) or 0)
    engine = ledger.session.get_bind().engine
    key = (as_of, version)
    with _LOCK:
        cached = _CACHES.get(engine, {}).get(key)
    if cached is not None:
        return cached
    snapshot = _Snapshot(_build(ledger, as_of))
    with _LOCK:
        cache = _CACHES.setdefault(engine, {})
        if len(cache) > 16:
            cache.clear()
        cache[key] = snapshot
    return snapshot


def _build(ledger: Ledger, as_of: date) -> list[TaskRow]:
    s = ledger.session
    units: dict[int, str] = {uid: name for uid, name in s.execute(select(Unit.id, Unit.name))}
    lead: dict[int, int] = {}
    co: dict[int, list[int]] = defaultdict(list)
    for task_id, unit_id, role in s.execute(
        select(Assignment.task_id, Assignment.unit_id, Assignment.role).order_by(Assignment.id)
    ):
        if role == "lead":
            lead[task_id] = unit_id
        else:
            co[task_id].append(unit_id)
    progress: dict[int, list[tuple[date, float | None, bool, bool]]] = defaultdict(list)
    for task_id, on, value, done, demo in s.execute(
        select(
            ProgressReport.task_id,
            ProgressReport.as_of,
            ProgressReport.value,
            ProgressReport.done,
            ProgressReport.demo,
        ).order_by(ProgressReport.as_of, ProgressReport.id)
    ):
        progress[task_id].append((on, value, done, demo))
    milestones: dict[int, list[TaskMilestone]] = defaultdict(list)
    for task_id, title, due, done_on in s.execute(
        select(Milestone.task_id, Milestone.title, Milestone.due, Milestone.done_on)
    ):
        milestones[task_id].append(TaskMilestone(title, due, done_on))
    headline = set(s.scalars(select(Quantity.id).where(Quantity.headline_target.is_(True))))
    columns = select(
        Task.id,
        Task.report_id,
        Task.ordinal,
        Task.section,
        Task.theme,
        Task.text,
        Task.indicator,
        Task.target_value,
        Task.target_unit,
        Task.deadline,
        Task.starts_on,
        Task.cadence,
        Task.due_day,
        Task.main_quantity_id,
    ).order_by(Task.report_id, Task.ordinal)
    return [
        _row(r, units, lead.get(r.id), co.get(r.id, []), progress.get(r.id, []), milestones.get(r.id, []),
             headline, as_of)
        for r in s.execute(columns)
    ]  # fmt: skip


def _row(
    r: Any,
    units: dict[int, str],
    lead_id: int | None,
    co_ids: list[int],
    progress: list[tuple[date, float | None, bool, bool]],
    milestones: list[TaskMilestone],
    headline: set[int],
    as_of: date,
) -> TaskRow:
    facts = TaskFacts(
        start=r.starts_on,
        deadline=r.deadline,
        target=r.target_value,
        reports=tuple(ProgressPoint(on=on, value=value, done=done) for on, value, done, _ in progress),
        milestones=tuple(milestones),
        report_due=report_due_dates(r.cadence, r.starts_on, r.deadline, r.due_day),
    )
    status = task_status(facts, as_of)
    seen = [p for p in progress if p[0] <= as_of]
    values = [(on, value) for on, value, _, _ in seen if value is not None]
    return TaskRow(
        id=r.id,
        report_id=r.report_id,
        ordinal=r.ordinal,
        section=r.section or "",
        theme=r.theme or "",
        text=r.text,
        indicator=r.indicator or "",
        target_value=r.target_value,
        target_unit=r.target_unit or "",
        deadline=r.deadline,
        lead_unit=units.get(lead_id, "") if lead_id else "",
        lead_unit_id=lead_id,
        co_units=tuple(units.get(u, "") for u in co_ids),
        unit_ids=frozenset([*co_ids, *([lead_id] if lead_id else [])]),
        latest_value=values[-1][1] if values else None,
        latest_on=seen[-1][0] if seen else None,
        reports=len(seen),
        state=status.state.value,
        colour=status.colour.value,
        elapsed=round(status.elapsed, 4),
        progress=None if status.progress is None else round(status.progress, 4),
        overdue_days=status.overdue_days,
        missed_reports=len(status.missed_reports),
        headline=r.main_quantity_id in headline,
        demo=any(p[3] for p in progress),
    )


def report_due_dates(cadence: str, start: date, deadline: date, due_day: int) -> tuple[date, ...]:
    """When reports fall due: ``due_day`` of the month after each month (or quarter) of the period."""
    if cadence == "none":
        return ()
    first = (start.replace(day=1) + timedelta(days=32)).replace(day=1)
    dues = month_ends(first, deadline, day=due_day)
    return dues[2::3] if cadence == "quarterly" else dues
