"""成绩单 in real headless Chromium: the task page loads its verdict, the office enters an outcome."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from tests.browser.conftest import sign_in

from luoshi.pipeline import read_report
from luoshi.store.db import Database
from luoshi.store.models import Task
from luoshi.supervise.reports import store_report

if TYPE_CHECKING:
    from tests.browser.conftest import Site

pytestmark = [pytest.mark.browser, pytest.mark.slow]
TEXTS = Path(__file__).parents[1] / "fixtures" / "texts"


def _store_pair(tmp_path: Path) -> int:
    """The two 青岚市 reports, stored into the site's database; the 原煤产量 task's id."""
    db = Database(f"sqlite:///{tmp_path / 'browser.sqlite3'}")
    try:
        with db.ledger(actor="tester") as ledger:
            plan = store_report(ledger, read_report(TEXTS / "link-city-2023.txt")).report_id
            store_report(ledger, read_report(TEXTS / "link-city-2024.txt"))
            return next(t.id for t in ledger.all(Task, report_id=plan) if t.indicator == "原煤产量")
    finally:
        db.dispose()


def test_task_verdict_and_entering_an_outcome(site: Site, chromium: Any, tmp_path: Path) -> None:
    coal = _store_pair(tmp_path)
    page = chromium.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    sign_in(page, site.url, "office", then=f"/tasks/{coal}")
    verdict = page.wait_for_selector("#task-verdict[data-status='met']", timeout=15000)
    assert "8120万吨" in verdict.inner_text()
    page.click("#task-verdict a")
    row = page.locator("#scorecard tr[data-indicator=新增省级专精特新企业]")
    assert row.get_attribute("data-status") == "not_reported"
    row.locator("summary").click()
    row.locator("input[name=value]").fill("16")
    row.locator("input[name=source]").fill("2023年统计公报")
    row.locator("button[type=submit]").click()
    page.wait_for_url("**/scorecard?saved=1")
    row = page.locator("#scorecard tr[data-indicator=新增省级专精特新企业]")
    assert row.get_attribute("data-status") == "met"
    assert errors == []
