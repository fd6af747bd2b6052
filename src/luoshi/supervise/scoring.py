"""The unit scoreboard (考核奖惩): a documented, configurable formula, a ranking, 等次 and 奖惩.

Components per unit, each a share in [0, 1]:

* completion — the mean credit of its tasks, each weighted by the unit's role on it (牵头 1, 配合
  its share; a 专班's member units, its lead unit among them, the ``member`` share of the tasks the
  专班 leads): a task's credit follows its status (:func:`task_credit`), so a 进度滞后 task never
  counts in full and a task without a number counts by the milestones reached or its percentage;
* timeliness — progress reports filed by their due day ÷ reports due (tasks it leads);
* response — stages of its supervision orders met on time ÷ stages due;
* acceptance — mean grade points (优秀 100 … 不合格 0) of its accepted orders and tasks ÷ 100;
* satisfaction — the filers' 满意 answers ÷ all their answers (回访) on its orders from the port.

score = 100 × Σ wᵢ·xᵢ ÷ Σ wᵢ over the components the unit has data for, minus penalties per
通报, 提级督办 and 退回, plus a bonus per published model case (示范案例), within 0–100.
Units with no task in the period are listed apart, unranked. Ties share a rank (1, 2, 2, 4).
The 等次 (优秀/良好/合格/不合格) follows score bands or rank shares, and 奖惩 names who is
commended and who is named in a 通报. All of it comes from YAML (``luoshi/data/scoring/default.yaml``);
docs/scoring.md explains it with a worked example.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from luoshi.errors import ValidationError
from luoshi.supervise.board import StatusRow
from luoshi.supervise.items import FEEDBACK_KINDS, EventKind, Grade
from luoshi.supervise.orders import OrderView
from luoshi.supervise.ratings import Ratings, parse_ratings, rate
from luoshi.supervise.status import State

COMPONENTS = ("completion", "timeliness", "response", "acceptance", "satisfaction")
PENALTIES = ("notice", "escalation", "returned")  # 通报, 提级督办, 退回 (a finish or a closure sent back)
ROLES = ("lead", "co", "member")  # 牵头, 配合, 专班成员 (a 专班 itself is scored by its role, like any unit)
CREDITS = ("behind_cap", "missing")
BONUSES = ("model_case",)  # 示范案例: points per published model case
FULL = frozenset({State.DONE, State.CLOSED, State.ON_TRACK, State.NOT_STARTED})


@dataclass(frozen=True, slots=True)
class ScoringConfig:
    weights: dict[str, float]
    grades: dict[str, float]
    penalties: dict[str, float]
    roles: dict[str, float] = field(default_factory=lambda: {"lead": 1.0, "co": 0.0, "member": 0.0})
    credit: dict[str, float] = field(default_factory=lambda: {"behind_cap": 0.8, "missing": 0.0})
    ratings: Ratings | None = None
    bonuses: dict[str, float] = field(default_factory=lambda: {"model_case": 0.0})


@dataclass(slots=True)
class UnitScore:
    unit: str
    components: dict[str, float | None]
    notices: int = 0
    escalations: int = 0
    returns: int = 0
    score: float | None = None
    rank: int | None = None
    tasks: int = 0  # tasks it leads
    co_tasks: int = 0  # tasks it supports (配合)
    member_tasks: int = 0  # tasks a 专班 it belongs to leads
    orders: int = 0
    cases: int = 0  # published model cases (示范案例)
    rating: str | None = None  # 等次
    outcome: str | None = None  # 奖惩: 表扬 / 通报
    details: dict[str, Any] = field(default_factory=dict)

    @property
    def ranked(self) -> bool:
        return self.rank is not None

    def to_dict(self) -> dict[str, Any]:
        return {
            "rank": self.rank,
            "unit": self.unit,
            "score": self.score,
            **{k: None if v is None else round(v, 4) for k, v in self.components.items()},
            "notices": self.notices,
            "escalations": self.escalations,
            "returns": self.returns,
            "tasks": self.tasks,
            "co_tasks": self.co_tasks,
            "member_tasks": self.member_tasks,
            "orders": self.orders,
            "cases": self.cases,
            "rating": self.rating,
            "outcome": self.outcome,
        }


def load_scoring(path: Path | None = None) -> ScoringConfig:
    """The scoring config in ``path``, or the packaged default (read once per process: the
    dashboard's ranking asks for it after every write)."""
    if path is None:
        return _packaged_scoring()
    if not path.is_file():
        raise ValidationError(f"找不到评分配置：{path}")
    return _read_scoring(path.read_text(encoding="utf-8"))


@cache
def _packaged_scoring() -> ScoringConfig:
    source = resources.files("luoshi") / "data" / "scoring" / "default.yaml"
    return _read_scoring(source.read_text(encoding="utf-8"))


def _read_scoring(text: str) -> ScoringConfig:
    import yaml

    return parse_scoring(yaml.safe_load(text) or {})


def parse_scoring(data: Any) -> ScoringConfig:
    if not isinstance(data, dict):
        raise ValidationError("评分配置须为映射（weights, grades, penalties）")
    weights = _known(data, "weights", COMPONENTS, "评分项")
    if any(w < 0 for w in weights.values()) or not any(weights.values()):
        raise ValidationError("评分权重须非负，且至少一项大于 0")
    grades = {str(k): float(v) for k, v in (data.get("grades") or {}).items()}
    missing = {g.value for g in Grade} - set(grades)
    if missing:
        raise ValidationError(f"评分配置缺少等次分值：{sorted(missing)}")
    penalties = {name: 0.0 for name in PENALTIES} | _known(data, "penalties", PENALTIES, "扣分项")
    roles = {"lead": 1.0, "co": 0.0, "member": 0.0} | _known(data, "roles", ROLES, "分工角色")
    credit = {"behind_cap": 0.8, "missing": 0.0} | _known(data, "credit", CREDITS, "完成度规则")
    if any(not 0 <= v <= 1 for v in (*roles.values(), *credit.values())):
        raise ValidationError("roles 与 credit 的取值须在 0 到 1 之间")
    ratings = parse_ratings(data["ratings"]) if data.get("ratings") else None
    bonuses = {name: 0.0 for name in BONUSES} | _known(data, "bonuses", BONUSES, "加分项")
    return ScoringConfig(weights, grades, penalties, roles, credit, ratings, bonuses)


def _known(data: dict[str, Any], key: str, names: tuple[str, ...], what: str) -> dict[str, float]:
    """A mapping of numbers whose names the policy knows; an unknown name is refused, not ignored."""
    raw = data.get(key) or {}
    if not isinstance(raw, dict):
        raise ValidationError(f"评分配置的 {key} 须为映射")
    unknown = set(raw) - set(names)
    if unknown:
        raise ValidationError(f"未知的{what}：{sorted(unknown)}（可选：{'/'.join(names)}）")
    try:
        return {str(k): float(v) for k, v in raw.items()}
    except (TypeError, ValueError):
        raise ValidationError(f"评分配置的 {key} 须为数值") from None


def scoreboard(
    tasks: list[StatusRow],
    orders: list[OrderView],
    config: ScoringConfig,
    *,
    as_of: date,
    units: Iterable[str] = (),
    cases: Mapping[str, int] | None = None,
    forces: Mapping[str, Sequence[str]] | None = None,
    levels: Mapping[str, str] | None = None,
) -> list[UnitScore]:
    """One score per unit, ranked (ties share a rank); units with no task in the period (``units``
    names the rest of the catalogue) are listed apart, unranked, last. ``cases``: published model
    cases per unit (see :func:`luoshi.supervise.cases.published_counts`). ``forces``: each 专班's
    name → its member units' names (its lead unit first); a 专班 has its own row like any unit.
    ``levels``: each unit inside a county (its departments, townships) → the county's name: a county
    is assessed as a unit of the city, over the tasks handed down to it and its own units' work
    (see :func:`luoshi.supervise.levels.county_of`)."""
    forces, cases, levels = forces or {}, cases or {}, levels or {}
    handed = {t.handed_to for t in tasks if t.handed_to} | {levels[t.lead] for t in tasks if t.lead in levels}
    units = sorted({t.lead for t in tasks if t.lead} | {c for t in tasks for c in t.co}
                   | {o.lead_unit for o in orders} | set(units) | handed)  # fmt: skip
    index = _Index.of(tasks, orders, levels)
    scores = [_unit_score(u, index, config, as_of, _forces_of(u, forces), cases.get(u, 0)) for u in units]
    ranked = sorted(
        (s for s in scores if s.score is not None and s.tasks + s.co_tasks + s.member_tasks), key=_order
    )
    for i, s in enumerate(ranked):
        s.rank = i + 1 if i == 0 or s.score != ranked[i - 1].score else ranked[i - 1].rank
    if config.ratings is not None:
        rate(ranked, config.ratings)
    return ranked + [s for s in scores if s.rank is None]


def _order(score: UnitScore) -> tuple[float, str]:
    return -(score.score or 0.0), score.unit


def _forces_of(unit: str, forces: Mapping[str, Sequence[str]]) -> set[str]:
    """The 专班 ``unit`` is a member of (its lead unit counts as a member)."""
    return {name for name, members in forces.items() if unit in members and name != unit}


@dataclass(frozen=True, slots=True)
class _Index:
    """Tasks and orders by the units they count for, built once per scoreboard (a unit's score
    then reads its own tasks, not all of them: 100 units × 10,000 tasks was 2 s a board)."""

    # unit → tasks it answers for as lead: it leads the task, or the task was handed down (转办) to it,
    # or one of its own units (``levels``: unit → its county) leads it or got it
    led: dict[str, list[StatusRow]]
    shared: dict[str, list[StatusRow]]  # unit → tasks it supports (配合), itself or through its county
    by_lead: dict[str, list[tuple[int, StatusRow]]]  # a task's own lead → (position, task)
    orders: dict[str, list[OrderView]]  # lead unit → its orders

    @classmethod
    def of(cls, tasks: list[StatusRow], orders: list[OrderView], levels: Mapping[str, str]) -> _Index:
        by_unit: dict[str, list[OrderView]] = {}
        for order in orders:
            by_unit.setdefault(order.lead_unit, []).append(order)
        return cls(*_task_index(tasks, levels), by_unit)


_TaskIndex = tuple[
    dict[str, list[StatusRow]], dict[str, list[StatusRow]], dict[str, list[tuple[int, StatusRow]]]
]
# the last tasks indexed, with their levels and index: after a write the next board holds the same row
# objects but a few, and those few are swapped into copies of their units' lists (not 10,000 re-indexed)
_LAST_TASKS: list[tuple[list[StatusRow], dict[str, str], _TaskIndex]] = []
PATCH_MAX = 64  # more rows changed than this: index them all again


def _task_index(tasks: list[StatusRow], levels: Mapping[str, str]) -> _TaskIndex:
    last = _LAST_TASKS[0] if _LAST_TASKS else None
    found = None
    if last is not None and len(last[0]) == len(tasks) and last[1] == levels:
        found = _patched(last[0], last[2], tasks, levels)
    if found is None:
        found = _indexed(tasks, levels)
    _LAST_TASKS[:] = [(list(tasks), dict(levels), found)]
    return found


def _indexed(tasks: list[StatusRow], levels: Mapping[str, str]) -> _TaskIndex:
    led: dict[str, list[StatusRow]] = {}
    shared: dict[str, list[StatusRow]] = {}
    by_lead: dict[str, list[tuple[int, StatusRow]]] = {}
    for i, task in enumerate(tasks):
        leaders = _leaders(task, levels)
        for unit in leaders:
            led.setdefault(unit, []).append(task)
        for unit in _helpers(task, levels, leaders):
            shared.setdefault(unit, []).append(task)
        by_lead.setdefault(task.lead, []).append((i, task))
    return led, shared, by_lead


def _patched(
    old: list[StatusRow], index: _TaskIndex, tasks: list[StatusRow], levels: Mapping[str, str]
) -> _TaskIndex | None:
    """``index`` (of ``old``) for ``tasks``, when they differ in a few rows of the same tasks in the
    same places, with the same units; else None."""
    diff = [i for i, (a, b) in enumerate(zip(old, tasks, strict=True)) if a is not b]
    if len(diff) > PATCH_MAX or any(
        (old[i].id, old[i].lead, old[i].handed_to, old[i].co) != (t.id, t.lead, t.handed_to, t.co)
        for i in diff
        for t in (tasks[i],)
    ):
        return None
    swap = {id(old[i]): tasks[i] for i in diff}
    led, shared, by_lead = dict(index[0]), dict(index[1]), dict(index[2])
    for i in diff:
        leaders = _leaders(old[i], levels)
        for unit in leaders:
            led[unit] = [swap.get(id(t), t) for t in led[unit]]
        for unit in _helpers(old[i], levels, leaders):
            shared[unit] = [swap.get(id(t), t) for t in shared[unit]]
        lead = old[i].lead
        by_lead[lead] = [(n, swap.get(id(t), t)) for n, t in by_lead[lead]]
    return led, shared, by_lead


def _leaders(task: StatusRow, levels: Mapping[str, str]) -> set[str]:
    """The units a task counts for as lead: its lead, the county it was handed to, and theirs."""
    lead = task.lead
    if not levels and not task.handed_to:  # a city's own task (the usual one): without building sets
        return {lead} if lead else set()
    found = {lead, task.handed_to, levels.get(lead), levels.get(task.handed_to)}
    return {str(u) for u in found if u}


def _helpers(task: StatusRow, levels: Mapping[str, str], leaders: set[str]) -> set[str]:
    """The units a task counts for as a helper (配合): its co-units and their counties, not its leaders."""
    if not task.co:
        return set()
    return (set(task.co) | {levels[c] for c in task.co if c in levels}) - leaders - {""}


_LAST: dict[tuple[str, date], tuple[tuple[Any, ...], UnitScore]] = {}  # unit → its last inputs and score
_LAST_MAX = 20_000


def _unit_score(
    unit: str, index: _Index, cfg: ScoringConfig, as_of: date, forces: set[str], cases: int = 0
) -> UnitScore:
    """:func:`_score`, or a copy of the unit's last score when its inputs are equal to the last ones:
    after a write only the units whose tasks or items it touched are scored again (the lists hold
    the same row objects then, so comparing them costs next to nothing)."""
    inputs = (
        index.led.get(unit), index.shared.get(unit), index.orders.get(unit), cases, sorted(forces),
        [index.by_lead.get(f) for f in sorted(forces)], cfg,
    )  # fmt: skip
    last = _LAST.get((unit, as_of))
    if last is not None and last[0] == inputs:
        return replace(last[1], rank=None, rating=None, outcome=None)
    result = _score(unit, index, cfg, as_of, forces, cases)
    if len(_LAST) >= _LAST_MAX:
        _LAST.clear()
    _LAST[(unit, as_of)] = (inputs, replace(result))
    return result


def _score(
    unit: str, index: _Index, cfg: ScoringConfig, as_of: date, forces: set[str], cases: int = 0
) -> UnitScore:
    led = index.led.get(unit, [])
    shared = index.shared.get(unit, [])
    orders = index.orders.get(unit, [])
    mine = {t.id for t in led}
    member = [
        t
        for _, t in sorted(p for f in forces if f != unit for p in index.by_lead.get(f, []))
        if unit not in t.co and t.id not in mine
    ]
    weighted = [(t, cfg.roles["lead"]) for t in led] + [(t, cfg.roles["co"]) for t in shared]
    weighted += [(t, cfg.roles["member"]) for t in member]
    components = {
        "completion": completion(weighted, cfg),
        "timeliness": timeliness(led),
        "response": response(orders, as_of),
        "acceptance": acceptance(led, orders, cfg),
        "satisfaction": satisfaction(orders, as_of),
    }
    events = [e for o in orders for e in o.facts.upto(as_of)]
    result = UnitScore(
        unit, components, tasks=len(led), co_tasks=len(shared), orders=len(orders), cases=cases
    )
    result.member_tasks = len(member)
    result.notices = sum(1 for e in events if e.kind is EventKind.NOTICE)
    result.escalations = sum(1 for e in events if e.kind is EventKind.ESCALATED)
    result.returns = sum(1 for e in events if e.kind is EventKind.RETURNED) + sum(t.returns for t in led)
    result.score = _total(result, cfg)
    return result


def _total(result: UnitScore, cfg: ScoringConfig) -> float | None:
    weighted = [(cfg.weights.get(k, 0.0), v) for k, v in result.components.items() if v is not None]
    total = sum(w for w, _ in weighted)
    if total <= 0:
        return None
    raw = 100 * sum(w * v for w, v in weighted) / total
    counts = {"notice": result.notices, "escalation": result.escalations, "returned": result.returns}
    penalty = sum(cfg.penalties[name] * n for name, n in counts.items())
    bonus = cfg.bonuses["model_case"] * result.cases
    return round(min(max(raw - penalty + bonus, 0.0), 100.0), 1)


def task_credit(task: StatusRow, cfg: ScoringConfig) -> float:
    """A task's completion credit from its status: done, on track or not yet due counts 1; 进度滞后
    and 逾期 count their pace (share done ÷ share of time gone) up to ``behind_cap``; 缺报 counts the
    ``missing`` credit. The share done is by value, else milestones reached, else the percentage."""
    state = task.status.state
    if state in FULL:
        return 1.0
    if state is State.MISSING:
        return cfg.credit["missing"]
    pace = (task.status.progress or 0.0) / max(task.status.elapsed, 0.01)
    return min(pace, cfg.credit["behind_cap"])


def completion(weighted: list[tuple[StatusRow, float]], cfg: ScoringConfig) -> float | None:
    total = sum(w for _, w in weighted)
    return sum(w * task_credit(t, cfg) for t, w in weighted) / total if total > 0 else None


def timeliness(tasks: list[StatusRow]) -> float | None:
    due = sum(t.reports_due for t in tasks)
    return sum(t.reports_on_time for t in tasks) / due if due else None


def response(orders: list[OrderView], as_of: date) -> float | None:
    stages = [s for o in orders for s in o.status.stages if s.due <= as_of or s.done_on is not None]
    if not stages:
        return None
    return sum(1 for s in stages if s.done_on is not None and s.done_on <= s.due) / len(stages)


def satisfaction(orders: list[OrderView], as_of: date) -> float | None:
    """回访: the share of the filers' answers that were 满意, over the unit's orders."""
    answers = [e.kind for o in orders for e in o.facts.upto(as_of) if e.kind in FEEDBACK_KINDS]
    return answers.count(EventKind.SATISFIED) / len(answers) if answers else None


def acceptance(tasks: list[StatusRow], orders: list[OrderView], cfg: ScoringConfig) -> float | None:
    grades = [t.grade for t in tasks if t.grade]
    for o in orders:
        grades += [e.grade.value for e in o.facts.events if e.kind is EventKind.ACCEPTED and e.grade]
    return sum(cfg.grades[g] / 100 for g in grades) / len(grades) if grades else None
