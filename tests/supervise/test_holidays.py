"""Holiday years in the ledger: imported and audited, they win over every other source (both backends)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from tests.calendar.fixtures import write_2027
from tests.supervise.conftest import LedgerOn

from luoshi.calendar import Source
from luoshi.clock import FixedClock
from luoshi.errors import ValidationError
from luoshi.store.db import Database
from luoshi.store.models.calendar import HolidaySchedule
from luoshi.supervise.holidays import import_year, show_year
from luoshi.supervise.items import EventKind, Level, Milestone
from luoshi.supervise.orders import list_orders, raise_order, record


def test_an_imported_year_is_stored_audited_and_used(database: Database, tmp_path: Path) -> None:
    with database.ledger(actor="督查室", clock=FixedClock.on(date(2026, 11, 10))) as ledger:
        assert ledger.calendar.source(2027)[0] is Source.ESTIMATE
        import_year(ledger, path=write_2027(tmp_path))
        assert ledger.calendar.source(2027)[0] is Source.LEDGER
    with database.ledger(actor="x") as ledger:
        source, year = show_year(ledger, year=2027)
        assert source is Source.LEDGER and year.workdays == (date(2027, 2, 14),)
        assert ledger.calendar.is_working_day(date(2027, 2, 8)) is False  # the test file's 春节
        assert ledger.calendar.is_working_day(date(2027, 2, 14)) is True  # its make-up Sunday
        assert ledger.calendar_warning() is None
        [event] = ledger.events(entity="holiday_schedules")
        assert (event.action, event.actor, (event.after or {}).get("year")) == ("insert", "督查室", 2027)


def test_a_second_import_replaces_the_year_and_is_audited_as_an_update(
    database: Database, tmp_path: Path
) -> None:
    path = write_2027(tmp_path)
    with database.ledger(actor="督查室") as ledger:
        import_year(ledger, path=path)
    path.write_text(path.read_text(encoding="utf-8").replace("2027-02-12", "2027-02-13"), encoding="utf-8")
    with database.ledger(actor="督查室") as ledger:
        import_year(ledger, path=path)
        assert ledger.count(HolidaySchedule) == 1
        assert [e.action for e in ledger.events(entity="holiday_schedules")] == ["insert", "update"]


def test_a_bad_file_changes_nothing(database: Database, tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("year: 2027\nholidays: []\n", encoding="utf-8")
    with pytest.raises(ValidationError, match="至少要有一个假日"), database.ledger() as ledger:
        import_year(ledger, path=bad)
    with database.ledger() as ledger:
        assert ledger.count(HolidaySchedule) == 0


def test_an_item_raised_on_28_december_2026_is_raised_and_listed(on: LedgerOn, tmp_path: Path) -> None:
    """Its 7-working-day stage lands in 2027: estimated (with a warning) until 2027 is imported."""
    with on(date(2026, 12, 28)) as ledger:
        raise_order(ledger, title="年底供暖保障", lead="fgw")
        [view] = list_orders(ledger)
        settle = next(s for s in view.status.stages if s.key == "settle")
        assert settle.due == date(2027, 1, 7)
        assert ledger.calendar_warning() is not None
    with on(date(2026, 12, 28)) as ledger:
        import_year(ledger, path=write_2027(tmp_path))
    with on(date(2027, 1, 5)) as ledger:
        [view] = list_orders(ledger)
        settle = next(s for s in view.status.stages if s.key == "settle")
        assert settle.due == date(2027, 1, 8)  # the test file also gives Monday 1-4 off
        assert ledger.calendar_warning() is None


def test_a_major_item_can_file_a_timetable_into_2027(on: LedgerOn) -> None:
    with on(date(2026, 11, 20)) as ledger:
        order = raise_order(ledger, title="污水管网改造", lead="fgw", level=Level.MAJOR)
        milestone = Milestone("主体完工", date(2027, 3, 31))
        record(ledger, order.id, EventKind.TIMETABLE_FILED, due=date(2027, 6, 30), milestones=[milestone])
    with on(date(2027, 4, 6)) as ledger:
        [view] = list_orders(ledger)
        stages = {s.key: s for s in view.status.stages}
        assert stages["milestone:主体完工"].overdue == 3  # 4-1, 4-2 and 4-6 (清明 estimated on 4-5)
        assert stages["timetable"].overdue == 0
        assert ledger.calendar_warning() is not None
