"""Supervision items (督办事项) as pages and the API show them, from the engine's order views."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta
from operator import attrgetter

from luoshi.serve.encode import GZIP_MIN, gzipped, to_json
from luoshi.store.ledger import Ledger
from luoshi.store.models.supervision import SupervisionOrder
from luoshi.supervise.levels import ItemLevels, item_levels
from luoshi.supervise.orders import OrderView, view
from luoshi.supervise.scope import EVERYTHING, Scope
from luoshi.supervise.snapshot import items_page, task_items, year_items
from luoshi.supervise.stages import REWORK, ItemState

DEFAULT_PAGE, MAX_PAGE = 100, 5000  # items per page of the API's list


@dataclass(frozen=True, slots=True)
class ItemRow:
    id: int
    version: int
    title: str
    level: str
    origin: str
    lead_unit: str
    co_units: list[str]
    unit_ids: list[int]
    raised_on: date
    task_id: int | None
    state: str
    state_label: str
    colour: str
    stage: str | None
    stage_due: date | None
    overdue_days: int
    returned: bool  # sent back by the office and not yet asked to close again


@dataclass(frozen=True, slots=True)
class ItemEventRow:
    kind: str
    label: str
    on: date
    actor: str
    note: str
    grade: str | None
    stage: str | None
    override: str = ""  # the office's reason for accepting past a rule
    stage_label: str | None = None  # the stage as people name it (研究部署, not deploy)


@dataclass(frozen=True, slots=True)
class ItemParent:
    id: int
    title: str


@dataclass(frozen=True, slots=True)
class ItemChildRow:
    """转办: one county's child item — its county, lead unit, 13710 stage and due dates."""

    county: str
    item: ItemRow
    final_due: date | None  # the last stage's due day (办结时限)
    late_stages: int  # stages handled after their due day, or nodes missed


@dataclass(frozen=True, slots=True)
class ItemRollUpRow:
    """The children summed up (as a task's roll-up) and the child furthest behind."""

    children: int
    state: str
    state_label: str
    colour: str
    on_track: float  # share of children with no stage past due
    late: int  # children with a stage handled late
    overdue: int  # children with a stage past due now
    done: int  # children resolved, awaiting acceptance or 已销号
    worst_id: int | None
    worst_county: str
    worst_stage: str | None
    worst_overdue_days: int


@dataclass(frozen=True, slots=True)
class ItemDetail:
    item: ItemRow
    detail: str
    leader: str
    stages: list[dict[str, object]]
    events: list[ItemEventRow]
    calendar_warning: str | None = None  # set when its due dates rest on an estimated year
    parent: ItemParent | None = None  # 转办: the item it was handed down from
    children: list[ItemChildRow] = field(default_factory=list)  # 转办: one per county
    rollup: ItemRollUpRow | None = None


def _row(v: OrderView, unit_ids: list[int]) -> ItemRow:
    s = v.status
    return ItemRow(
        id=v.id, version=v.version, title=v.title, level=v.level.value, origin=v.origin.value,
        lead_unit=v.lead_unit, co_units=list(v.co_units), unit_ids=unit_ids, raised_on=v.raised_on,
        task_id=v.task_id, state=s.state.value, state_label=s.state.label, colour=s.colour.value,
        stage=s.stage.label if s.stage else None, stage_due=s.stage.due if s.stage else None,
        overdue_days=s.overdue, returned=s.stage is not None and s.stage.key.startswith(REWORK),
    )  # fmt: skip


def _units(order: SupervisionOrder) -> list[int]:
    return [order.lead_unit_id, *order.co_unit_ids]


def item_rows(
    ledger: Ledger, as_of: date, *, task_id: int | None = None, unit_id: int | None = None,
    scope: Scope = EVERYTHING,
) -> list[ItemRow]:  # fmt: skip
    """Items as rows (those inside ``scope``): the year's, or (``task_id``) a task's own, whatever
    their year."""
    views = year_items(ledger, as_of) if task_id is None else task_items(ledger, as_of, task_id)
    rows = [_row(v, list(v.unit_ids)) for v in scope.only(views)]
    if unit_id is not None:
        rows = [r for r in rows if unit_id in r.unit_ids]
    return rows


def item_page(
    ledger: Ledger, as_of: date, *, unit_id: int | None, limit: int, offset: int, gzip: bool,
    scope: Scope = EVERYTHING,
) -> tuple[bytes, bool]:  # fmt: skip
    """One page of the year's items as JSON (``{"total", "offset", "limit", "items"}``), encoded once
    (and gzip-compressed once, if ``gzip`` and not tiny) until an item changes; and whether it is
    compressed. Only the items inside ``scope`` (a county's own)."""
    name = f"api/items?unit={unit_id}&limit={limit}&offset={offset}@{scope.key}"

    def encode(views: list[OrderView]) -> bytes:
        seen = scope.only(views)
        mine = seen if unit_id is None else [v for v in seen if unit_id in v.unit_ids]
        shown = [_row(v, list(v.unit_ids)) for v in mine[offset : offset + limit]]
        return to_json({"total": len(mine), "offset": offset, "limit": limit, "items": shown})

    body = items_page(ledger, as_of, name, encode)
    if not gzip or len(body) < GZIP_MIN:
        return body, False
    return items_page(ledger, as_of, f"{name}.gz", lambda views: gzipped(body)), True


def item_detail(ledger: Ledger, item_id: int, as_of: date) -> ItemDetail:
    order = ledger.get(SupervisionOrder, item_id)
    v = view(ledger, order, as_of)
    stages: list[dict[str, object]] = [
        {
            "label": c.label,
            "due": c.due,
            "met": c.done_on,
            "overdue": c.overdue,
            "late": c.late,
            "missed": c.missed,
        }
        for c in v.status.stages
    ]
    names = {c.key: c.label for c in v.status.stages}
    events = [
        ItemEventRow(
            e.kind.value,
            e.kind.label,
            e.on,
            e.actor,
            e.note,
            e.grade.value if e.grade else None,
            e.stage,
            e.override,
            stage_label(e.stage, names),
        )
        for e in v.facts.events
    ]
    warning = ledger.calendar.warning()
    levels = item_levels(ledger, item_id, as_of)
    return ItemDetail(
        _row(v, _units(order)), order.detail, order.leader, stages, events, warning,
        parent=ItemParent(*levels.parent) if levels.parent else None,
        children=[_child(c.county, c.view) for c in levels.children], rollup=_rollup(levels),
    )  # fmt: skip


def _child(county: str, v: OrderView) -> ItemChildRow:
    stages = v.status.stages
    return ItemChildRow(
        county=county, item=_row(v, list(v.unit_ids)), final_due=max((c.due for c in stages), default=None),
        late_stages=sum(1 for c in stages if c.late > 0 or c.missed),
    )  # fmt: skip


def _rollup(levels: ItemLevels) -> ItemRollUpRow | None:
    r, worst = levels.rollup, levels.worst
    if r is None or worst is None:
        return None
    stage = worst.view.status.stage
    return ItemRollUpRow(
        children=r.children, state=r.state.value, state_label=r.state.label, colour=r.colour.value,
        on_track=round(r.on_track, 4), late=r.late, overdue=r.overdue, done=r.done, worst_id=worst.view.id,
        worst_county=worst.county, worst_stage=stage.label if stage else None,
        worst_overdue_days=worst.view.status.overdue,
    )  # fmt: skip


def stage_label(key: str | None, names: dict[str, str]) -> str | None:
    """A stage key on the timeline (deploy, milestone:一期, rework:2) as the item's clock names it."""
    if key is None:
        return None
    if key in names:
        return names[key]
    kind, _, rest = key.partition(":")
    if kind == REWORK:
        return "退回重办"
    return rest.rsplit(":", 1)[-1] or names.get(kind, "办理环节")


def items_by_stage(ledger: Ledger, as_of: date, scope: Scope = EVERYTHING) -> dict[str, int]:
    """Open items (inside ``scope``) counted by the stage they wait on; closed ones under 已销号."""
    counts: Counter[str] = Counter()
    for v in scope.only(year_items(ledger, as_of)):
        counts[v.status.stage.label if v.status.stage else v.status.state.label] += 1
    return dict(counts)


def item_units(ledger: Ledger, item_id: int) -> frozenset[int]:
    return frozenset(_units(ledger.get(SupervisionOrder, item_id)))


@dataclass(frozen=True, slots=True)
class StageDue:
    """One open stage of an item on the 驾驶舱: overdue (``overdue_days`` > 0) or falling due soon."""

    id: int
    title: str
    lead_unit: str
    lead_unit_id: int
    stage: str
    due: date
    overdue_days: int
    colour: str


def open_stages(
    ledger: Ledger, as_of: date, *, within: int, scope: Scope = EVERYTHING
) -> tuple[list[StageDue], list[StageDue]]:
    """Open items' open stages as of ``as_of``: (overdue, most overdue first; due within ``within``
    days, soonest first). Derived from each item's 13710 clock (:func:`item_status`), never stored."""
    late: list[StageDue] = []
    soon: list[StageDue] = []
    for v in scope.only(year_items(ledger, as_of)):
        one_late, one_soon = _item_stages(v, as_of, within)
        late += one_late
        soon += one_soon
    order_stages(late, soon)
    return late, soon


def order_stages(late: list[StageDue], soon: list[StageDue]) -> None:
    """Sort in place: ``late`` most overdue first, then by due day and id; ``soon`` by due day and
    id. Two stable sorts on keys taken in C (some 6,000 stages at month end, after every step)."""
    late.sort(key=attrgetter("due", "id"))
    late.sort(key=attrgetter("overdue_days"), reverse=True)  # stable: ties keep (due, id) order
    soon.sort(key=attrgetter("due", "id"))


# an item's open stages, kept with its view (the views of unchanged items are kept between writes)
_STAGES: dict[tuple[int, date, int], tuple[OrderView, list[StageDue], list[StageDue]]] = {}
_STAGES_MAX = 50_000


def _item_stages(v: OrderView, as_of: date, within: int) -> tuple[list[StageDue], list[StageDue]]:
    """One item's open stages: (overdue, due within ``within`` days)."""
    kept = _STAGES.get((id(v), as_of, within))
    if kept is not None and kept[0] is v:
        return kept[1], kept[2]
    late: list[StageDue] = []
    soon: list[StageDue] = []
    if v.status.state is not ItemState.CLOSED:
        for s in v.status.stages:
            if not s.open:
                continue
            row = StageDue(v.id, v.title, v.lead_unit, v.unit_ids[0], s.label, s.due, s.overdue,
                           v.status.colour.value)  # fmt: skip
            if s.overdue > 0:
                late.append(row)
            elif as_of <= s.due <= as_of + timedelta(days=within):
                soon.append(row)
    if len(_STAGES) >= _STAGES_MAX:
        _STAGES.clear()
    _STAGES[(id(v), as_of, within)] = (v, late, soon)
    return late, soon
