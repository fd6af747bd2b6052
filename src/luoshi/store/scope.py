"""The plain-column reads behind a user's scope (``luoshi.supervise.scope``): the unit tree, the
reports' regions, and which tasks a set of units, counties and reports holds."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy import select

from luoshi.errors import NotFoundError
from luoshi.store.ledger import Ledger
from luoshi.store.models import Assignment, Report, Task, Unit


def unit_tree(ledger: Ledger) -> list[Any]:
    """Every unit's id, parent_id, kind, name and aliases (rows with those attributes)."""
    return list(ledger.session.execute(select(Unit.id, Unit.parent_id, Unit.kind, Unit.name, Unit.aliases)))


def unit_names(ledger: Ledger, ids: Iterable[int]) -> dict[int, str]:
    """unit id → name for ``ids``, in one query of two columns (after a step, the one item read
    again names a unit or two, not a hundred)."""
    wanted = sorted(set(ids))
    if not wanted:
        return {}
    rows = ledger.session.execute(select(Unit.id, Unit.name).where(Unit.id.in_(wanted)))
    return {i: n for i, n in rows}


def report_regions(ledger: Ledger) -> list[Any]:
    """Every report's id, region and unit (rows with those attributes)."""
    return list(ledger.session.execute(select(Report.id, Report.region, Report.unit_id)))


def tasks_of(ledger: Ledger, units: Iterable[int], reports: Iterable[int]) -> frozenset[int]:
    """The tasks with an assignment to one of ``units``, handed to one of them, or from one of ``reports``."""
    inside, own = sorted(units), sorted(reports)
    assigned = select(Assignment.task_id).where(Assignment.unit_id.in_(inside))
    handed = select(Task.id).where(Task.handed_to_id.in_(inside) | Task.report_id.in_(own))
    return frozenset(ledger.session.scalars(assigned)) | frozenset(ledger.session.scalars(handed))


def task_place(ledger: Ledger, task_id: int) -> tuple[list[int], int | None, int]:
    """One task's assigned units, the unit it was handed to and its report; NotFoundError if none."""
    found = ledger.session.execute(
        select(Task.handed_to_id, Task.report_id).where(Task.id == task_id)
    ).first()
    if found is None:
        raise NotFoundError(f"{Task.__label__} {task_id} 不存在")
    units = list(ledger.session.scalars(select(Assignment.unit_id).where(Assignment.task_id == task_id)))
    return units, found.handed_to_id, found.report_id


def reports_of(ledger: Ledger, task_ids: Iterable[int]) -> frozenset[int]:
    """The reports these tasks come from."""
    return frozenset(ledger.session.scalars(select(Task.report_id).where(Task.id.in_(sorted(task_ids)))))
