"""Closed means closed over the API: reopen (office only), 延期申请 and its decision, accept overrides."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from fastapi.testclient import TestClient

from luoshi.store.db import Database
from luoshi.supervise.accounts import issue_token

if TYPE_CHECKING:
    from tests.serve.conftest import Browser, Seeded

Headers = dict[str, dict[str, str]]


@pytest.fixture
def auth(database: Database, users: dict[str, str]) -> Headers:
    """Bearer headers per user: office, energy (市能源局), teacher (市教育局)."""
    with database.ledger(actor="tester") as ledger:
        return {
            name: {"Authorization": f"Bearer {issue_token(ledger, username=name)}"}
            for name in ("office", "energy", "teacher")
        }


def report(client: TestClient, auth: Headers, task_id: int, **body: object) -> int:
    payload = {"narrative": "全部并网", **body}
    return int(
        client.post(f"/api/tasks/{task_id}/progress", json=payload, headers=auth["energy"]).status_code
    )


def test_accepted_task_refuses_progress_until_the_office_reopens_it(
    client: TestClient, auth: Headers, seeded: Seeded
) -> None:
    """Rule: 已销号 refuses progress (409); only the office reopens, and only with a reason."""
    assert report(client, auth, seeded.solar, value=100.0, done=True) == 201
    accepted = client.post(
        f"/api/tasks/{seeded.solar}/accept", json={"grade": "良好"}, headers=auth["office"]
    )
    assert accepted.status_code == 200, accepted.text
    refused = client.post(
        f"/api/tasks/{seeded.solar}/progress", json={"narrative": "补报"}, headers=auth["energy"]
    )
    assert refused.status_code == 409 and "验收销号" in refused.text
    path = f"/api/tasks/{seeded.solar}/reopen"
    assert client.post(path, json={"reason": "复核"}, headers=auth["energy"]).status_code == 403
    assert client.post(path, json={"reason": ""}, headers=auth["office"]).status_code == 422
    assert (
        client.post(path, json={"reason": "复核发现并网容量不实"}, headers=auth["office"]).status_code == 200
    )
    assert report(client, auth, seeded.solar, value=80.0) == 201


def test_task_extension_is_asked_by_the_unit_and_decided_by_the_office(
    client: TestClient, auth: Headers, seeded: Seeded
) -> None:
    """Rule: the unit asks (延期申请), the office approves or refuses with a reason; history kept."""
    assert report(client, auth, seeded.solar, value=10.0) == 201
    ask = {"new_due": "2024-06-30", "reason": "电网接入延迟"}
    path = f"/api/tasks/{seeded.solar}/extensions"
    assert client.post(path, json=ask, headers=auth["teacher"]).status_code == 403  # not its task
    created = client.post(path, json=ask, headers=auth["energy"])
    assert created.status_code == 201 and created.json()["state"] == "pending"
    decide = f"/api/extensions/{created.json()['id']}/decide"
    assert client.post(decide, json={"approve": True}, headers=auth["energy"]).status_code == 403
    assert client.post(decide, json={"approve": False}, headers=auth["office"]).status_code == 422
    assert (
        client.post(decide, json={"approve": True, "note": "同意"}, headers=auth["office"]).status_code == 200
    )
    [row] = client.get(f"/api/extensions?task={seeded.solar}", headers=auth["office"]).json()
    assert (row["old_due"], row["new_due"], row["decided_by"], row["state"]) == (
        "2023-12-31",
        "2024-06-30",
        "office",
        "approved",
    )
    detail = client.get(f"/api/tasks/{seeded.solar}", headers=auth["office"]).json()
    assert (detail["row"]["deadline"], detail["deadline_source"]) == ("2024-06-30", "extension")


def test_item_acceptance_without_a_response_needs_the_override_reason(
    client: TestClient, auth: Headers, seeded: Seeded
) -> None:
    """Rules: empty 反馈 refused (422); accepting without a response on record needs ``override``."""
    body = {"title": "光伏并网指标不足", "lead": "市能源局"}
    item_id = client.post("/api/items", json=body, headers=auth["office"]).json()["item"]["id"]
    respond = f"/api/items/{item_id}/respond"
    empty = client.post(respond, json={"kind": "responded", "note": " "}, headers=auth["energy"])
    assert empty.status_code == 422 and "反馈须写明办理情况" in empty.text
    for kind in ("deployed", "closure"):
        assert (
            client.post(respond, json={"kind": kind, "note": "已处理"}, headers=auth["energy"]).status_code
            == 200
        )
    decide = f"/api/items/{item_id}/decide"
    plain = client.post(decide, json={"accept": True, "grade": "良好"}, headers=auth["office"])
    assert plain.status_code == 422 and "override-reason" in plain.text
    overridden = {"accept": True, "grade": "良好", "override": "现场核查已解决"}
    done = client.post(decide, json=overridden, headers=auth["office"])
    assert done.status_code == 200 and done.json()["item"]["state"] == "closed"


def test_task_page_offers_reopen_to_the_office_and_extension_to_the_unit(
    client: TestClient, browser: Browser, auth: Headers, seeded: Seeded
) -> None:
    """Rule: an accepted task's page offers no progress form, only (to the office) 撤销销号 with a
    reason; an open task's page lets its unit file a 延期申请."""
    assert report(client, auth, seeded.solar, value=100.0, done=True) == 201
    client.post(f"/api/tasks/{seeded.solar}/accept", json={"grade": "良好"}, headers=auth["office"])
    browser.login("energy")
    html = client.get(f"/tasks/{seeded.solar}").text
    assert "已销号" in html and 'id="progress-form"' not in html and 'id="reopen-form"' not in html
    token = browser.csrf(f"/tasks/{seeded.charging}")
    ask = {"csrf_token": token, "new_due": "2024-03-31", "reason": "设备到货延迟"}
    asked = client.post(f"/tasks/{seeded.charging}/extensions", data=ask, follow_redirects=False)
    assert asked.status_code == 303
    client.cookies.clear()
    browser.login("office")
    assert 'id="reopen-form"' in client.get(f"/tasks/{seeded.solar}").text
    token = browser.csrf(f"/tasks/{seeded.solar}")
    blank = client.post(f"/tasks/{seeded.solar}/reopen", data={"csrf_token": token, "reason": " "})
    assert blank.status_code == 422
    data = {"csrf_token": token, "reason": "并网容量复核不实"}
    assert client.post(f"/tasks/{seeded.solar}/reopen", data=data, follow_redirects=False).status_code == 303
    assert 'id="progress-form"' in client.get(f"/tasks/{seeded.solar}").text
    [row] = client.get(f"/api/extensions?task={seeded.charging}").json()
    assert (row["new_due"], row["requested_by"], row["state"]) == ("2024-03-31", "energy", "pending")
