"""The 年度 pages and the year picker: the office decides, closes and downloads the frozen review;
every page is scoped to the year picked (``?year=``) and offers the picker."""

from __future__ import annotations

import hashlib
import json
from typing import TYPE_CHECKING

from fastapi.testclient import TestClient
from tests.serve.conftest import csrf_of

from luoshi.store.db import Database
from luoshi.store.models.years import YearClosure

if TYPE_CHECKING:
    from tests.serve.conftest import Browser, Seeded


def post(client: TestClient, path: str, **data: str) -> int:
    token = csrf_of(client, "/years/2023")
    return int(client.post(path, data={"csrf_token": token, **data}, follow_redirects=False).status_code)


def test_the_office_closes_a_year_and_the_carried_task_opens_the_next(
    browser: Browser, client: TestClient, seeded: Seeded, database: Database, users: dict[str, str]
) -> None:
    browser.login("office")
    page = client.get("/years/2023").text
    assert 'id="pending-table"' in page and "新增光伏装机100万千瓦" in page
    assert post(client, "/years/2023/decide", task_id=str(seeded.solar), decision="结转") == 303
    refused = client.post("/years/2023/decide", data={"csrf_token": csrf_of(client, "/years/2023"),
                          "task_id": str(seeded.schools), "decision": "未完成"})  # fmt: skip
    assert refused.status_code == 422 and "原因" in refused.text
    schools, why = str(seeded.schools), "用地未落实"
    assert post(client, "/years/2023/decide", task_id=schools, decision="未完成", reason=why) == 303
    assert post(client, "/years/2023/close", as_of="2023-12-31") == 422  # 充电站 has no decision
    assert post(client, "/years/2023/close", as_of="2023-12-31", rest="完成") == 303
    page = client.get("/years/2023").text
    assert 'id="closed"' in page and "用地未落实" in page
    frozen = client.get("/years/2023/frozen.json")
    with database.ledger() as ledger:
        closed = ledger.find(YearClosure, year=2023)
        assert closed is not None and hashlib.sha256(frozen.content).hexdigest() == closed.sha256
    assert json.loads(frozen.content)["counts"] == {"done": 1, "undone": 1, "carried": 1}
    board = client.get("/api/tasks?year=2024").json()
    rows = board["items"] if isinstance(board, dict) else board
    assert [r["text"] for r in rows] == ["新增光伏装机100万千瓦"]
    carried = client.get(f"/tasks/{rows[0]['id']}").text  # both sides see each other
    assert "承接 2023年" in carried and f'href="/tasks/{seeded.solar}?year=2023"' in carried
    origin = client.get(f"/tasks/{seeded.solar}").text
    assert "年终认定：结转" in origin and f"/tasks/{rows[0]['id']}?year=2024" in origin
    ledger_2024 = client.get("/ledger?year=2024").text
    assert "新增光伏装机100万千瓦" in ledger_2024 and "新建学校5所" not in ledger_2024
    assert "新建学校5所" in client.get("/ledger?year=2023").text
    assert 'class="year-picker"' in ledger_2024 and '<option value="2024" selected>' in ledger_2024


def test_only_the_office_decides_and_a_bad_year_is_refused(
    browser: Browser, client: TestClient, seeded: Seeded, users: dict[str, str]
) -> None:
    browser.login("energy")
    assert post(client, "/years/2023/decide", task_id=str(seeded.solar), decision="结转") == 403
    assert client.get("/dashboard?year=abc").status_code == 422
    assert client.get("/dashboard?year=1800").status_code == 422


def test_the_public_page_shows_the_current_year_and_links_past_ones(
    client: TestClient, seeded: Seeded, database: Database
) -> None:
    from luoshi.store.models import Report, Task

    with database.ledger() as ledger:
        task = ledger.get(Task, seeded.schools)
        task.year = 2022  # as if an earlier year's task were in the ledger
        assert ledger.get(Report, seeded.report_id).year == 2023
    page = client.get("/public").text
    assert "2023年政府工作报告目标任务落实情况" in page and 'href="/public?year=2022"' in page
    assert "新建学校5所" not in page
    assert "新建学校5所" in client.get("/public?year=2022").text
