"""Units as reports write them: counters, measures, percentages, and the 万/亿 magnitudes."""

from __future__ import annotations

from enum import StrEnum


class MeasureKind(StrEnum):
    PERCENT = "percent"  # % (a rate or a growth)
    POINTS = "points"  # 百分点 (a change or gap of rates)
    TIMES = "times"  # 倍
    COUNTER = "counter"  # 个/家/户 … : discrete things, 万 multiplied out
    MEASURE = "measure"  # 元/吨/千瓦/亩 … : amounts, 万/亿 kept in the unit
    TIME = "time"  # 天/个月/小时/年
    RATIO = "ratio"  # ∶1
    VOLTAGE = "voltage"  # 千伏: a voltage class, never a quantity


# Counters, with what may not follow them (台阶, 人民, 名录 are words, not counters).
COUNTERS: dict[str, str] = {
    "人次": "",
    "台套": "",
    "个": "体性税股",
    "家": "庭乡园居长属具",
    "户": "籍口外型",
    "座": "谈",
    "所": "得有属在以谓",
    "件": "",
    "条": "例款线幅",
    "处": "理置于长",
    "场": "所景馆地站",
    "台": "阶账湾风山",
    "人": "民才口员均大次士",
    "名": "录单称牌片义列额校师医城镇村品优",
    "项": "目",
    "辆": "",
    "套": "餐",
    "栋": "",
    "幢": "",
    "次": "数序级要生",
    "例": "如外",
    "种": "植子类养业",
    "批": "准复示",
    "起": "来步点草到",
    "支": "持付出撑部柱",
    "张": "家",
    "头": "部雁",
    "宗": "旨教",
    "部": "门署分长位",
    "列": "入为车出举席",
    "架次": "",
    "班次": "",
    "户次": "",
    "场次": "",
    "批次": "",
    "笔": "",
    "份": "额",
    "只": "有要能是",
    "羽": "毛",
    "株": "洲",
    "棵": "",
    "个位次": "",  # a rank change: 前移2个位次, 上升6位
    "位次": "",
    "位": "数置于列居子面",
}

_MEASURE_WORDS = (
    "元 美元 港元 欧元 吨标准煤 吨标煤 吨 千克 公斤 斤 平方公里 平方千米 公里 千米 平方米 立方米 "
    "微克/立方米 毫克/立方米 米 亩 公顷 千瓦时 兆瓦时 千伏安 千瓦 兆瓦 吉瓦 标准箱 标箱 岁"
)
MEASURES = tuple(_MEASURE_WORDS.split())
TIME_MEASURES = ("个工作日", "工作日", "个月", "小时", "分钟", "天", "年")
POINTS = ("个百分点", "百分点")
PERCENT = ("%", "％")
MAGNITUDES: dict[str, float] = {
    "万亿": 1e12,
    "千亿": 1e11,
    "百亿": 1e10,
    "亿": 1e8,
    "千万": 1e7,
    "百万": 1e6,
    "万": 1e4,
}
# Head nouns of people: 131万阳泉人民, 1000多万高中毕业生 count people (unit 人).
_PEOPLE_WORDS = (
    "人民 人口 群众 居民 农民 农民工 学生 毕业生 在校生 大学生 研究生 职工 工人 劳动者 老人 儿童 患者 游客"
)
PEOPLE_HEADS = tuple(_PEOPLE_WORDS.split())
HOUSEHOLD_HEADS = ("家庭", "农户", "户")
# Nouns that imply the unit of a bare 万/亿 figure stated of them: 农村贫困人口减少1386万 counts 人,
# 实名用户突破2500万 counts 户. One line per unit: the unit, then the nouns.
_IMPLIED_MEASURES = """
人 人口 人数 人员 农民工 劳动力 就业 群众 居民 职工 学生 毕业生
户 户数 农户 家庭 用户 市场主体
人次 人次数 游客 旅客
"""
IMPLIED_MEASURES: dict[str, str] = {
    noun: line.split()[0] for line in _IMPLIED_MEASURES.strip().splitlines() for noun in line.split()[1:]
}


def _alternation(words: list[str]) -> str:
    return "|".join(sorted(words, key=len, reverse=True))


def measure_pattern() -> str:
    """One regex alternation for every unit, longest first, with the counters' guards."""
    plain = [*MEASURES, *TIME_MEASURES, *POINTS, *PERCENT, "倍", "千伏"]
    guarded = [f"{c}(?![{bad}])" if bad else c for c, bad in COUNTERS.items()]
    by_len = sorted([*plain, *guarded], key=lambda w: len(w.split("(")[0]), reverse=True)
    return "|".join(by_len)


def kind_of(unit: str) -> MeasureKind:
    """What kind of unit ``unit`` is (the normalised unit, magnitudes already split off)."""
    if unit in PERCENT:
        return MeasureKind.PERCENT
    if unit in POINTS:
        return MeasureKind.POINTS
    if unit == "倍":
        return MeasureKind.TIMES
    if unit == "千伏":
        return MeasureKind.VOLTAGE
    if unit.startswith(("∶", ":")):
        return MeasureKind.RATIO
    if unit in TIME_MEASURES:
        return MeasureKind.TIME
    if unit in COUNTERS or unit == "":
        return MeasureKind.COUNTER
    return MeasureKind.MEASURE


def magnitude_pattern() -> str:
    return _alternation(list(MAGNITUDES))


def normal_measure(unit: str) -> str:
    """个百分点 → 百分点, ％ → %."""
    if unit in POINTS:
        return "百分点"
    if unit in PERCENT:
        return "%"
    return unit
