"""Outcomes a user enters (统计公报, 部门报送 …) where no stored report states them.

Entering one is audited like any other change (the row's insert or update event); the verdicts it
fills are derived on read (:mod:`luoshi.supervise.scorecards`), never stored.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any, NotRequired, TypedDict, Unpack

from luoshi.document import Metric, Quantity
from luoshi.errors import ValidationError
from luoshi.link.outcomes import entered_outcome
from luoshi.link.vocabulary import Vocabulary
from luoshi.store.ledger import Ledger
from luoshi.store.models.outcome import Outcome
from luoshi.supervise.permissions import Action

# who may enter an outcome: the supervision office (see supervise/permissions.py)
ENTER_OUTCOME = Action.ENTER_OUTCOME
_PERCENT_UNITS = {"%", "％", "百分点", "个百分点"}
_PERCENT_METRICS = {"growth", "share", "change"}


@dataclass(frozen=True, slots=True)
class OutcomeRow:
    id: int
    region: str
    year: int
    indicator: str
    metric: str
    value: float
    unit: str
    source: str
    entered_by: str
    entered_at: datetime

    def to_dict(self) -> dict[str, Any]:
        return {k: getattr(self, k) for k in self.__slots__}


class OutcomeFields(TypedDict):
    """What one entered outcome says: region, year, indicator, value, unit, source and, for a
    percentage, its metric (level, growth, share, count or change)."""

    region: str
    year: int
    indicator: str
    value: float
    unit: str
    source: str
    metric: NotRequired[str | None]


def enter_outcome(ledger: Ledger, *, vocab: Vocabulary, **fields: Unpack[OutcomeFields]) -> OutcomeRow:
    """Store (or correct) a region's actual value of an indicator for a year; ``source`` is required."""
    year, value, metric = fields["year"], fields["value"], fields.get("metric")
    region, indicator = fields["region"].strip(), fields["indicator"].strip()
    unit, source = fields["unit"].strip(), fields["source"].strip()
    if not region or not indicator or not unit:
        raise ValidationError("录入实际数须填写地区、指标和单位")
    if not source:
        raise ValidationError("录入实际数须注明来源")
    if any("\x00" in text for text in (region, indicator, unit, source, metric or "")):
        raise ValidationError("录入的内容含有无效字符")
    if not 1900 <= year <= 2200:
        raise ValidationError(f"年份无效：{year}")
    kind = _metric(indicator, unit, metric, vocab).value
    row = ledger.find(Outcome, region=region, year=year, indicator=indicator, metric=kind)
    if row is None:
        row = Outcome(region=region, year=year, indicator=indicator, metric=kind)
        ledger.session.add(row)
    row.value, row.unit, row.source = float(value), unit, source
    row.entered_by, row.entered_at = ledger.actor, ledger.clock.now()
    ledger.flush()
    return _plain(row)


def list_outcomes(ledger: Ledger, *, region: str | None = None, year: int | None = None) -> list[OutcomeRow]:
    """Entered outcomes, by region, year and indicator."""
    equals: dict[str, Any] = {}
    if region:
        equals["region"] = region
    if year is not None:
        equals["year"] = year
    return [_plain(r) for r in ledger.all(Outcome, order_by="region,year,indicator", **equals)]


def entered_quantities(ledger: Ledger, *, region: str, year: int) -> list[Quantity]:
    """A region's entered outcomes of a year, as quantities the linker takes (source as sentence)."""
    return [
        entered_outcome(r.indicator, r.value, r.unit, metric=Metric(r.metric), source=r.source, year=year)
        for r in ledger.all(Outcome, region=region, year=year)
    ]


def _metric(indicator: str, unit: str, metric: str | None, vocab: Vocabulary) -> Metric:
    if metric:
        try:
            return Metric(metric)
        except ValueError:
            names = "、".join(m.value for m in Metric)
            raise ValidationError(f"指标类型无效：{metric}（可选 {names}）") from None
    if unit not in _PERCENT_UNITS:
        return Metric.LEVEL
    entry = vocab.canonical(indicator)
    percent = [m for m in (entry.metrics if entry else ()) if m in _PERCENT_METRICS]
    if len(percent) == 1:
        return Metric(percent[0])
    raise ValidationError(f"「{indicator}」以百分比计：请指明是增长（growth）还是比重（share）")


def _plain(row: Outcome) -> OutcomeRow:
    return OutcomeRow(
        id=row.id,
        region=row.region,
        year=row.year,
        indicator=row.indicator,
        metric=row.metric,
        value=row.value,
        unit=row.unit,
        source=row.source,
        entered_by=row.entered_by,
        entered_at=row.entered_at,
    )
