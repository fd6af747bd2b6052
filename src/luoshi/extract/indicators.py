"""Indicator names: the noun phrase a number measures, as a reader would write it in a table.

The pieces: the subject before the number (see :mod:`luoshi.extract.lead`), the counted noun
after it (建成15个户外劳动者爱心驿站 → 户外劳动者爱心驿站), the head noun of an earlier clause
(…,增长45.9% → the indicator before), and 分别 lists split item by item.
"""

from __future__ import annotations

import re

AFTER_STOP = re.compile(r"[、和及与或等]|以及|的基础|之一|左右|以上|以下|以内")
AFTER_NOT_NOUN = re.compile(
    r"[\W\d]|增长|下降|同比|比上年|较上年|分别|均|以上|以下|以内|左右|之一|的基础|[余多]|"
    r"实现|达到|居|位|排"
)
HEAD_STOP = re.compile(
    r"历史性|首次|再次|连续|持续|稳步|大幅|明显|显著|进一步|迈上|跨越|突破|实现|达到|完成|保持|"
    r"位居|居(?=[全首前第于各])|排名|排(?=[全首前第])|(?<![人平])均|分别|增速|增幅|增长|高于|低于|"
    r"快于|慢于|提高|下降|创(?=历史|新高|新低)"
)
GENERIC = re.compile(r"^(?:增速|增幅|涨幅|比例|占比|比重|总量|规模|总额|改善率|总数|数量|比率|.{0,1}率)$")
GROWTH_ONLY = re.compile(r"^(?:增速|增幅|同比增速)$")
LIST_SEP = re.compile(r"、|和|及|与|以及")
QUOTES = "“”\"'‘’"


def after_noun(text: str, start: int, stop: int) -> str:
    """The noun counted by the number ending at ``start`` (up to ``stop``), or ''."""
    if text.startswith("的", start):
        start += 1
    if start >= stop or (AFTER_NOT_NOUN.match(text, start) and text[start] not in QUOTES):
        return ""
    m = AFTER_STOP.search(text, start, stop)
    return text[start : m.start() if m else stop].strip().rstrip("在于为")


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
    return previous + subject if previous else subject


def split_list(subject: str, count: int) -> list[str] | None:
    """城镇居民和农村居民人均可支配收入 (2) → [城镇居民人均可支配收入, 农村居民人均可支配收入]."""
    if count == 2 and subject.startswith("城乡") and len(subject) > 2:  # 城乡居民收入分别…
        return ["城镇" + subject[2:], "农村" + subject[2:]]
    items = [s for s in LIST_SEP.split(subject) if s]
    if len(items) != count:
        return None
    last = items[-1]
    for i, item in enumerate(items[:-1]):  # a shared tail: 城镇居民 + 农村居民|人均可支配收入
        k = len(item)
        if len(last) > k and last[k - 1] == item[-1] and k >= 2:
            items[i] = item + last[k:]
    return items


def without_growth_word(s: str) -> str:
    """数字经济核心产业增加值增速 → 数字经济核心产业增加值 (the metric says growth)."""
    return re.sub(r"(?:同比)?(?:增速|增幅)$", "", s) or s
