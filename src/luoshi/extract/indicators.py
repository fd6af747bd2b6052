"""Indicator names: the noun phrase a number measures, as a reader would write it in a table.

The pieces: the subject before the number (see :mod:`luoshi.extract.lead`), the counted noun
after it (建成15个户外劳动者爱心驿站 → 户外劳动者爱心驿站), the head noun of an earlier clause
(…,增长45.9% → the indicator before), and 分别 lists split item by item.
"""

from __future__ import annotations

import re

from luoshi.extract.names import cut_predicate, name_number_at, parallel_end, shared_head

AFTER_STOP = re.compile(r"[和及与或等。；;！!？?，,：:]|以及|的基础|之一|左右|以上|以下|以内")
# 15件民生实事全面完成 → 民生实事, 10件惠民实事全部办结 → 惠民实事: a manner of completion is not
# part of the name (read here, and stripped again where names are linked: link/vocabulary.py).
DONE = re.compile(r"(?:全面|全部|圆满|顺利|如期|基本|均已|已)(?:完成|完工|落实|办结|办成|建成)$")
ASIDE = re.compile(r"（[^）]*）|\([^)]*\)")
AFTER_NOT_NOUN = re.compile(
    r"[\W\d]|增长|下降|同比|比上年|较上年|分别|均|以上|以下|以内|左右|之一|的基础|[余多]|"
    r"实现|达到|居|位|排|增加|提高|提升|减少|降低|下降|压缩|扩大|到|至|达|为|是|占|比|较"
)
HEAD_STOP = re.compile(
    r"历史性|首次|再次|连续|持续|稳步|大幅|明显|显著|进一步|迈上|跨越|突破|实现|达到|完成|保持|"
    r"位居|居(?=[全首前第于各])|排名|排(?=[全首前第])|(?<![人平])均|分别|增长|高于|低于|"
    r"快于|慢于|提高|下降|创(?=历史|新高|新低)|(?<![自理缘因经])由|\d"
)
GENERIC = re.compile(r"^(?:增速|增幅|涨幅|比例|占比|比重|规模|改善率|数量|比率|.{0,1}率|总[^\W\d]{1,3})$")
# What an indicator measures of its topic (粮食|播种面积): a 总X after it is the topic's total.
MEASURED_TAIL = re.compile(r"(?:播种面积|种植面积|面积|产量|产值|增加值|营业收入|收入|规模)$")
GROWTH_ONLY = re.compile(r"^(?:增速|增幅|同比增速)$")
# Where the attribute part of an indicator name starts: 农村居民|人均可支配收入, 医疗|补助标准.
ATTRIBUTE = re.compile(
    r"人均|补助|标准|收入|增加值|产量|总额|比重|占比|投资|规模|面积|覆盖率|普及率|参保率|增速|吞吐量"
)
# 和/及/与 as connectives, not inside words (惠及, 涉及, 普及, 参与, 给与).
CONNECTIVE = r"、|以及|(?<![总共温缓饱])和|(?<![惠涉普波顾企触遍论危以])及|(?<![参给赋授])与"
LIST_SEP = re.compile(CONNECTIVE)
# Whose figures a list gives, when only its first item says so.
WHOSE = re.compile(r"城乡居民|城镇居民|农村居民")
# Parallel modifiers of one head: 城镇、农村居民 → 城镇居民、农村居民.
PARALLEL = re.compile(
    r"城镇|农村|城市|乡村|城区|郊区|国有|民营|国家级|省级|自治区级|市级|县级|区级|中央|地方"
)
QUOTES = "“”\"'‘’"


def after_noun(text: str, start: int, stop: int) -> str:
    """The noun counted by the number ending at ``start`` (up to ``stop``), or ''."""
    if text.startswith("的", start):
        start += 1
    if start >= stop or (
        AFTER_NOT_NOUN.match(text, start) and text[start] not in QUOTES and not name_number_at(text, start)
    ):
        return ""
    noun = ASIDE.sub("", text[start:stop])  # 5个县（市、区）整县… → 县整县…
    m = AFTER_STOP.search(noun, parallel_end(noun))
    noun = noun[: m.start() if m else len(noun)].strip().rstrip("、在于为")
    return cut_predicate(DONE.sub("", noun))


def head_noun(s: str) -> str:
    """The noun phrase a clause opens with: 城镇居民人均收入增速均高于… → 城镇居民人均收入."""
    m = HEAD_STOP.search(s)
    return s[: m.start()] if m and m.start() > 1 else s


def is_generic(subject: str) -> bool:
    """增速, 比例, 占比 …: an attribute of the indicator named before it."""
    return bool(GENERIC.match(subject))


def attribute_of(previous: str, subject: str) -> str:
    """比例 after 优良天数 → 优良天数比例; 增速 after 收入 → 收入 (growth speaks for itself)."""
    if GROWTH_ONLY.match(subject):
        return previous
    if subject.startswith("总") and (tail := MEASURED_TAIL.search(previous)) and tail.start() > 0:
        return previous[: tail.start()] + subject  # 粮食播种面积…,总产量 → 粮食总产量
    return previous + subject if previous else subject


def split_list(subject: str, count: int) -> list[str] | None:
    """城镇居民和农村居民人均可支配收入 (2) → [城镇居民人均可支配收入, 农村居民人均可支配收入]."""
    items = [s for s in LIST_SEP.split(subject) if s]
    if count == 2 and len(items) == 1 and subject.startswith("城乡") and len(subject) > 2:
        return ["城镇" + subject[2:], "农村" + subject[2:]]  # 城乡居民收入分别增长6%和7%
    if len(items) != count:
        return None
    items = [_share_tail(item, items[-1]) for item in items[:-1]] + [items[-1]]
    if head := WHOSE.match(items[0]):  # 城乡居民养老、医疗补助标准 → 城乡居民|医疗补助标准
        items = items[:1] + [item if WHOSE.match(item) else head.group() + item for item in items[1:]]
    return items


def _share_tail(item: str, last: str) -> str:
    """The tail a list's last item shares with the items before it."""
    parallel = PARALLEL.match(last)
    if parallel and PARALLEL.fullmatch(item):  # 城镇、农村居民人均收入 → 城镇|居民人均收入
        return item + last[parallel.end() :]
    k = len(item)
    if k >= 2 and len(last) > k and last[k - 1] == item[-1]:  # 城镇居民、农村居民|人均收入
        return item + last[k:]
    if (shared := ATTRIBUTE.search(last, 2)) and not ATTRIBUTE.search(item):  # 养老、医疗|补助标准
        return item + last[shared.start() :]
    return shared_head(item, last) or item


_GROWTH_WORD = re.compile(r"(?:同比)?(?:增速|增幅)$")


def without_growth_word(s: str) -> str:
    """数字经济核心产业增加值增速 → 数字经济核心产业增加值 (the metric says growth)."""
    bare = _GROWTH_WORD.sub("", s)
    return bare if len(bare) > 2 else s  # 经济增速 stays: 经济 alone names nothing


# The share of a total (X占Y的比重) is named X占比; R&D spending over GDP is 研发投入强度.
SHARE_OF_TOTAL = re.compile(r"^(.{2,}?)占(?!比)(.{2,}?)的?(?:比重|比例)$")
RD_INTENSITY = re.compile(r"^(?:全社会)?(研发(?:经费)?投入)占(?:地区|国内)生产总值的?(?:比重|比例)$")
QUANTIFIER = re.compile(r"各类|各种|各项")
# 赴长三角、珠三角等地开展招商活动 → 开展招商活动; 年初剩余的贫困县 → 贫困县: where and when, not what.
TRIP = re.compile(r"^(?:赴|到|去|前往)[^，,；;]{1,20}?等(?:地|城市|省市|国家和地区|国家)")
RELATIVE_TIME = re.compile(r"^(?:年初|年末|年底|目前|现有|当年)[^的，,]{0,4}的(?=.{3})")
# 地区生产总值按可比价格计算(增长5.2%): how the figure is counted is not part of its name.
BASIS = re.compile(r"(?:按|以)?(?:可比价格|可比价|可比口径|现价|不变价)(?:计算)?$|同口径$")


def tidy(name: str) -> str:
    """A table-style name: 民生支出占一般公共预算支出比重 → 民生支出占比; a list dash dropped."""
    name = name.lstrip("—－-─ ") or name  # ——国内生产总值增长8%: the dash opens a list item
    # each rewrite only where the character its pattern cannot do without occurs (most names: none)
    if "占" in name:
        name = RD_INTENSITY.sub(r"\1强度", name)
        name = SHARE_OF_TOTAL.sub(r"\1占比", name)
    if "价" in name or "口径" in name:
        name = BASIS.sub("", name) or name
    if "等" in name:
        name = TRIP.sub("", name) or name
    if "的" in name:
        name = RELATIVE_TIME.sub("", name) or name
    return QUANTIFIER.sub("", name) if len(name) > 4 and "各" in name else name
