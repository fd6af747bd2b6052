"""A year nobody loaded: pages and the API keep working, every page carries the banner, JSON a flag."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from tests.calendar.fixtures import write_2027
from tests.serve.conftest import Browser, Units

from luoshi.clock import FixedClock
from luoshi.store.db import Database
from luoshi.supervise.holidays import import_year
from luoshi.supervise.orders import raise_order

BANNER = "节假日数据不含 2027 年"
LATER = "?as_of=2027-03-01"


@pytest.fixture
def office(database: Database, units: Units, users: dict[str, str], browser: Browser) -> TestClient:
    """Signed in as the office, with an item raised on 2026-12-28 (its due dates reach 2027)."""
    with database.ledger(actor="office", clock=FixedClock.on(date(2026, 12, 28))) as ledger:
        raise_order(ledger, title="年底供暖保障", lead="nengyuan")
    browser.login("office")
    return browser.client


@pytest.mark.parametrize("path", ["/dashboard", "/items", "/items/1", "/login", "/ledger"])
def test_every_page_works_in_2027_and_shows_the_banner(office: TestClient, path: str) -> None:
    page = office.get(path + LATER)
    assert page.status_code == 200, page.text
    assert BANNER in page.text and 'data-calendar-estimated="1"' in page.text


def test_no_banner_where_the_calendar_is_known(office: TestClient) -> None:
    assert BANNER not in office.get("/dashboard?as_of=2026-06-01").text


def test_the_api_answers_with_a_flag(office: TestClient) -> None:
    dashboard = office.get("/api/dashboard" + LATER)
    assert dashboard.status_code == 200 and BANNER in dashboard.json()["calendar_warning"]
    items = office.get("/api/items" + LATER)
    assert items.status_code == 200 and items.headers["Luoshi-Calendar-Estimated"] == "2027"
    assert items.json()["items"][0]["overdue_days"] > 0
    assert BANNER in office.get("/api/items/1" + LATER).json()["calendar_warning"]


def test_after_the_office_imports_2027_nothing_is_estimated(
    office: TestClient, database: Database, tmp_path: Path
) -> None:
    with database.ledger(actor="office") as ledger:
        import_year(ledger, path=write_2027(tmp_path))
    assert BANNER not in office.get("/dashboard" + LATER).text
    assert office.get("/api/dashboard" + LATER).json()["calendar_warning"] is None
    items = office.get("/api/items" + LATER)
    assert "Luoshi-Calendar-Estimated" not in items.headers
    assert office.get("/api/items/1" + LATER).json()["calendar_warning"] is None
