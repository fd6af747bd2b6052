"""Periodic reviews (定期盘点): the ledger summed up as of a date, by section and by unit.

For each group: tasks by status, the 时序进度 summary (mean share done against mean share of
time gone), overdue and behind tasks, the on-time reporting rate, and how fast the group's
supervision orders were answered. Everything is derived from the board and the orders.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field
from datetime import date
from statistics import mean
from typing import Any

from luoshi.store.ledger import Ledger
from luoshi.store.models import TaskForce, Unit
from luoshi.supervise.board import StatusRow, task_board
from luoshi.supervise.cases import CaseView, list_cases
from luoshi.supervise.items import Level, Origin
from luoshi.supervise.levels import county_of
from luoshi.supervise.orders import OrderView, list_orders, order_in_year, raise_order
from luoshi.supervise.policy import DEFAULT_POLICY, load_policy
from luoshi.supervise.scope import EVERYTHING, Scope, scoped_board, units_named
from luoshi.supervise.scoring import ScoringConfig, UnitScore, scoreboard
from luoshi.supervise.stages import ItemState
from luoshi.supervise.status import State


@dataclass(slots=True)
class Group:
    """One section's or one unit's figures."""

    name: str
    tasks: int = 0
    counts: dict[str, int] = field(default_factory=lambda: {s.value: 0 for s in State})
    progress: float | None = None  # mean share of target reached (tasks with a measure)
    elapsed: float | None = None  # mean share of the period gone
    reports_due: int = 0
    reports_on_time: int = 0
    reports_late: int = 0  # filed, but after the due day
    orders: int = 0
    orders_open: int = 0
    orders_overdue: int = 0
    response_days: float | None = None  # mean days from raised to first response (policy's days)

    @property
    def on_time_rate(self) -> float | None:
        return self.reports_on_time / self.reports_due if self.reports_due else None

    def to_dict(self) -> dict[str, Any]:
        return {**asdict(self), "on_time_rate": _round(self.on_time_rate)}


@dataclass(slots=True)
class Review:
    year: int
    as_of: date
    total: Group
    by_section: list[Group]
    by_unit: list[Group]
    overdue: list[StatusRow]
    behind: list[StatusRow]
    missing: list[StatusRow]  # 缺报: kept apart from 进度滞后
    missed_reports: list[StatusRow]
    late_reports: list[StatusRow]
    orders: list[OrderView]
    tasks: list[StatusRow]
    units: list[str] = field(default_factory=list)  # active units: those with no task are listed apart
    cases: list[CaseView] = field(
        default_factory=list
    )  # published model cases: the commended part (示范带动)

    @property
    def case_counts(self) -> dict[str, int]:
        """Published model cases per unit, for the scoring file's bonus."""
        return dict(Counter(c.unit for c in self.cases))

    forces: dict[str, list[str]] = field(default_factory=dict)  # 专班 name → member units (lead first)
    levels: dict[str, str] = field(default_factory=dict)  # a county's own units → the county (上下联动)

    @property
    def demo(self) -> bool:
        """Demo data is in the figures (``make run``): every output says so."""
        return any(t.demo for t in self.tasks)

    def to_dict(self) -> dict[str, Any]:
        return {
            "year": self.year,
            "as_of": self.as_of.isoformat(),
            "demo": self.demo,
            "total": self.total.to_dict(),
            "by_section": [g.to_dict() for g in self.by_section],
            "by_unit": [g.to_dict() for g in self.by_unit],
            "overdue": [t.to_dict() for t in self.overdue],
            "behind": [t.to_dict() for t in self.behind],
            "missing": [t.to_dict() for t in self.missing],
            "missed_reports": [t.to_dict() for t in self.missed_reports],
            "late_reports": [t.to_dict() for t in self.late_reports],
            "orders": [order_dict(o) for o in self.orders],
            "cases": [
                {
                    "id": c.id,
                    "title": c.title,
                    "unit": c.unit,
                    "published_on": c.published_on.isoformat() if c.published_on else None,
                    "figures": dict(c.figures),
                }
                for c in self.cases
            ],
        }


def build_review(
    ledger: Ledger, *, as_of: date | None = None, policy: str = DEFAULT_POLICY, year: int | None = None,
    seen: Scope = EVERYTHING,
) -> Review:  # fmt: skip
    """The review of one report year (``year``, else the ledger's) as of a day; with a county's
    ``seen`` scope, its own tasks, items, units and cases only (上下联动)."""
    day = as_of or ledger.clock.today()
    scope = ledger.year if year is None else year
    rules = load_policy(policy)
    every = task_board(
        ledger, as_of=day, tolerance=rules.tolerance, missing_after=rules.missing_after, year=scope
    )
    tasks = scoped_board(ledger, every, seen)
    orders = seen.only([o for o in list_orders(ledger, as_of=day) if order_in_year(o, scope)])
    units = [u for u in ledger.all(Unit, order_by="position,id") if u.active and seen.sees_unit(u.id)]
    return Review(
        year=scope,
        as_of=day,
        total=summarise("合计", tasks, orders),
        by_section=_groups(tasks, orders, lambda t: [t.section or "（未分节）"], lambda o: []),
        by_unit=_groups(tasks, orders, lambda t: [t.lead or "（未分工）"], lambda o: [o.lead_unit]),
        overdue=sorted(
            (t for t in tasks if t.status.state is State.OVERDUE), key=lambda t: -t.status.overdue_days
        ),
        behind=[t for t in tasks if t.status.state is State.BEHIND],
        missing=[t for t in tasks if t.status.state is State.MISSING],
        missed_reports=[t for t in tasks if t.status.missed_reports],
        late_reports=[t for t in tasks if t.reports_late],
        orders=orders,
        tasks=tasks,
        units=[u.name for u in units],
        cases=_cases(ledger, day, every, seen),
        forces=task_forces(ledger),
        levels=county_of(ledger),
    )


def _cases(ledger: Ledger, day: date, board: list[StatusRow], seen: Scope) -> list[CaseView]:
    """The published model cases; with a county's scope, those of its units."""
    cases = list_cases(ledger, day, public_only=True, board=board)
    names = units_named(ledger, seen)
    return cases if names is None else [c for c in cases if c.unit in names]


def task_forces(ledger: Ledger) -> dict[str, list[str]]:
    """Each active 专班's name → its lead unit's and members' names (for the ``member`` score share)."""
    return {
        f.name: [f.lead_unit.name, *(m.unit.name for m in f.members if m.unit_id != f.lead_unit_id)]
        for f in ledger.all(TaskForce, active=True, load=["lead_unit", "members.unit"])
    }


def summarise(name: str, tasks: Iterable[StatusRow], orders: Iterable[OrderView]) -> Group:
    tasks, orders = list(tasks), list(orders)
    group = Group(name, tasks=len(tasks))
    for t in tasks:
        group.counts[t.status.state.value] += 1
    measured = [t.status.progress for t in tasks if t.status.progress is not None]
    group.progress = _round(mean(measured)) if measured else None
    group.elapsed = _round(mean(t.status.elapsed for t in tasks)) if tasks else None
    group.reports_due = sum(t.reports_due for t in tasks)
    group.reports_on_time = sum(t.reports_on_time for t in tasks)
    group.reports_late = sum(t.reports_late for t in tasks)
    group.orders = len(orders)
    group.orders_open = sum(1 for o in orders if o.status.state is not ItemState.CLOSED)
    group.orders_overdue = sum(1 for o in orders if o.status.overdue > 0)
    answered = [d for o in orders if (d := response_days(o)) is not None]
    group.response_days = _round(mean(answered)) if answered else None
    return group


def response_days(order: OrderView) -> int | None:
    """Days from raising an order to its first response (the respond stage met), if answered."""
    stage = next((s for s in order.status.stages if s.key == "respond"), None)
    if stage is None or stage.done_on is None:
        return None
    return (stage.done_on - order.raised_on).days


def order_dict(order: OrderView) -> dict[str, Any]:
    s = order.status
    return {
        "id": order.id,
        "title": order.title,
        "level": order.level.value,
        "origin": order.origin.value,
        "lead": order.lead_unit,
        "co": list(order.co_units),
        "raised_on": order.raised_on.isoformat(),
        "state": s.state.value,
        "state_label": s.state.label,
        "stage": s.stage.label if s.stage else None,
        "due": s.stage.due.isoformat() if s.stage else None,
        "overdue_days": s.overdue,
        "colour": s.colour.value,
        "response_days": response_days(order),
        "version": order.version,
    }


def _groups(
    tasks: list[StatusRow],
    orders: list[OrderView],
    task_keys: Callable[[StatusRow], list[str]],
    order_keys: Callable[[OrderView], list[str]],
) -> list[Group]:
    names: dict[str, tuple[list[StatusRow], list[OrderView]]] = {}
    for t in tasks:
        for key in task_keys(t):
            names.setdefault(key, ([], []))[0].append(t)
    for o in orders:
        for key in order_keys(o):
            names.setdefault(key, ([], []))[1].append(o)
    return [summarise(name, ts, os) for name, (ts, os) in names.items()]


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 4)


def raise_from_review(
    ledger: Ledger,
    *,
    as_of: date | None = None,
    states: tuple[State, ...] = (State.OVERDUE,),
    level: Level = Level.ORDINARY,
    policy: str = DEFAULT_POLICY,
    leader: str = "",
) -> list[int]:
    """Raise an order (origin: review) for each task in ``states`` that has a lead unit and no open
    order on it yet; returns the new orders' ids. Running it again raises nothing new."""
    day = ledger.clock.today() if as_of is None else as_of
    review = build_review(ledger, as_of=day, policy=policy)
    watched = {o.task_id for o in review.orders if o.status.state is not ItemState.CLOSED}
    raised = []
    for task in review.tasks:
        if task.status.state not in states or not task.lead or task.id in watched:
            continue
        detail = (
            f"{day.isoformat()} 盘点：{task.status.state.label}；完成进度 {_percent(task.status.progress)}，"
            f"时序进度 {_percent(task.status.elapsed)}；完成时限 {task.deadline.isoformat()}"
        )
        order = raise_order(
            ledger,
            title=f"{task.status.state.label}任务：{task.text[:80]}",
            lead=task.lead,
            co=list(task.co),
            origin=Origin.REVIEW,
            level=level,
            policy=policy,
            leader=leader,
            detail=detail,
            task_id=task.id,
            on=day,
        )
        raised.append(order.id)
    return raised


def _percent(share: float | None) -> str:
    return "—" if share is None else f"{share:.0%}"


def review_scores(review: Review, config: ScoringConfig) -> list[UnitScore]:
    """The scoreboard of a review: the one place its catalogue, 专班, counties and model cases are
    passed on, so the CLI, the 督查通报, the year-end freeze and a unit's record rank alike."""
    return scoreboard(
        review.tasks, review.orders, config, as_of=review.as_of, units=review.units, cases=review.case_counts,
        forces=review.forces, levels=review.levels,
    )  # fmt: skip
