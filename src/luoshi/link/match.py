"""Find, for one target, the quantity elsewhere that states the same indicator (its outcome).

Names are matched through the vocabulary first, then by a similarity of the names; a candidate must
also have a comparable unit (万吨 ~ 亿斤, 万人 ~ 人) and a compatible metric (growth with growth,
level with level, share with share). The best candidate comes with a one-line reason.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher

from luoshi.document import Metric, Quantity
from luoshi.extract.hedges import alternation
from luoshi.extract.lead import ACTION
from luoshi.link.measures import parse_measure
from luoshi.link.vocabulary import Indicator, Vocabulary, clean_name

# metrics that state the same kind of figure
_METRIC_GROUP = {
    Metric.LEVEL: "amount",
    Metric.COUNT: "amount",
    Metric.GROWTH: "growth",
    Metric.SHARE: "share",
    Metric.CHANGE: "change",
    Metric.RANK: "rank",
    Metric.OTHER: "other",
}


# words that may stand before an indicator's name without making it another indicator
_ACTION_WORDS = r"新建|建成|建设|完成|实施|开工|新开工|改造|改建|新改建|实现|推进"
_ACTIONS = re.compile(rf"(?:{_ACTION_WORDS})*")
# the verbs a plan or review puts before what it counts (the reader's ACTION words, and a few more
# ways of saying "added": 净增, 新设, 筹建, 提升, 遴选), stripped before names are compared
_VERBS = alternation([*ACTION, "净增", "设", "筹建", "提升", "提质", "升级", "遴选", "投产", "交付", "开发"])
_LEAD_VERBS = re.compile(rf"^(?:(?:再|新)?(?:{_VERBS}))+")
_TRAILING_ACTIONS = re.compile(rf"(?:{_VERBS}|工程|任务)+$")
# a name-similarity match of amounts further apart than this is a stock against a flow, not an outcome
_PLAUSIBLE_RATIO = 5.0
_GROWTH_NAME = re.compile(r"(?:增速|增幅|增长率)(?:要|应|须)?$")


@dataclass(frozen=True, slots=True)
class Match:
    """A candidate chosen for a target, with how sure and why."""

    quantity: Quantity
    score: float
    reason: str


def family_value(q: Quantity) -> tuple[str, float]:
    """The quantity's unit family and its value in the family's base unit (增长2倍 → +200%)."""
    unit = parse_measure(q.unit)
    if q.metric == Metric.GROWTH and unit.family == "times":
        return "percent", q.value * 100
    return unit.family, unit.to_base(q.value)


def similarity(a: str, b: str) -> float:
    """Similarity of two cleaned names: the larger of a sequence ratio and a bigram Dice score."""
    if a == b:
        return 1.0
    ratio = SequenceMatcher(None, a, b).ratio()
    ga, gb = _bigrams(a), _bigrams(b)
    dice = 2 * len(ga & gb) / (len(ga) + len(gb)) if ga and gb else 0.0
    return max(ratio, dice)


def _bigrams(s: str) -> set[str]:
    return {s[i : i + 2] for i in range(len(s) - 1)}


def contrasted(a: str, b: str, groups: Sequence[Sequence[str]]) -> bool:
    """True when the names differ in a contrasting word (省级/市级, 城镇/农村, 收入/支出 …)."""
    for group in groups:
        only_a = {w for w in group if w in a and w not in b}
        only_b = {w for w in group if w in b and w not in a}
        if only_a and only_b:
            return True
    return False


def qualifiers_clash(a: str, b: str) -> bool:
    """True when two names qualify a shared part differently at their start: 产业投资 and 固定资产投资,
    洗选煤先进产能占比 and 煤炭先进产能占比, 外商直接投资 and 对外投资, 高校毕业生 and 高中毕业生.
    Action words do not count (新建5G基站 ~ 5G基站建设); names whose first two characters agree may
    differ later (电力总装机 ~ 电力装机容量); an abbreviation (规上 ~ 规模以上) or a shared word
    (补贴性技能培训 ~ 补贴性职业技能培训) is no clash."""
    a, b = _core(a), _core(b)
    if not a or not b or a in b or b in a or a[:2] == b[:2]:
        return False
    m = SequenceMatcher(None, a, b, autojunk=False).find_longest_match(0, len(a), 0, len(b))
    x, y = a[: m.a], b[: m.b]
    if m.size == 0 or not x or not y:
        return False
    return not (_abbreviates(x, y) or _abbreviates(y, x) or _bigrams(x) & _bigrams(y))


def _core(name: str) -> str:
    """A name without the action words at its ends (改造农村户厕 → 农村户厕 ← 农村户厕改造)."""
    lead = _LEAD_VERBS.match(name)
    core = name[lead.end() :] if lead else name
    return _TRAILING_ACTIONS.sub("", core) or core


def _abbreviates(short: str, long: str) -> bool:
    """``short``'s characters appear in ``long`` in order (规上 in 规模以上)."""
    rest = iter(long)
    return all(ch in rest for ch in short)


def name_score(a: str, b: str, vocab: Vocabulary) -> tuple[float, str]:
    """How surely two names mean the same indicator (0 = not), and why."""
    ea, eb = vocab.canonical(a), vocab.canonical(b)
    if ea is not None and eb is not None:
        if ea is eb:
            same = "" if a == b else f"「{a}」与「{b}」"
            return 1.0, f"词表同一指标「{ea.name}」{same}".rstrip()
        return 0.0, ""
    entry = ea or eb
    other = b if ea is not None else a
    names = (entry.name, *entry.synonyms) if entry is not None else ((b if ea is None else a),)
    mine = clean_name(other)
    best = 0.0
    for name in names:
        theirs = clean_name(name)
        if entry is not None and theirs in mine and not _ACTIONS.fullmatch(mine.replace(theirs, "", 1)):
            return 0.0, ""  # a more specific indicator than the entry (农林牧渔业生产总值 ≠ 生产总值)
        if not contrasted(mine, theirs, vocab.contrasts) and not qualifiers_clash(mine, theirs):
            best = max(best, similarity(mine, theirs))
    if best < vocab.settings.min_similarity:
        return 0.0, ""
    return best * 0.95, f"名称相近「{a}」~「{b}」(相似度{best:.2f})"


def stated_metric(q: Quantity) -> Metric:
    """The metric the name states: a percentage named a growth rate (贷款增速要高于40%) is growth."""
    if q.metric == Metric.SHARE and _GROWTH_NAME.search(q.indicator):
        return Metric.GROWTH
    return q.metric


def metric_compatible(a: Quantity, b: Quantity, entry: Indicator | None) -> bool:
    """Growth with growth, level with level, share with share; an indicator stated in one metric
    only (CPI: growth) accepts any percentage label."""
    if _METRIC_GROUP[stated_metric(a)] == _METRIC_GROUP[stated_metric(b)]:
        return True
    percent = {"percent", "points"}
    both_percent = family_value(a)[0] in percent and family_value(b)[0] in percent
    return entry is not None and len(entry.metrics) == 1 and both_percent


def best_match(
    target: Quantity,
    candidates: Sequence[Quantity],
    vocab: Vocabulary,
    *,
    year: int | None = None,
    refuse: Callable[[Quantity], str | None] | None = None,
) -> Match | None:
    """The candidate that states the target's indicator, in a comparable unit and metric (and
    that ``refuse`` has no objection to)."""
    return choose(target, candidates, vocab, year=year, refuse=refuse)[0]


def choose(
    target: Quantity,
    candidates: Sequence[Quantity],
    vocab: Vocabulary,
    *,
    year: int | None = None,
    refuse: Callable[[Quantity], str | None] | None = None,
) -> tuple[Match | None, Match | None]:
    """The best candidate, and the best one ``refuse`` objected to (its reason the objection):
    a five-year total for an annual target, a stock for this year's addition."""
    entry = vocab.canonical(target.indicator)
    family = family_value(target)[0]
    ranked: list[tuple[tuple[float, int, int], Match]] = []
    refused: list[tuple[tuple[float, int, int], Match]] = []
    for index, cand in enumerate(candidates):
        if year is not None and cand.year is not None and cand.year != year:
            continue
        if family_value(cand)[0] != family or not metric_compatible(target, cand, entry):
            continue
        score, why = name_score(target.indicator, cand.indicator, vocab)
        if score <= 0:
            continue
        rank = (score, int(stated_metric(cand) == stated_metric(target)), -index)
        objection = refuse(cand) if refuse is not None else None
        if objection is not None:
            refused.append((rank, Match(cand, score, objection)))
        elif score >= 1 or _plausible(target, cand):
            ranked.append((rank, Match(cand, score, why)))
    best = max(ranked, key=lambda r: r[0])[1] if ranked else None
    worst = max(refused, key=lambda r: r[0])[1] if refused and best is None else None
    return best, worst


def _plausible(target: Quantity, cand: Quantity) -> bool:
    """Amounts matched by name similarity only must be of one order (not 30 new against 1500 in all)."""
    if _METRIC_GROUP[target.metric] != "amount":
        return True
    t, c = abs(family_value(target)[1]), abs(family_value(cand)[1])
    if t == 0 or c == 0:
        return True
    return 1 / _PLAUSIBLE_RATIO <= c / t <= _PLAUSIBLE_RATIO
