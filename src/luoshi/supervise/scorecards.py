"""成绩单 of a stored report: its plan targets against the next year's stored report of the same
region, plus the outcomes users entered. Derived on every read; nothing here is stored."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from luoshi import document as doc
from luoshi.link.card import Line, Scorecard
from luoshi.link.communique import Communique
from luoshi.link.outcomes import lines_by_quantity
from luoshi.link.scorecard import scorecard
from luoshi.link.sources import scorecard_with_sources
from luoshi.link.vocabulary import Vocabulary
from luoshi.store.ledger import Ledger
from luoshi.store.models import Quantity, Report, Task
from luoshi.supervise.outcomes import entered_quantities
from luoshi.supervise.reports import stored_report


@dataclass(frozen=True, slots=True)
class StoredScorecard:
    """A scorecard with the ids of the stored reports it reads."""

    report_id: int
    next_report_id: int | None
    card: Scorecard

    def to_dict(self) -> dict[str, Any]:
        return {"report_id": self.report_id, "next_report_id": self.next_report_id, **self.card.to_dict()}


@dataclass(frozen=True, slots=True)
class TaskVerdict:
    """The verdict a ledger task shows once its target is judged."""

    task_id: int
    report_id: int
    line: Line

    def to_dict(self) -> dict[str, Any]:
        return {"task_id": self.task_id, "report_id": self.report_id, **self.line.to_dict()}


def report_scorecard(
    ledger: Ledger, *, report_id: int, vocab: Vocabulary, communique: Communique | None = None
) -> StoredScorecard:
    """The 成绩单 of stored report ``report_id`` (with an uploaded communiqué as a second outcome
    source, when given; it is read for this view only, nothing is stored)."""
    return _build(ledger, report_id, vocab, communique)[0]


def _build(
    ledger: Ledger, report_id: int, vocab: Vocabulary, communique: Communique | None = None
) -> tuple[StoredScorecard, doc.Report]:
    row = ledger.get(Report, report_id)
    later = next_report(ledger, region=row.region, year=row.year)
    plan = stored_report(ledger, report_id=row.id)
    outcome = stored_report(ledger, report_id=later.id) if later else None
    entered = entered_quantities(ledger, region=row.region, year=row.year)
    if communique is not None:
        card = scorecard_with_sources(plan, outcome, communique, vocab, entered=entered)
    else:
        card = scorecard(plan, outcome, vocab, entered=entered)
    return StoredScorecard(row.id, later.id if later else None, card), plan


def task_verdicts(ledger: Ledger, *, report_id: int, vocab: Vocabulary) -> dict[int, TaskVerdict]:
    """task id → verdict, for the report's tasks whose target has been judged (a next report is
    stored, or an outcome was entered)."""
    stored, plan = _build(ledger, report_id, vocab)
    by_ordinal = lines_by_quantity(stored.card, plan, vocab)
    ordinal_of = {q.id: q.ordinal for q in ledger.all(Quantity, report_id=report_id)}
    judged = stored.next_report_id is not None
    found: dict[int, TaskVerdict] = {}
    for task in ledger.all(Task, report_id=report_id):
        ids = [task.main_quantity_id, *task.quantity_ids]
        lines = [by_ordinal.get(ordinal_of.get(i, -1)) for i in ids if i is not None]
        line = next((x for x in lines if x is not None and (judged or x.outcome is not None)), None)
        if line is not None:
            found[task.id] = TaskVerdict(task.id, report_id, line)
    return found


def task_verdict(ledger: Ledger, *, task_id: int, vocab: Vocabulary) -> TaskVerdict | None:
    """One task's verdict, or None while its target is not yet judged."""
    task = ledger.get(Task, task_id)
    return task_verdicts(ledger, report_id=task.report_id, vocab=vocab).get(task_id)


def next_report(ledger: Ledger, *, region: str, year: int) -> Report | None:
    """The latest version of the region's report of the following year, if stored."""
    rows = ledger.all(Report, region=region, year=year + 1, order_by="-version")
    return rows[0] if rows else None
