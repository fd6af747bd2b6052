"""The 台账 page, its filters, exports and the tasks API (same query), over a real database."""

from __future__ import annotations

import csv
import io
import re
from html import unescape
from typing import TYPE_CHECKING

import pytest
from fastapi.testclient import TestClient
from openpyxl import load_workbook

from luoshi.supervise.labels import STATUS_LABELS

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


def test_the_task_list_pages_and_refuses_a_bad_page(
    client: TestClient, browser: Browser, users: dict[str, str], seeded: Seeded
) -> None:
    """``limit``/``offset`` page the list like /api/items; a negative or huge one is a 422 line, not
    an empty or clipped answer (nor one more cached page per value)."""
    browser.login("leader")
    whole = client.get("/api/tasks").json()
    assert whole["total"] == 3 and whole["limit"] == 100 and whole["offset"] == 0
    second = client.get("/api/tasks?limit=1&offset=1").json()
    assert second == {"total": 3, "offset": 1, "limit": 1, "items": [whole["items"][1]]}
    for bad in ("limit=-1", "offset=-1", "limit=5001", "limit=abc"):
        assert client.get(f"/api/tasks?{bad}").status_code == 422, bad


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


def _export_rows(client: TestClient, html: str, fmt: str) -> list[int]:
    found = re.search(rf'id="export-{fmt}" href="([^"]+)"', html)
    assert found, f"no {fmt} export link"
    response = client.get(unescape(found.group(1)))
    assert response.status_code == 200
    if fmt == "csv":
        lines = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
        return [int(line[0]) for line in lines[1:]]
    sheet = load_workbook(io.BytesIO(response.content)).active
    return [int(row[0]) for row in sheet.iter_rows(min_row=2, values_only=True)]


@pytest.mark.parametrize(
    "query",
    ["as_of=2023-12-20&state=missing", "as_of=2023-09-15&state=overdue", "as_of=2023-09-15&colour=red"],
)
def test_export_links_reproduce_the_page_viewed_as_of_a_day(
    client: TestClient, browser: Browser, users: dict[str, str], seeded: Seeded, query: str
) -> None:
    """Rule: an export reproduces the page exactly, the day viewed (as_of) included, not today."""
    browser.login("office")
    html = client.get(f"/ledger?{query}").text
    shown = [int(i) for i in re.findall(r'<tr data-task="(\d+)"', html)]
    assert shown, "the filtered page should show rows on that day"
    for fmt in ("csv", "xlsx"):
        assert _export_rows(client, html, fmt) == shown
    status = {r["id"]: r["state"] for r in client.get(f"/api/tasks?{query.split('&')[0]}").json()["items"]}
    text = client.get(unescape(re.findall(r'id="export-csv" href="([^"]+)"', html)[0])).content
    lines = list(csv.reader(io.StringIO(text.decode("utf-8-sig"))))
    assert [line[11] for line in lines[1:]] == [STATUS_LABELS[status[i]] for i in shown]


def test_sort_links_and_filter_form_keep_the_day(
    client: TestClient, browser: Browser, users: dict[str, str], seeded: Seeded
) -> None:
    """Rule: moving around a ledger viewed as of a day (sorting, filtering) stays on that day."""
    browser.login("office")
    html = client.get("/ledger?as_of=2023-09-15").text
    assert 'name="as_of" value="2023-09-15"' in html
    sort_links = re.findall(r'href="(/ledger\?[^"]*sort=[^"]*)"', html)
    assert sort_links and all("as_of=2023-09-15" in unescape(link) for link in sort_links)


def test_the_ledger_page_draws_a_page_of_rows_and_links_the_next(
    client: TestClient,
    browser: Browser,
    users: dict[str, str],
    seeded: Seeded,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Rule: the 台账 draws PAGE_ROWS rows a page (in the ledger's order), links the pages, and its
    exports still carry every row."""
    from luoshi.serve.pages import ledger

    monkeypatch.setattr(ledger, "PAGE_ROWS", 2)
    browser.login("office")

    def shown(query: str) -> list[int]:
        return [int(i) for i in re.findall(r'<tr data-task="(\d+)"', client.get(f"/ledger?{query}").text)]

    every = ids(client)
    assert len(every) == 3 and shown("") == every[:2] and shown("page=2") == every[2:]
    assert shown("page=9") == every[2:]  # past the end: the last page
    first = client.get("/ledger").text
    assert "第 1 / 2 页" in first and 'rel="next" href="/ledger?sort=ordinal&amp;page=2"' in first
    assert 'rel="prev"' not in first and 'rel="prev"' in client.get("/ledger?page=2").text
    assert _export_rows(client, first, "csv") == every
    assert client.get("/ledger?page=0").status_code == 422
