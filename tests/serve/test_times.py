"""Times are stored in UTC and shown in Beijing time (or the configured zone) everywhere."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from fastapi.testclient import TestClient

from luoshi.clock import FixedClock, local_time
from luoshi.config import Settings
from luoshi.errors import ValidationError
from luoshi.store.db import Database
from luoshi.supervise.audit import history
from luoshi.supervise.progress import ProgressInput, add_progress, progress_rows

if TYPE_CHECKING:
    from tests.serve.conftest import Browser, Seeded


def test_stored_utc_is_shown_in_beijing_time() -> None:
    """Rule: a moment stored in UTC (naive rows from SQLite too) is shown at +08:00."""
    stored = datetime(2026, 12, 6, 18, 3)  # 02:03 on 7 December in China
    for moment in (stored, stored.replace(tzinfo=UTC)):
        shown = local_time(moment)
        assert (shown.date(), shown.hour, shown.minute) == (date(2026, 12, 7), 2, 3)
        assert shown.utcoffset() == timedelta(hours=8)
    other = local_time(stored, timezone(timedelta(hours=-5)))
    assert other.hour == 13


def test_pages_show_times_in_the_display_zone(
    client: TestClient, browser: Browser, users: dict[str, str], seeded: Seeded
) -> None:
    """Rule: the timeline and progress tables show Beijing time: the clock's noon is 12:00, not 04:00."""
    browser.login("office")
    html = client.get(f"/tasks/{seeded.charging}").text
    assert "2023-03-01 12:00" in html and "2023-03-01 04:00" not in html


def test_progress_list_and_history_agree_on_the_zone(
    database: Database, seeded: Seeded, tmp_path: Path
) -> None:
    """Rule: `progress list` and `history` print the same +08:00 times (was +00:00 against +08:00)."""
    clock = FixedClock(datetime(2023, 6, 6, 18, 3, tzinfo=UTC))
    with database.ledger(actor="tester", clock=clock) as ledger:
        entry = ProgressInput(value=10)
        add_progress(ledger, task_id=seeded.solar, entry=entry, reporter="tester", evidence_dir=tmp_path)
    with database.ledger(actor="tester") as ledger:
        filed = progress_rows(ledger, task_id=seeded.solar)[-1]["reported_at"]
        changes = history(ledger, ref=f"task:{seeded.solar}")
        logged = [e["at"] for e in changes if e["entity"] == "progress_reports"]
    assert filed == "2023-06-07T02:03:00+08:00"
    assert filed in logged


def test_an_unknown_display_zone_is_refused() -> None:
    """Rule: a mistyped LUOSHI_DISPLAY_TIMEZONE stops start-up with one Chinese line."""
    with pytest.raises((ValidationError, ValueError), match="时区"):
        Settings(display_timezone="Asia/Shanghia")
