"""The 成绩单 page takes an uploaded statistical communiqué as a second outcome source."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from fastapi.testclient import TestClient

from luoshi.store.db import Database
from luoshi.supervise.reports import store_report

if TYPE_CHECKING:
    from tests.serve.conftest import Browser

FIXTURES = Path(__file__).parents[1] / "fixtures"
CITY_COMMUNIQUE = FIXTURES / "communiques" / "city-2023-style.txt"


@pytest.fixture
def database(migrated_db_url: str) -> Iterator[Database]:
    db = Database(migrated_db_url)
    try:
        yield db
    finally:
        db.dispose()


@pytest.fixture
def plan(database: Database) -> int:
    from luoshi.pipeline import read_report

    with database.ledger(actor="tester") as ledger:
        ids = [
            store_report(ledger, read_report(FIXTURES / "texts" / f"link-city-{y}.txt")).report_id
            for y in (2023, 2024)
        ]
    return ids[0]


def _row(html: str, indicator: str) -> str:
    start = html.index(f"<td>{indicator}</td>")
    return html[html.rindex("<tr", 0, start) : html.index("</tr>", start)]


def test_upload_a_communique_on_the_scorecard_page(
    client: TestClient, browser: Browser, users: dict[str, str], plan: int
) -> None:
    browser.login("leader")
    page = f"/reports/{plan}/scorecard"
    assert 'id="communique-upload"' in client.get(page).text
    upload = {"file": ("公报.txt", CITY_COMMUNIQUE.read_bytes(), "text/plain")}
    html = client.post(f"{page}/communique", data={"csrf_token": browser.csrf(page)}, files=upload).text
    assert "青岚市2023年国民经济和社会发展统计公报" in html
    revenue = _row(html, "一般公共预算收入")  # 120亿元 against 118.6亿元, in both sources
    assert 'data-status="missed"' in revenue and 'data-source="统计公报"' in revenue
    assert "两源比较：一致" in revenue
    gdp = _row(html, "地区生产总值")  # no target; the report says 4.8%, the communiqué 4.9%
    assert "不一致（次年报告4.8%，统计公报4.9%）" in gdp
    assert "data-source=" not in client.get(page).text  # read for that view only, nothing stored


def test_a_file_that_is_no_communique_is_refused(
    client: TestClient, browser: Browser, users: dict[str, str], plan: int
) -> None:
    browser.login("leader")
    page = f"/reports/{plan}/scorecard"
    report = (FIXTURES / "texts" / "link-city-2024.txt").read_bytes()
    got = client.post(
        f"{page}/communique", data={"csrf_token": browser.csrf(page)}, files={"file": ("x.txt", report)}
    )
    assert got.status_code == 422 and "不是统计公报" in got.text
