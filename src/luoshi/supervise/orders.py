"""Supervision orders in the ledger: raise them, record their steps, list them with derived status.

Service functions take a :class:`~luoshi.store.ledger.Ledger` (one unit of work, with actor and
clock) and keyword-only arguments; the CLI and the web layer both call them. Every write goes
through :func:`record`, which checks the step against the timeline (:func:`check_event`) and the
order's version (optimistic locking); the ledger's audit hook records who changed what.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from functools import lru_cache
from typing import Any

from luoshi.errors import ValidationError
from luoshi.store.ledger import Ledger
from luoshi.store.models import Assignment, ProgressReport, Task, Unit
from luoshi.store.models.supervision import SupervisionEvent, SupervisionOrder
from luoshi.store.scope import unit_names
from luoshi.supervise.items import (
    LADDER_KINDS,
    EventKind,
    Grade,
    ItemEvent,
    ItemFacts,
    Level,
    Milestone,
    Origin,
    check_event,
    is_closed,
    is_resolved,
)
from luoshi.supervise.policy import DEFAULT_POLICY, Policy, load_policy
from luoshi.supervise.stages import ItemStatus, item_status
from luoshi.supervise.units import find_unit


@dataclass(frozen=True, slots=True)
class OrderView:
    """An order as lists and reports show it: its facts plus its status on a date."""

    id: int
    version: int
    title: str
    level: Level
    origin: Origin
    lead_unit: str
    co_units: tuple[str, ...]
    leader: str
    raised_on: date
    task_id: int | None
    policy: str
    facts: ItemFacts
    status: ItemStatus
    unit_ids: tuple[int, ...] = ()  # the lead unit's id, then the co-units'


@lru_cache(maxsize=32)
def policy_for(name: str) -> Policy:
    return load_policy(name)


def raise_order(
    ledger: Ledger,
    *,
    title: str,
    lead: str,
    co: Sequence[str] = (),
    level: Level = Level.ORDINARY,
    origin: Origin = Origin.OTHER,
    leader: str = "",
    detail: str = "",
    policy: str = DEFAULT_POLICY,
    task_id: int | None = None,
    progress_report_id: int | None = None,
    on: date | None = None,
) -> SupervisionOrder:
    """Raise (立项交办) a supervision order; its clock starts on ``on`` (default: today)."""
    if not title.strip():
        raise ValidationError("督办事项须有标题")
    policy_for(policy)  # refuse an unknown policy now, not at the first status query
    if task_id is not None:
        ledger.get(Task, task_id)
    lead_unit = find_unit(ledger, lead)
    co_ids = [find_unit(ledger, name).id for name in co if name]
    day = on or ledger.clock.today()
    order = SupervisionOrder(
        title=title.strip(),
        detail=detail,
        origin=origin.value,
        level=level.value,
        policy=policy,
        task_id=task_id,
        progress_report_id=progress_report_id,
        lead_unit_id=lead_unit.id,
        co_unit_ids=[i for i in co_ids if i != lead_unit.id],
        leader=leader,
        raised_on=day,
        raised_by=ledger.actor,
        updated_at=ledger.clock.now(),
    )
    append_event(order, ItemEvent(EventKind.RAISED, day, ledger.actor, detail), order.updated_at)
    return ledger.add(order)


def raise_from_problem(
    ledger: Ledger,
    *,
    progress_report_id: int,
    lead: str | None = None,
    co: Sequence[str] | None = None,
    **kwargs: object,
) -> SupervisionOrder:
    """Raise an order from the problems a unit wrote in a progress report on its task.

    The task's lead and co-units carry it unless ``lead`` / ``co`` name others (a land problem
    goes to the natural-resources bureau, not to the unit that reported it).
    """
    report = ledger.get(ProgressReport, progress_report_id)
    if not report.problems.strip():
        raise ValidationError(f"进展报告 {progress_report_id} 没有反映问题")
    if lead is None:
        leads = ledger.all(Assignment, task_id=report.task_id, role="lead")
        if not leads:
            raise ValidationError(f"任务 {report.task_id} 尚无牵头单位，请先分工或用 --lead 指定")
        lead = leads[0].unit.code
    if co is None:
        co = [a.unit.code for a in ledger.all(Assignment, task_id=report.task_id, role="co")]
    return raise_order(
        ledger,
        title=str(kwargs.pop("title", "") or report.problems.strip().splitlines()[0][:200]),
        detail=report.problems,
        lead=lead,
        co=co,
        origin=Origin.TASK_PROBLEM,
        task_id=report.task_id,
        progress_report_id=report.id,
        **kwargs,  # type: ignore[arg-type]
    )


def record(
    ledger: Ledger,
    order_id: int,
    kind: EventKind,
    *,
    version: int | None = None,
    on: date | None = None,
    note: str = "",
    grade: Grade | None = None,
    stage: str | None = None,
    due: date | None = None,
    milestones: Iterable[Milestone] = (),
    override: str = "",
) -> SupervisionOrder:
    """Append one step to an order's timeline, if it may follow (else one-line ValidationError).

    ``override`` is the office's reason for accepting past a rule (see :func:`check_acceptance`).
    """
    order = ledger.get(SupervisionOrder, order_id, version=version)
    day = on or ledger.clock.today()
    event = ItemEvent(kind, day, ledger.actor, note, grade, stage, due, tuple(milestones), override.strip())
    if kind in LADDER_KINDS:
        raise ValidationError("催办、通报、提级督办由 luoshi supervise escalate 按规则生成")
    check_event(facts_of(order), event)
    ledger.add(append_event(order, event, ledger.clock.now()))  # bumps the order's version
    ledger.flush()
    return order


def request_closure(
    ledger: Ledger, order_id: int, *, note: str = "", version: int | None = None, on: date | None = None
) -> SupervisionOrder:
    """申请销号: records the problem as solved (if not yet) and asks the office to accept."""
    order = ledger.get(SupervisionOrder, order_id, version=version)
    if not is_resolved(facts_of(order).events):
        record(ledger, order_id, EventKind.RESOLVED, on=on, note=note)
    return record(ledger, order_id, EventKind.CLOSURE_REQUESTED, on=on, note=note)


def facts_of(order: SupervisionOrder) -> ItemFacts:
    events = tuple(_event(row) for row in order.events)
    return ItemFacts(
        Level(order.level), order.raised_on, events, feedback=tuple(f"诉求{r.id}" for r in order.requests)
    )


def view(
    ledger: Ledger, order: SupervisionOrder, as_of: date, names: dict[int, str] | None = None
) -> OrderView:
    """``names``: unit id → name, when the caller has read them (a list of orders reads them once)."""
    facts = facts_of(order)
    units = names
    if units is None:
        units = (
            {u.id: u.name for u in ledger.all(Unit, id=list(order.co_unit_ids))} if order.co_unit_ids else {}
        )
    return OrderView(
        id=order.id,
        version=order.version,
        title=order.title,
        level=Level(order.level),
        origin=Origin(order.origin),
        lead_unit=order.lead_unit.name,
        co_units=tuple(units[i] for i in order.co_unit_ids if i in units),
        leader=order.leader,
        raised_on=order.raised_on,
        task_id=order.task_id,
        policy=order.policy,
        facts=facts,
        status=item_status(facts, policy_for(order.policy), as_of, ledger.calendar),
        unit_ids=(order.lead_unit_id, *order.co_unit_ids),
    )


def list_orders(
    ledger: Ledger, *, as_of: date | None = None, task_id: int | None = None, ids: Iterable[int] | None = None
) -> list[OrderView]:
    """Every order raised by ``as_of`` (``task_id``: on that task; ``ids``: those orders) with its
    status then. The orders, their timelines and the unit names are read in a few queries, not one
    per order."""
    day = as_of or ledger.clock.today()
    only: dict[str, Any] = {} if task_id is None else {"task_id": task_id}
    if ids is not None:
        only["id"] = sorted(ids)
    orders = ledger.all(SupervisionOrder, load=("events", "lead_unit"), **only)
    names = unit_names(ledger, {i for o in orders for i in o.co_unit_ids})  # a few, not every Unit object
    return [view(ledger, o, day, names) for o in orders if o.raised_on <= day]


def year_orders(ledger: Ledger, *, as_of: date | None = None) -> list[OrderView]:
    """The orders of the ledger's report year (:func:`order_in_year`) raised by ``as_of``."""
    return [o for o in list_orders(ledger, as_of=as_of) if order_in_year(o, ledger.year)]


def order_in_year(order: OrderView, year: int) -> bool:
    """Whether an order belongs to a year's lists and review: raised in it, or raised earlier and still
    open when it began. Its clock is its own (counted from the day it was raised, across the seam);
    a review of the year counts it once, whichever year's task it concerns."""
    if order.raised_on.year == year:
        return True
    if order.raised_on.year > year:
        return False
    return not is_closed(order.facts.upto(date(year - 1, 12, 31)))


def append_event(order: SupervisionOrder, event: ItemEvent, at: datetime) -> SupervisionEvent:
    """The timeline row for ``event``, appended to ``order`` (no checks: callers check)."""
    ladder_key = f"{order.id}:{event.kind.value}" if event.kind in LADDER_KINDS else None  # once per item
    row = SupervisionEvent(
        kind=event.kind.value,
        happened_on=event.on,
        actor=event.actor,
        note=event.note,
        grade=event.grade.value if event.grade else None,
        stage=event.stage,
        due=event.due,
        milestones=[{"label": m.label, "due": m.due.isoformat()} for m in event.milestones],
        ladder_key=ladder_key,
        override=event.override,
        recorded_at=at,
    )
    order.events.append(row)
    order.event_count = len(order.events)
    order.updated_at = at
    return row


def _event(row: SupervisionEvent) -> ItemEvent:
    return ItemEvent(
        kind=EventKind(row.kind),
        on=row.happened_on,
        actor=row.actor,
        note=row.note,
        grade=Grade(row.grade) if row.grade else None,
        stage=row.stage,
        due=row.due,
        milestones=tuple(Milestone(m["label"], date.fromisoformat(m["due"])) for m in row.milestones or []),
        override=row.override or "",
    )
