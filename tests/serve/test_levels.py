"""上下联动 on the web: the office hands a task down from its page, the county reports, the city sees
the roll-up on the task page, the board and the API."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from fastapi.testclient import TestClient
from tests.serve.conftest import PASSWORD, Browser, Seeded, csrf_of, login

from luoshi.clock import FixedClock
from luoshi.store.db import Database
from luoshi.store.models import Task, Unit
from luoshi.supervise.accounts import add_user
from luoshi.supervise.items import EventKind
from luoshi.supervise.levels import hand_down, hand_down_order
from luoshi.supervise.orders import raise_order, record
from luoshi.supervise.permissions import Role
from luoshi.supervise.reports import report_unit

TEXTS = Path(__file__).parents[1] / "fixtures" / "texts"
COUNTY_TEXT = TEXTS / "county-2024.txt"  # 2024年某县人民政府工作报告


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
        assert client.get(f"/tasks/{hidden}").status_code == 404  # as if it did not exist
        assert client.get(f"/api/tasks/{hidden}").status_code == 404
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


def _handed_item(database: Database, task_id: int) -> tuple[int, dict[str, int]]:
    """A city item raised on Monday 12 June 2023, handed down to 平定县 and 盂县; 平定县 deploys and
    responds on time, 盂县 does nothing (by 15 June its 研究部署 is past due)."""
    with database.ledger(actor="督查室", clock=FixedClock.on(date(2023, 6, 12))) as ledger:
        order = raise_order(ledger, title="光伏项目并网滞后", lead="nengyuan", task_id=task_id)
        kids = dict(hand_down_order(ledger, order.id, ["平定县", "盂县"]).created)
        record(ledger, kids["平定县"], EventKind.DEPLOYED, note="已部署")
        record(ledger, kids["平定县"], EventKind.RESPONDED, note="已反馈")
        return order.id, kids


def test_a_handed_down_item_page_lists_its_counties_and_the_roll_up(
    client: TestClient, database: Database, seeded: Seeded, users: dict[str, str]
) -> None:
    _counties(database)
    item, kids = _handed_item(database, seeded.solar)
    login(client, "office")
    page = client.get(f"/items/{item}").text
    assert 'id="item-levels"' in page and 'data-children="2"' in page and 'data-state="overdue"' in page
    rows = re.findall(r'<tr data-child="(\d+)" data-county="([^"]*)">(.*?)</tr>', page, re.S)
    assert [(int(i), county) for i, county, _ in rows] == [(kids["平定县"], "平定县"), (kids["盂县"], "盂县")]
    late = rows[1][2]
    assert f'href="/items/{kids["盂县"]}"' in late and "研究部署" in late and "badge red" in late
    assert "badge red" not in rows[0][2]
    assert "按时 50%" in page and "超期 1" in page
    child = client.get(f"/items/{kids['盂县']}").text
    assert f'id="parent-item" href="/items/{item}"' in child and 'id="item-levels"' not in child
    api = client.get(f"/api/items/{item}").json()
    assert [(c["county"], c["item"]["id"], c["item"]["lead_unit"]) for c in api["children"]] == [
        ("平定县", kids["平定县"], "平定县"),
        ("盂县", kids["盂县"], "盂县"),
    ]
    yx = api["children"][1]
    assert yx["item"]["overdue_days"] > 0 and yx["item"]["stage"] == "研究部署" and yx["final_due"]
    rollup = api["rollup"]
    assert (rollup["children"], rollup["state"], rollup["overdue"], rollup["on_track"]) == (
        2,
        "overdue",
        1,
        0.5,
    )
    assert (rollup["worst_county"], rollup["worst_id"]) == ("盂县", kids["盂县"])
    assert api["parent"] is None
    assert client.get(f"/api/items/{kids['平定县']}").json()["parent"] == {
        "id": item,
        "title": "光伏项目并网滞后",
    }
    assert client.get(f"/api/items/{kids['平定县']}").json()["children"] == []


def _upload(client: TestClient, path: Path, **fields: str) -> tuple[int, str]:
    token = csrf_of(client, "/uploads")
    files = {"file": (path.name, path.read_bytes(), "application/octet-stream")}
    answer = client.post("/uploads", data={"csrf_token": token, **fields}, files=files)
    return answer.status_code, answer.text


def _unit_options(html: str) -> list[tuple[str, bool, str]]:
    found = re.search(r'<select name="unit" id="upload-unit">(.*?)</select>', html, re.S)
    assert found, "no 所属单位 list"
    return [
        (v, bool(s), n) for v, s, n in re.findall(r'<option value="(\d*)"( selected)?>([^<]+)<', found[1])
    ]


def test_a_county_office_uploads_its_own_report_and_the_county_sees_its_tasks(
    client: TestClient, database: Database, users: dict[str, str]
) -> None:
    _counties(database)
    with database.ledger(actor="tester") as ledger:
        add_user(ledger, username="pd-office", role=Role.OFFICE, unit="pdx", password=PASSWORD)
        ids = {u.code: str(u.id) for u in ledger.all(Unit)}
    login(client, "office")  # the city's office: every level, none by default
    assert _unit_options(client.get("/uploads").text) == [
        ("", False, "不归属（市本级或上级报告）"),
        (ids["pdx"], False, "平定县"),
        (ids["yx"], False, "盂县"),
    ]
    code, html = _upload(client, TEXTS / "link-city-2024.txt")
    assert code == 200 and 'data-status="stored"' in html and "，归属" not in html
    login(client, "pd-office")  # 平定县's own office: its county only, chosen by default
    assert _unit_options(client.get("/uploads").text) == [(ids["pdx"], True, "平定县")]
    code, html = _upload(client, COUNTY_TEXT, unit=ids["yx"])
    assert code == 422 and "只能上传本县" in html
    code, html = _upload(client, COUNTY_TEXT)
    assert code == 200 and 'data-status="stored"' in html and "，归属 平定县" in html
    report_id = int(re.findall(r'data-report="(\d+)"', html)[0])
    with database.reader().ledger() as ledger:
        owner = report_unit(ledger, report_id)
        assert owner is not None and owner.code == "pdx"
        own = {t.id for t in ledger.all(Task, report_id=report_id)}
    assert own
    login(client, "pingding")  # a reporter of 平定县 sees its county's report, none assigned yet
    listed = {r["id"] for r in client.get("/api/tasks", params={"limit": 500}).json()["items"]}
    assert listed == own
    assert client.get(f"/api/tasks/{min(own)}").status_code == 200


def test_the_year_page_reports_a_child_carried_without_its_parent(
    client: TestClient, database: Database, seeded: Seeded, users: dict[str, str]
) -> None:
    _counties(database)
    with database.ledger(actor="督查室", clock=FixedClock.on(date(2023, 3, 2))) as ledger:
        solar = dict(hand_down(ledger, seeded.solar, ["平定县", "盂县"]).created)
        charging = dict(hand_down(ledger, seeded.charging, ["平定县"]).created)
    login(client, "office")
    token = csrf_of(client, "/years/2023")
    for task_id in (seeded.solar, solar["平定县"], charging["平定县"]):
        form = {"csrf_token": token, "task_id": str(task_id), "decision": "结转"}
        assert client.post("/years/2023/decide", data=form, follow_redirects=False).status_code == 303
    form = {"csrf_token": token, "as_of": "2023-12-31", "rest": "完成"}
    assert client.post("/years/2023/close", data=form, follow_redirects=False).status_code == 303
    page = client.get("/years/2023").text
    alone = re.search(r'<div class="card" id="carried-alone">(.*?)</div>', page, re.S)
    assert alone and f'href="/tasks/{charging["平定县"]}"' in alone[1]
    assert f'href="/tasks/{seeded.charging}"' in alone[1] and f'"/tasks/{solar["平定县"]}"' not in alone[1]
    rows = client.get("/api/tasks", params={"year": 2024, "limit": 500}).json()["items"]
    parent = next(r for r in rows if r["origin_id"] == seeded.solar)
    assert [(r["handed_to"], r["origin_id"]) for r in rows if r["parent_id"] == parent["id"]] == [
        ("平定县", solar["平定县"])
    ]
