"""The target panel economists build by hand: one row per region, year and headline indicator, with
the target (value and hedge), last year's actual, the outcome (the next report's review and/or the
statistical communiqué), the verdict, and the source spans of each.

:func:`panel_facts` is the per-file work (a pure, top-level function of a path, like
:func:`luoshi.link.corpus.extract_rows`): a report gives its headline targets, the actuals its
review states for the year before, and its review's headline figures (the outcomes of the year
before); a communiqué gives its headline figures. :func:`panel_rows` joins the facts of a folder;
:func:`build_panel` runs the first in parallel (local processes or Dask), resumably, and writes the
second as Parquet or CSV.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Unpack

from luoshi.document import Metric, Modifier, PartKind, Quantity, Report
from luoshi.link.communique import Communique
from luoshi.link.corpus import BatchOptions, cached_vocabulary, extract_parts, write_table
from luoshi.link.match import best_match
from luoshi.link.notset import targets_not_set
from luoshi.link.period import is_annual_outcome, is_annual_target
from luoshi.link.scorecard import plan_year
from luoshi.link.sources import COMMUNIQUE, REPORT, agree, comparable, read_source, region_key
from luoshi.link.verdict import STATUS_LABEL, Status, judge, written
from luoshi.link.vocabulary import Vocabulary

# headline indicators (vocabulary names), each with the metrics its headline target is stated in
HEADLINE: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("地区生产总值", ("growth",)),
    ("一般公共预算收入", ("growth", "level")),
    ("固定资产投资", ("growth", "level")),
    ("社会消费品零售总额", ("growth", "level")),
    ("居民人均可支配收入", ("growth", "level")),
    ("居民消费价格", ("growth",)),
    ("城镇新增就业", ("count", "level")),
    ("城镇调查失业率", ("share",)),
    ("粮食产量", ("level", "growth")),
    ("单位地区生产总值能耗", ("growth",)),
)
_HEDGE = {Modifier.ABOUT: "左右", Modifier.AT_LEAST: "以上", Modifier.AT_MOST: "以内", Modifier.RANGE: "区间"}
_YEAR_IN_NAME = re.compile(r"(?<!\d)(19[5-9]\d|20\d\d)(?!\d)")

COLUMNS: dict[str, str] = {
    "region": "string",
    "level": "string",
    "year": "int64",
    "indicator": "string",
    "target_value": "float64",
    "target_value_high": "float64",
    "target_unit": "string",
    "target_metric": "string",
    "target_hedge": "string",
    "target_written": "string",
    "target_sentence": "string",
    "target_source": "string",
    "target_start": "int64",
    "target_end": "int64",
    "previous_value": "float64",
    "previous_unit": "string",
    "previous_written": "string",
    "previous_sentence": "string",
    "previous_source": "string",
    "previous_start": "int64",
    "previous_end": "int64",
    "outcome_value": "float64",
    "outcome_unit": "string",
    "outcome_written": "string",
    "outcome_from": "string",
    "outcome_source": "string",
    "outcome_sentence": "string",
    "outcome_start": "int64",
    "outcome_end": "int64",
    "report_outcome": "string",
    "communique_outcome": "string",
    "sources_agree": "bool_",
    "verdict": "string",
    "verdict_label": "string",
    "why": "string",
}


def panel_facts(path: str | Path, vocabulary: str | None = None) -> list[dict[str, Any]]:
    """What one file gives the panel (a list of one record, the shape part files hold)."""
    vocab = cached_vocabulary(vocabulary)
    read = read_source(path)
    if isinstance(read, Communique):
        return [_communique_facts(read, vocab)]
    return [report_facts(read, vocab)]


def _communique_facts(c: Communique, vocab: Vocabulary) -> dict[str, Any]:
    headline = [_plain(q) for q in c.headline if _headline_of(q, vocab)]
    return {
        "kind": "communique",
        "region": region_key(c.report.meta),
        "level": c.level,
        "year": c.year,
        "outcomes": headline,
    }


def report_facts(report: Report, vocab: Vocabulary) -> dict[str, Any]:
    """What a read report gives the panel: its headline targets, last year's actuals, its review's
    headline figures (the outcomes of the year before) and the targets it says it does not set."""
    meta = report.meta
    year = plan_year(report)
    if year is None and meta.source and (m := _YEAR_IN_NAME.search(Path(meta.source).stem)):
        year = int(m.group())
    before = year - 1 if year is not None else None
    plan = [q for q in report.quantities if q.part == PartKind.PLAN and q.indicator.strip()]
    review = [
        q
        for q in report.quantities
        if q.part == PartKind.REVIEW and _headline_of(q, vocab) and is_annual_outcome(q, report, before)
    ]
    targets: dict[str, Any] = {}
    previous: dict[str, Any] = {}
    for name, metrics in HEADLINE:
        candidates = [q for q in plan if _headline_of(q, vocab) == name and q.metric.value in metrics]
        annual = [q for q in candidates if is_annual_target(q, report, year) and not reports_a_result(q)]
        target = min(
            annual, key=lambda q: (not q.headline_target, metrics.index(q.metric.value)), default=None
        )
        prev = _actual(name, metrics, target, review, vocab, before)
        targets[name] = _plain(target) if target else None
        previous[name] = _plain(prev) if prev else None
    level = "national" if region_key(meta) == "全国" else meta.level
    not_set = {n.indicator: [n.sentence, n.start, n.end] for n in targets_not_set(report, vocab)}
    return {
        "kind": "report",
        "region": region_key(meta),
        "level": level,
        "year": year,
        "targets": targets,
        "previous": previous,
        "outcomes": [_plain(q) for q in review],
        "not_set": {name: not_set[name] for name, _ in HEADLINE if name in not_set and not targets[name]},
    }


# a plan-part sentence that reports a result (实现了年初预定的目标; 刚刚过去的2005年…; 预计…), sets none;
# 全年实现城镇新增就业60万人 is how a plan states a target, and is not one of them
_PAST = re.compile(r"实现了|完成了|取得的|取得了|预定|年初|刚刚过去|去年同期|预计|比(?:19|20)\d\d年增长")
# …and a level stated with its change on last year (国内生产总值达到2650亿元，比上年增长21.3%)
_PAST_LEVEL = re.compile(r"(?:达到|完成)\d|\d(?:亿|万)?元，比上年")
_FUTURE = re.compile(r"今年|明年|预期|计划|力争|争取|确保|力求|努力")


def reports_a_result(q: Quantity) -> bool:
    """A plan-part figure in a sentence about last year's result, not this year's target."""
    s = q.sentence
    past = _PAST.search(s) or (_PAST_LEVEL.search(s) and "比上年" in s)
    return bool(past) and not _FUTURE.search(s)


def _target_rank(q: Quantity, metrics: Sequence[str]) -> tuple[bool, int]:
    """The headline target first: in the 主要预期目标 paragraph, in the first metric."""
    return (not q.headline_target, metrics.index(q.metric.value))


def _headline_of(q: Quantity, vocab: Vocabulary) -> str | None:
    entry = vocab.canonical(q.indicator)
    names = {name for name, _ in HEADLINE}
    return entry.name if entry is not None and entry.name in names else None


def _actual(
    name: str,
    metrics: Sequence[str],
    target: Quantity | None,
    stated: Sequence[Quantity],
    vocab: Vocabulary,
    year: int | None,
) -> Quantity | None:
    """The figure among ``stated`` for the target (or, without one, the indicator's first figure
    in its headline metrics)."""
    if target is not None:
        found = best_match(target, stated, vocab, year=year)
        return found.quantity if found else None
    entry = vocab.canonical(name)
    for metric in metrics:
        for q in stated:
            same_year = year is None or q.year is None or q.year == year
            if same_year and q.metric.value == metric and vocab.canonical(q.indicator) is entry:
                return q
    return None


_KEPT = (
    "part",
    "indicator",
    "metric",
    "value",
    "value_high",
    "unit",
    "modifier",
    "sentence",
    "start",
    "end",
    "year",
    "text",
    "headline_target",
)


def _plain(q: Quantity) -> dict[str, Any]:
    d = q.to_dict()
    return {k: d[k] for k in _KEPT}


def _quantity(d: dict[str, Any]) -> Quantity:
    return Quantity(
        part=PartKind(d["part"]),
        section=None,
        indicator=d["indicator"],
        metric=Metric(d["metric"]),
        value=d["value"],
        unit=d["unit"],
        modifier=Modifier(d["modifier"]),
        sentence=d["sentence"],
        start=d["start"],
        end=d["end"],
        value_high=d["value_high"],
        year=d["year"],
        text=d["text"],
        headline_target=d["headline_target"],
    )


@dataclass(slots=True)
class Facts:
    """One file's facts, with the file it came from (relative to the folder)."""

    source: str
    data: dict[str, Any]


def panel_rows(
    facts: Iterable[Facts], vocab: Vocabulary
) -> tuple[list[dict[str, Any]], list[tuple[str, str]]]:
    """The panel's rows from the facts of a folder, and the files left out (a second report or
    communiqué for a region and year already given, or one without a year)."""
    reports: dict[tuple[str, int], Facts] = {}
    communiques: dict[tuple[str, int], Facts] = {}
    left_out: list[tuple[str, str]] = []
    for f in facts:
        year = f.data.get("year")
        if year is None:
            left_out.append((f.source, "未能确定年份"))
            continue
        into = communiques if f.data["kind"] == "communique" else reports
        key = (f.data["region"], int(year))
        if key in into:
            left_out.append((f.source, f"{key[0]}{key[1]}年已有 {into[key].source}"))
            continue
        into[key] = f
    keys = sorted(set(reports) | set(communiques))
    rows = [
        _row(
            key,
            name,
            reports.get(key),
            reports.get((key[0], key[1] + 1)),
            (communiques.get((key[0], key[1] - 1)), communiques.get(key)),
            vocab,
        )
        for key in keys
        for name, _ in HEADLINE
    ]
    return rows, left_out


def _row(
    key: tuple[str, int],
    name: str,
    plan: Facts | None,
    later: Facts | None,
    communiques: tuple[Facts | None, Facts | None],
    vocab: Vocabulary,
) -> dict[str, Any]:
    """One row: the target of ``plan``, last year's actual (its review, else last year's communiqué),
    the outcome (this year's communiqué, else the ``later`` report's review) and the verdict."""
    region, year = key
    last_communique, communique = communiques
    metrics = dict(HEADLINE)[name]
    level = plan or communique or later
    row: dict[str, Any] = {
        "region": region,
        "level": level.data.get("level") if level else None,
        "year": year,
        "indicator": name,
    }
    target = _get(plan, "targets", name)
    previous, previous_from = _get(plan, "previous", name), plan
    if previous is None:
        previous, previous_from = (
            _outcome(name, metrics, target, last_communique, vocab, year - 1),
            last_communique,
        )
    by_report = _outcome(name, metrics, target, later, vocab, year)
    by_communique = _outcome(name, metrics, target, communique, vocab, year)
    outcome, source, src = (
        (by_communique, COMMUNIQUE, communique) if by_communique else (by_report, REPORT, later)
    )
    row |= _spans("target", target, plan)
    row |= _spans("previous", previous, previous_from, values=_PREVIOUS)
    row |= _spans("outcome", outcome, src)
    row["outcome_from"] = source if outcome else None
    row["report_outcome"] = written(by_report) if by_report else None
    row["communique_outcome"] = written(by_communique) if by_communique else None
    row["sources_agree"] = _agree(by_report, by_communique)
    row |= _verdict(target, outcome, vocab, judged=later is not None or communique is not None)
    return row | (_not_set(plan, name) if plan is not None and target is None else {})


def _not_set(plan: Facts, name: str) -> dict[str, Any]:
    """The verdict 未设目标 where the report says it sets no target for the indicator."""
    stated = plan.data.get("not_set", {}).get(name)
    if not stated:
        return {}
    sentence, start, end = stated
    return {
        "verdict": Status.TARGET_NOT_SET.value,
        "verdict_label": STATUS_LABEL[Status.TARGET_NOT_SET],
        "why": "报告明确未设定该指标的目标",
        "target_sentence": sentence,
        "target_source": plan.source,
        "target_start": start,
        "target_end": end,
    }


def _agree(by_report: Quantity | None, by_communique: Quantity | None) -> bool | None:
    """Whether the two sources agree, where both state a figure of one kind."""
    if by_report is None or by_communique is None or not comparable(by_report, by_communique):
        return None
    return agree(by_report, by_communique)


def _get(f: Facts | None, kind: str, name: str) -> Quantity | None:
    d = f.data.get(kind, {}).get(name) if f else None
    return _quantity(d) if d else None


def _outcome(
    name: str, metrics: Sequence[str], target: Quantity | None, f: Facts | None, vocab: Vocabulary, year: int
) -> Quantity | None:
    if f is None:
        return None
    stated = [_quantity(d) for d in f.data.get("outcomes", [])]
    return _actual(name, metrics, target, stated, vocab, year)


_PREVIOUS = ("value", "unit", "written", "sentence", "source", "start", "end")
_ALL = ("value", "value_high", "unit", "metric", "hedge", "written", "sentence", "source", "start", "end")


def _spans(prefix: str, q: Quantity | None, f: Facts | None, values: Sequence[str] = _ALL) -> dict[str, Any]:
    if q is None:
        return {}
    found = {
        "value": q.value,
        "value_high": q.value_high,
        "unit": q.unit,
        "metric": q.metric.value,
        "hedge": _HEDGE.get(q.modifier, ""),
        "written": written(q),
        "sentence": q.sentence,
        "source": f.source if f else None,
        "start": q.start,
        "end": q.end,
    }
    return {f"{prefix}_{k}": found[k] for k in values if f"{prefix}_{k}" in COLUMNS}


def _verdict(
    target: Quantity | None, outcome: Quantity | None, vocab: Vocabulary, *, judged: bool
) -> dict[str, Any]:
    if target is None:
        return {"verdict": None, "verdict_label": "无目标", "why": "报告中未见该指标的年度目标"}
    if outcome is None:
        why = "次年报告的回顾与统计公报中均未见该指标的实际数" if judged else "尚无次年报告或统计公报"
        return {
            "verdict": Status.NOT_REPORTED.value,
            "verdict_label": STATUS_LABEL[Status.NOT_REPORTED],
            "why": why,
        }
    judgement = judge(target, outcome, vocab.direction(target.indicator, target.metric.value), vocab.settings)
    return {
        "verdict": judgement.status.value,
        "verdict_label": STATUS_LABEL[judgement.status],
        "why": judgement.why,
    }


@dataclass(slots=True)
class PanelResult:
    out: Path
    files: int = 0  # files read into the panel (reports and communiqués)
    rows: int = 0
    extracted: int = 0
    reused: int = 0
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (path, why)


def build_panel(folder: str | Path, out: str | Path, **options: Unpack[BatchOptions]) -> PanelResult:
    """The panel of every report and communiqué in ``folder``, written to ``out`` (.parquet/.csv);
    resumable (per-file part files, see :func:`luoshi.link.corpus.build_corpus`)."""
    vocabulary = options.get("vocabulary")
    options["work_dir"] = options.get("work_dir") or _work(Path(out), vocabulary)
    jobs, done = extract_parts(folder, out, rows_of=panel_facts, **options)
    skipped = {p for p, _ in done.skipped}
    facts = [
        Facts(str(Path(path).relative_to(folder)), record)
        for path, job in jobs.items()
        if path not in skipped and Path(job.part).exists()
        for record in json.loads(Path(job.part).read_text(encoding="utf-8"))
    ]
    rows, left_out = panel_rows(facts, cached_vocabulary(vocabulary))
    write_table(rows, done.out, COLUMNS)
    return PanelResult(
        done.out, len(facts), len(rows), done.extracted, done.reused, [*done.skipped, *left_out]
    )


def _work(out: Path, vocabulary: str | None) -> Path:
    from luoshi.link.corpus import work_folder

    folder = work_folder(out, vocabulary)
    return folder.with_name("panel-" + folder.name)
