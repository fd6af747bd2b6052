"""The canonical indicator vocabulary: names, synonyms, unit family, metrics and target direction.

The shipped vocabulary is ``luoshi/data/indicators.yaml``; a user file can extend or override it
(:func:`load_vocabulary`). :meth:`Vocabulary.canonical` maps a name as a report writes it
(全省地区生产总值, 居民消费价格涨幅, 煤炭产量) to its entry.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from enum import StrEnum
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from luoshi.errors import ValidationError
from luoshi.extract.indicators import DONE
from luoshi.segment.provinces import PROVINCES


class Direction(StrEnum):
    """How a target for an indicator is read."""

    FLOOR = "floor"  # met at or above (a reduction target: met when the fall is at least it)
    CEILING = "ceiling"  # met at or below (CPI, unemployment, deficit ratio)
    BAND = "band"  # met within the tolerance on either side


@dataclass(frozen=True, slots=True)
class Indicator:
    """One canonical indicator."""

    name: str
    synonyms: tuple[str, ...] = ()
    patterns: tuple[re.Pattern[str], ...] = ()
    unit: str | None = None  # family of its level values
    metrics: tuple[str, ...] = ()
    direction: Direction = Direction.FLOOR


@dataclass(frozen=True, slots=True)
class Settings:
    about_points: float = 0.2
    about_relative: float = 0.02
    min_similarity: float = 0.6


# prefixes and suffixes that do not change which indicator a name means
_PREFIX = re.compile(
    r"^(全国|全省|全市|全州|全县|全区|全盟|全旗|全域|本市|本省|本区|我市|我省|我区|我县|今年|全年|年内|年度|年末|年底"
    r"|全力争取|全力|力争|争取|确保)+"  # 全力争取地区生产总值增长8%: the resolve is not the name
)
_SUFFIX = re.compile(
    r"(实际|同比|预期|目标|增长率|增长|增速|增幅|涨幅|降幅|上涨|下降|降低|减少|提高|达到|完成|总量|规模|水平"
    r"|增加到|提高到|下降到|降低到|达到|超过|突破|保持在|稳定在|控制在|分别|为|在|到|要|应|须|全年|年内|可比"
    r"|比去年|比上年|较上年|较去年)+$"
)
# A region named before an indicator: 北京市生产总值, 西藏生产总值, 贵阳市地区生产总值.
_PLACE = re.compile(
    rf"^(?:[\u4e00-\u9fff]{{2,6}}?(?:省|市|自治区|自治州)|{'|'.join(PROVINCES)})(?=[\u4e00-\u9fff]{{2}})"
)
# 粮食产量首次跃上1.4万亿斤新台阶 (the number taken out): a milestone states the level reached.
_MILESTONE = re.compile(
    r"(?:首次|再次|历史性|先后|接连|连续|成功|一举)*(?:跃上|迈上|跨上|站上|登上|迈过|跨过|越过|跃升至|跃居)"
    r"(?:了|一个)?(?:历史性|历史|新的|新|大)*(?:台阶|关口|大关)?$"
)
_NOISE = re.compile(r"[\s“”\"'‘’《》「」()（）]")
# An aside in brackets, closed or cut off with the number: 生产总值（GDP）, 国内生产总值比去年（下同）.
_ASIDE = re.compile(r"[（(][^（()）]*(?:[)）]|$)")


def clean_name(name: str) -> str:
    """A name with quotes, spaces and region/year prefixes and verb suffixes removed."""
    bare = _NOISE.sub("", name).upper()
    stripped = _SUFFIX.sub("", DONE.sub("", _MILESTONE.sub("", _PREFIX.sub("", bare))))
    return stripped or bare


_KNOWN_MAX = 200_000  # names whose entry a vocabulary remembers
_BACKREF = re.compile(r"\\\d|\(\?P=")  # a pattern that refers to its own groups: not combined


class _Patterns:
    """The entries' name patterns as one regex: one pass finds the first entry (in vocabulary
    order) with a pattern that matches a whole name, as trying each entry's patterns in turn would.
    Patterns that cannot share one regex (back-references, inline flags) are tried one by one."""

    def __init__(self, entries: list[Indicator]) -> None:
        self.entries = entries
        self.combined: re.Pattern[str] | None = None
        if not entries or any(_BACKREF.search(p.pattern) for e in entries for p in e.patterns):
            return
        branches = (
            f"(?P<e{i}>{'|'.join(f'(?:{p.pattern})' for p in e.patterns)})" for i, e in enumerate(entries)
        )
        try:
            self.combined = re.compile("|".join(branches))
        except re.error:  # an inline flag or a group name used twice: keep them apart
            self.combined = None

    def entry(self, name: str) -> Indicator | None:
        """The first entry with a pattern that matches all of ``name``."""
        if self.combined is not None:
            m = self.combined.fullmatch(name)
            return self.entries[int(m.lastgroup[1:])] if m and m.lastgroup else None
        return next((e for e in self.entries if any(p.fullmatch(name) for p in e.patterns)), None)


@dataclass(frozen=True, slots=True)
class Vocabulary:
    indicators: tuple[Indicator, ...]
    settings: Settings = field(default_factory=Settings)
    contrasts: tuple[tuple[str, ...], ...] = ()
    not_set_patterns: tuple[re.Pattern[str], ...] = ()
    ceiling_words: tuple[str, ...] = ()
    _index: dict[str, Indicator] = field(default_factory=dict, compare=False, repr=False)
    _known: dict[str, Indicator | None] = field(default_factory=dict, compare=False, repr=False)
    _patterns: _Patterns = field(init=False, compare=False, repr=False)

    def __post_init__(self) -> None:
        for entry in reversed(self.indicators):  # earlier entries win a shared synonym
            for name in (entry.name, *entry.synonyms):
                self._index[clean_name(name)] = entry
                self._index[_NOISE.sub("", name).upper()] = entry
        object.__setattr__(self, "_patterns", _Patterns([e for e in self.indicators if e.patterns]))

    def canonical(self, name: str) -> Indicator | None:
        """The entry a name as written means, or None when the vocabulary does not cover it
        (remembered per name: a corpus asks for the same few thousand names again and again)."""
        if name not in self._known:
            if len(self._known) >= _KNOWN_MAX:  # a long-lived server: start afresh rather than grow
                self._known.clear()
            self._known[name] = self._canonical(name)
        return self._known[name]

    def _canonical(self, name: str) -> Indicator | None:
        if (plain := _ASIDE.sub("", name)) and plain != name and (hit := self.canonical(plain)):
            return hit
        bare = _NOISE.sub("", name).upper()
        hit = self._index.get(bare) or self._index.get(clean_name(name))
        if hit is not None:
            return hit
        if (entry := self._patterns.entry(bare)) is not None:
            return entry
        place = _PLACE.match(bare)
        return self.canonical(bare[place.end() :]) if place and place.end() < len(bare) else None

    def direction(self, name: str, metric: str) -> Direction:
        """How a target for this name is read: the entry's direction; else a rank is a ceiling
        (第1 beats 第3), and a name holding a ceiling word (失业, 事故, 不良 …) is one."""
        entry = self.canonical(name)
        if entry is not None:
            return entry.direction
        if metric == "rank" or any(w in name for w in self.ceiling_words):
            return Direction.CEILING
        return Direction.FLOOR

    def get(self, name: str) -> Indicator | None:
        """The entry with this canonical name."""
        return next((e for e in self.indicators if e.name == name), None)

    def mentioned(self, text: str) -> list[Indicator]:
        """Entries whose names occur in ``text``, longest mention first, without overlaps."""
        spans: list[tuple[int, int, Indicator]] = []
        names = sorted(
            ((n, e) for e in self.indicators for n in (e.name, *e.synonyms)), key=lambda x: -len(x[0])
        )
        upper = text.upper()
        for name, entry in names:
            for m in re.finditer(re.escape(name.upper()), upper):
                if all(m.end() <= s or m.start() >= e for s, e, _ in spans):
                    spans.append((m.start(), m.end(), entry))
        found: list[Indicator] = []
        for _, _, entry in sorted(spans, key=lambda s: s[0]):
            if entry not in found:
                found.append(entry)
        return found


def load_vocabulary(path: str | Path | None = None) -> Vocabulary:
    """The shipped vocabulary, extended (and overridden by name) by a user YAML file."""
    base = _shipped()
    if path is None:
        return base
    p = Path(path)
    if not p.is_file():
        raise ValidationError(f"找不到指标词表文件: {p}")
    try:
        data = yaml.safe_load(p.read_text(encoding="utf-8")) or {}
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        raise ValidationError(f"指标词表文件无法解析: {p} ({exc.__class__.__name__})") from exc
    extra = _parse(data, str(p))
    try:
        settings = replace(base.settings, **(data.get("settings") or {}))
    except TypeError as exc:
        raise ValidationError(f"指标词表格式错误: {p}: {exc}") from exc
    return _merge(base, extra, settings)


@cache
def _shipped() -> Vocabulary:
    text = resources.files("luoshi").joinpath("data/indicators.yaml").read_text(encoding="utf-8")
    return _parse(yaml.safe_load(text), "indicators.yaml")


def _merge(base: Vocabulary, extra: Vocabulary, settings: Settings) -> Vocabulary:
    names = {e.name for e in extra.indicators}
    kept = tuple(e for e in base.indicators if e.name not in names)
    return Vocabulary(
        indicators=extra.indicators + kept,
        settings=settings,
        contrasts=base.contrasts + extra.contrasts,
        not_set_patterns=base.not_set_patterns + extra.not_set_patterns,
        ceiling_words=base.ceiling_words + extra.ceiling_words,
    )


def _parse(data: Any, where: str) -> Vocabulary:
    if not isinstance(data, dict):
        raise ValidationError(f"指标词表格式错误: {where} 应为映射 (indicators: …)")
    try:
        entries = tuple(_entry(e) for e in data.get("indicators") or [])
        settings = Settings(**(data.get("settings") or {}))
        contrasts = tuple(tuple(str(w) for w in group) for group in data.get("contrasts") or [])
        patterns = tuple(re.compile(str(p)) for p in data.get("not_set_patterns") or [])
        ceiling = tuple(str(w) for w in data.get("ceiling_words") or [])
    except (TypeError, ValueError, KeyError, re.error) as exc:
        raise ValidationError(f"指标词表格式错误: {where}: {exc}") from exc
    return Vocabulary(entries, settings, contrasts, patterns, ceiling)


def _entry(raw: dict[str, Any]) -> Indicator:
    return Indicator(
        name=str(raw["name"]),
        synonyms=tuple(str(s) for s in raw.get("synonyms") or []),
        patterns=tuple(re.compile(str(p)) for p in raw.get("patterns") or []),
        unit=raw.get("unit"),
        metrics=tuple(str(m) for m in raw.get("metrics") or []),
        direction=Direction(raw.get("direction", "floor")),
    )
