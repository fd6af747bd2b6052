"""A scorecard's data: its lines (target, outcome, last actual, verdict, why) and the card."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from luoshi.document import Quantity, ReportMeta
from luoshi.link.match import family_value
from luoshi.link.measures import base_measure
from luoshi.link.verdict import STATUS_LABEL, Status, written
from luoshi.link.vocabulary import Direction


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
    outcome_source: str | None = (
        None  # which source gave the outcome (次年报告 / 统计公报), when several are read
    )
    agreement: str | None = None  # where two sources state the outcome: whether they agree

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
            **self._sources(),
        }

    def _sources(self) -> dict[str, str]:
        if self.outcome_source is None:
            return {}
        return {"实际来源": self.outcome_source, "两源比较": self.agreement or ""}

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
            "outcome_source": self.outcome_source,
            "agreement": self.agreement,
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
        return {"delta": round(target - previous, 10), "base_unit": base_measure(unit)}


@dataclass(slots=True)
class Scorecard:
    plan: ReportMeta
    outcome: ReportMeta | None
    year: int | None
    lines: list[Line] = field(default_factory=list)
    communique: ReportMeta | None = None  # a statistical communiqué read as a second outcome source

    def counts(self) -> dict[str, int]:
        tally = Counter(line.status.value for line in self.lines)
        return {s.value: tally.get(s.value, 0) for s in Status}

    def flat(self) -> list[dict[str, str]]:
        """One flat row of text per line (for tables, CSV and spreadsheets)."""
        return [line.flat() for line in self.lines]

    def to_dict(self) -> dict[str, Any]:
        found = {
            "year": self.year,
            "plan_report": _meta(self.plan),
            "outcome_report": _meta(self.outcome) if self.outcome else None,
            "counts": self.counts(),
            "lines": [line.to_dict() for line in self.lines],
        }
        return found | ({"communique": _meta(self.communique)} if self.communique else {})


def _meta(meta: ReportMeta) -> dict[str, Any]:
    keys = ("title", "date", "region", "level", "year", "source", "sha256")
    values = {k: getattr(meta, k) for k in keys}
    return {k: v.isoformat() if isinstance(v, date) else v for k, v in values.items()}
