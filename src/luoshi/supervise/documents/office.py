"""Who prints and how documents are numbered: settings first, else derived from the ledger.

发文字号 are derived, not stored, so printing a document twice gives the same number: a 督办通知单
and its 催办通知 carry the item's sequence number among the items raised in its year
(阳政督〔2023〕5号, 阳政督催〔2023〕5号); a 督查通报 carries the month it reports on
(阳政督通〔2023〕9号).
"""

from __future__ import annotations

from datetime import date

from luoshi.config import Settings
from luoshi.store.ledger import Ledger
from luoshi.store.models import Report
from luoshi.store.models.supervision import SupervisionOrder
from luoshi.supervise.documents.paper import Office

OFFICE_SUFFIX = "人民政府督查室"
CODE_SUFFIX = "政督"


def office_of(ledger: Ledger, settings: Settings) -> Office:
    """The office from ``LUOSHI_PRINT_*``, else named after the region of the latest report."""
    region = latest_region(ledger)
    name = settings.print_office.strip() or f"{region}{OFFICE_SUFFIX}"
    code = settings.print_code.strip() or f"{region[:1]}{CODE_SUFFIX}"
    return Office(name=name, code=code, contact=settings.print_contact.strip())


def latest_region(ledger: Ledger) -> str:
    """The region of the newest report in the ledger ('' when there is none)."""
    reports = ledger.all(Report, order_by="year,id")
    return reports[-1].region if reports else ""


def report_year(ledger: Ledger, day: date) -> int:
    """The year of the newest report not later than ``day``'s year (else ``day``'s year)."""
    years = [r.year for r in ledger.all(Report) if r.year <= day.year]
    return max(years, default=day.year)


def item_number(ledger: Ledger, order: SupervisionOrder) -> int:
    """The item's place among the items raised in its year (by day raised, then id), from 1."""
    year = order.raised_on.year
    return 1 + sum(
        1
        for o in ledger.all(SupervisionOrder)
        if o.raised_on.year == year and (o.raised_on, o.id) < (order.raised_on, order.id)
    )


def document_number(office: Office, kind: str, year: int, number: int) -> str:
    """发文字号: 机关代字 (+ 催 / 通 for the kind), 〔年份〕, 序号号."""
    return f"{office.code}{kind}〔{year}〕{number}号"
