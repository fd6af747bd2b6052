"""Judge an outcome against a target, respecting the target's modifier and the indicator's direction.

* 以上/不低于 (at_least): met at or above; 以内/不超过 (at_most): met at or below.
* 左右 (about): a floor indicator is met down to ``target − tolerance``; a ceiling indicator
  (居民消费价格涨幅3%左右) is met by anything up to ``target + tolerance`` — CPI 0.2% meets 3%左右;
  a band indicator must land within the tolerance.
* ranges: a floor needs the low end, a ceiling stays under the high end, a band stays inside.
* a reduction target (下降/降低 X%, stored negative) is a floor on the fall: 3.5% down meets 3%.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from luoshi.document import Metric, Modifier, Quantity
from luoshi.extract import hedges
from luoshi.link.match import family_value
from luoshi.link.vocabulary import Direction, Settings

_EPS = 1e-9
_PERCENT_FAMILIES = frozenset({"percent", "points", "permille"})
_DIRECTION_WORD = {
    Direction.FLOOR: "下限型",
    Direction.CEILING: "上限型",
    Direction.BAND: "区间型",
}


class Status(StrEnum):
    MET = "met"
    MISSED = "missed"
    NOT_REPORTED = "not_reported"
    TARGET_NOT_SET = "target_not_set"


STATUS_LABEL = {
    Status.MET: "完成",
    Status.MISSED: "未完成",
    Status.NOT_REPORTED: "未报告",
    Status.TARGET_NOT_SET: "未设目标",
}


@dataclass(frozen=True, slots=True)
class Judgement:
    status: Status
    why: str  # one line, Chinese


_MODIFIER_WORD = {Modifier.ABOUT: "左右", Modifier.AT_LEAST: "以上", Modifier.AT_MOST: "以内"}


def written(q: Quantity) -> str:
    """A quantity as the report wrote it (its text, else value and unit), with its hedge."""
    if q.text:
        shown = q.text
    else:
        low = abs(q.value) if is_reduction(q) else q.value
        shown = f"{low:g}"
        if q.value_high is not None:
            shown += f"—{abs(q.value_high) if is_reduction(q) else q.value_high:g}"
        shown += q.unit
    if is_reduction(q) and not shown.startswith(("下降", "降低", "减少", "压减", "回落")):
        shown = "下降" + shown.lstrip("-−")
    word = _MODIFIER_WORD.get(q.modifier)
    if word and not any(h in shown for h in hedges.WORDS):
        shown += word
    return shown


def is_reduction(q: Quantity) -> bool:
    """A target stated as a fall (下降/降低/压减 X%, stored negative)."""
    if q.metric not in (Metric.GROWTH, Metric.CHANGE):
        return False
    return q.value < 0 and (q.value_high is None or q.value_high <= 0)


def tolerance(target: Quantity, settings: Settings) -> tuple[float, str]:
    """The 左右 tolerance in the target's base unit, and how to say it."""
    family, base = family_value(target)
    if family in _PERCENT_FAMILIES:
        return settings.about_points, f"±{settings.about_points:g}个百分点"
    return abs(base) * settings.about_relative, f"±{settings.about_relative * 100:g}%"


def judge(target: Quantity, outcome: Quantity, direction: Direction, settings: Settings) -> Judgement:
    """Whether ``outcome`` meets ``target``, with one line of why."""
    reduction = is_reduction(target)
    sign = -1.0 if reduction else 1.0
    _, t = family_value(target)
    _, o = family_value(outcome)
    t, o = sign * t, sign * o
    high = t
    if target.value_high is not None and target.modifier == Modifier.RANGE:
        scale = t / target.value if target.value else sign
        high = target.value_high * scale
    lo, hi = min(t, high), max(t, high)
    tol, tol_words = tolerance(target, settings)
    ok, rule = _rule(target.modifier, Direction.FLOOR if reduction else direction, o, lo, hi, tol)
    if reduction and target.modifier not in (Modifier.AT_LEAST, Modifier.AT_MOST):
        rule = "降幅目标：降幅达到目标即完成"
    if target.modifier == Modifier.ABOUT or (
        direction == Direction.BAND and target.modifier == Modifier.EXACT
    ):
        rule += f"，左右容差{tol_words}"
    relation = _relation(o, lo, hi, reduction)
    verdict = "完成" if ok else "未完成"
    why = f"实际{written(outcome)}，{relation}目标{written(target)}（{rule}）：{verdict}"
    return Judgement(Status.MET if ok else Status.MISSED, why)


def _rule(
    modifier: Modifier, direction: Direction, o: float, lo: float, hi: float, tol: float
) -> tuple[bool, str]:
    """Apply the modifier and direction; returns (met, the rule in words)."""
    ok = meets(o, lo, high=hi, direction=direction, modifier=modifier, slack=tol)
    if modifier == Modifier.AT_LEAST:
        return ok, "以上：不低于目标即完成"
    if modifier == Modifier.AT_MOST:
        return ok, "以内：不高于目标即完成"
    kind = _DIRECTION_WORD[direction]
    if direction == Direction.FLOOR:
        return ok, f"{kind}指标：达到目标即完成"
    if direction == Direction.CEILING:
        return ok, f"{kind}指标：不高于目标即完成"
    return ok, f"{kind}指标：须落在目标附近"


def meets(
    value: float,
    target: float,
    *,
    direction: Direction,
    modifier: Modifier | str | None,
    slack: float,
    high: float | None = None,
) -> bool:
    """Does ``value`` meet ``target`` (the one rule status, reviews, scoreboards and verdicts use).

    以上 is a floor and 以内 a ceiling whatever the indicator; otherwise the indicator's direction
    decides. 左右 widens the target by ``slack`` (the vocabulary's tolerance) on the side that
    matters: a floor down to ``target − slack``, a ceiling up to ``target + slack`` (CPI 3.1 meets
    3%左右), a band on both. Values must already be sign-adjusted for reductions (see
    :func:`signed_for`). ``high`` is a range's upper end.
    """
    lo, hi = (target, target) if high is None else (min(target, high), max(target, high))
    if modifier == Modifier.AT_LEAST:
        return value >= lo - _EPS
    if modifier == Modifier.AT_MOST:
        return value <= hi + _EPS
    about = slack if modifier == Modifier.ABOUT else 0.0
    if direction == Direction.FLOOR:
        return value >= lo - about - _EPS
    if direction == Direction.CEILING:
        return value <= hi + about + _EPS
    band = slack if modifier in (Modifier.ABOUT, Modifier.EXACT, None) else 0.0
    return lo - band - _EPS <= value <= hi + band + _EPS


def about_slack(target: float, unit: str, settings: Settings) -> float:
    """The 左右 tolerance for a target of ``target`` in ``unit``: points for rates, else a share."""
    if any(mark in unit for mark in ("%", "百分点", "‰")):
        return settings.about_points
    return abs(target) * settings.about_relative


def signed_for(target: float, value: float, *, reduction: bool) -> tuple[float, float, Direction | None]:
    """A reduction (下降3%, stored −3) is a floor on the fall: compare the falls (3 and 3.5)."""
    return (-target, -value, Direction.FLOOR) if reduction else (target, value, None)


def _relation(o: float, lo: float, hi: float, reduction: bool) -> str:
    """How the outcome stands to the target, in words (o, lo, hi already sign-adjusted)."""
    if lo - _EPS <= o <= hi + _EPS:
        return "降幅达到" if reduction else ("等于" if lo == hi else "落在")
    if o > hi:
        return "降幅超过" if reduction else "高于"
    return "降幅小于" if reduction else "低于"
