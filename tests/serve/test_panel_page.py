"""目标面板: a region's headline targets against outcomes over the years, from its stored reports."""

from __future__ import annotations

import json
import re
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


@pytest.fixture
def database(migrated_db_url: str) -> Iterator[Database]:
    db = Database(migrated_db_url)
    try:
        yield db
    finally:
        db.dispose()


@pytest.fixture
def stored(database: Database) -> None:
    from luoshi.pipeline import read_report

    with database.ledger(actor="tester") as ledger:
        for year in (2023, 2024):
            store_report(ledger, read_report(FIXTURES / "texts" / f"link-province-{year}.txt"))


def test_the_panel_page_draws_targets_against_outcomes(
    client: TestClient, browser: Browser, users: dict[str, str], stored: None
) -> None:
    browser.login("leader")
    html = client.get("/panel?region=江淮省").text
    assert 'id="chart-panel"' in html and "/static/vendor/echarts/echarts.common.min.js" in html
    found = re.search(r'<script type="application/json" id="panel-data">(.*?)</script>', html, re.S)
    assert found is not None
    rows = {(r["year"], r["indicator"]): r for r in json.loads(found.group(1))}
    gdp = rows[(2023, "地区生产总值")]  # 6.5%左右 against the 2024 review's 6.1%
    assert (gdp["target_value"], gdp["outcome_value"], gdp["verdict"]) == (6.5, 6.1, "missed")
    assert rows[(2024, "地区生产总值")]["verdict"] == "not_reported"  # no 2025 report stored
    assert client.get("/static/panel.js").status_code == 200


def test_the_panel_needs_a_login(client: TestClient) -> None:
    assert client.get("/panel", follow_redirects=False).status_code in (302, 303, 401)
