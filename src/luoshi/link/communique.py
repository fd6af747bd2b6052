"""A statistical communiqué (统计公报) read as an outcome source.

National, provincial and city communiqués share one form: a title naming the region and the year
(中华人民共和国2024年国民经济和社会发展统计公报, 山西省2024年…统计公报), then headline sentences
such as 初步核算，全年地区生产总值…亿元，比上年增长5.0%; 全年粮食产量…万吨; 城镇新增就业…万人;
全年居民消费价格比上年上涨0.2%. :func:`is_communique` recognises the form by its content;
:func:`read_communique` reads the headline figures with the form's own phrases (their exact values,
under the vocabulary's canonical names) and keeps every other figure the extractor finds, all as
outcomes of the communiqué's year.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path

from luoshi.document import Metric, Modifier, PartKind, Quantity, Report, ReportMeta, Text
from luoshi.errors import InputError
from luoshi.segment.meta import level_of
from luoshi.segment.numerals import cn_year

NATIONAL = "全国"
_HEAD = 800  # the title sits in the first lines
_TITLE = re.compile(r"[\u4e00-\u9fff0-9〇○]{2,40}(?:统计公报|计划执行结果的公报)")
_YEAR = re.compile(r"((?:19|20)\d\d|[一二][〇○零一二三四五六七八九]{3})\s*年")
_NOT_REGION = re.compile(
    r"中华人民共和国|国家统计局|统计局|关于|计划执行结果的公报|的统计公报|国民经济和社会发展|国民经济|社会发展|统计公报|年度|年|[\s*#\[\]【】]"
)
_REPORT_MARKS = ("各位代表",)
_NUM = r"(\d+(?:\.\d+)?)"
_FOOTNOTE = r"(?:\[\d+\]|[①-⑳]|[（(]\d+[）)])?"
# between a level and its growth: only these (比上年, 按可比价格计算, a footnote mark, 比上年增加642亿元)
_GAP = (
    r"(?:\s|，|,|比上年同口径|比上年|同口径|同比|按(?:可比|不变)(?:价格|口径)计算|扣除价格因素|名义|\[\d+\]"
    r"|(?:增加|减少|多增|少增)\d+(?:\.\d+)?[\u4e00-\u9fff]{0,3})*?"
)
_LEADING_DEBRIS = re.compile(r"^.*(?:!\[[^\]]*\]\([^)]*\)|#+\s*\S+)\s*")  # images, headings, table cells
_UP = ("增长", "上涨", "上升", "增加", "提高")


@dataclass(frozen=True, slots=True)
class Form:
    """One headline sentence of the form: its indicator (a vocabulary name) and how it is written."""

    indicator: str
    name: str  # regex: the indicator as communiqués write it
    level_unit: str | None = None  # regex: the unit of a stated level (None: no level)
    level_metric: Metric = Metric.LEVEL
    growth: bool = True  # followed by 比上年增长/下降 N%
    share: bool = False  # a rate stated as 为 N% (失业率)


FORMS: tuple[Form, ...] = (
    Form("地区生产总值", r"(?<![均民内区])(?:国内|地区)?生产总值", r"万亿元|亿元"),
    Form(
        "一般公共预算收入",
        r"(?:地方)?一般公共预算收入|公共财政(?:预算)?收入|(?<![中央地方])财政收入",
        r"万亿元|亿元|万元",
    ),
    Form("固定资产投资", r"(?<![业施间])固定资产投资(?!价格)", r"万亿元|亿元"),
    Form("社会消费品零售总额", r"社会消费品零售总额", r"万亿元|亿元"),
    Form("居民人均可支配收入", r"(?<![镇村])居民人均可支配收入", r"元"),
    Form("居民消费价格", r"居民消费价格(?:总水平|指数)?"),
    Form(
        "城镇新增就业", r"城镇新增就业(?:人员|人数)?|城镇新就业(?:人员)?", r"万人", Metric.COUNT, growth=False
    ),
    Form("城镇调查失业率", r"城镇调查失业率(?:平均值|平均)?", growth=False, share=True),
    Form("粮食产量", r"粮食(?:总)?产量", r"万吨|亿斤|万亿斤|亿公斤|吨", growth=False),
    Form("单位地区生产总值能耗", r"(?:万元|单位)(?:国内|地区)?生产总值能(?:源消)?耗"),
)


@dataclass(slots=True)
class Communique:
    """A read communiqué: where and which year it reports on, and its outcomes."""

    region: str  # 全国 for the national one
    level: str | None  # national | province | city
    year: int
    title: str
    headline: list[Quantity]  # the form's headline figures, one per form at most
    report: Report  # every figure as an outcome (headline ones first), for the scorecard

    @property
    def source(self) -> str:
        return self.report.meta.source or ""


def is_communique(text: str) -> bool:
    """Whether a text is a statistical communiqué (by its title and form, not its file name)."""
    head = text[:_HEAD]
    if not _TITLE.search(head) or any(mark in head for mark in _REPORT_MARKS):
        return False
    return bool(re.search(r"比上年(?:增长|下降|上涨)", text))


def read_communique(path: str | Path) -> Communique:
    """Read a communiqué file. Raises :class:`InputError` when the file is not one."""
    from luoshi.pipeline import read_report

    report = read_report(path)
    return communique_of(report)


def read_communique_bytes(data: bytes, *, name: str) -> Communique:
    """Read an uploaded communiqué (txt / html / docx / pdf bytes)."""
    from luoshi.ingest import read_bytes
    from luoshi.pipeline import read_text

    src = read_bytes(data, name=name)
    return communique_of(read_text(src.text, source=name, fmt=src.format))


def communique_of(report: Report) -> Communique:
    """A read text as a communiqué: its title, region, year and outcomes."""
    clean = report.text.clean
    if not is_communique(clean):
        raise InputError(f"不是统计公报（开头未见“统计公报”标题）：{report.meta.source}")
    title_match = _TITLE.search(clean[:_HEAD])
    title = title_match.group().strip(" #*") if title_match else ""
    year_match = _YEAR.search(title)
    year = cn_year(year_match.group(1)) if year_match else None
    if year is None:
        raise InputError(f"统计公报标题中未见年份：{title}")
    region = _region(title, year_match.group() if year_match else "")
    level = "national" if region == NATIONAL else level_of(region)
    headline = list(headline_figures(report.text, year))
    others = [
        replace(q, part=PartKind.REVIEW, indicator=_strip_footnote(q.indicator), year=q.year or year)
        for q in report.quantities
    ]
    meta = replace(report.meta, title=title, region=region, level=level, year=None)
    as_report = replace(report, meta=meta, quantities=[*headline, *others], tasks=[])
    return Communique(region, level, year, title, headline, as_report)


def _region(title: str, year_text: str) -> str:
    name = _NOT_REGION.sub("", title.replace(year_text, ""))
    if not name or "中华人民共和国" in title or name in ("全国", "中国", "我国"):
        return NATIONAL
    return name


def _strip_footnote(name: str) -> str:
    return re.sub(r"\[\d*\]?|[①-⑳]", "", name)


def headline_figures(text: Text, year: int) -> Iterator[Quantity]:
    """The first statement of each form's headline sentence, as outcomes of ``year``."""
    clean = text.clean
    for form in FORMS:
        yield from _read_form(form, clean, text, year)


def _pattern(form: Form) -> re.Pattern[str]:
    name = rf"(?P<name>{form.name}){_FOOTNOTE}(?:[（(][^）)\n]{{0,12}}[）)])?"
    if form.share:
        return re.compile(rf"{name}(?:为|是|达到|控制在)?(?P<share>{_NUM[1:-1]})%")
    level = (
        rf"(?:总额|总量)?(?:完成|实现|达到|达|为|是)?(?P<level>{_NUM[1:-1]})\s?(?P<unit>{form.level_unit})"
    )
    if not form.growth:
        return re.compile(rf"{name}{level}")
    change = (
        rf"(?:(?P<sign>增长|下降|上涨|上升|回落|降低|减少){_FOOTNOTE}(?P<growth>{_NUM[1:-1]})%"
        r"|(?P<flat>[与比]上年持平))"
    )
    if form.level_unit is None:
        return re.compile(rf"{name}{_GAP}{change}")
    return re.compile(rf"{name}(?:{level})?{_GAP}{change}")


def _read_form(form: Form, clean: str, text: Text, year: int) -> list[Quantity]:
    m = next((m for m in _pattern(form).finditer(clean) if _annual(clean, m.start())), None)
    if m is None:
        return []
    sentence = _sentence(clean, m.start(), m.end())
    groups = m.groupdict()
    found = []
    if groups.get("level"):
        found.append(
            _quantity(
                form,
                form.level_metric,
                m,
                "level",
                f"{groups['level']}{groups['unit']}",
                text,
                year,
                sentence,
            )
        )
    if groups.get("flat"):
        found.append(_quantity(form, Metric.GROWTH, m, "flat", "0%", text, year, sentence, 0.0))
    if groups.get("growth"):
        sign = 1.0 if groups["sign"] in _UP else -1.0
        found.append(
            _quantity(form, Metric.GROWTH, m, "growth", f"{groups['growth']}%", text, year, sentence, sign)
        )
    if groups.get("share"):
        found.append(_quantity(form, Metric.SHARE, m, "share", f"{groups['share']}%", text, year, sentence))
    return found


def _annual(clean: str, pos: int) -> bool:
    """Not a quarter's or a month's figure (一季度国内生产总值…, 12月份…)."""
    before = clean[max(0, clean.rfind("\n", 0, pos), pos - 12) : pos]
    return not re.search(r"[一二三四]季度|上半年|前三季度|\d+月份?|[一二三四五六七八九十]+月", before)


def _quantity(
    form: Form,
    metric: Metric,
    m: re.Match[str],
    group: str,
    written: str,
    text: Text,
    year: int,
    sentence: str,
    sign: float = 1.0,
) -> Quantity:
    value = 0.0 if group == "flat" else float(m.group(group))
    unit = m.group("unit") if group == "level" else "%"
    end = m.end("unit") if group == "level" else m.end(group) + (group != "flat")
    start, end = text.to_original(m.start(group), end)
    return Quantity(
        part=PartKind.REVIEW,
        section=None,
        indicator=form.indicator,
        metric=metric,
        value=sign * value,
        unit=unit,
        modifier=Modifier.EXACT,
        sentence=sentence,
        start=start,
        end=end,
        year=year,
        text=written,
    )


def _sentence(clean: str, start: int, end: int) -> str:
    left = max(clean.rfind(c, 0, start) for c in "。\n") + 1
    stops = [i for i in (clean.find(c, end) for c in "。\n") if i >= 0]
    right = min(stops) + 1 if stops else len(clean)
    return _LEADING_DEBRIS.sub("", clean[left:right]).strip()


def communique_meta(c: Communique) -> ReportMeta:
    """The communiqué as a report's metadata (for scorecards that name their sources)."""
    return c.report.meta
