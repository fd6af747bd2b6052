"""成绩单 as the pages and the API show it: one query per view, plain data, labels and colours."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Unpack

from luoshi.link.card import Line
from luoshi.link.communique import Communique
from luoshi.link.verdict import STATUS_LABEL, Status, written
from luoshi.link.vocabulary import Vocabulary, load_vocabulary
from luoshi.store.ledger import Ledger
from luoshi.supervise.outcomes import OutcomeFields, OutcomeRow, enter_outcome, list_outcomes
from luoshi.supervise.scorecards import (
    StoredScorecard,
    TaskVerdict,
    report_scorecard,
    task_verdict,
    task_verdicts,
)

VERDICT_COLOURS = {
    Status.MET: "green",
    Status.MISSED: "red",
    Status.NOT_REPORTED: "yellow",
    Status.TARGET_NOT_SET: "grey",
}


@dataclass(frozen=True, slots=True)
class LineView:
    """One row of the 成绩单 page."""

    indicator: str
    status: str
    label: str
    colour: str
    why: str
    previous: str
    target: str
    outcome: str
    unit: str  # the target's unit, for entering an outcome
    target_sentence: str
    outcome_sentence: str
    match_reason: str
    entered: bool  # the outcome was entered by a user, not stated by a report
    source: str = ""  # 统计公报 / 次年报告, when a communiqué was uploaded
    agreement: str = ""  # where both state the outcome: whether they agree


@dataclass(frozen=True, slots=True)
class ScorecardView:
    stored: StoredScorecard
    region: str
    year: int | None
    counts: dict[str, int]
    lines: list[LineView]
    outcomes: list[OutcomeRow]


def vocabulary() -> Vocabulary:
    return load_vocabulary()


def scorecard_view(ledger: Ledger, report_id: int, communique: Communique | None = None) -> ScorecardView:
    """The 成绩单 page's data (its JSON twin is ``view.stored.to_dict()``), with an uploaded
    communiqué as a second outcome source when given."""
    stored = report_scorecard(ledger, report_id=report_id, vocab=vocabulary(), communique=communique)
    card = stored.card
    region = card.plan.region or ""
    return ScorecardView(
        stored=stored,
        region=region,
        year=card.year,
        counts=card.counts(),
        lines=[line_view(line) for line in card.lines],
        outcomes=list_outcomes(ledger, region=region, year=card.year) if card.year else [],
    )


def line_view(line: Line) -> LineView:
    def w(q: Any) -> str:
        return written(q) if q is not None else ""

    return LineView(
        indicator=line.indicator,
        status=line.status.value,
        label=STATUS_LABEL[line.status],
        colour=VERDICT_COLOURS[line.status],
        why=line.why,
        previous=w(line.previous),
        target=w(line.target),
        outcome=w(line.outcome),
        unit=line.target.unit if line.target is not None else "",
        target_sentence=line.target_sentence,
        outcome_sentence=line.outcome_sentence or "",
        match_reason=line.match_reason or "",
        entered=bool(line.match_reason and line.match_reason.startswith("用户录入")),
        source=line.outcome_source or "",
        agreement=line.agreement or "",
    )


def verdict_of(ledger: Ledger, task_id: int) -> TaskVerdict | None:
    return task_verdict(ledger, task_id=task_id, vocab=vocabulary())


def report_verdicts(ledger: Ledger, report_id: int) -> list[TaskVerdict]:
    found = task_verdicts(ledger, report_id=report_id, vocab=vocabulary())
    return [found[k] for k in sorted(found)]


def add_outcome(ledger: Ledger, **fields: Unpack[OutcomeFields]) -> OutcomeRow:
    fields["metric"] = fields.get("metric") or None  # a form's empty choice
    return enter_outcome(ledger, vocab=vocabulary(), **fields)
