"""督办 through the pages and the API: raise, respond on the clock, accept or return."""

from __future__ import annotations

from typing import TYPE_CHECKING

from fastapi.testclient import TestClient

from luoshi.store.db import Database
from luoshi.supervise.accounts import issue_token

if TYPE_CHECKING:
    from tests.serve.conftest import Browser, Seeded


def raise_on_task(client: TestClient, browser: Browser, task_id: int) -> int:
    token = browser.csrf(f"/tasks/{task_id}")
    data = {
        "csrf_token": token,
        "title": "光伏并网指标不足",
        "lead": "市能源局",
        "level": "ordinary",
        "task_id": str(task_id),
    }
    response = client.post("/items", data=data, follow_redirects=False)
    assert response.status_code == 303, response.text
    return int(response.headers["location"].rsplit("/", 1)[1])


def step(client: TestClient, browser: Browser, item_id: int, path: str, **fields: str) -> int:
    token = browser.csrf(f"/items/{item_id}")
    version = client.get(f"/api/items/{item_id}").json()["item"]["version"]
    data = {"csrf_token": token, "version": str(version), **fields}
    return int(client.post(f"/items/{item_id}/{path}", data=data, follow_redirects=False).status_code)


def test_raise_respond_return_accept(
    client: TestClient, browser: Browser, users: dict[str, str], seeded: Seeded
) -> None:
    browser.login("office")
    item_id = raise_on_task(client, browser, seeded.solar)
    assert f'href="/items/{item_id}"' in client.get(f"/tasks/{seeded.solar}").text
    assert client.get("/api/dashboard").json()["items_by_stage"]
    client.cookies.clear()
    browser.login("teacher")  # not the item's unit
    assert step(client, browser, item_id, "respond", kind="deployed") == 403
    client.cookies.clear()
    browser.login("energy")
    assert step(client, browser, item_id, "respond", kind="deployed", note="已部署") == 303
    assert step(client, browser, item_id, "respond", kind="responded", note="已协调电网公司") == 303
    assert step(client, browser, item_id, "respond", kind="closure", note="已解决") == 303
    assert (
        step(client, browser, item_id, "decide", decision="accept", grade="良好") == 403
    )  # units cannot accept
    client.cookies.clear()
    browser.login("office")
    assert (
        step(client, browser, item_id, "decide", decision="return", reason="") == 422
    )  # a reason is required
    assert step(client, browser, item_id, "decide", decision="return", reason="佐证不足") == 303
    detail = client.get(f"/api/items/{item_id}").json()
    assert detail["item"]["state"] == "open" and detail["events"][-1]["note"] == "佐证不足"
    client.cookies.clear()
    browser.login("energy")
    me = client.get("/api/me").json()
    returned = client.get(f"/api/units/{me['unit_id']}/tasks").json()["returned"]
    assert [i["id"] for i in returned] == [item_id]
    assert "被退回重办" in client.get("/my-unit").text
    assert step(client, browser, item_id, "respond", kind="closure", note="补充佐证") == 303
    assert client.get(f"/api/units/{me['unit_id']}/tasks").json()["returned"] == []
    client.cookies.clear()
    browser.login("office")
    assert step(client, browser, item_id, "decide", decision="accept", grade="良好") == 303
    detail = client.get(f"/api/items/{item_id}").json()
    assert detail["item"]["state"] == "closed" and detail["events"][-1]["grade"] == "良好"
    assert "验收销号" in client.get(f"/items/{item_id}").text


def test_stale_version_is_a_conflict(
    client: TestClient, browser: Browser, users: dict[str, str], seeded: Seeded
) -> None:
    browser.login("office")
    item_id = raise_on_task(client, browser, seeded.solar)
    token = browser.csrf(f"/items/{item_id}")
    data = {"csrf_token": token, "version": "1", "kind": "deployed"}
    assert client.post(f"/items/{item_id}/respond", data=data, follow_redirects=False).status_code == 303
    assert client.post(f"/items/{item_id}/respond", data=data).status_code == 409


def test_items_api_with_bearer_token(
    client: TestClient, database: Database, users: dict[str, str], seeded: Seeded
) -> None:
    with database.ledger(actor="tester") as ledger:
        office, energy = issue_token(ledger, username="office"), issue_token(ledger, username="energy")
    body = {"title": "企业反映用地审批慢", "lead": "市能源局", "origin": "enterprise"}
    created = client.post("/api/items", json=body, headers={"Authorization": f"Bearer {office}"})
    assert created.status_code == 201, created.text
    item_id = created.json()["item"]["id"]
    refused = client.post("/api/items", json=body, headers={"Authorization": f"Bearer {energy}"})
    assert refused.status_code == 403
    answer = client.post(
        f"/api/items/{item_id}/respond",
        json={"kind": "deployed"},
        headers={"Authorization": f"Bearer {energy}"},
    )
    assert answer.status_code == 200 and answer.json()["events"][-1]["kind"] == "deployed"
    listing = client.get("/api/items", headers={"Authorization": f"Bearer {energy}"}).json()
    assert [i["id"] for i in listing["items"]] == [item_id] and listing["total"] == 1


def test_api_writes_with_session_cookie_need_csrf_header(
    client: TestClient, browser: Browser, users: dict[str, str], seeded: Seeded
) -> None:
    browser.login("office")
    body = {"title": "x", "lead": "市能源局"}
    assert client.post("/api/items", json=body).status_code == 403
    token = browser.csrf("/items")
    assert client.post("/api/items", json=body, headers={"X-CSRF-Token": token}).status_code == 201


def test_items_api_pages_the_list_and_a_read_after_a_step_sees_it(
    client: TestClient, database: Database, users: dict[str, str], seeded: Seeded
) -> None:
    with database.ledger(actor="tester") as ledger:
        office, energy = issue_token(ledger, username="office"), issue_token(ledger, username="energy")
    auth = {"Authorization": f"Bearer {office}"}
    ids = []
    for title in ("企业反映用地审批慢", "光伏并网指标不足", "老旧小区改造资金缺口"):
        created = client.post("/api/items", json={"title": title, "lead": "市能源局"}, headers=auth)
        ids.append(created.json()["item"]["id"])
    whole = client.get("/api/items", headers=auth).json()
    assert whole["total"] == 3 and whole["limit"] == 100 and [i["id"] for i in whole["items"]] == ids
    second = client.get("/api/items?limit=1&offset=1", headers=auth).json()
    assert second == {"total": 3, "offset": 1, "limit": 1, "items": [whole["items"][1]]}
    assert client.get("/api/items?limit=-1", headers=auth).status_code == 422
    answer = {"kind": "deployed", "note": "局务会研究部署"}
    client.post(f"/api/items/{ids[1]}/respond", json=answer, headers={"Authorization": f"Bearer {energy}"})
    again, was = client.get("/api/items?limit=1&offset=1", headers=auth).json()["items"][0], whole["items"][1]
    assert again["version"] == was["version"] + 1 and again["stage"] != was["stage"]
    assert client.get("/api/items?offset=2", headers=auth).json()["items"] == [whole["items"][2]]


def test_open_stages_are_ordered_most_overdue_first_then_by_due_day_and_id() -> None:
    import random
    from datetime import date, timedelta

    from luoshi.serve.items import StageDue, order_stages

    rng = random.Random(4)
    stages = [
        StageDue(rng.randint(1, 40), "事项", "市能源局", 1, "研究部署",
                 date(2023, 6, 1) + timedelta(days=rng.randint(0, 9)), rng.randint(0, 4), "red")
        for _ in range(300)
    ]  # fmt: skip
    late, soon = stages[:], stages[:]
    order_stages(late, soon)
    assert late == sorted(stages, key=lambda r: (-r.overdue_days, r.due, r.id))
    assert soon == sorted(stages, key=lambda r: (r.due, r.id))
