"""Units as reports write them (万吨, 亿元, 万人, 亿千瓦时, 个百分点) → a family and a base-unit factor.

Two quantities can be compared only within one family; :func:`parse_measure` gives the factor that
turns a value into the family's base unit (元, 吨, 千瓦时, 人 …), so 1.3万亿斤 and 6500万吨 meet.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from luoshi.extract.measures import MAGNITUDES

# magnitude prefixes of a unit (万吨, 亿元), longest first: the number grammar's table plus the
# prefixes only a unit name takes (十万, 千, 百)
_MAGNITUDES: tuple[tuple[str, float], ...] = tuple(
    sorted({**MAGNITUDES, "十亿": 1e9, "十万": 1e5, "千": 1e3, "百": 1e2}.items(), key=lambda m: -len(m[0]))
)

# unit → (family, factor to the family's base unit)
_BASE: dict[str, tuple[str, float]] = {
    "元": ("currency", 1.0),
    "美元": ("usd", 1.0),
    "吨": ("mass", 1.0),
    "公斤": ("mass", 1e-3),
    "千克": ("mass", 1e-3),
    "斤": ("mass", 5e-4),
    "吨标准煤": ("coal-equivalent", 1.0),
    "吨标煤": ("coal-equivalent", 1.0),
    "千瓦时": ("energy", 1.0),
    "度": ("energy", 1.0),
    "千瓦": ("power", 1.0),
    "瓦": ("power", 1e-3),
    "平方米": ("area", 1.0),
    "平方公里": ("area", 1e6),
    "亩": ("area", 10000 / 15),
    "公顷": ("area", 1e4),
    "米": ("length", 1.0),
    "公里": ("length", 1e3),
    "千米": ("length", 1e3),
    "立方米": ("volume", 1.0),
    "方": ("volume", 1.0),
    "%": ("percent", 1.0),
    "％": ("percent", 1.0),
    "百分点": ("points", 1.0),
    "个百分点": ("points", 1.0),
    "‰": ("permille", 1.0),
    "倍": ("times", 1.0),
    "人": ("people", 1.0),
    "名": ("people", 1.0),
    "人次": ("person-times", 1.0),
    "标准箱": ("teu", 1.0),
    "天": ("days", 1.0),
    "日": ("days", 1.0),
    "个月": ("months", 1.0),
    "年": ("years", 1.0),
    "小时": ("hours", 1.0),
}

_BASE_NAMES = {
    "currency": "元",
    "usd": "美元",
    "mass": "吨",
    "coal-equivalent": "吨标准煤",
    "energy": "千瓦时",
    "power": "千瓦",
    "area": "平方米",
    "length": "米",
    "volume": "立方米",
    "percent": "%",
    "points": "百分点",
    "permille": "‰",
    "times": "倍",
    "people": "人",
    "person-times": "人次",
    "teu": "标准箱",
    "days": "天",
    "months": "个月",
    "years": "年",
    "hours": "小时",
    "count": "个",
    "number": "",
}

# counters of discrete things: one family, since reports switch between them (企业 150家 / 150户)
_COUNTERS = frozenset("个家座所项件条处场台套辆张间栋户批类次艘架")


@dataclass(frozen=True, slots=True)
class MeasureUnit:
    """A unit as written, with its family and the factor to the family's base unit."""

    written: str
    family: str
    factor: float

    def to_base(self, value: float) -> float:
        return value * self.factor

    @property
    def base(self) -> str:
        """The family's base unit as written (元, 吨, 人 …)."""
        return base_measure(self.family)


def base_measure(family: str) -> str:
    """The base unit of a family as written (percent → %, mass → 吨, other:X → X)."""
    if family.startswith("other:"):
        return family[len("other:") :]
    return _BASE_NAMES.get(family, "")


@cache
def parse_measure(written: str) -> MeasureUnit:
    """The family and base factor of a unit as written. Unknown units are their own family."""
    unit = written.strip()
    found = _lookup(unit)
    if found is not None:
        return MeasureUnit(written, *found)
    for prefix, magnitude in _MAGNITUDES:
        if unit.startswith(prefix) and len(unit) > len(prefix):
            rest = _lookup(unit[len(prefix) :])
            if rest is not None:
                return MeasureUnit(written, rest[0], rest[1] * magnitude)
    if unit in _MAGNITUDES_ALONE:
        return MeasureUnit(written, "number", _MAGNITUDES_ALONE[unit])
    return MeasureUnit(written, f"other:{unit}" if unit else "none", 1.0)


_MAGNITUDES_ALONE = dict(_MAGNITUDES)


def _lookup(unit: str) -> tuple[str, float] | None:
    if unit in _BASE:
        return _BASE[unit]
    if len(unit) == 1 and unit in _COUNTERS:
        return ("count", 1.0)
    return None


def is_percent(written: str) -> bool:
    """True for % (and ％)."""
    return parse_measure(written).family == "percent"


def compatible(a: str, b: str) -> bool:
    """Whether values in units ``a`` and ``b`` can be compared (same family)."""
    return parse_measure(a).family == parse_measure(b).family
