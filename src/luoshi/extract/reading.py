"""Reading the numbers of one sentence: which indicator each measures, its metric and hedge.

A sentence is read clause by clause. In a clause, numbers joined only by 、/和 form a group
(分别提高到133元、610元) that shares what stands before it; a count directly followed by a
measure (6个10万千瓦光伏项目) is a per-unit pair. Names come from the subject before the number,
the noun counted after it, or, when a clause opens with its verb (…,增长45.9%), from what the
sentence named before.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache

from luoshi.document import Metric, Modifier
from luoshi.extract.exclusions import is_quantity, name_spans
from luoshi.extract.hedges import BOUNDS, alternation, modifier_of
from luoshi.extract.indicators import (
    ATTRIBUTE,
    CONNECTIVE,
    LIST_SEP,
    after_noun,
    attribute_of,
    head_noun,
    is_generic,
    split_list,
    tidy,
    without_growth_word,
)
from luoshi.extract.lead import Lead, leading_action, read_lead, strip_leading
from luoshi.extract.measures import MeasureKind
from luoshi.extract.metrics import COMPARE, RANK_STEPS, metric_of
from luoshi.extract.names import (
    acted_on,
    elliptic_name,
    is_fragment,
    leading_verbs,
    list_frame,
    list_item_name,
    list_items,
    shared_noun,
    split_before_after,
    table_name,
    verb_only,
    without_closing_change,
)
from luoshi.extract.numbers import Number, scan

NOUN_UNITS = (MeasureKind.COUNTER, MeasureKind.MEASURE, MeasureKind.TIME)
SIBLING_GAP = re.compile(r"\s*[、和及与或]\s*")
CONNECTOR_END = re.compile(rf"(?:{CONNECTIVE}|或)$")
RANK_VERB = re.compile(r"排名|排|居|位居|位列|名列|列|名次")
SCOPE = re.compile(r"全[省国市区县州]")
EVERY = re.compile(r"均(?![衡匀等值])|都|皆|分别")
# A、B增幅均超过10% (not 平均资费); A、B各新增2家.
EACH = re.compile(r"(?<![平人户年])均(?![衡匀等值])|都|皆|各(?=[^\W\d]{0,3}$)")
# A clause that opens with one of these verbs names its subject earlier: …,惠及群众9万余户.
PREDICATE_FIRST = re.compile(r"^(?:惠及|覆盖|辐射|受益|涉及|占)")
BUSINESS_FIGURE = re.compile(r"营业收入|主营业务收入|利润|利润总额|利税|税收|产值|营收|资产总额|增加值")
OWNER = re.compile(r".{2,12}?(?:企业|国企|集团|公司|行业|产业|单位)")
NEAR_HEDGE = re.compile(alternation(BOUNDS))
# 剔除留抵退税因素后同口径增长8.9%: how the figure is counted, not what it measures.
QUALIFIER = re.compile(r"^(?:剔除|扣除|除去|不含|不计|按可比价格|按可比口径|可比口径|同口径)")
# 经济增速是综合性指标，今年预期目标设定为6%以上: the target of what the sentence named before.
TARGET_WORD = re.compile(r"^(?:今年|年度|全年)?(?:的)?(?:预期)?目标(?:值)?(?:设定|定|确定|设置)?$")
COPULA = re.compile(r"是|为")
BASELINE = re.compile(r"^(?:比|较|与)(?![重例率较])")
# 为年度计划的108.5% → 投资年度计划完成率; 实施重点项目386个，完成投资1120亿元 → 重点项目投资.
OF_PLAN = re.compile(r"^(?:为|是|达到|完成)?(.*?)计划的$")
BARE_INVESTMENT = re.compile(r"(?:总|累计|年度|年度计划|计划|完成)?投资(?:额)?")
SHARE_OF = re.compile(r"^(.*?)占(.+?)的$")  # 民生支出占一般公共预算支出的80% → 民生支出占比
RELATIVE = re.compile(r"^(?:为|是|占|相当于|达到|完成)?(.+?)的$")
SCOPE_WORD = re.compile(r"全[市省国区县州]|我[市省区县州]")


@dataclass(slots=True)  # not frozen, for speed, as Number; never changed once made
class Reading:
    """A number read in its sentence (offsets relative to the sentence text)."""

    number: Number
    indicator: str
    metric: Metric
    modifier: Modifier
    value: float
    value_high: float | None
    clause: int  # index of the clause in the sentence
    group: int  # numbers read together (a 分别 list) share a group id


@dataclass(slots=True)
class _Group:
    numbers: list[Number]
    pre: str  # clause text between the previous group and this one
    stop: int  # where this group's after-text ends (next group or clause end)
    per_unit: bool = False  # 6个10万千瓦: a count of things of a stated size


def read_sentence(text: str, clauses: list[tuple[int, int]]) -> list[Reading]:
    """Every quantity in sentence ``text`` whose clauses span ``clauses`` (relative offsets)."""
    if not (numbers := scan(text)):
        return []  # most sentences state no number: no names to look for
    names = name_spans(text)
    numbers = [n for n in numbers if is_quantity(text, n, names)]
    readings: list[Reading] = []
    previous_text = ""
    starts = [n.start for n in numbers]  # in order: scan sorts them
    for index, (lo, hi) in enumerate(clauses):
        local = numbers[bisect_left(starts, lo) : bisect_left(starts, hi)]
        if local:
            _Clause(text, index, lo, hi, readings, previous_text).read(local)
        previous_text = text[lo:hi] or previous_text
    return readings


def owner_of(subject: str, named: list[Reading]) -> str | None:
    """The enterprise group a bare business figure belongs to (营业收入 after 市属国企资产总额
    → 市属国企), when the sentence named one before; None otherwise."""
    if not BUSINESS_FIGURE.fullmatch(subject):
        return None
    for r in reversed(named):
        if m := OWNER.match(r.indicator):
            return m.group()
    return None


class _Clause:
    """Reads the numbers of one clause, appending to the sentence's readings."""

    def __init__(
        self, text: str, index: int, lo: int, hi: int, readings: list[Reading], previous: str
    ) -> None:
        self.text, self.index, self.lo, self.hi = text, index, lo, hi
        self.readings, self.previous = readings, previous
        self.last_subject = ""  # the subject the previous group in this clause used
        self.last_noun = ""  # the noun counted after the previous group (60户企业还贷13.1亿元)
        self.later: list[_Group] = []  # the groups after the one being read
        self.named: list[Reading] = []  # what _named gave when the sentence had named_at readings
        self.named_at = 0

    def read(self, numbers: list[Number]) -> None:
        groups = self._groups(numbers)
        for i, group in enumerate(groups):
            self.later = groups[i + 1 :]
            if group.numbers[0].rank:
                self._rank(group)
            else:
                self._group(group)

    def _groups(self, numbers: list[Number]) -> list[_Group]:
        groups: list[_Group] = []
        cursor = self.lo
        for n in numbers:
            last = groups[-1].numbers[-1] if groups else None
            if last is not None and not n.rank and not last.rank:
                gap = self.text[last.tail : n.start]
                if SIBLING_GAP.fullmatch(gap):
                    groups[-1].numbers.append(n)
                    continue
                if gap == "" and last.kind is MeasureKind.COUNTER and n.kind is MeasureKind.MEASURE:
                    groups[-1].numbers.append(n)
                    groups[-1].per_unit = True
                    continue
            groups.append(_Group([n], self.text[cursor : n.start], self.hi))
            if len(groups) > 1:
                groups[-2].stop = n.start
            cursor = n.tail
        return groups

    # --- names -------------------------------------------------------------------------------

    def _named(self) -> list[Reading]:
        """Readings of this sentence that name an indicator (not ranks, gaps or streaks); made
        again only when a reading was added (readings are only ever appended)."""
        if self.named_at != len(self.readings):
            self.named = [r for r in self.readings if r.metric not in (Metric.RANK, Metric.OTHER)]
            self.named_at = len(self.readings)
        return self.named

    def _counted_before(self) -> str:
        """The things counted just before (实施重点项目386个), without the action."""
        named = [r for r in self._named() if not self._in_aside(r.number.start)]
        if not named or named[-1].metric is not Metric.COUNT:
            return ""
        noun = named[-1].indicator
        return noun[len(leading_action(noun)) :]

    def _in_aside(self, at: int) -> bool:
        """Whether offset ``at`` lies inside a bracketed aside (其中新开工项目96个)."""
        before = self.text[:at]
        return before.count("（") + before.count("(") > before.count("）") + before.count(")")

    def _fallback_subject(self) -> str:
        """The name to use when a clause opens with its verb: the last one named, else the
        head noun of the clause before."""
        if named := self._named():
            return without_closing_change(named[-1].indicator)
        if self.readings and (streak := self.readings[-1].indicator.partition("连续")[0]):
            return streak  # 粮食产量连续五年稳定在20亿斤以上 → 粮食产量
        return strip_leading(head_noun(self.previous))

    def _subject(self, lead: Lead) -> str:
        subject = lead.subject
        if CONNECTOR_END.search(subject):  # 地区生产总值迈上千亿台阶、达到1012.9亿元
            subject = strip_leading(head_noun(CONNECTOR_END.sub("", subject)))
        if TARGET_WORD.match(subject) and (head := COPULA.split(self.previous, maxsplit=1)[0]):
            return strip_leading(head_noun(head))
        if not subject or BASELINE.match(subject) or QUALIFIER.match(subject):  # 比年初预算增加…
            return self._fallback_subject()
        if m := OF_PLAN.match(subject):  # the named figure's completion rate of its plan
            return self._fallback_subject() + m.group(1) + "计划完成率"
        if BARE_INVESTMENT.fullmatch(subject) and (counted := self._counted_before()):
            return counted + subject
        if m := SHARE_OF.match(subject):
            return (m.group(1) or self._fallback_subject()) + "占比"
        if m := RELATIVE.match(subject):  # 为年度计划的108.6%
            return self._fallback_subject() + "占" + m.group(1)
        if is_generic(subject):
            return attribute_of(self._fallback_subject(), subject)
        subject = self._own(subject)
        if (owner := owner_of(subject, self._named())) is not None:  # 规上工业企业…,利润增长2倍
            return owner + subject
        return self._list_item(subject)

    def _list_item(self, subject: str) -> str:
        """A subject that is only a verb or a fragment takes its noun from a neighbour: the last
        group of a list (新建60家、提档升级40家社区养老院) or the item before (项目竣工6个、开工18个)."""
        if self.readings and (ellipsis := elliptic_name(subject, self.readings[-1].indicator)):
            return ellipsis  # 新增国家级企业技术中心2个，省级3个
        verb = verb_only(subject)
        if verb and (later := self._later_noun()):
            return shared_noun(verb, later) or subject
        if verb and self.readings:
            return list_item_name(self.readings[-1].indicator, verb)
        if is_fragment(subject) and (before := self._fallback_subject()):
            return before  # 净增890元 after 农民人均纯收入7114元
        return subject

    def _later_noun(self) -> str:
        """The verb and noun that closes a list of counts after this group: 、提档升级40家社区养老院."""
        for group in self.later:
            if not group.pre.lstrip().startswith("、") or not verb_only(read_lead(group.pre).subject):
                return ""
            last = group.numbers[-1]
            if noun := after_noun(self.text, last.tail, group.stop):
                return read_lead(group.pre).subject + noun
        return ""

    def _names(self, group: _Group, lead: Lead) -> list[str]:
        """One indicator name per number of ``group``."""
        last = group.numbers[-1]
        noun = last.counted
        if not noun and (last.kind in NOUN_UNITS or self.text.startswith("的", last.tail)):
            noun = after_noun(self.text, last.tail, group.stop)
        chained = self.last_noun and lead.subject.startswith(self.last_noun)
        self.last_noun = noun
        if noun:
            return self._counted_names(group, lead, noun)
        if listed := self._listed_names(lead, len(group.numbers)):
            return listed
        subject = self.last_subject + lead.subject if chained else self._subject(lead)
        if (
            group.pre.lstrip().startswith("、")
            and not leading_verbs(subject)
            and not ATTRIBUTE.search(subject)
        ):
            subject = leading_action(self.last_subject) + subject  # 新改建公路500公里、桥梁20座
        self.last_subject = subject
        return [subject] * len(group.numbers)

    def _counted_names(self, group: _Group, lead: Lead, noun: str) -> list[str]:
        """建成15个户外劳动者爱心驿站: the action before and the noun counted after."""
        pre = group.pre.strip()
        if CONNECTOR_END.search(pre):  # …2座智能化煤矿和57个智能化采掘工作面
            base = self.last_subject or leading_action(pre)
        elif "、" in lead.subject or pre.endswith("等"):  # 建成华阳一矿、新景矿2座…: names dropped
            base = leading_action(pre) or self.last_subject
        else:
            base = self._own(lead.subject)
        if base.startswith("连续") and (before := self._named()):  # 粮食产量连续七年稳定在…
            base = before[-1].indicator + base
        self.last_subject = base
        if group.per_unit:  # 6个10万千瓦, or a list of them (10个30亿元和30个10亿元): one name per number
            return [base + noun if n.kind is MeasureKind.COUNTER else noun + _size(n) for n in group.numbers]
        if split := split_before_after(base, noun, len(group.numbers)):
            return split  # 新建省级企业技术中心2个、3个工程研究中心
        return [base + noun] * len(group.numbers)

    def _listed_names(self, lead: Lead, count: int) -> list[str] | None:
        """分别 lists: one name per number, from a listed subject or the names before."""
        if count > 1 and (split := self._split(lead.subject or self._fallback_list(), count)):
            return split
        named = self._named()
        if len(named) < count:
            return None
        if count > 1 and not lead.subject and EVERY.search(lead.predicate):
            return [r.indicator for r in named[-count:]]
        if m := EVERY.match(lead.subject):  # 分别恢复到2019年的95%和92%
            return [r.indicator + lead.subject[m.end() :] for r in named[-count:]]
        return None

    @staticmethod
    def _split(subject: str, count: int) -> list[str] | None:
        """A listed subject, item by item, each with the verb the list shares (新增国家级、省级X)."""
        verb, bare = list_frame(subject)
        if not verb:
            return split_list(subject, count)
        first = next((item for item in LIST_SEP.split(bare) if item), "")
        return list_items(verb, first, split_list(bare, count), split_list(subject, count))

    def _own(self, subject: str) -> str:
        """A subject as the clause gives it; one that opens with 惠及/覆盖 takes the name before."""
        subject = SCOPE_WORD.sub("", subject) if len(subject) > 2 else subject
        if PREDICATE_FIRST.match(subject) and (before := self._acted_on() or self._fallback_subject()):
            return before[len(leading_action(before)) :] + subject  # 改造老旧小区…,惠及居民
        return subject

    def _acted_on(self) -> str:
        """What the clause before acted on, when no figure of the sentence names it."""
        return "" if self._named() else acted_on(self.previous)

    def _fallback_list(self) -> str:
        return "" if self.readings else strip_leading(head_noun(self.previous))

    # --- readings -------------------------------------------------------------------------------

    def _group(self, group: _Group) -> None:
        lead = read_lead(group.pre)
        names = self._names(group, lead)
        gid = len(self.readings)
        prior = self.readings[:]
        last = group.numbers[-1]
        targeted = TARGET_WORD.match(lead.subject) is not None
        near = "".join(NEAR_HEDGE.findall(group.pre[-6:]))  # 至少建成1个
        for i, (n, name) in enumerate(zip(group.numbers, names, strict=True)):
            predicate = lead.predicate if i == 0 or not group.per_unit else ""
            subject = name if targeted else lead.subject or name
            metric, sign = metric_of(n, subject, predicate, group.pre)
            gap = metric is Metric.OTHER and n.kind is MeasureKind.POINTS
            if gap:
                name = self._gap_name(group, i, name, prior)
            shared = n if n.post or n.approx or group.per_unit else last
            modifier = modifier_of(shared, predicate + near, gap=gap)
            name = _table_form(name)
            if n.unit in RANK_STEPS and prior and prior[-1].metric is Metric.RANK:
                name = prior[-1].indicator
            high = n.value_high * sign if n.value_high is not None else None
            for each in self._each(name, group):
                self.readings.append(
                    Reading(n, each, metric, modifier, n.value * sign, high, self.index, gid)
                )

    def _each(self, name: str, group: _Group) -> list[str]:
        """A、B等增幅均超过10%: one figure stated for each named indicator."""
        if len(group.numbers) > 1 or not EACH.search(group.pre[-6:]):
            return [name]
        base = name.removesuffix("各").removesuffix("等")  # 各新增: list_frame reads it
        count = len([item for item in LIST_SEP.split(base) if item])
        items = self._split(base, count) if count > 1 else None
        return items if items and all(len(item) > 1 for item in items) else [name]

    def _gap_name(self, group: _Group, i: int, name: str, prior: list[Reading]) -> str:
        """增速高于全省1.3个百分点: the indicator's growth compared with a benchmark."""
        m = COMPARE.search(group.pre)
        if m is None:
            return name
        phrase = group.pre[m.start() :].strip()
        own = EVERY.sub("", read_lead(group.pre[: m.start()]).subject)
        if own and not is_generic(own):
            return own + phrase
        prior = [r for r in prior if r.metric not in (Metric.RANK, Metric.OTHER)]
        count = len(group.numbers)
        base = prior[i - count] if len(prior) >= count else prior[-1] if prior else None
        if base is None:
            return phrase
        growth = own or ("增速" if base.metric is Metric.GROWTH else "")
        return base.indicator + growth + phrase

    def _rank(self, group: _Group) -> None:
        n = group.numbers[0]
        pre = group.pre
        verb = RANK_VERB.search(pre)
        scope = SCOPE.search(pre)
        if verb is None and scope is None:
            return
        left = pre[: verb.start()] if verb else pre[: scope.start()] if scope else pre
        suffix = (scope.group() if scope else "") + "排名"
        gid = len(self.readings)
        subject = EVERY.sub("", read_lead(left).subject)
        verbs = list(RANK_VERB.finditer(pre))
        listed = SCOPE.sub("", pre[verbs[-1].end() :]).strip("中的在") if verbs else ""
        if not subject and len(listed) >= 4:  # 位列国家级经开区综合发展水平考核第46位
            subject = listed
        for base in self._ranked(subject, pre):
            self.readings.append(
                Reading(n, base + suffix, Metric.RANK, Modifier.EXACT, n.value, None, self.index, gid)
            )

    def _ranked(self, subject: str, pre: str) -> list[str]:
        """What a rank ranks: its own subject, else what was named before (均排名: the whole
        group), with 增速 when that was a growth."""
        if subject:
            return [subject if not is_generic(subject) else self._fallback_subject() + subject]
        if not (named := self._named()):
            return [strip_leading(head_noun(self.previous))]
        last = named[-1]
        ranked = [r for r in named if r.group == last.group] if EVERY.search(pre) else [last]
        return [r.indicator + ("增速" if r.metric is Metric.GROWTH else "") for r in ranked]


@lru_cache(maxsize=16384)
def _table_form(name: str) -> str:
    """The name as a table writes it (growth word, then tidy, then table form), remembered: a
    corpus meets the same names again and again."""
    return table_name(tidy(without_growth_word(name)))


def _size(n: Number) -> str:
    """The name of a per-unit size: 单体装机规模 for power, 单体规模 otherwise."""
    return "单体装机规模" if n.unit.endswith("瓦") else "单体规模"
