"""The ledger's imported holiday years, as :class:`~luoshi.calendar.HolidayYear` values."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from luoshi.calendar import Calendar, Holiday, HolidayYear
from luoshi.errors import LuoshiError
from luoshi.store.models.calendar import HolidaySchedule

if TYPE_CHECKING:
    from luoshi.store.db import Database


def imported_years(session: Session) -> dict[int, HolidayYear]:
    """Every year imported into this ledger (a few small rows)."""
    return {row.year: as_year(row) for row in session.scalars(select(HolidaySchedule))}


def as_year(row: HolidaySchedule) -> HolidayYear:
    holidays = tuple(
        Holiday(h["name"], date.fromisoformat(h["start"]), date.fromisoformat(h["end"])) for h in row.holidays
    )
    return HolidayYear(row.year, row.title, holidays, tuple(date.fromisoformat(d) for d in row.workdays))


def store_year(row: HolidaySchedule, year: HolidayYear) -> None:
    """Copy ``year`` onto ``row`` (a new row or the one it replaces)."""
    row.year, row.title = year.year, year.title
    row.holidays = [
        {"name": h.name, "start": h.start.isoformat(), "end": h.end.isoformat()} for h in year.holidays
    ]
    row.workdays = [d.isoformat() for d in year.workdays]


def ledger_calendar(database: Database) -> Calendar:
    """The calendar with the ledger's imported years; the built-in one when the ledger cannot say
    (unreachable, or not yet migrated)."""
    try:
        with database.reader().ledger(actor="calendar") as ledger:
            return ledger.calendar
    except (LuoshiError, SQLAlchemyError):
        return Calendar()
