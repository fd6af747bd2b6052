"""A scorecard whose outcomes come from two sources: the next year's report and the statistical
communiqué on the plan year. Each line names the source of its outcome and, where both state it,
whether they agree. The communiqué's figure decides the verdict where it states one (it is the
statistical figure, exact to a decimal); the report's review fills what the communiqué lacks.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from luoshi.document import Metric, Quantity, Report, ReportMeta
from luoshi.errors import ValidationError
from luoshi.link.card import Line, Scorecard
from luoshi.link.communique import NATIONAL, Communique, communique_of, is_communique
from luoshi.link.match import family_value
from luoshi.link.scorecard import plan_year, scorecard, scorecards
from luoshi.link.verdict import Status, written
from luoshi.link.vocabulary import Vocabulary

REPORT = "次年报告"
COMMUNIQUE = "统计公报"
_PERCENT = frozenset({"percent", "points", "permille"})
_RELATIVE = 0.005  # amounts agree within half a percent (1.39万亿斤 against 69541万吨)


def scorecard_with_sources(
    plan: Report,
    outcome: Report | None,
    communique: Communique | None,
    vocab: Vocabulary,
    *,
    entered: Sequence[Quantity] = (),
) -> Scorecard:
    """``plan``'s targets against the next report's review and the communiqué on the plan year
    (and ``entered`` outcomes where the report states none, see :func:`scorecard`)."""
    year = plan_year(plan)
    if communique is None:
        return scorecard(plan, outcome, vocab, entered=entered)
    if year is not None and communique.year != year:
        raise ValidationError(
            f"统计公报是{communique.year}年的，目标报告的计划年份是{year}年：请给出同一年的统计公报"
        )
    known = _known(communique, vocab)
    by_communique = scorecard(plan, known, vocab)
    if outcome is None and not entered:
        lines = [_one(line, COMMUNIQUE) for line in by_communique.lines]
        return replace(by_communique, outcome=None, lines=lines, communique=communique.report.meta)
    by_report = scorecard(plan, outcome, vocab, entered=entered)
    lines = [
        _merge(r, _same_metric(c, r.outcome, known.quantities, vocab))
        for r, c in zip(by_report.lines, by_communique.lines, strict=True)
    ]
    return replace(by_report, lines=lines, communique=communique.report.meta)


def _known(communique: Communique, vocab: Vocabulary) -> Report:
    """The communiqué's figures the vocabulary knows by name: of its hundreds of figures, only those
    are safe to set against a target (名称相近 pairs like 在校学生 ~ 高校毕业生 are refused)."""
    report = communique.report
    known = [q for q in report.quantities if vocab.canonical(q.indicator) is not None]
    return replace(report, quantities=known)


def _same_metric(line: Line, other: Quantity | None, stated: Sequence[Quantity], vocab: Vocabulary) -> Line:
    """A line without a target (未设目标) shows the indicator's first figure; set beside the other
    source's, take the communiqué's figure in the same metric (growth with growth)."""
    q = line.outcome
    if line.target is not None or q is None or other is None or q.metric == other.metric:
        return line
    entry = vocab.canonical(q.indicator)
    same = next(
        (x for x in stated if x.metric == other.metric and vocab.canonical(x.indicator) is entry), None
    )
    if same is None:
        return line
    why = f"报告明确未设定该指标的目标；统计公报的实际数为{written(same)}"
    return replace(line, outcome=same, outcome_sentence=same.sentence, why=why)


def _one(line: Line, source: str) -> Line:
    why = line.why.replace("次年报告的回顾", source).replace("次年报告的实际数", f"{source}的实际数")
    return replace(line, outcome_source=source if line.outcome is not None else "", why=why)


def _merge(by_report: Line, by_communique: Line) -> Line:
    r, c = by_report.outcome, by_communique.outcome
    if r is None and c is None:
        return replace(by_report, outcome_source="", why="次年报告的回顾与统计公报中均未见该指标的实际数")
    if c is None:
        return replace(by_report, outcome_source=REPORT, agreement="统计公报未见")
    if r is None:
        return replace(by_communique, outcome_source=COMMUNIQUE, agreement="次年报告未见")
    return replace(
        by_communique,
        outcome_source=COMMUNIQUE,
        agreement=agreement(r, c, by_report.status, by_communique.status),
    )


def agreement(
    report: Quantity, communique: Quantity, report_status: Status, communique_status: Status
) -> str:
    """Whether the two sources state one figure (within rounding) and reach one verdict."""
    same = agree(report, communique)
    figures = f"次年报告{written(report)}，统计公报{written(communique)}"
    if same and report_status == communique_status:
        return f"一致（{figures}）"
    if same:
        return f"数值一致、结论不同（{figures}）"
    return f"不一致（{figures}）"


def agree(a: Quantity, b: Quantity) -> bool:
    """Two outcomes state the same figure, up to the rounding of the less precise one (a report's
    百分之十三 agrees with 13.4%; 6.1% does not agree with 6.2%); amounts within half a percent."""
    if not comparable(a, b):
        return False
    family, x = family_value(a)
    _, y = family_value(b)
    if family in _PERCENT:
        decimals = min(_decimals(a.value), _decimals(b.value))
        return abs(x - y) <= 0.5 * 10.0**-decimals + 1e-9
    return abs(x - y) <= _RELATIVE * max(abs(x), abs(y)) + 1e-9


def comparable(a: Quantity, b: Quantity) -> bool:
    """Two figures of one kind (growth and growth, an amount and an amount in one unit family)."""
    if a.metric != b.metric and {a.metric, b.metric} != {Metric.LEVEL, Metric.COUNT}:
        return False
    return family_value(a)[0] == family_value(b)[0]


def _decimals(value: float) -> int:
    shown = f"{value:g}"
    return len(shown.partition(".")[2])


def read_source(path: str | Path) -> Report | Communique:
    """A file read as a report, or as a communiqué when its content is one."""
    from luoshi.pipeline import read_report

    report = read_report(path)
    return communique_of(report) if is_communique(report.text.clean) else report


def region_key(meta: ReportMeta) -> str:
    """The region a report or communiqué is about, one name for both: 全国 for the national level
    (the State Council's report and the NBS communiqué), else the region stated, else the folder."""
    if meta.level == "national" or meta.region == NATIONAL:
        return NATIONAL
    if meta.region:
        return meta.region
    return Path(meta.source).parent.name if meta.source else ""


def scorecards_with_sources(
    reports: Sequence[Report], communiques: Sequence[Communique], vocab: Vocabulary
) -> list[Scorecard]:
    """:func:`luoshi.link.scorecard.scorecards` with each year's communiqué of the same region as a
    second outcome source."""
    by_key = {(region_key(c.report.meta), c.year): c for c in communiques}
    cards = []
    for card in scorecards(reports, vocab):
        plan = next(r for r in reports if r.meta is card.plan)
        outcome = next((r for r in reports if r.meta is card.outcome), None)
        found = by_key.get((region_key(plan.meta), card.year)) if card.year is not None else None
        cards.append(scorecard_with_sources(plan, outcome, found, vocab) if found else card)
    return cards
