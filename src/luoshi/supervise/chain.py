"""The target chain (目标链): one indicator's target at each level of government, from the stored
reports of one year (the province says GDP 5.5%, the city 5%, the county 6.5%).

Each report belongs to a unit of the catalogue: the unit it was ingested for (``Report.unit_id``, a
county's own report), else — an old ledger's report with none — the unit its region names (by name
or alias); each link says which (``matched_by``). The level comes from the unit's kind (else the
report's own level). Each link names the level above it — its nearest
ancestor in the unit tree with a target, else the nearest higher level in the chain — and the gap.
Computed each time from the reports; nothing is stored.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from luoshi.errors import NotFoundError, ValidationError
from luoshi.store.ledger import Ledger
from luoshi.store.models import Quantity, Report, Unit

RANK = {"national": 0, "province": 1, "city": 2, "county": 3, "district": 3, "zone": 3, "township": 4}
LABELS = {"national": "国家", "province": "省", "city": "市", "county": "县", "district": "区",
          "zone": "开发区", "township": "乡镇"}  # fmt: skip


@dataclass(frozen=True, slots=True)
class ChainLink:
    level: str  # national | province | city | county | …
    region: str
    unit: str  # the catalogue unit the region maps to ("" when none does)
    report_id: int
    indicator: str  # as the report names it
    value: float
    value_high: float | None
    measure: str  # % | 万人 …
    modifier: str
    sentence: str
    above: str = ""  # the region of the level above it in the chain
    gap: float | None = None  # its target minus the one above (percentage points for rates)
    matched_by: str = ""  # how the report found its unit: "unit" (ingested for it), "region" (by name), ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "level": self.level,
            "level_label": LABELS.get(self.level, self.level),
            "region": self.region,
            "unit": self.unit,
            "report_id": self.report_id,
            "indicator": self.indicator,
            "target": self.value,
            "target_high": self.value_high,
            "measure": self.measure,
            "modifier": self.modifier,
            "above": self.above,
            "gap": self.gap,
            "matched_by": self.matched_by,
            "sentence": self.sentence,
        }


def target_chain(ledger: Ledger, *, indicator: str, year: int) -> list[ChainLink]:
    """Each region's target for ``indicator`` in its ``year`` report (latest version), highest level first."""
    if not indicator.strip():
        raise ValidationError("请给出指标名称，例如 --indicator 地区生产总值")
    stored = ledger.all(Report, year=year, order_by="id")
    if not stored:
        raise NotFoundError(f"没有 {year} 年的报告")
    units = ledger.all(Unit)
    found = []
    for report, (unit, matched_by) in _latest([(r, _unit_of(r, units)) for r in stored]):
        target = _target(ledger, report, indicator.strip())
        if target is not None:
            level = unit.kind if unit is not None and unit.kind in RANK else (report.level or "")
            found.append((RANK.get(level, 9), report, unit, level, target, matched_by))
    found.sort(key=lambda f: (f[0], f[1].id))
    links: list[ChainLink] = []
    by_unit: dict[int, ChainLink] = {}
    for rank, report, unit, level, q, matched_by in found:
        above = _above(unit, by_unit, units) or next(
            (x for x in reversed(links) if RANK.get(x.level, 9) < rank), None
        )
        link = ChainLink(
            level=level, region=report.region, unit=unit.name if unit else "", report_id=report.id,
            indicator=q.indicator, value=q.value, value_high=q.value_high, measure=q.unit,
            modifier=q.modifier, sentence=q.sentence, above=above.region if above else "",
            gap=round(q.value - above.value, 4) if above and above.measure == q.unit else None,
            matched_by=matched_by,
        )  # fmt: skip
        links.append(link)
        if unit is not None:
            by_unit[unit.id] = link
    return links


Owned = tuple[Report, tuple[Unit | None, str]]


def _latest(reports: list[Owned]) -> list[Owned]:
    """One report per unit (per region where none maps to a unit): the latest version, else the
    latest stored — a county's own report, ingested for it, wins over an old one found by name."""
    latest: dict[object, Owned] = {}
    for owned in reports:
        report, (unit, _) = owned
        key = unit.id if unit is not None else report.region
        kept = latest.get(key)
        if kept is None or _newer(owned, kept):
            latest[key] = owned
    return list(latest.values())


def _newer(owned: Owned, kept: Owned) -> bool:
    (report, (_, matched_by)), (old, (_, old_matched_by)) = owned, kept
    if (matched_by == "unit") != (old_matched_by == "unit"):
        return matched_by == "unit"
    return (report.region == old.region and report.version > old.version) or (
        report.region != old.region and report.id > old.id
    )


def _target(ledger: Ledger, report: Report, indicator: str) -> Quantity | None:
    """The report's first plan quantity for the indicator (by the vocabulary's canonical name)."""
    from luoshi.link.vocabulary import clean_name, load_vocabulary

    vocabulary = load_vocabulary()
    wanted = vocabulary.canonical(indicator)
    for q in ledger.all(Quantity, report_id=report.id, part="plan", order_by="ordinal"):
        entry = vocabulary.canonical(q.indicator)
        if (wanted is not None and entry is not None and entry.name == wanted.name) or (
            clean_name(q.indicator) == clean_name(indicator)
        ):
            return q
    return None


def _unit_of(report: Report, units: list[Unit]) -> tuple[Unit | None, str]:
    """The report's unit and how it was found: ingested for it, else named by its region (old ledgers)."""
    if report.unit_id is not None:
        return next(u for u in units if u.id == report.unit_id), "unit"
    unit = next((u for u in units if report.region in (u.name, *u.aliases)), None)
    return unit, "region" if unit is not None else ""


def _above(unit: Unit | None, by_unit: dict[int, ChainLink], units: list[Unit]) -> ChainLink | None:
    """The link of the unit's nearest ancestor with a target."""
    parents = {u.id: u.parent_id for u in units}
    seen: set[int] = set()
    parent_id = parents.get(unit.id) if unit is not None else None
    while parent_id is not None and parent_id not in seen:
        if parent_id in by_unit:
            return by_unit[parent_id]
        seen.add(parent_id)
        parent_id = parents.get(parent_id)
    return None
