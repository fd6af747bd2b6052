"""One region's headline targets against outcomes over the years, from its stored reports (the
panel of :mod:`luoshi.link.panel`, derived on every read; nothing is stored)."""

from __future__ import annotations

from typing import Any

from luoshi.link.panel import Facts, panel_rows, report_facts
from luoshi.link.vocabulary import Vocabulary
from luoshi.store.ledger import Ledger
from luoshi.store.models import Report
from luoshi.supervise.reports import stored_report


def panel_regions(ledger: Ledger) -> list[str]:
    """The regions with stored reports, most reports first."""
    counts: dict[str, int] = {}
    for row in ledger.all(Report):
        counts[row.region] = counts.get(row.region, 0) + 1
    return sorted(counts, key=lambda r: (-counts[r], r))


def region_panel(ledger: Ledger, *, region: str, vocab: Vocabulary) -> list[dict[str, Any]]:
    """The panel rows of ``region``: each stored year (its latest version) and headline indicator."""
    latest: dict[int, Report] = {}
    for row in ledger.all(Report, region=region, order_by="year,-version"):
        latest.setdefault(row.year, row)
    facts = [
        Facts(
            f"{row.region}{row.year}年政府工作报告",
            report_facts(stored_report(ledger, report_id=row.id), vocab),
        )
        for row in latest.values()
    ]
    rows, _ = panel_rows(facts, vocab)
    return rows
