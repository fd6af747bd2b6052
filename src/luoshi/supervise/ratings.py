"""Unit grades (等次 优秀/良好/合格/不合格) and 奖惩 from the scoreboard, by a rule kept as data.

Two rules offices use: score bands (``by: bands``: the lowest score of 优秀, 良好 and 合格; below
合格 is 不合格) or rank shares (``by: shares``: the top share of ranked units is 优秀, the next
良好, the rest 合格, and any unit under the ``pass`` mark 不合格). Tied units share a rank and so
a grade. ``commend`` and ``notice`` list the grades that are commended (通报表扬) and named in a
通报 (通报批评).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from luoshi.errors import ValidationError
from luoshi.supervise.items import Grade

ORDER = (Grade.EXCELLENT.value, Grade.GOOD.value, Grade.PASS.value)  # best first; below them: 不合格
COMMENDED = "通报表扬"
NAMED = "通报批评"


class Scored(Protocol):
    score: float | None
    rank: int | None
    rating: str | None
    outcome: str | None


@dataclass(frozen=True, slots=True)
class Ratings:
    by: str  # bands | shares
    cuts: dict[str, float]  # bands: lowest score per grade; shares: share of ranked units per grade
    pass_mark: float  # shares: a score below it is 不合格 whatever the rank
    commend: frozenset[str]
    notice: frozenset[str]


def parse_ratings(raw: Any) -> Ratings:
    if not isinstance(raw, dict) or raw.get("by") not in ("bands", "shares"):
        raise ValidationError("ratings 须为映射，by 取 bands（分数段）或 shares（名次比例）")
    by = str(raw["by"])
    cuts_raw = raw.get(by) or {}
    unknown = set(cuts_raw) - set(ORDER) if isinstance(cuts_raw, dict) else {"?"}
    if unknown or not cuts_raw:
        raise ValidationError(f"ratings.{by} 须为 {'/'.join(ORDER)} 到数值的映射")
    cuts = {str(k): float(v) for k, v in cuts_raw.items()}
    if by == "shares" and (any(v < 0 for v in cuts.values()) or sum(cuts.values()) > 1):
        raise ValidationError("ratings.shares 各项须非负，合计不超过 1")
    picks = {key: frozenset(str(g) for g in raw.get(key) or []) for key in ("commend", "notice")}
    if any(g not in {*ORDER, Grade.FAIL.value} for gs in picks.values() for g in gs):
        raise ValidationError("ratings 的 commend / notice 须列等次（优秀/良好/合格/不合格）")
    return Ratings(by, cuts, float(raw.get("pass", 0)), picks["commend"], picks["notice"])


def rate(ranked: Sequence[Scored], ratings: Ratings) -> None:
    """Set each ranked unit's 等次 and 奖惩 (in place); unranked units get neither."""
    for unit in ranked:
        unit.rating = _band(unit, ratings) if ratings.by == "bands" else _share(unit, len(ranked), ratings)
        unit.outcome = (
            COMMENDED if unit.rating in ratings.commend else NAMED if unit.rating in ratings.notice else None
        )


def _band(unit: Scored, ratings: Ratings) -> str:
    score = unit.score or 0.0
    for grade in ORDER:
        if grade in ratings.cuts and score >= ratings.cuts[grade]:
            return grade
    return Grade.FAIL.value


def _share(unit: Scored, count: int, ratings: Ratings) -> str:
    if (unit.score or 0.0) < ratings.pass_mark:
        return Grade.FAIL.value
    reached = 0.0
    for grade in ORDER[:-1]:
        reached += ratings.cuts.get(grade, 0.0)
        if (unit.rank or count) <= math.floor(count * reached + 1e-9):
            return grade
    return Grade.PASS.value
