"""成绩单: each plan target of year N beside last year's actual (ambition) and the outcome that the
year N+1 report's review states, with a verdict and one line of why.

:func:`link_targets` works on plain quantity lists (outcomes may also be entered by users);
:func:`scorecard` reads them out of two reports and adds the targets a report says it does not set.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import Any

from luoshi.document import Metric, Modifier, PartKind, Quantity, Report, ReportMeta
from luoshi.errors import ValidationError
from luoshi.link.match import Match, best_match, family_value
from luoshi.link.notset import targets_not_set
from luoshi.link.period import is_annual_outcome, is_annual_target
from luoshi.link.units import base_unit
from luoshi.link.verdict import STATUS_LABEL, Status, judge, written
from luoshi.link.vocabulary import Direction, Vocabulary


@dataclass(frozen=True, slots=True)
class Line:
    """One row of a scorecard."""

    indicator: str  # canonical name where the vocabulary knows it
    status: Status
    why: str
    direction: Direction
    target: Quantity | None
    outcome: Quantity | None = None
    previous: Quantity | None = None  # the same indicator's actual in the plan report's review
    target_sentence: str = ""
    outcome_sentence: str | None = None
    match_reason: str | None = None

    def flat(self) -> dict[str, str]:
        def w(x: Quantity | None) -> str:
            return written(x) if x is not None else ""

        return {
            "指标": self.indicator,
            "上年实际": w(self.previous),
            "目标": w(self.target),
            "实际": w(self.outcome),
            "结论": STATUS_LABEL[self.status],
            "说明": self.why,
            "目标原文": self.target_sentence,
            "实际原文": self.outcome_sentence or "",
            "匹配依据": self.match_reason or "",
        }

    def to_dict(self) -> dict[str, Any]:
        def q(x: Quantity | None) -> dict[str, Any] | None:
            return None if x is None else {**x.to_dict(), "written": written(x)}

        return {
            "indicator": self.indicator,
            "status": self.status.value,
            "why": self.why,
            "direction": self.direction.value,
            "target": q(self.target),
            "outcome": q(self.outcome),
            "previous": q(self.previous),
            "target_sentence": self.target_sentence,
            "outcome_sentence": self.outcome_sentence,
            "match_reason": self.match_reason,
            "ambition": self.ambition(),
        }

    def ambition(self) -> dict[str, float | str] | None:
        """How far the target reaches beyond last year's actual, in base units (when comparable)."""
        if self.target is None or self.previous is None:
            return None
        unit, target = family_value(self.target)
        prev_unit, previous = family_value(self.previous)
        if unit != prev_unit:
            return None
        return {"delta": round(target - previous, 10), "base_unit": base_unit(unit)}


@dataclass(slots=True)
class Scorecard:
    plan: ReportMeta
    outcome: ReportMeta | None
    year: int | None
    lines: list[Line] = field(default_factory=list)

    def counts(self) -> dict[str, int]:
        tally = Counter(line.status.value for line in self.lines)
        return {s.value: tally.get(s.value, 0) for s in Status}

    def flat(self) -> list[dict[str, str]]:
        """One flat row of text per line (for tables, CSV and spreadsheets)."""
        return [line.flat() for line in self.lines]

    def to_dict(self) -> dict[str, Any]:
        return {
            "year": self.year,
            "plan_report": _meta(self.plan),
            "outcome_report": _meta(self.outcome) if self.outcome else None,
            "counts": self.counts(),
            "lines": [line.to_dict() for line in self.lines],
        }


def _meta(meta: ReportMeta) -> dict[str, Any]:
    keys = ("title", "date", "region", "level", "year", "source", "sha256")
    values = {k: getattr(meta, k) for k in keys}
    return {k: v.isoformat() if isinstance(v, date) else v for k, v in values.items()}


def display_name(q: Quantity, vocab: Vocabulary) -> str:
    entry = vocab.canonical(q.indicator)
    return entry.name if entry is not None else q.indicator


def link_targets(
    targets: Sequence[Quantity],
    outcomes: Sequence[Quantity] | None,
    vocab: Vocabulary,
    *,
    year: int | None = None,
    previous: Sequence[Quantity] = (),
    entered: Sequence[Quantity] = (),
) -> list[Line]:
    """A line per target: the matching outcome (when ``outcomes`` is given) and verdict, and the
    matching actual among ``previous`` (last year's review, for ambition). Where the outcomes state
    none, an ``entered`` outcome (one a user keyed in, its source in ``sentence``) stands in."""
    lines: list[Line] = []
    last_year = year - 1 if year is not None else None
    for target in _distinct(targets, vocab):
        direction = vocab.direction(target.indicator, target.metric.value)
        prev = best_match(target, previous, vocab, year=last_year) if previous else None
        found = best_match(target, outcomes, vocab, year=year) if outcomes else None
        if found is None and entered:
            found = best_match(target, entered, vocab, year=year)
            if found is not None:
                found = replace(found, reason=f"用户录入的实际数；{found.reason}")
        judged = outcomes is not None or bool(entered)
        lines.append(_line(target, found, prev, direction, vocab, judged))
    return lines


def entered_outcome(
    indicator: str,
    value: float,
    unit: str,
    *,
    metric: Metric,
    source: str,
    year: int | None = None,
    modifier: Modifier = Modifier.EXACT,
) -> Quantity:
    """An outcome a user enters where no report states it; ``source`` says where it comes from
    (统计公报, 部门报送 …) and is shown as its sentence."""
    if not source.strip():
        raise ValidationError("录入实际数须注明来源")
    return Quantity(
        part=PartKind.REVIEW,
        section=None,
        indicator=indicator,
        metric=metric,
        value=value,
        unit=unit,
        modifier=modifier,
        sentence=source.strip(),
        start=0,
        end=0,
        year=year,
    )


def _target_key(t: Quantity, vocab: Vocabulary) -> tuple[str, str, float, float | None, str, str]:
    return (display_name(t, vocab), t.metric.value, t.value, t.value_high, t.unit, t.modifier.value)


def _distinct(targets: Sequence[Quantity], vocab: Vocabulary) -> list[Quantity]:
    """Targets without restatements (the same figure for the same indicator stated twice)."""
    seen: set[tuple[str, str, float, float | None, str, str]] = set()
    kept = []
    for t in targets:
        key = _target_key(t, vocab)
        if key not in seen:
            seen.add(key)
            kept.append(t)
    return kept


def lines_by_quantity(card: Scorecard, plan: Report, vocab: Vocabulary) -> dict[int, Line]:
    """The scorecard line of each of ``plan``'s quantities that is a target (a restatement maps to
    the line of its first statement): what a ledger task shows as its verdict."""
    by_key = {_target_key(line.target, vocab): line for line in card.lines if line.target is not None}
    found = {}
    for index, q in enumerate(plan.quantities):
        line = by_key.get(_target_key(q, vocab)) if q.part == PartKind.PLAN else None
        if line is not None:
            found[index] = line
    return found


def _line(
    target: Quantity,
    found: Match | None,
    prev: Match | None,
    direction: Direction,
    vocab: Vocabulary,
    judged: bool,
) -> Line:
    base = Line(
        indicator=display_name(target, vocab),
        status=Status.NOT_REPORTED,
        why="次年报告的回顾中未见该指标的实际数" if judged else "尚无次年报告",
        direction=direction,
        target=target,
        previous=prev.quantity if prev else None,
        target_sentence=target.sentence,
    )
    if found is None:
        return base
    verdict = judge(target, found.quantity, direction, vocab.settings)
    return replace(
        base,
        status=verdict.status,
        why=verdict.why,
        outcome=found.quantity,
        outcome_sentence=found.quantity.sentence,
        match_reason=found.reason,
    )


def plan_year(report: Report) -> int | None:
    """The year a report's plan part is for."""
    if report.meta.year is not None:
        return report.meta.year
    years = [q.year for q in report.quantities if q.part == PartKind.PLAN and q.year is not None]
    return min(years) if years else None


def scorecard(
    plan: Report, outcome: Report | None, vocab: Vocabulary, *, entered: Sequence[Quantity] = ()
) -> Scorecard:
    """The scorecard of ``plan``'s targets against ``outcome``'s review (ambition only without it),
    with ``entered`` outcomes (see :func:`entered_outcome`) where the review states none."""
    year = plan_year(plan)
    if outcome is not None:
        later = outcome.meta.year
        if year is not None and later is not None and later <= year:
            raise ValidationError(f"成果报告({later}年)应晚于目标报告({year}年)：请检查两份报告的顺序")
    targets = [
        q
        for q in plan.quantities
        if q.part == PartKind.PLAN and q.indicator.strip() and is_annual_target(q, plan, year)
    ]
    review = [q for q in plan.quantities if q.part == PartKind.REVIEW]
    outcomes = (
        [q for q in outcome.quantities if q.part == PartKind.REVIEW and is_annual_outcome(q, outcome, year)]
        if outcome
        else None
    )
    lines = link_targets(targets, outcomes, vocab, year=year, previous=review, entered=entered)
    lines += _not_set_lines(plan, outcomes, vocab, {line.indicator for line in lines}, year)
    return Scorecard(plan.meta, outcome.meta if outcome else None, year, lines)


def scorecards(reports: Sequence[Report], vocab: Vocabulary) -> list[Scorecard]:
    """Scorecards for a region's reports of several years: year N's plan against year N+1's review
    (the last year's against none). Reports are grouped by stated region, else by their folder."""
    groups: dict[str, dict[int, Report]] = {}
    for report in reports:
        year = plan_year(report)
        if year is None:
            continue
        group = groups.setdefault(_region_key(report), {})
        if year in group:
            raise ValidationError(
                f"同一地区有两份{year}年的报告：{group[year].meta.source} 与 {report.meta.source}；"
                "请把不同地区的报告放在不同文件夹"
            )
        group[year] = report
    return [
        scorecard(years[y], years.get(y + 1), vocab)
        for _, years in sorted(groups.items())
        for y in sorted(years)
    ]


def _region_key(report: Report) -> str:
    if report.meta.region:
        return report.meta.region
    return str(Path(report.meta.source).parent) if report.meta.source else ""


def _not_set_lines(
    plan: Report, outcomes: Sequence[Quantity] | None, vocab: Vocabulary, have: set[str], year: int | None
) -> list[Line]:
    lines: list[Line] = []
    for stated in targets_not_set(plan, vocab):
        if stated.indicator in have:
            continue
        actual = _first_outcome(stated.indicator, outcomes or (), vocab, year)
        why = "报告明确未设定该指标的目标" + (f"；次年报告的实际数为{written(actual)}" if actual else "")
        lines.append(
            Line(
                indicator=stated.indicator,
                status=Status.TARGET_NOT_SET,
                why=why,
                direction=vocab.direction(stated.indicator, "level"),
                target=None,
                outcome=actual,
                target_sentence=stated.sentence,
                outcome_sentence=actual.sentence if actual else None,
            )
        )
    return lines


def _first_outcome(
    name: str, outcomes: Sequence[Quantity], vocab: Vocabulary, year: int | None
) -> Quantity | None:
    entry = vocab.canonical(name)
    for q in outcomes:
        if year is not None and q.year is not None and q.year != year:
            continue
        if entry is not None and vocab.canonical(q.indicator) is entry:
            return q
    return None
