"""The task board: every ledger row with its units, latest progress and derived status as of a day.

Status comes from the engine's :func:`luoshi.supervise.board.task_board` (derived from the stored
facts, never stored). The result is kept in memory per (day, data version) — the version is the
newest audit event id, which every write moves — so the dashboard, ledger and API share one
computation until something changes.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any, TypeVar, cast
from weakref import WeakKeyDictionary

from sqlalchemy import Engine, func, select
from sqlalchemy.orm import selectinload

from luoshi.store.ledger import Ledger
from luoshi.store.models import AuditEvent, Quantity, Task, Unit
from luoshi.supervise.board import TaskRow as EngineRow
from luoshi.supervise.board import task_board


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
    grade: str | None = None  # acceptance grade once closed (销号)
    reports_due: int = 0
    reports_on_time: int = 0
    returned_on: date | None = None  # returned (已退回) and not yet answered by a new report

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
    rows, engine_rows = _build(ledger, as_of)
    snapshot = _Snapshot(rows, {"engine-rows": engine_rows})
    with _LOCK:
        cache = _CACHES.setdefault(engine, {})
        if len(cache) > 16:
            cache.clear()
        cache[key] = snapshot
    return snapshot


def _build(ledger: Ledger, as_of: date) -> tuple[list[TaskRow], list[EngineRow]]:
    """The engine's task board (the one status computation), with what pages need beside it.

    Everything the engine reads is loaded up front (tasks with progress, milestones and
    assignments; all units), so its walk over the tasks finds it in the session, not row by row.
    """
    s = ledger.session
    units = list(s.scalars(select(Unit)))  # held in the session: assignment.unit needs no query
    tasks = {
        t.id: t
        for t in s.scalars(
            select(Task).options(
                selectinload(Task.progress), selectinload(Task.milestones), selectinload(Task.assignments)
            )
        )
    }
    headline = set(s.scalars(select(Quantity.id).where(Quantity.headline_target.is_(True))))
    engine_rows = task_board(ledger, as_of=as_of)
    del units
    return [_row(r, tasks[r.id], headline, as_of) for r in engine_rows], engine_rows


def _row(r: EngineRow, task: Task, headline: set[int], as_of: date) -> TaskRow:
    lead = next((a.unit_id for a in task.assignments if a.role == "lead"), None)
    seen = [p for p in task.progress if p.as_of <= as_of]
    status = r.status
    return TaskRow(
        id=r.id,
        report_id=task.report_id,
        ordinal=task.ordinal,
        section=r.section,
        theme=task.theme or "",
        text=r.text,
        indicator=r.indicator,
        target_value=r.target,
        target_unit=r.unit,
        deadline=r.deadline,
        lead_unit=r.lead,
        lead_unit_id=lead,
        co_units=r.co,
        unit_ids=frozenset(a.unit_id for a in task.assignments),
        latest_value=r.value,
        latest_on=max((p.as_of for p in seen), default=None),
        reports=len(seen),
        state=status.state.value,
        colour=status.colour.value,
        elapsed=round(status.elapsed, 4),
        progress=None if status.progress is None else round(status.progress, 4),
        overdue_days=status.overdue_days,
        missed_reports=len(status.missed_reports),
        headline=task.main_quantity_id in headline,
        demo=any(p.demo for p in task.progress),
        grade=r.grade,
        reports_due=r.reports_due,
        reports_on_time=r.reports_on_time,
        returned_on=status.returned_on,
    )


def engine_board(ledger: Ledger, as_of: date) -> list[EngineRow]:
    """The engine's own rows (for its scoreboard), computed once per board version."""
    return derived(ledger, as_of, "engine-rows", lambda rows: task_board(ledger, as_of=as_of))
