"""分工方案 from the web: the report page links to it, the office uploads, previews and applies."""

from __future__ import annotations

import re
from html import unescape
from typing import TYPE_CHECKING

from fastapi.testclient import TestClient

from luoshi.store.db import Database
from luoshi.store.models import Task

if TYPE_CHECKING:
    from tests.serve.conftest import Browser, Seeded

BREAKDOWN = (
    "示例市人民政府关于印发2023年重点任务分工方案的通知\n"
    "一、推动能源转型\n"
    "1.新增光伏装机100万千瓦。（市能源局牵头，市教育局按职责分工负责，2023年10月底前完成）\n"
    "2.新建学校5所。（市教育局牵头，2023年9月底前完成）\n"
    "3.建设全市智慧能源管理平台。（市数据局牵头，长期坚持）\n"
)


def _upload(client: TestClient, browser: Browser, report_id: int) -> str:
    token = browser.csrf(f"/reports/{report_id}/fengong")
    response = client.post(
        f"/reports/{report_id}/fengong",
        data={"csrf_token": token},
        files={"file": ("分工方案.txt", BREAKDOWN.encode(), "text/plain")},
    )
    assert response.status_code == 200, response.text
    return unescape(response.text)


def _state(database: Database, task_id: int) -> tuple[str, set[tuple[str, str]]]:
    with database.reader().ledger(actor="t") as ledger:
        task = ledger.get(Task, task_id)
        return task.deadline.isoformat(), {(a.unit.name, a.role) for a in task.assignments}


def test_office_uploads_previews_and_applies(
    client: TestClient, browser: Browser, users: dict[str, str], seeded: Seeded, database: Database
) -> None:
    browser.login("office")
    assert 'id="fengong-link"' in client.get(f"/reports/{seeded.report_id}").text
    before = _state(database, seeded.solar)
    page = _upload(client, browser, seeded.report_id)
    assert 'id="fengong-preview"' in page and "市数据局" in page and 'id="fengong-unknown"' in page
    assert _state(database, seeded.solar) == before  # a preview writes nothing
    text = re.search(r'<textarea name="text" hidden>(.*?)</textarea>', page, re.S)
    assert text is not None
    token = browser.csrf(f"/reports/{seeded.report_id}/fengong")
    done = client.post(
        f"/reports/{seeded.report_id}/fengong/apply", data={"csrf_token": token, "text": text.group(1)}
    )
    assert done.status_code == 200 and 'id="fengong-applied"' in done.text
    with database.reader().ledger(actor="t") as ledger:
        solar = ledger.get(Task, seeded.solar)
        assert {(a.unit.name, a.role) for a in solar.assignments} == {
            ("市能源局", "lead"),
            ("市教育局", "co"),
        }
        assert solar.deadline.isoformat() == "2023-10-31"
    again = _upload(client, browser, seeded.report_id)
    assert 'id="fengong-nochange"' in again


def test_only_the_office_may(
    client: TestClient, browser: Browser, users: dict[str, str], seeded: Seeded
) -> None:
    browser.login("leader")
    assert 'id="fengong-link"' not in client.get(f"/reports/{seeded.report_id}").text
    assert client.get(f"/reports/{seeded.report_id}/fengong").status_code == 403
    token = browser.csrf("/")
    refused = client.post(
        f"/reports/{seeded.report_id}/fengong/apply", data={"csrf_token": token, "text": BREAKDOWN}
    )
    assert refused.status_code == 403


def test_an_unreadable_upload_is_a_clear_4xx(
    client: TestClient, browser: Browser, users: dict[str, str], seeded: Seeded
) -> None:
    browser.login("office")
    token = browser.csrf(f"/reports/{seeded.report_id}/fengong")
    response = client.post(
        f"/reports/{seeded.report_id}/fengong",
        data={"csrf_token": token},
        files={"file": ("通知.txt", "关于做好值班工作的通知\n请认真落实。".encode(), "text/plain")},
    )
    assert 400 <= response.status_code < 500 and "没有读到分工任务" in unescape(response.text)
