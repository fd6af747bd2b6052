"""Hedges: 左右/约/近 (about), 以上/不低于/超过/余 (at least), 以内/不超过/控制在 (at most)."""

from __future__ import annotations

import re

from luoshi.document import Modifier
from luoshi.extract.numbers import Number

AFTER = {
    "左右": Modifier.ABOUT,
    "上下": Modifier.ABOUT,
    "以上": Modifier.AT_LEAST,
    "以内": Modifier.AT_MOST,
    "之内": Modifier.AT_MOST,
    "以下": Modifier.AT_MOST,
}
BEFORE = (
    (re.compile(r"不低于|不少于|至少|(?<!不)超过?|突破|逾|多于|(?<!不)高于"), Modifier.AT_LEAST),
    (re.compile(r"不超过|不高于|不到|不足|控制在|少于|(?<!不)低于"), Modifier.AT_MOST),
    (re.compile(r"约|近|接近|将近|大约"), Modifier.ABOUT),
)


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
