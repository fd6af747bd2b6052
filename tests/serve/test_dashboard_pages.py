"""The 驾驶舱 shows overdue 督办 items, the 通报 list, 缺报 apart from 滞后 and what falls due soon."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from fastapi.testclient import TestClient
from tests.serve.test_item_pages import raise_on_task, step

if TYPE_CHECKING:
    from tests.serve.conftest import Browser, Seeded

LATE = "2023-06-19"  # TODAY is Thu 2023-06-15: 研究部署 (1 working day) fell due Fri 06-16


def _overdue_ids(client: TestClient, day: str) -> list[int]:
    return [i["id"] for i in client.get(f"/api/dashboard?as_of={day}").json()["overdue_items"]]


def _overdue_section(client: TestClient, day: str) -> str:
    html = client.get(f"/dashboard?as_of={day}").text
    found = re.search(r'<section class="card" id="overdue-items">(.*?)</section>', html, re.S)
    assert found
    return found.group(1)


def test_dashboard_lists_overdue_item_until_the_unit_responds(
    client: TestClient, browser: Browser, users: dict[str, str], seeded: Seeded
) -> None:
    """Rule: an open 13710 stage past its due day puts the item on the board's overdue list (by
    stage, days overdue, unit, linked), and the unit's step takes it off at once (cache follows writes)."""
    browser.login("office")
    item_id = raise_on_task(client, browser, seeded.solar)
    assert _overdue_ids(client, "2023-06-15") == []  # not yet due
    section = _overdue_section(client, LATE)
    assert f'href="/items/{item_id}"' in section
    assert "研究部署" in section and "市能源局" in section and "逾期 1 天" in section
    assert _overdue_ids(client, LATE) == [item_id]
    notice = client.get(f"/api/dashboard?as_of={LATE}").json()["notices"]
    assert (notice[0]["unit"], notice[0]["overdue_items"]) == ("市能源局", 1)  # most late first
    client.cookies.clear()
    browser.login("energy")
    assert step(client, browser, item_id, "respond", kind="deployed", note="已部署") == 303
    assert f'href="/items/{item_id}"' not in _overdue_section(client, LATE)
    assert _overdue_ids(client, LATE) == []


def test_dashboard_lists_stages_due_within_30_days(
    client: TestClient, browser: Browser, users: dict[str, str], seeded: Seeded
) -> None:
    """Rule: open stages falling due in the next 30 days are listed with their due day; past ones are not."""
    browser.login("office")
    item_id = raise_on_task(client, browser, seeded.solar)
    soon = client.get("/api/dashboard?as_of=2023-06-15").json()["items_due_soon"]
    assert {s["id"] for s in soon} == {item_id}
    assert [s["due"] for s in soon] == sorted(s["due"] for s in soon)
    assert all("2023-06-15" <= s["due"] <= "2023-07-15" for s in soon)
    late = client.get(f"/api/dashboard?as_of={LATE}").json()
    assert "研究部署" not in {s["stage"] for s in late["items_due_soon"]}


def test_missing_reports_are_listed_apart_from_behind(
    client: TestClient, browser: Browser, users: dict[str, str], seeded: Seeded
) -> None:
    """Rule: 缺报 tasks (state missing) get their own list and count, never folded into 滞后."""
    browser.login("leader")
    data = client.get("/api/dashboard?as_of=2023-12-20").json()
    missing = {t["id"] for t in data["missing"]}
    assert missing and all(t["missed_reports"] >= 2 for t in data["missing"])
    behind = {t["id"] for t in client.get("/api/tasks?as_of=2023-12-20&state=behind").json()["items"]}
    assert not missing & behind
    assert data["states"].get("missing", 0) == len(missing)
    html = client.get("/dashboard?as_of=2023-12-20").text
    assert "缺报任务" in html and "漏报" in html
