"""Data over years: a unit's record (on-time rate, score, 等次) and a region's targets year by year.

Closed years read their frozen review (what went into 考核, unchanged whatever happened since);
the open year is computed live as of today and marked so.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from datetime import date
from typing import Any

from luoshi.store.ledger import Ledger
from luoshi.store.models import Report
from luoshi.store.models.years import YearClosure
from luoshi.supervise.review import build_review, review_scores
from luoshi.supervise.scoring import load_scoring
from luoshi.supervise.units import find_unit


@dataclass(frozen=True, slots=True)
class YearRecord:
    year: int
    closed: bool  # False: the open year, live as of ``as_of``
    as_of: date
    tasks: int
    on_time_rate: float | None
    score: float | None
    rank: int | None
    rating: str | None
    outcome: str | None

    def to_dict(self) -> dict[str, Any]:
        return {**asdict(self), "as_of": self.as_of.isoformat()}


def unit_record(ledger: Ledger, *, unit: str, as_of: date | None = None) -> list[YearRecord]:
    """The unit's record in every year the ledger holds, oldest first."""
    name = find_unit(ledger, unit).name
    closed = {c.year: c for c in ledger.all(YearClosure)}
    day = as_of or ledger.clock.today()
    records = []
    for year in ledger.years:
        if year in closed:
            data = json.loads(closed[year].document)
            records.append(_record(year, True, date.fromisoformat(data["as_of"]), data, name))
        elif year <= day.year:
            review = build_review(ledger, as_of=min(day, date(year, 12, 31)), year=year)
            scores = review_scores(review, load_scoring())
            data = {"review": review.to_dict(), "scoreboard": [s.to_dict() for s in scores]}
            records.append(_record(year, False, review.as_of, data, name))
    return records


def _record(year: int, closed: bool, as_of: date, data: dict[str, Any], name: str) -> YearRecord:
    group = next((g for g in data["review"]["by_unit"] if g["name"] == name), None)
    score = next((s for s in data["scoreboard"] if s["unit"] == name), None)
    return YearRecord(
        year=year,
        closed=closed,
        as_of=as_of,
        tasks=group["tasks"] if group else 0,
        on_time_rate=group["on_time_rate"] if group else None,
        score=score["score"] if score else None,
        rank=score["rank"] if score else None,
        rating=score["rating"] if score else None,
        outcome=score["outcome"] if score else None,
    )


def target_history(ledger: Ledger, *, region: str, indicator: str = "") -> list[dict[str, Any]]:
    """Each year's plan targets of a region against the outcome the next report (or an entered
    outcome) states: one row per year and indicator (``indicator``: only names containing it)."""
    from luoshi.link.vocabulary import load_vocabulary
    from luoshi.supervise.scorecards import report_scorecard

    vocab = load_vocabulary()
    latest: dict[int, Report] = {}
    for r in ledger.all(Report, region=region, order_by="year,version"):
        latest[r.year] = r
    rows = []
    for year, report in sorted(latest.items()):
        for line in report_scorecard(ledger, report_id=report.id, vocab=vocab).card.lines:
            d = line.to_dict()
            if indicator and indicator not in d["indicator"]:
                continue
            target, outcome = _written(d["target"]), _written(d["outcome"])
            rows.append({"year": year, "indicator": d["indicator"], "target": target, "outcome": outcome,
                         "status": d["status"], "why": d["why"]})  # fmt: skip
    return rows


def _written(q: dict[str, Any] | None) -> str | None:
    return None if q is None else str(q.get("written") or q.get("value"))
