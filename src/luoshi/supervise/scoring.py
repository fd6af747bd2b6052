"""The unit scoreboard (考核奖惩): a documented, configurable formula and a ranking.

Components per unit (as lead unit), each a share in [0, 1]:

* completion — mean over its tasks of ``min(progress ÷ elapsed share, 1)``; done or closed = 1;
* timeliness — progress reports filed by their due day ÷ reports due;
* response — stages of its supervision orders met on time ÷ stages due;
* acceptance — mean grade points (优秀 100 … 不合格 0) of its accepted orders and tasks ÷ 100.

score = 100 × Σ wᵢ·xᵢ ÷ Σ wᵢ over the components the unit has data for, minus penalties per
notice (通报) and escalation (提级督办), floored at 0. Weights, grade points and penalties come
from YAML (``luoshi/data/scoring/default.yaml``); docs/scoring.md explains them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from importlib import resources
from pathlib import Path
from statistics import mean
from typing import Any

from luoshi.errors import ValidationError
from luoshi.supervise.board import TaskRow
from luoshi.supervise.items import EventKind, Grade
from luoshi.supervise.orders import OrderView
from luoshi.supervise.status import State

COMPONENTS = ("completion", "timeliness", "response", "acceptance")


@dataclass(frozen=True, slots=True)
class ScoringConfig:
    weights: dict[str, float]
    grades: dict[str, float]
    penalties: dict[str, float]


@dataclass(slots=True)
class UnitScore:
    unit: str
    components: dict[str, float | None]
    notices: int = 0
    escalations: int = 0
    score: float | None = None
    rank: int | None = None
    tasks: int = 0
    orders: int = 0
    details: dict[str, Any] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        return {
            "rank": self.rank,
            "unit": self.unit,
            "score": self.score,
            **{k: None if v is None else round(v, 4) for k, v in self.components.items()},
            "notices": self.notices,
            "escalations": self.escalations,
            "tasks": self.tasks,
            "orders": self.orders,
        }


def load_scoring(path: Path | None = None) -> ScoringConfig:
    """The scoring config in ``path``, or the packaged default."""
    import yaml

    if path is not None and not path.is_file():
        raise ValidationError(f"找不到评分配置：{path}")
    source = path or resources.files("luoshi") / "data" / "scoring" / "default.yaml"
    data = yaml.safe_load(source.read_text(encoding="utf-8")) or {}
    return parse_scoring(data)


def parse_scoring(data: Any) -> ScoringConfig:
    if not isinstance(data, dict):
        raise ValidationError("评分配置须为映射（weights, grades, penalties）")
    weights = {k: float(v) for k, v in (data.get("weights") or {}).items()}
    unknown = set(weights) - set(COMPONENTS)
    if unknown:
        raise ValidationError(f"未知的评分项：{sorted(unknown)}（可选：{'/'.join(COMPONENTS)}）")
    if any(w < 0 for w in weights.values()) or not any(weights.values()):
        raise ValidationError("评分权重须非负，且至少一项大于 0")
    grades = {str(k): float(v) for k, v in (data.get("grades") or {}).items()}
    missing = {g.value for g in Grade} - set(grades)
    if missing:
        raise ValidationError(f"评分配置缺少等次分值：{sorted(missing)}")
    penalties = {
        "notice": 0.0,
        "escalation": 0.0,
        **{k: float(v) for k, v in (data.get("penalties") or {}).items()},
    }
    return ScoringConfig(weights, grades, penalties)


def scoreboard(
    tasks: list[TaskRow], orders: list[OrderView], config: ScoringConfig, *, as_of: date
) -> list[UnitScore]:
    """One score per lead unit, ranked (best first; units without any data are unranked, last)."""
    units = sorted({t.lead for t in tasks if t.lead} | {o.lead_unit for o in orders})
    scores = [
        _score(u, [t for t in tasks if t.lead == u], [o for o in orders if o.lead_unit == u], config, as_of)
        for u in units
    ]
    ranked = sorted((s for s in scores if s.score is not None), key=lambda s: (-(s.score or 0), s.unit))
    for i, s in enumerate(ranked):
        s.rank = i + 1 if i == 0 or s.score != ranked[i - 1].score else ranked[i - 1].rank
    return ranked + [s for s in scores if s.score is None]


def _score(
    unit: str, tasks: list[TaskRow], orders: list[OrderView], cfg: ScoringConfig, as_of: date
) -> UnitScore:
    components = {
        "completion": completion(tasks),
        "timeliness": timeliness(tasks),
        "response": response(orders, as_of),
        "acceptance": acceptance(tasks, orders, cfg),
    }
    events = [e for o in orders for e in o.facts.upto(as_of)]
    result = UnitScore(unit, components, tasks=len(tasks), orders=len(orders))
    result.notices = sum(1 for e in events if e.kind is EventKind.NOTICE)
    result.escalations = sum(1 for e in events if e.kind is EventKind.ESCALATED)
    weighted = [(cfg.weights.get(k, 0.0), v) for k, v in components.items() if v is not None]
    total = sum(w for w, _ in weighted)
    if total > 0:
        raw = 100 * sum(w * v for w, v in weighted) / total
        penalty = result.notices * cfg.penalties["notice"] + result.escalations * cfg.penalties["escalation"]
        result.score = round(max(raw - penalty, 0.0), 1)
    return result


def completion(tasks: list[TaskRow]) -> float | None:
    shares = []
    for t in tasks:
        if t.status.state in (State.DONE, State.CLOSED):
            shares.append(1.0)
        else:
            progress = t.status.progress or 0.0
            shares.append(min(progress / max(t.status.elapsed, 0.01), 1.0))
    return mean(shares) if shares else None


def timeliness(tasks: list[TaskRow]) -> float | None:
    due = sum(t.reports_due for t in tasks)
    return sum(t.reports_on_time for t in tasks) / due if due else None


def response(orders: list[OrderView], as_of: date) -> float | None:
    stages = [s for o in orders for s in o.status.stages if s.due <= as_of or s.done_on is not None]
    if not stages:
        return None
    return sum(1 for s in stages if s.done_on is not None and s.done_on <= s.due) / len(stages)


def acceptance(tasks: list[TaskRow], orders: list[OrderView], cfg: ScoringConfig) -> float | None:
    grades = [t.grade for t in tasks if t.grade]
    for o in orders:
        grades += [e.grade.value for e in o.facts.events if e.kind is EventKind.ACCEPTED and e.grade]
    return mean(cfg.grades[g] / 100 for g in grades) if grades else None
