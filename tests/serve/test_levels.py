"""上下联动 on the web: the office hands a task down from its page, the county reports, the city sees
the roll-up on the task page, the board and the API."""

from __future__ import annotations

from fastapi.testclient import TestClient
from tests.serve.conftest import PASSWORD, Browser, Seeded, csrf_of, login

from luoshi.store.db import Database
from luoshi.store.models import Task, Unit
from luoshi.supervise.accounts import add_user
from luoshi.supervise.levels import hand_down
from luoshi.supervise.permissions import Role


def _counties(database: Database) -> None:
    with database.ledger(actor="tester") as ledger:
        for code, name in (("pdx", "平定县"), ("yx", "盂县")):
            ledger.add(Unit(code=code, name=name, kind="county"))
        add_user(ledger, username="pingding", role=Role.REPORTER, unit="pdx", password=PASSWORD)


def test_office_hands_a_task_down_and_sees_the_roll_up(
    client: TestClient, browser: Browser, database: Database, seeded: Seeded, users: dict[str, str]
) -> None:
    _counties(database)
    browser.login("office")
    page = client.get(f"/tasks/{seeded.solar}").text
    assert 'id="hand-down-form"' in page and "平定县" in page
    token = csrf_of(client, f"/tasks/{seeded.solar}")
    form = {"csrf_token": token, "counties": ["pdx", "yx"], "deadline": "2023-11-30"}
    done = client.post(f"/tasks/{seeded.solar}/hand-down", data=form, follow_redirects=False)
    assert done.status_code == 303
    with database.reader().ledger() as ledger:
        names = {u.id: u.name for u in ledger.all(Unit)}
        children = {names[t.handed_to_id or 0]: t.id for t in ledger.all(Task, parent_id=seeded.solar)}
    assert set(children) == {"平定县", "盂县"}
    page = client.get(f"/tasks/{seeded.solar}").text
    assert 'id="rollup"' in page and 'data-children="2"' in page and 'data-county="盂县"' in page
    child = client.get(f"/tasks/{children['平定县']}").text
    assert 'id="parent-task"' in child and f'href="/tasks/{seeded.solar}"' in child
    again = client.post(f"/tasks/{seeded.solar}/hand-down", data=form, follow_redirects=False)
    assert again.status_code == 303  # re-run: nothing new
    late = {"csrf_token": token, "counties": ["pdx"], "deadline": "2024-03-31"}
    refused = client.post(f"/tasks/{seeded.solar}/hand-down", data=late)
    assert refused.status_code == 422 and "不能晚于上级任务" in refused.text
    detail = client.get(f"/api/tasks/{seeded.solar}").json()
    assert detail["levels"]["rollup"]["children"] == 2
    assert [c["handed_to"] for c in detail["levels"]["children"]] == ["平定县", "盂县"]
    board = client.get("/api/tasks", params={"limit": 500}).json()["items"]
    parent = next(r for r in board if r["id"] == seeded.solar)
    assert parent["rollup"]["children"] == 2 and parent["state"] == parent["rollup"]["state"]
    assert {r["handed_to"] for r in board if r["parent_id"] == seeded.solar} == {"平定县", "盂县"}


def test_only_the_office_hands_down(
    client: TestClient, database: Database, seeded: Seeded, users: dict[str, str]
) -> None:
    _counties(database)
    login(client, "energy")
    assert 'id="hand-down-form"' not in client.get(f"/tasks/{seeded.solar}").text
    token = csrf_of(client, f"/tasks/{seeded.solar}")
    refused = client.post(f"/tasks/{seeded.solar}/hand-down", data={"csrf_token": token, "all": "true"})
    assert refused.status_code == 403
    with database.reader().ledger() as ledger:
        assert ledger.count(Task, parent_id=seeded.solar) == 0


def test_a_county_user_sees_its_own_ledger_and_what_was_handed_to_it(
    client: TestClient, database: Database, seeded: Seeded, users: dict[str, str]
) -> None:
    _counties(database)
    with database.ledger(actor="督查室") as ledger:
        created = dict(hand_down(ledger, seeded.solar, ["平定县", "盂县"]).created)
    login(client, "pingding")
    listed = client.get("/api/tasks", params={"limit": 500}).json()["items"]
    assert [r["id"] for r in listed] == [created["平定县"]]
    assert f'data-task="{created["平定县"]}"' in client.get("/ledger").text
    assert f'data-task="{seeded.solar}"' not in client.get("/ledger").text
    assert client.get(f"/tasks/{created['平定县']}").status_code == 200
    for hidden in (seeded.solar, created["盂县"]):
        assert client.get(f"/tasks/{hidden}").status_code == 403
        assert client.get(f"/api/tasks/{hidden}").status_code == 403
    assert client.get("/api/dashboard").json()["tasks"] == 1
    assert client.get("/dashboard").status_code == 200
    login(client, "energy")  # a city unit's user sees the whole city
    assert len(client.get("/api/tasks", params={"limit": 500}).json()["items"]) == 5
    assert client.get("/api/dashboard").json()["tasks"] == 5


def test_the_catalogue_page_knows_every_level(
    client: TestClient, database: Database, users: dict[str, str]
) -> None:
    _counties(database)
    login(client, "office")
    page = client.get("/admin/units").text
    assert '<option value="province"' in page and "乡镇（街道）" in page
    token = csrf_of(client, "/admin/units")
    form = {"csrf_token": token, "code": "gs", "name": "冠山镇", "kind": "township", "parent": "平定县"}
    assert client.post("/admin/units", data=form, follow_redirects=False).status_code == 303
    with database.reader().ledger() as ledger:
        town = ledger.find(Unit, code="gs")
        assert town is not None and town.kind == "township"
        assert town.parent_id == ledger.find(Unit, code="pdx").id  # type: ignore[union-attr]
