"""Holiday schedules in the ledger: the office imports next year's notice; anyone can see a year.

``luoshi calendar import`` and ``luoshi calendar show`` call these; every import is audited
(the row's insert or update) and replaces the year's earlier import.
"""

from __future__ import annotations

from pathlib import Path

from luoshi.calendar import HolidayYear, Source, load_year_file
from luoshi.store.calendar import store_year
from luoshi.store.ledger import Ledger
from luoshi.store.models.calendar import HolidaySchedule


def import_year(ledger: Ledger, *, path: Path) -> HolidayYear:
    """Read a holiday file and store its year in the ledger (replacing an earlier import)."""
    year = load_year_file(path)
    row = ledger.find(HolidaySchedule, year=year.year) or HolidaySchedule()
    store_year(row, year)
    row.imported_by, row.imported_at = ledger.actor, ledger.clock.now()
    ledger.add(row)
    ledger.forget_calendar()
    return year


def show_year(ledger: Ledger, *, year: int) -> tuple[Source, HolidayYear]:
    """The year's schedule as the ledger's working days use it, and where it comes from."""
    return ledger.calendar.source(year)
