"""The number grammar: numbers as reports write them, with magnitude, unit and hedges.

:func:`scan` finds every number-with-unit in a piece of text: decimals (1012.9), magnitudes
(1.5万, 4万余户), written-out numerals (两个, 十大), percentages and percentage points, 倍,
ratios (4.1∶1), ranges (6%—6.5%, 6—6.5%), shared-unit lists (10.6、38.3个百分点), and ranks (第5).
It knows nothing of what the number measures; see :mod:`luoshi.extract.quantities`.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, replace
from functools import lru_cache

from luoshi.extract.hedges import AFTER_PATTERN
from luoshi.extract.measures import (
    HOUSEHOLD_HEADS,
    IMPLIED_MEASURES,
    MAGNITUDES,
    PEOPLE_HEADS,
    MeasureKind,
    kind_of,
    magnitude_pattern,
    measure_pattern,
    normal_measure,
)
from luoshi.segment.numerals import CN_CHARS, SMALL_UNITS, cn_value

# 12,341元: thousands groups (exactly three digits after each comma) belong to the number;
# a comma before anything else is clause punctuation (texts that use ASCII commas for ，).
ARABIC = r"(?:[0-9]{1,3}(?:,[0-9]{3})+(?![0-9])|[0-9０-９]+)(?:[.．][0-9０-９]+)?"
# 千 before 瓦/米/克/伏 belongs to the unit (十万千瓦), not to the numeral.
CN = rf"(?:[{CN_CHARS.replace('千', '')}]|千(?![瓦米克伏]))+"
NUMBER = re.compile(
    rf"(?:(?P<ar>(?<![0-9０-９A-Za-z.．+＋×*/#第]){ARABIC}(?![0-9０-９A-Za-z+＋×*]))"
    rf"|(?P<cn>(?<![第每周初几之{CN_CHARS}]){CN}))"
    r"(?:[ \u00a0](?=[万亿%％个]|[^\W\d]{1,3}(?:元|吨|瓦|时|米|亩)))?"  # PDF text: 1012.9 亿元
    r"(?P<approx1>[余多])?"
    rf"(?P<mag>(?<=[0-9０-９余多 \u00a0])(?:{magnitude_pattern()}))?"
    r"(?P<approx2>(?<=[万亿])[余多])?"
    rf"(?P<unit>{measure_pattern()}|大|[∶:][0-9]+(?![0-9.]))?"
    r"(?P<per>(?<=[^\d大])/(?:日|天|年|月|小时|人|户|亩|吨|平方米|千瓦时|公里|辆|床))?"
    rf"(?P<post>{AFTER_PATTERN})?"
)
# NUMBER where a run of numerals starts (its look-behinds allow no other place): the scan skips
# every other character in C instead of trying each run in Python.
NUMBER_AT_RUN = re.compile(rf"(?=[0-9０-９{CN_CHARS}])(?:{NUMBER.pattern})")
_NUMERAL_OR_HALF = re.compile(rf"[0-9０-９{CN_CHARS}]|过半")
# NUMBER's groups before a trailing hedge, last first (they follow one another in the text)
_SPAN_GROUPS = ("per", "unit", "approx2", "mag", "approx1", "cn", "ar")
_GROUPS = ("ar", "cn", "approx1", "mag", "approx2", "unit", "per", "post")  # as :func:`_number` reads them
LARGE_NUMERAL = re.compile(r"[万亿]")
RANK = re.compile(rf"第(?P<n>{ARABIC}|[一二三四五六七八九十]+)(?:名|位)?(?=$|[,，、。；;！!？?)）])")
FRACTION = re.compile(
    rf"(?P<den>{ARABIC}|[{CN_CHARS}]+)分之(?P<num>{ARABIC}|[{CN_CHARS}]+)|(?P<half>一半|过半)"
)
MINUS = re.compile(r"(?:^|[^\d%％.．])[-－−]$|^[-－−]$")
# 6%－6.5% (full-width minus), 6%−6.5% (minus sign), 6%〜6.5%: every dash or tilde joins a range.
RANGE_SEP = re.compile(r"[-－−‐‑–—―~～〜至到]{1,2}")
LIST_SEP = re.compile(r"[、和及与或]")
# 131万阳泉人民, 14亿多中国人, 近千万家庭: people or households counted without a unit.
PEOPLE_AFTER = re.compile(
    rf"(?:[^\W\d着了的是]{{0,8}}?(?:(?P<home>{'|'.join(HOUSEHOLD_HEADS)})|{'|'.join(PEOPLE_HEADS)})"
    r"|[^\W\d着了的是]{0,3}?人)"
)
# 农村贫困人口减少1386万, 参保人数近5920万: a counted noun, then only predicate words, then the figure.
IMPLIED_BY = re.compile(
    rf"(?P<noun>{'|'.join(sorted(IMPLIED_MEASURES, key=len, reverse=True))})"
    r"(?:净|新|增加|增长|减少|下降|达到|达|突破|超过|超|逾|近|约|为|有|共|累计|分别|总数|总量|规模|到|至|了|已)*$"
)
WORD_AFTER = re.compile(r"[^\W\d_]")
BARE_MAGNITUDE = {"千万": 1e7, "百万": 1e6, "十万": 1e5, "万": 1e4, "亿": 1e8}
ROUND = {"百": 100.0, "千": 1000.0}
HEDGED = re.compile(r"[近约超逾上]$")


@dataclass(slots=True)  # not frozen, for speed (a frozen __init__ costs three times as much and a
class Number:  # report makes hundreds); never changed once made: dataclasses.replace makes another
    """One number as written: ``start``/``end`` span the number and its unit."""

    start: int
    end: int
    value: float
    unit: str  # normalised: 个百分点 → 百分点; 万 multiplied out before counters
    kind: MeasureKind
    text: str
    tail: int  # end of the trailing hedge (以上/左右 …), == end when none
    post: str = ""  # the trailing hedge word
    approx: bool = False  # 余/多 between number and unit: at least
    value_high: float | None = None
    chinese: bool = False  # written out (两个, 十大)
    epithet: bool = False  # N大 (十大基地): a count only when it names concrete sites
    rank: bool = False  # 第N
    counted: str = ""  # the people counted when no unit is written (131万阳泉人民)
    list_end: int = 0  # for a member of a shared-unit list: where the list ends


def arabic_value(s: str) -> float:
    if s.isascii():  # as normalise leaves digits: NFKC has nothing to change
        return float(s.replace(",", ""))
    return float(unicodedata.normalize("NFKC", s).replace(",", ""))


def may_hold_number(text: str) -> bool:
    """Whether :func:`scan` can find anything in ``text``: every number, rank and fraction holds
    a numeral character or 过半 (a cheap test that lets a caller skip the rest)."""
    return _NUMERAL_OR_HALF.search(text) is not None


def scan(text: str) -> list[Number]:
    """Every number-with-unit (and rank) in ``text``, in order."""
    numbers = _share_units(_ranges(text, _raw_numbers(text)), text)
    numbers = [n for n in numbers if n.unit or n.kind is MeasureKind.RATIO or n.value_high]
    numbers += _ranks(text) + _fractions(text)
    return sorted(numbers, key=lambda n: n.start)


def _raw_numbers(text: str) -> list[Number]:
    """Numbers with what follows them, tried only where a run of numerals starts."""
    out: list[Number] = []
    for m in NUMBER_AT_RUN.finditer(text):
        if (n := _number(text, m)) is not None:
            out.append(n)
    return out


def _number(text: str, m: re.Match[str]) -> Number | None:
    # every group read in one call: a corpus builds hundreds of numbers per report
    ar, cn, approx1, mag, approx2, written, per, post = m.group(*_GROUPS)
    chinese = cn is not None
    if chinese and not written and not LARGE_NUMERAL.search(cn):
        return None  # 一体化, 进一步: a written-out numeral counts only with a unit (or 万人)
    value = cn_value(cn) if chinese else arabic_value(ar)
    bare = chinese and value is None and cn in BARE_MAGNITUDE
    if bare and HEDGED.search(text, 0, m.start()):  # 近千万家庭, 上万人
        value = BARE_MAGNITUDE[cn]
    if value is None and cn in ROUND and approx1 and written:
        value = ROUND[cn]  # 百余家, 千余人: a round figure with 余/多
    if value is None:
        return None
    unit = (written or "") + (per or "")
    mag = mag or ""
    approx = bool(approx1 or approx2)
    spans = (per, written, approx2, mag, approx1, cn, ar)  # as _SPAN_GROUPS names them
    end = m.end(next(name for name, found in zip(_SPAN_GROUPS, spans, strict=True) if found))
    large = bool(mag) or (chinese and value >= 1e4)
    if not unit and large:
        unit = _implied_unit(text, m)
    post = post or ""
    if not unit and post:  # 以上 without a unit: not a trailing hedge of ours
        return None
    counted = ""
    if not unit and large and (people := PEOPLE_AFTER.match(text, end)):
        unit, counted = "户" if people.group("home") else "人", people.group()
    epithet = unit == "大"
    unit, kind = _measure("个" if epithet else unit)
    if mag and kind is MeasureKind.COUNTER:
        value *= MAGNITUDES[mag]
    elif mag:
        unit = mag + unit if unit else ""
        value = value if unit else value * MAGNITUDES[mag]
    start = m.start()
    if not chinese and MINUS.match(text, max(start - 2, 0), start):  # 增长-3.5%, not 6%-6.5%
        start, value = start - 1, -value
    return Number(
        start=start,
        end=end,
        value=value,
        unit=unit,
        kind=kind,
        text=text[start:end],
        tail=end + len(post),
        post=post,
        approx=approx,
        chinese=chinese,
        epithet=epithet,
        counted=counted,
    )


@lru_cache(maxsize=1024)
def _measure(unit: str) -> tuple[str, MeasureKind]:
    """A unit as written, normalised, with its kind (remembered: a few hundred units recur)."""
    unit = normal_measure(unit)
    return unit, kind_of(unit)


def _implied_unit(text: str, m: re.Match[str]) -> str:
    """The unit a bare 万/亿 figure takes from the noun it is stated of (贫困人口减少1386万 → 人),
    when nothing follows it in its clause; empty otherwise."""
    if WORD_AFTER.match(text, m.end()):
        return ""
    implied = IMPLIED_BY.search(text, max(m.start() - 16, 0), m.start())
    return IMPLIED_MEASURES[implied.group("noun")] if implied else ""


def _ranges(text: str, numbers: list[Number]) -> list[Number]:
    """6%—6.5%, 6—6.5%, 3到5个: one number with value_high."""
    out: list[Number] = []
    for n in numbers:
        prev = out[-1] if out else None
        if (
            prev is not None
            and not prev.post
            and RANGE_SEP.fullmatch(text, prev.end, n.start)
            and prev.unit in ("", n.unit)
            and n.unit
            and prev.value < n.value
        ):
            out[-1] = replace(
                n, start=prev.start, value=prev.value, value_high=n.value, text=text[prev.start : n.end]
            )
        else:
            out.append(n)
    return out


def _share_units(numbers: list[Number], text: str) -> list[Number]:
    """60、70、80亿元 and 10.6、38.3个百分点: bare numbers in a list take the list's unit
    (281.3万、201.5万人: a member's own 万 is multiplied in once; before 万元 it stays in the unit)."""
    out = list(numbers)
    for i in range(len(out) - 2, -1, -1):
        n, nxt = out[i], out[i + 1]
        if not n.unit and nxt.unit and LIST_SEP.fullmatch(text, n.end, nxt.start):
            own = _magnitude_of(n)
            value = n.value if nxt.kind is MeasureKind.COUNTER else n.value / own
            if nxt.kind is MeasureKind.COUNTER and own == 1 and (mag := _magnitude_of(nxt)) > 1:
                value *= mag
            end = max(nxt.tail, nxt.list_end)
            out[i] = replace(n, unit=nxt.unit, kind=nxt.kind, value=value, post=nxt.post, list_end=end)
    return out


def _magnitude_of(n: Number) -> float:
    """For a counter written with 万 (2.4万人), the factor that was multiplied in."""
    m = NUMBER.match(n.text)
    return MAGNITUDES.get(m.group("mag") or "", 1.0) if m else 1.0


def _ranks(text: str) -> list[Number]:
    out: list[Number] = []
    if "第" not in text:  # every rank starts with it: skip the scan
        return out
    for m in RANK.finditer(text):
        n = m.group("n")
        value = _any_value(n)
        if value is not None:
            out.append(
                Number(m.start(), m.end(), value, "", MeasureKind.COUNTER, m.group(), m.end(), rank=True)
            )
    return out


def _any_value(s: str) -> float | None:
    if s in ("百", "千", "万"):  # 百分之五
        return SMALL_UNITS.get(s, 1e4)
    return cn_value(s) if s[0] in CN_CHARS else arabic_value(s)


def _fractions(text: str) -> list[Number]:
    """三分之一 → 1/3, 一半 → 1/2: a share with an empty unit; 百分之五 → 5%."""
    out: list[Number] = []
    if "分之" not in text and "半" not in text:  # every fraction holds one of them: skip the scan
        return out
    for m in FRACTION.finditer(text):
        den, num = (2.0, 1.0) if m["half"] else (_any_value(g) for g in (m["den"], m["num"]))
        if den == 100 and num is not None:  # 百分之五 is 5%
            out.append(Number(m.start(), m.end(), num, "%", MeasureKind.PERCENT, m.group(), m.end()))
        elif den and num is not None:
            out.append(Number(m.start(), m.end(), num / den, "", MeasureKind.PERCENT, m.group(), m.end()))
    return out
