"""目标面板 and the communiqué upload in real headless Chromium: the chart draws, no script errors."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from tests.browser.conftest import sign_in

from luoshi.pipeline import read_report
from luoshi.store.db import Database
from luoshi.supervise.reports import store_report

if TYPE_CHECKING:
    from tests.browser.conftest import Site

pytestmark = [pytest.mark.browser, pytest.mark.slow]
FIXTURES = Path(__file__).parents[1] / "fixtures"


def _store(tmp_path: Path, kind: str) -> int:
    db = Database(f"sqlite:///{tmp_path / 'browser.sqlite3'}")
    try:
        with db.ledger(actor="tester") as ledger:
            ids = [
                store_report(ledger, read_report(FIXTURES / "texts" / f"link-{kind}-{y}.txt")).report_id
                for y in (2023, 2024)
            ]
            return ids[0]
    finally:
        db.dispose()


def _watch(page: Any) -> list[str]:
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    return errors


def test_the_panel_chart_draws_and_switches_indicator(site: Site, chromium: Any, tmp_path: Path) -> None:
    _store(tmp_path, "province")
    page = chromium.new_page()
    errors = _watch(page)
    sign_in(page, site.url, "office", then="/panel?region=江淮省")
    page.wait_for_selector("#chart-panel canvas", timeout=15000)
    visible = page.locator("#panel-table tbody tr:not([hidden])")
    assert visible.count() == 2 and "地区生产总值" in visible.first.inner_text()
    page.select_option("#panel-indicator", "城镇新增就业")
    assert "城镇新增就业" in page.locator("#panel-table tbody tr:not([hidden])").first.inner_text()
    assert errors == []


def test_uploading_a_communique_on_the_scorecard_page(site: Site, chromium: Any, tmp_path: Path) -> None:
    plan = _store(tmp_path, "city")
    page = chromium.new_page()
    errors = _watch(page)
    sign_in(page, site.url, "office", then=f"/reports/{plan}/scorecard")
    page.click("#communique-upload summary")
    page.set_input_files(
        "#communique-upload input[type=file]", str(FIXTURES / "communiques" / "city-2023-style.txt")
    )
    page.click("#communique-upload button[type=submit]")
    row = page.wait_for_selector("#scorecard tr[data-indicator=一般公共预算收入]", timeout=15000)
    assert "两源比较：一致" in row.inner_text() and "统计公报" in row.inner_text()
    assert errors == []
