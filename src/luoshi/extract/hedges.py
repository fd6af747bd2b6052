"""Hedges: 左右/约/近 (about), 以上/不低于/超过/余 (at least), 以内/不超过/控制在 (at most).

The one home of hedge words: the number grammar, table cells, the lead reader, headline targets
and the scorecard's display all take their words from here.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from luoshi.document import Modifier

if TYPE_CHECKING:
    from luoshi.extract.numbers import Number

# written after the number (6%左右, 8%以上)
AFTER = {
    "左右": Modifier.ABOUT,
    "上下": Modifier.ABOUT,
    "以上": Modifier.AT_LEAST,
    "以内": Modifier.AT_MOST,
    "之内": Modifier.AT_MOST,
    "以下": Modifier.AT_MOST,
}
# written before it (不低于8%, 控制在5.5%, 约6%); 超 and 超过 are one word (超过?)
AT_LEAST_BEFORE = ("不低于", "不少于", "至少", "超过", "超", "突破", "逾", "多于", "高于")
AT_MOST_BEFORE = ("不超过", "不高于", "不到", "不足", "控制在", "少于", "低于")
ABOUT_BEFORE = ("约", "近", "接近", "将近", "大约")
# 余/多 after the digits (4万余户, 1000多万): at least
APPROX = ("余", "多")
# symbols in table cells, read as the words they stand for
SYMBOLS = {"≥": "不低于", "＞": "超过", ">": "超过", "≤": "不超过", "＜": "低于", "<": "低于"}
# words that bound a figure from one side (至少建成1个, 地区生产总值增长不低于6%)
BOUNDS = ("至少", "不少于", "不低于", "不超过", "不高于", "超过")
# every hedge word, for telling whether a written figure already carries one
WORDS = (*AFTER, *AT_LEAST_BEFORE, *AT_MOST_BEFORE, *ABOUT_BEFORE, *APPROX)

BEFORE = (
    (re.compile(r"不低于|不少于|至少|(?<!不)超过?|突破|逾|多于|(?<!不)高于"), Modifier.AT_LEAST),
    (re.compile(r"不超过|不高于|不到|不足|控制在|少于|(?<!不)低于"), Modifier.AT_MOST),
    (re.compile("|".join(sorted(ABOUT_BEFORE, key=len, reverse=True))), Modifier.ABOUT),
)


def alternation(words: tuple[str, ...] | list[str]) -> str:
    """A regex alternation of ``words``, longest first (so 不低于 wins over 低于)."""
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


AFTER_PATTERN = alternation(list(AFTER))


def modifier_of(n: Number, predicate: str, *, gap: bool = False) -> Modifier:
    """The hedge on ``n``: its range, its trailing word, 余/多, or the words before it."""
    if n.value_high is not None:
        return Modifier.RANGE
    if n.post:
        return AFTER[n.post]
    if n.approx:
        return Modifier.AT_LEAST
    for pattern, modifier in BEFORE:
        if pattern.search(predicate) and not (gap and modifier is not Modifier.ABOUT):
            return modifier
    return Modifier.EXACT
