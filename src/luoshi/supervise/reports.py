"""Store a read report: text, outline, quantities, tasks; same content → unchanged, new → new version;
and read a stored one back (:func:`stored_report`)."""

from __future__ import annotations

import hashlib
import sys
from array import array
from dataclasses import dataclass
from typing import Any

from luoshi import document as doc
from luoshi.errors import ConflictError, InputError, NotFoundError, ValidationError
from luoshi.store.ledger import Ledger
from luoshi.store.models import Part, Quantity, Report, ReportText, Section, Task, Unit
from luoshi.store.models.org import LEVEL_KINDS
from luoshi.supervise.tasks import DEFAULT_SCHEDULE, Schedule, task_row


@dataclass(frozen=True, slots=True)
class IngestResult:
    report_id: int
    region: str
    year: int
    version: int
    status: str  # stored | new_version | unchanged
    quantities: int
    tasks: int
    unit: str = ""  # the unit (a county…) the report belongs to, "" when none


REPORT_LEVEL = {"province": "province", "city": "city", "county": "county", "district": "county",
                "zone": "county", "township": "township"}  # fmt: skip


def report_unit_for(ledger: Ledger, key: str) -> Unit:
    """The unit a report is ingested for (``--unit``): by id, code, name or alias; a level of
    government (a county ingests its own work report), not a department."""
    from luoshi.supervise.units import find_unit

    key = key.strip()
    if not key:
        raise ValidationError("请给出报告所属单位（名称、代码或编号）")
    try:
        unit = find_unit(ledger, key)
    except NotFoundError:
        by_id = ledger.find(Unit, id=int(key)) if key.isdigit() else None
        if by_id is None:
            raise
        unit = by_id
    if unit.kind not in LEVEL_KINDS:
        raise ValidationError(f"报告只能归属一级政府（省、市、县、区、开发区、乡镇）：{unit.name} 不是")
    return unit


def report_unit(ledger: Ledger, report_id: int) -> Unit | None:
    """Which unit a report belongs to (上下联动: a county's own report → the county), as ingested with
    ``--unit`` or the upload's 单位; None for a report ingested with none (an old ledger's)."""
    report = ledger.get(Report, report_id)
    return ledger.get(Unit, report.unit_id) if report.unit_id is not None else None


def store_report(
    ledger: Ledger,
    report: doc.Report,
    *,
    region: str | None = None,
    year: int | None = None,
    level: str | None = None,
    demo: bool = False,
    schedule: Schedule = DEFAULT_SCHEDULE,
    unit: Unit | None = None,
) -> IngestResult:
    """Store ``report`` unless a report with the same content is stored already.

    New tasks report on ``schedule`` (monthly, due on the 5th, unless given). ``unit``: the level of
    government whose report it is (a county's own); a new version keeps the previous one's unit.
    """
    sha = report.meta.sha256 or hashlib.sha256(report.text.original.encode("utf-8")).hexdigest()
    region = region or report.meta.region or (unit.name if unit is not None else None)
    year = year or report.meta.year
    if not region or not year:
        raise InputError("无法从文本确定报告的地区和年份，请用 --region 和 --year 指定")
    existing = ledger.find(Report, sha256=sha)
    if existing is not None:
        _tie(ledger, existing, unit)
        return _result(ledger, existing, "unchanged")
    previous = ledger.all(Report, region=region, year=year, order_by="-version")
    version = previous[0].version + 1 if previous else 1
    level = level or (REPORT_LEVEL[unit.kind] if unit is not None else None)
    row = _report_row(ledger, report, sha, region, year, version, level, demo)
    row.unit_id = unit.id if unit is not None else (previous[0].unit_id if previous else None)
    ledger.add(row)
    _store_quantities(ledger, row, report)
    _store_tasks(ledger, row, report, year, schedule)
    return _result(ledger, row, "new_version" if previous else "stored")


def _tie(ledger: Ledger, row: Report, unit: Unit | None) -> None:
    """The same content ingested again for a unit: an old report with none gets it; another is refused."""
    if unit is None or row.unit_id == unit.id:
        return
    if row.unit_id is not None:
        raise ConflictError(
            f"该报告（编号 {row.id}）已归属 {ledger.get(Unit, row.unit_id).name}，不能改为 {unit.name}"
        )
    row.unit_id = unit.id
    ledger.flush()


def _result(ledger: Ledger, row: Report, status: str) -> IngestResult:
    return IngestResult(
        report_id=row.id,
        region=row.region,
        year=row.year,
        version=row.version,
        status=status,
        quantities=ledger.count(Quantity, report_id=row.id),
        tasks=ledger.count(Task, report_id=row.id),
        unit=ledger.get(Unit, row.unit_id).name if row.unit_id is not None else "",
    )


def _report_row(
    ledger: Ledger,
    report: doc.Report,
    sha: str,
    region: str,
    year: int,
    version: int,
    level: str | None,
    demo: bool,
) -> Report:
    meta = report.meta
    row = Report(
        sha256=sha,
        region=region,
        year=year,
        version=version,
        level=level or meta.level,
        title=meta.title,
        delivered_on=meta.date,
        speaker=meta.speaker,
        source=meta.source,
        format=meta.format,
        demo=demo,
        ingested_at=ledger.clock.now(),
        ingested_by=ledger.actor,
    )
    row.text = ReportText(
        original=report.text.original, clean=report.text.clean, offset_map=pack_offsets(report.text.index)
    )
    row.parts = [_part_row(part) for part in report.parts]
    return row


def _part_row(part: doc.Part) -> Part:
    row = Part(
        number=part.number,
        title=part.title,
        kind=part.kind.value,
        year=part.year,
        start=part.start,
        end=part.end,
    )
    row.sections = [
        Section(
            number=s.number,
            title=s.title,
            start=s.start,
            end=s.end,
            themes=[p.theme for p in s.paragraphs if p.theme],
        )
        for s in part.sections
    ]
    return row


def _store_quantities(ledger: Ledger, row: Report, report: doc.Report) -> None:
    for ordinal, q in enumerate(report.quantities):
        ledger.session.add(
            Quantity(
                report_id=row.id,
                ordinal=ordinal,
                part=q.part.value,
                section=q.section,
                theme=q.theme,
                indicator=q.indicator,
                metric=q.metric.value,
                value=q.value,
                value_high=q.value_high,
                unit=q.unit,
                modifier=q.modifier.value,
                year=q.year,
                deadline=q.deadline,
                headline_target=q.headline_target,
                written=q.text,
                sentence=q.sentence,
                start=q.start,
                end=q.end,
                places=list(q.places),
                bodies=list(q.bodies),
            )
        )
    ledger.flush()


def _store_tasks(ledger: Ledger, row: Report, report: doc.Report, year: int, schedule: Schedule) -> None:
    ids = {q.ordinal: q.id for q in ledger.all(Quantity, report_id=row.id)}
    for ordinal, task in enumerate(report.tasks):
        quantities = [(ids[i], report.quantities[i]) for i in task.quantities if i in ids]
        added = task_row(
            task, report_id=row.id, ordinal=ordinal, year=year, quantities=quantities, schedule=schedule
        )
        ledger.session.add(added)
    ledger.flush()


def latest_report(ledger: Ledger, *, region: str, year: int) -> Report | None:
    """The newest stored version of a region's report for a year."""
    versions = ledger.all(Report, region=region, year=year, order_by="-version")
    return versions[0] if versions else None


def report_rows(ledger: Ledger) -> list[dict[str, Any]]:
    """Every stored report version (listings, JSON)."""
    names = {u.id: u.name for u in ledger.all(Unit)}
    return [
        {
            "id": r.id,
            "region": r.region,
            "year": r.year,
            "version": r.version,
            "title": r.title,
            "quantities": ledger.count(Quantity, report_id=r.id),
            "tasks": ledger.count(Task, report_id=r.id),
            "ingested_at": r.ingested_at.isoformat(timespec="seconds"),
            "demo": r.demo,
            "unit": names.get(r.unit_id, "") if r.unit_id is not None else "",
        }
        for r in ledger.all(Report, order_by="region,year,version")
    ]


def pack_offsets(index: array[int]) -> bytes:
    """The clean → original offset map as little-endian int32."""
    packed = array("i", index)
    if sys.byteorder == "big":
        packed.byteswap()
    return packed.tobytes()


def unpack_offsets(data: bytes) -> array[int]:
    packed = array("i")
    packed.frombytes(data)
    if sys.byteorder == "big":
        packed.byteswap()
    return packed


def stored_text(ledger: Ledger, report_id: int) -> doc.Text:
    """The report's text with its offset map, as the pipeline made it."""
    text = ledger.get(Report, report_id).text
    return doc.Text(original=text.original, clean=text.clean, index=unpack_offsets(text.offset_map))


def stored_report(ledger: Ledger, *, report_id: int) -> doc.Report:
    """A stored report back as the pipeline's Report (text, outline, quantities; no tasks)."""
    row = ledger.get(Report, report_id)
    meta = doc.ReportMeta(
        title=row.title,
        date=row.delivered_on,
        speaker=row.speaker,
        region=row.region,
        level=row.level,
        year=row.year,
        source=row.source,
        sha256=row.sha256,
        format=row.format,
    )
    parts = [_stored_part(p) for p in ledger.all(Part, report_id=report_id, load=("sections",))]
    quantities = [_stored_quantity(q) for q in ledger.all(Quantity, report_id=report_id, order_by="ordinal")]
    return doc.Report(meta=meta, text=stored_text(ledger, report_id), parts=parts, quantities=quantities)


def _stored_part(p: Part) -> doc.Part:
    sections = [doc.Section(s.number, s.title, s.start, s.end) for s in p.sections]
    return doc.Part(p.number, p.title, doc.PartKind(p.kind), p.year, p.start, p.end, sections=sections)


def _stored_quantity(q: Quantity) -> doc.Quantity:
    return doc.Quantity(
        part=doc.PartKind(q.part),
        section=q.section,
        indicator=q.indicator,
        metric=doc.Metric(q.metric),
        value=q.value,
        unit=q.unit,
        modifier=doc.Modifier(q.modifier),
        sentence=q.sentence,
        start=q.start,
        end=q.end,
        value_high=q.value_high,
        year=q.year,
        deadline=q.deadline,
        places=list(q.places),
        bodies=list(q.bodies),
        theme=q.theme,
        headline_target=q.headline_target,
        text=q.written,
    )
