"""What is not a quantity although it is a number: names, slogans, dates, epithets, thresholds.

The rules are the gold conventions written as grammar: a number inside a short quotation or
book title is a name (“13710”, “两个行动”), and so is a fixed phrase (56个民族, 两个一百年); a
year is a date, not a measure; N条 with nothing counted after it is a policy package
(稳经济51条); a written-out count is kept only when it counts concrete sites (两个产业园区,
十大示范基地), not constructs (十大平台, 九大产业链); numbers before 大关/台阶 are milestones;
N个…第一 and N个…之一 are reference groups.
"""

from __future__ import annotations

import re

from luoshi.extract.measures import MeasureKind
from luoshi.extract.numbers import Number

QUOTED = re.compile(
    r"“[^”]{1,20}”|\"[^\"]{1,20}\"|「[^」]{1,20}」|『[^』]{1,20}』|《[^》]{1,40}》|‘[^’]{1,20}’"
)
# Fixed phrases that hold a number and name a people, a policy line or a slogan, not a quantity.
# The general rule (written-out counts only for concrete sites, below) already drops most of them;
# this list holds those it cannot: Arabic digits (56个民族) and counts before a site-like head.
_FIXED_PHRASES = """
56个民族 五十六个民族 两个一百年 三大攻坚战 四个全面 五位一体 四个意识 四个自信 两个维护 两个确立
两个毫不动摇 两个大局 两个结合 两个务必 三个务必 三个代表 八项规定 一带一路 一国两制 两学一做
三严三实 三去一降一补 两不愁三保障 五个必由之路 六稳 六保 十三五 十四五 十五五
"""
FIXED_PHRASE = re.compile("|".join(sorted(_FIXED_PHRASES.split(), key=len, reverse=True)))
MILESTONE = re.compile(r"[一二三四五六七八九十两]?道?(?:大关|关口|台阶|门槛)")
SEGMENT_END = re.compile(r"[,，、;；。:：!！?？]")
REFERENCE_GROUP = re.compile(r"(?:第[一二三四五六七八九十\d]+(?:名|位)?|之一)$")
PACKAGE_AFTER = re.compile(r"$|[、,，;；。”\"等)）]")
PACKAGE_NOUN = re.compile(r"措施|举措|政策|意见|规定|细则|办法")
# 制定稳经济51条、服务业复苏20条: policies are drawn up, not built (新开通国际航线3条 counts).
POLICY_VERB = re.compile(r"制定|出台|落实|推出|印发|贯彻|兑现|执行|用好|出台了")
STREAK = re.compile(r"连续(?:[^\d,，;；。]{0,4})$")
# Heads of nouns that name concrete, trackable sites and units of work.
SITE_HEAD = re.compile(
    r"(?:基地|园区|产业园|试点|示范区|示范县|示范村|示范点|中心|站|厂|库|馆|医院|学校|"
    r"校区|港|枢纽|公园|景区|小区|社区|村|镇|街区|市场|机场|码头|电站|煤矿|矿井|项目|"
    r"工厂|车间|实验室|研究院|孵化器|企业|园)$"
)
# 3岁以下婴幼儿, 10亿元以上项目: a size class, not a figure.
BRACKET = re.compile(r"(?:以上|以下)[^\W\d]")
TAX_BRACKET = re.compile(r"的?部分")  # 年应纳税所得额100万元至300万元部分
# 超亿元项目1000个, 税收超亿元企业12家: a written-out size names a class of projects or firms.
SIZE_CLASS = re.compile(r"(?:级|以上)?的?[^\W\d,，、;；。]{0,4}?(?:项目|企业|园区|集群|产业)")
# 9个方面工作, 三个阶段: the outline of a speech, not a count of things.
OUTLINE = re.compile(r"方面|层面|阶段|维度|部分")
# 15分钟生活圈, 1小时交通圈, 24小时政务服务: a time that names a service, not a figure.
TIME_NAME = re.compile(r"[^,，、;；。]{0,6}圈|(?<=24小时)[^,，、;；。]")
NOT_SITE_BEFORE = re.compile(r"(?:依托|围绕|聚焦|立足|依靠|借助|发挥|利用)[^,，]{0,12}$")


def name_spans(text: str) -> list[tuple[int, int]]:
    """Where ``text`` names rather than measures: short quotations, book titles, fixed phrases."""
    return [m.span() for rx in (QUOTED, FIXED_PHRASE) for m in rx.finditer(text)]


def is_quantity(text: str, n: Number, names: list[tuple[int, int]]) -> bool:
    """Whether ``n`` (found in ``text``) measures something, per the gold conventions."""
    if any(s <= n.start < e for s, e in names) or n.kind is MeasureKind.VOLTAGE:
        return False
    if n.unit == "年":  # a year or a programme's span; kept for streaks and 受教育年限11.3年
        return n.value < 100 and (bool(STREAK.search(text, 0, n.start)) or not n.value.is_integer())
    if n.rank:
        return True
    if MILESTONE.match(text, max(n.tail, n.list_end)):
        return False
    if n.kind is MeasureKind.COUNTER and _reference_group(text, n):
        return False
    if (n.unit == "岁" or n.unit.endswith("元")) and n.post and BRACKET.match(text, n.end):
        return False
    if n.unit.endswith("元") and TAX_BRACKET.match(text, n.tail):
        return False
    if n.unit.endswith("元") and n.chinese and SIZE_CLASS.match(text, n.end):
        return False
    if n.kind is MeasureKind.COUNTER and OUTLINE.match(text, n.end):
        return False
    if n.kind is MeasureKind.TIME and TIME_NAME.match(text, n.end):
        return False
    if n.unit == "条" and _package(text, n):
        return False
    if n.chinese or n.epithet:
        return _written_count(text, n)
    return True


def _package(text: str, n: Number) -> bool:
    """稳经济51条, 民间投资40条政策: a policy package, named by its number of articles."""
    if PACKAGE_NOUN.match(text, n.end):
        return True
    start = max((m.end() for m in re.finditer(r"[,，;；。:：]", text[: n.start])), default=0)
    return bool(PACKAGE_AFTER.match(text, n.end) and POLICY_VERB.search(text, start, n.start))


def _reference_group(text: str, n: Number) -> bool:
    """居全省3个重点保障区城市第一, 全省三个典型经验做法之一: the size of a comparison group."""
    stop = SEGMENT_END.search(text, n.tail)
    return bool(REFERENCE_GROUP.search(text[n.tail : stop.start() if stop else len(text)]))


def _written_count(text: str, n: Number) -> bool:
    """两个/十大/三座: a count only when it counts concrete sites (or is large: 两万人)."""
    if n.value == 1:
        return False  # 一批, 一个, 一条: a manner of speaking
    if n.kind is not MeasureKind.COUNTER or n.value >= 100:
        return not n.epithet
    stop = SEGMENT_END.search(text, n.end)
    noun = text[n.end : stop.start() if stop else len(text)]
    noun = re.split(r"[的和及与、]|建设|工程", noun, maxsplit=1)[0]
    if not noun and not n.epithet:  # 启用邻里中心两个: the numeral after its noun
        noun = text[: n.start]
    return bool(SITE_HEAD.search(noun)) and not NOT_SITE_BEFORE.search(text, 0, n.start)
