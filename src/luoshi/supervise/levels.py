"""上下联动: levels of government in one ledger — hand a task down (转办) and see each level's share.

:func:`hand_down` turns a city task into one linked child task per county (``parent_id`` → the
city task, ``handed_to_id`` → the county), each with its own clock, deadline (never after the
parent's) and progress, led by the county, which may then assign it to its own units like any
task. Re-running it adds only the counties still missing. A county's child can be handed down
again, to its townships. Every row it writes is audited by the ledger's flush hook.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from luoshi.errors import ValidationError
from luoshi.store.board import load_board, per_version
from luoshi.store.ledger import Ledger
from luoshi.store.models import Task, Unit
from luoshi.store.models.org import LEVEL_KINDS as ORG_LEVEL_KINDS
from luoshi.store.models.supervision import SupervisionOrder
from luoshi.store.scope import unit_tree
from luoshi.supervise.assign import replace_assignments
from luoshi.supervise.board import StatusRow, record_row
from luoshi.supervise.closure import check_task_open
from luoshi.supervise.items import Level, Origin, is_closed
from luoshi.supervise.orders import OrderView, facts_of, raise_order, view
from luoshi.supervise.rollup import SEVERITY, ChildFacts, RollUp, roll_up
from luoshi.supervise.stages import ItemState
from luoshi.supervise.status import Colour, State
from luoshi.supervise.units import find_unit

LEVEL_KINDS = ORG_LEVEL_KINDS  # 省/市/县/区/开发区/乡镇
COUNTY_KINDS = ("county", "district")  # 各县（区）
BELOW = {  # the kinds a level hands its tasks down to
    None: ("county", "district", "zone"),
    "province": ("city",),
    "city": ("county", "district", "zone"),
    "county": ("township",),
    "district": ("township",),
    "zone": ("township",),
}
HANDED = "handdown"  # the assignment source and the child's deadline source


@dataclass(frozen=True, slots=True)
class HandDown:
    task_id: int
    created: list[tuple[str, int]]  # (county, child task id) new this time
    kept: list[tuple[str, int]]  # already handed down before

    def to_dict(self) -> dict[str, object]:
        return {
            "task_id": self.task_id,
            "created": [{"unit": u, "task_id": i} for u, i in self.created],
            "kept": [{"unit": u, "task_id": i} for u, i in self.kept],
        }


def hand_down(
    ledger: Ledger, task_id: int, counties: list[str] | None = None, *, deadline: date | None = None
) -> HandDown:
    """One child task per county (``None``: every active county/district below the task's level)."""
    task = ledger.get(Task, task_id)
    check_task_open(ledger, task_id, "转办")
    targets = _targets(ledger, ledger.get(Unit, task.handed_to_id) if task.handed_to_id else None, counties)
    due = _child_deadline(task, deadline)
    existing = {c.handed_to_id: c for c in ledger.all(Task, parent_id=task.id)}
    created, kept = [], []
    next_ordinal = max((t.ordinal for t in ledger.all(Task, report_id=task.report_id)), default=0) + 1
    for unit in targets:
        if unit.id in existing:
            kept.append((unit.name, existing[unit.id].id))
            continue
        child = ledger.add(_child(task, unit, next_ordinal, due))
        next_ordinal += 1
        replace_assignments(
            ledger, child, [unit], [], source=HANDED, confirmed=True, reason=f"转办自任务 {task.id}"
        )
        created.append((unit.name, child.id))
    ledger.flush()
    return HandDown(task.id, created, kept)


def lower_units(ledger: Ledger, task: Task, *, every: bool = True) -> list[Unit]:
    """The units a task can be handed down to: below the county it was handed to (its townships),
    else the city's counties, districts and (``every``) development zones."""
    return _lower(ledger, ledger.get(Unit, task.handed_to_id) if task.handed_to_id else None, every)


def _lower(ledger: Ledger, level: Unit | None, every: bool) -> list[Unit]:
    kinds = BELOW.get(level.kind if level else None, ())
    if not kinds:
        return []
    units = ledger.all(Unit, active=True, kind=list(kinds), order_by="position,id")  # not every unit
    if level is not None:
        return [u for u in units if _under(ledger, u, level.id)]
    return units if every else [u for u in units if u.kind in COUNTY_KINDS]


def _targets(ledger: Ledger, level: Unit | None, keys: list[str] | None) -> list[Unit]:
    """The units named (or, for ``None``, every county below ``level``) to hand down to."""
    if keys is None:
        units = _lower(ledger, level, every=False)
        if not units:
            raise ValidationError("单位目录中没有可转办的县（区）：请先在单位目录中添加县（区）")
        return units
    units = [find_unit(ledger, k.strip()) for k in keys if k.strip()]
    if not units:
        raise ValidationError("请指定转办的县（区）")
    wrong = [u.name for u in units if u.kind not in LEVEL_KINDS or u.kind in ("province", "city")]
    if wrong:
        raise ValidationError(f"只能转办给下级政府（县、区、开发区、乡镇）：{'、'.join(wrong)}")
    if level is not None and (outside := [u.name for u in units if not _under(ledger, u, level.id)]):
        raise ValidationError(f"{level.name} 只能转办给本级下属单位：{'、'.join(outside)}")
    return list({u.id: u for u in units}.values())


def _under(ledger: Ledger, unit: Unit, ancestor_id: int) -> bool:
    seen: set[int] = set()
    parent_id = unit.parent_id
    while parent_id is not None and parent_id not in seen:
        if parent_id == ancestor_id:
            return True
        seen.add(parent_id)
        parent_id = ledger.get(Unit, parent_id).parent_id
    return False


def _child_deadline(task: Task, deadline: date | None) -> date:
    if deadline is None:
        return task.deadline
    if deadline > task.deadline:
        raise ValidationError(f"下级任务的期限 {deadline} 不能晚于上级任务的期限 {task.deadline}")
    if deadline < task.starts_on:
        raise ValidationError(f"期限 {deadline} 早于任务起始日期 {task.starts_on}")
    return deadline


def _child(task: Task, unit: Unit, ordinal: int, deadline: date) -> Task:
    return task.copy(
        ordinal=ordinal,
        deadline=deadline,
        deadline_source=HANDED if deadline == task.deadline else "manual",
        leader=None,
        origin_id=None,
        parent_id=task.id,
        handed_to_id=unit.id,
    )


def children(ledger: Ledger, task_id: int, as_of: date | None = None) -> list[StatusRow]:
    """The task's handed-down children (one per county), each with its own status at ``as_of``."""
    day = as_of or ledger.clock.today()
    ids = [t.id for t in ledger.all(Task, parent_id=task_id)]
    return [record_row(r, day) for r in load_board(ledger, ids)] if ids else []


def task_rollup(
    ledger: Ledger, task_id: int, as_of: date | None = None
) -> tuple[list[StatusRow], RollUp | None]:
    """Each county's child row and their roll-up (None for a task never handed down)."""
    rows = children(ledger, task_id, as_of)
    return rows, roll_up([ChildFacts(r.status.state, r.status.colour, r.reports_late) for r in rows])


@dataclass(frozen=True, slots=True)
class TaskLevels:
    """A task's place between levels: where it came from, where it went, and the roll-up."""

    parent: tuple[int, str] | None  # (task id, the unit that handed it down's task text) — 上级任务
    handed_to: str  # the county it was handed to ("" for a city's own task)
    children: list[StatusRow]  # one per county, each with its own status
    rollup: RollUp | None
    lower: list[tuple[str, str]]  # (code, name) of the units it can be handed down to


def task_levels(ledger: Ledger, task_id: int, as_of: date | None = None) -> TaskLevels:
    task = ledger.get(Task, task_id)
    rows, summary = task_rollup(ledger, task_id, as_of)
    parent = ledger.get(Task, task.parent_id) if task.parent_id else None
    county = ledger.get(Unit, task.handed_to_id).name if task.handed_to_id else ""
    return TaskLevels(
        parent=(parent.id, parent.text) if parent else None,
        handed_to=county,
        children=rows,
        rollup=summary,
        # the units only: read once per data version or until a unit changes (a page asks each view)
        lower=per_version(
            ledger,
            f"lower-units@{task.handed_to_id}",
            lambda: [(u.code, u.name) for u in lower_units(ledger, task)],
            ["units"],
        ),
    )


def county_unit(ledger: Ledger, unit_id: int | None) -> Unit | None:
    """The county, district or zone at or above a unit (a county office's own county), else None."""
    seen: set[int] = set()
    while unit_id is not None and unit_id not in seen:
        unit = ledger.get(Unit, unit_id)
        if unit.kind in BELOW["city"]:
            return unit
        seen.add(unit_id)
        unit_id = unit.parent_id
    return None


def county_of(ledger: Ledger) -> dict[str, str]:
    """Each unit inside a county, district or zone (its departments, townships and theirs) → that
    county's name: the nearest such ancestor. The city's scoreboard rolls their work up to it."""
    units = {
        u.id: u for u in unit_tree(ledger)
    }  # plain columns: the dashboard's ranking asks after every write
    result: dict[str, str] = {}
    for unit in units.values():
        seen: set[int] = set()
        parent_id = unit.parent_id
        while parent_id is not None and parent_id not in seen and parent_id in units:
            parent = units[parent_id]
            if parent.kind in BELOW["city"]:
                result[unit.name] = parent.name
                break
            seen.add(parent_id)
            parent_id = parent.parent_id
    return result


def hand_down_order(ledger: Ledger, order_id: int, counties: list[str] | None = None) -> HandDown:
    """转办 a supervision order: one child order per county (``parent_id`` → it), led by the county,
    with the same title, level, policy and leader and its own clock from today; it concerns the
    county's child of the order's task when that task was handed down to it. Re-runnable."""
    order = ledger.get(SupervisionOrder, order_id)
    if is_closed(facts_of(order).events):
        raise ValidationError(f"督办事项 {order_id} 已销号，不能转办")
    lead = ledger.get(Unit, order.lead_unit_id)
    targets = _targets(ledger, lead if lead.kind in BELOW["city"] else None, counties)
    existing = {c.lead_unit_id: c for c in ledger.all(SupervisionOrder, parent_id=order.id)}
    handed = (
        {t.handed_to_id: t.id for t in ledger.all(Task, parent_id=order.task_id)} if order.task_id else {}
    )
    created, kept = [], []
    for unit in targets:
        if unit.id in existing:
            kept.append((unit.name, existing[unit.id].id))
            continue
        child = raise_order(
            ledger, title=order.title, lead=unit.code, level=Level(order.level), origin=Origin(order.origin),
            leader=order.leader, detail=f"转办自督办事项 {order.id}。{order.detail}".strip(),
            policy=order.policy, task_id=handed.get(unit.id, order.task_id),
        )  # fmt: skip
        child.parent_id = order.id
        created.append((unit.name, child.id))
    ledger.flush()
    return HandDown(order.id, created, kept)


@dataclass(frozen=True, slots=True)
class ItemChild:
    """One county's child of a handed-down supervision item, with its 13710 clock."""

    county: str  # the county, district or zone at or above its lead unit ("" when none)
    view: OrderView


@dataclass(frozen=True, slots=True)
class ItemLevels:
    """A supervision item between levels: the item it was handed down from, its counties' children
    and their roll-up (the same :func:`roll_up` as a task's; the worst child's open stage beside it)."""

    parent: tuple[int, str] | None  # (item id, title) — 上级督办事项
    children: list[ItemChild]
    rollup: RollUp | None
    worst: ItemChild | None  # the child furthest behind: most days overdue, else the roll-up's worst


def item_levels(ledger: Ledger, order_id: int, as_of: date) -> ItemLevels:
    order = ledger.get(SupervisionOrder, order_id)
    parent = ledger.get(SupervisionOrder, order.parent_id) if order.parent_id else None
    kids = [
        ItemChild(
            county.name if (county := county_unit(ledger, c.lead_unit_id)) else "", view(ledger, c, as_of)
        )
        for c in ledger.all(SupervisionOrder, parent_id=order_id, order_by="id")
    ]
    facts = [item_facts(c.view) for c in kids]
    summary = roll_up(facts)
    worst = None
    if kids:
        pairs = zip(kids, facts, strict=True)
        worst = max(pairs, key=lambda p: (p[0].view.status.overdue, SEVERITY[p[1].state]))[0]
    return ItemLevels((parent.id, parent.title) if parent else None, kids, summary, worst)


def item_facts(v: OrderView) -> ChildFacts:
    """What the roll-up reads of a child item: 已销号 → closed; resolved or awaiting acceptance →
    done; a stage past due → 逾期; else on track (临期 too: ``on_time``). A stage handled late or a
    missed node counts the child as late."""
    s = v.status
    late = sum(1 for c in s.stages if c.late > 0 or c.missed)
    if s.state is ItemState.CLOSED:
        return ChildFacts(State.CLOSED, s.colour, late, on_time=True)
    if s.state in (ItemState.RESOLVED, ItemState.AWAITING):
        return ChildFacts(State.DONE, s.colour, late, on_time=s.colour is not Colour.RED)
    if s.colour is Colour.RED:
        return ChildFacts(State.OVERDUE, s.colour, late, on_time=False)
    return ChildFacts(State.ON_TRACK, s.colour, late, on_time=True)
