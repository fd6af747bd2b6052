"""The 台账 page, its filters, exports and the tasks API (same query), over a real database."""

from __future__ import annotations

import csv
import io
from typing import TYPE_CHECKING

from fastapi.testclient import TestClient
from openpyxl import load_workbook

if TYPE_CHECKING:
    from tests.serve.conftest import Browser, Seeded, Units


def ids(client: TestClient, query: str = "") -> list[int]:
    return [row["id"] for row in client.get(f"/api/tasks?{query}").json()["items"]]


def test_filters_search_and_sort(
    client: TestClient, browser: Browser, users: dict[str, str], seeded: Seeded, units: Units
) -> None:
    browser.login("leader")
    assert ids(client) == [seeded.solar, seeded.charging, seeded.schools]
    assert ids(client, "section=办好人民满意的教育") == [seeded.schools]
    assert ids(client, f"unit={units.education}") == [seeded.charging, seeded.schools]  # co-unit counts
    assert ids(client, "q=充电站") == [seeded.charging]
    assert ids(client, "q=市能源局 光伏") == [seeded.solar]
    assert ids(client, "due_to=2023-09-30") == [seeded.charging]
    assert ids(client, "sort=deadline&desc=1")[-1] == seeded.charging
    assert ids(client, "unit=&section=&state=") == ids(client)  # empty form fields mean "all"
    assert client.get("/api/tasks?due_to=tomorrow").status_code == 422
    assert client.get("/api/tasks?unit=abc").status_code == 422


def test_status_is_derived_as_of_a_day(
    client: TestClient, browser: Browser, users: dict[str, str], seeded: Seeded
) -> None:
    browser.login("leader")
    states = {r["id"]: r["state"] for r in client.get("/api/tasks?as_of=2023-09-15").json()["items"]}
    assert states[seeded.charging] == "overdue"  # due 8月底, nothing reported
    assert client.get("/api/tasks?as_of=2023-13-01").status_code == 422


def test_page_shows_rows_and_export_links_carry_the_filter(
    client: TestClient, browser: Browser, users: dict[str, str], seeded: Seeded
) -> None:
    browser.login("office")
    html = client.get("/ledger?q=学校").text
    assert f'data-task="{seeded.schools}"' in html and f'data-task="{seeded.solar}"' not in html
    assert 'href="/ledger/export.xlsx?q=%E5%AD%A6%E6%A0%A1' in html


def test_exports_hold_exactly_what_is_shown(
    client: TestClient, browser: Browser, users: dict[str, str], seeded: Seeded
) -> None:
    browser.login("office")
    text = client.get("/ledger/export.csv?section=推动能源转型").content.decode("utf-8-sig")
    lines = list(csv.reader(io.StringIO(text)))
    assert lines[0][:3] == ["编号", "篇章", "任务内容"]
    assert [int(line[0]) for line in lines[1:]] == [seeded.solar, seeded.charging]
    xlsx = client.get("/ledger/export.xlsx?q=学校")
    assert xlsx.headers["content-type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    assert [row[0] for row in sheet.iter_rows(min_row=2, values_only=True)] == [seeded.schools]
    assert sheet.freeze_panes == "B2" and sheet.auto_filter.ref


def test_dashboard_page_and_data(
    client: TestClient, browser: Browser, users: dict[str, str], seeded: Seeded
) -> None:
    browser.login("leader")
    html = client.get("/dashboard").text
    assert 'id="chart-pace"' in html and "/static/vendor/echarts/echarts.common.min.js" in html
    data = client.get("/api/dashboard?as_of=2023-09-15").json()
    assert data["tasks"] == 3 and data["states"]["overdue"] == 1
    assert [h["indicator"] for h in data["headlines"]] == ["光伏装机"]
    assert {s["section"] for s in data["sections"]} == {"推动能源转型", "办好人民满意的教育"}
    assert [t["id"] for t in data["overdue"]] == [seeded.charging]
    assert {u["unit"] for u in data["units"]} == {"市能源局", "市教育局"}


def test_public_cannot_see_ledger(client: TestClient, seeded: Seeded) -> None:
    assert client.get("/api/tasks").status_code == 401
    assert client.get("/ledger/export.csv", follow_redirects=False).status_code == 303
    assert client.get("/api/dashboard").status_code == 401
