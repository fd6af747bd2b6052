"""成绩单: each plan target of year N beside last year's actual (ambition) and the outcome that the
year N+1 report's review states, with a verdict and one line of why.

:func:`scorecard` reads targets and outcomes out of two reports (see :mod:`luoshi.link.outcomes`
for the pure functions over quantity lists) and adds the targets a report says it does not set;
:func:`scorecards` chains a region's reports of several years.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from luoshi.document import PartKind, Quantity, Report
from luoshi.errors import ValidationError
from luoshi.link.card import Line, Scorecard
from luoshi.link.frame import frame_of, not_a_target, quantity_frame
from luoshi.link.notset import targets_not_set
from luoshi.link.outcomes import link_targets
from luoshi.link.period import is_annual_target
from luoshi.link.verdict import Status, written
from luoshi.link.vocabulary import Vocabulary

__all__ = ["Line", "Scorecard", "plan_year", "scorecard", "scorecards"]


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
    frames = {id(q): frame_of(q, plan, _minus(year, 1)) for q in plan.quantities}
    if outcome is not None:
        frames |= {id(q): frame_of(q, outcome, year) for q in outcome.quantities}
    targets = [
        q
        for q in plan.quantities
        if q.part == PartKind.PLAN
        and q.indicator.strip()
        and is_annual_target(q, plan, year)
        and not not_a_target(q, plan)
    ]
    review = [q for q in plan.quantities if q.part == PartKind.REVIEW]
    outcomes = [q for q in outcome.quantities if q.part == PartKind.REVIEW] if outcome else None
    lines = link_targets(
        targets,
        outcomes,
        vocab,
        year=year,
        previous=review,
        entered=entered,
        frame=lambda q: frames.get(id(q)) or quantity_frame(q),
    )
    annual = [q for q in outcomes if not frames[id(q)].span] if outcomes is not None else None
    lines += _not_set_lines(plan, annual, vocab, {line.indicator for line in lines}, year)
    return Scorecard(plan.meta, outcome.meta if outcome else None, year, lines)


def _minus(year: int | None, n: int) -> int | None:
    return None if year is None else year - n


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
