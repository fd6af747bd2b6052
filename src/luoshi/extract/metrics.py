"""What kind of figure a number is: level, growth, share, count, change, rank or other.

Read from the unit and the words before the number (``Lead``): 增长6% is growth, 提高2.6个百分点
a change, 高于全省1.3个百分点 a gap (other), 占比94.5% a share, 22万台 a count, 提高到133元 a level.
"""

from __future__ import annotations

import re

from luoshi.document import Metric
from luoshi.extract.measures import MeasureKind
from luoshi.extract.numbers import Number

CHANGE_VERB = re.compile(
    r"增长|增加|提高|提升|上升|上涨|扩大|改善|增|涨|下降|降低|减少|压减|压缩|缩短|缩减|削减|回落|降|减|收窄|翻|"
    r"前移|后移|前进|后退|跃升|下滑"
)
DECREASE = re.compile(r"下降|降低|减少|压减|压缩|缩短|缩减|削减|回落|降|减|收窄|后移|后退|下滑")
REACH = re.compile(r"到|至")  # 提高到133元: the level reached, not the change
COMPARE = re.compile(r"高于|低于|快于|慢于|超过|高出|领先|超出|优于|好于|多于|少于")
GROWTH_NOUN = re.compile(r"(?:增速|增幅|涨幅|增长率|增长|降幅)$")
SHARE_NOUN = re.compile(r"率|占比|比重|比例|份额|覆盖|普及|达标")
STREAK = re.compile(r"连续")
RANK_STEPS = ("个位次", "位次", "位")
DAYS_COUNTED = re.compile(r"天数$")


def metric_of(n: Number, subject: str, predicate: str, pre: str) -> tuple[Metric, int]:
    """The metric of ``n`` and the sign of its value (-1 for 下降/压减 … as growth or change)."""
    if n.rank:
        return Metric.RANK, 1
    if n.kind is MeasureKind.RATIO or STREAK.search(pre[-6:]):
        return Metric.OTHER, 1
    changing = bool(CHANGE_VERB.search(predicate)) and not REACH.search(predicate)
    if n.unit in RANK_STEPS and CHANGE_VERB.search(pre[-6:]):  # 较上年前移2个位次
        return Metric.CHANGE, -1 if DECREASE.search(pre[-6:]) else 1
    sign = -1 if changing and DECREASE.search(predicate) else 1
    if n.kind is MeasureKind.POINTS:
        if COMPARE.search(pre):
            return Metric.OTHER, 1
        return (Metric.CHANGE, sign) if changing else (Metric.OTHER, 1)
    if n.kind is MeasureKind.TIMES:
        return (Metric.GROWTH, 1) if changing else (Metric.OTHER, 1)
    if n.kind is MeasureKind.PERCENT:
        return _percent(subject, changing, sign)
    if changing:
        return Metric.CHANGE, sign
    counted_days = n.kind is MeasureKind.TIME and DAYS_COUNTED.search(subject) is not None  # 优良天数326天
    return (Metric.COUNT, 1) if n.kind is MeasureKind.COUNTER or counted_days else (Metric.LEVEL, 1)


def _percent(subject: str, changing: bool, sign: int) -> tuple[Metric, int]:
    if changing:
        return Metric.GROWTH, sign
    if m := GROWTH_NOUN.search(subject):
        return Metric.GROWTH, -1 if m.group() == "降幅" else 1
    return Metric.SHARE, 1
