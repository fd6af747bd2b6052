"""Who sees what on the web (上下联动): a county's users see their county's tasks, items, reports,
review, scores, units and requests, and another county's records are 404; a county's office
administers only its own subtree; the city's office sees everything with the roll-up."""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from datetime import date

import pytest
from fastapi.testclient import TestClient
from openpyxl import load_workbook
from tests.conftest import SAMPLE_TEXT
from tests.serve.conftest import PASSWORD, TODAY, Seeded, csrf_of, login
from tests.serve.test_port import file_one

from luoshi.clock import FixedClock
from luoshi.serve.deps import addressed
from luoshi.store.db import Database
from luoshi.store.models import Unit, User
from luoshi.store.models.port import PublicRequest
from luoshi.supervise import requests
from luoshi.supervise.accounts import add_user
from luoshi.supervise.cases import mark
from luoshi.supervise.extensions import request_task_extension
from luoshi.supervise.items import Level
from luoshi.supervise.levels import hand_down
from luoshi.supervise.orders import raise_order
from luoshi.supervise.permissions import Role


@dataclass(frozen=True)
class Loop:
    pingding: int  # the units 平定县, 盂县, 市能源局
    yuxian: int
    energy: int
    child_pd: int  # the 光伏 task handed down to 平定县, to 盂县
    child_yx: int
    items: dict[str, int]  # lead unit's code → item id


@pytest.fixture
def loop(database: Database, seeded: Seeded, users: dict[str, str]) -> Loop:
    """平定县 (with its 发改局) and 盂县 below the city; 光伏 handed down to both; an item each."""
    with database.ledger(actor="督查室", clock=FixedClock.on(date(2023, 3, 2))) as ledger:
        pdx = ledger.add(Unit(code="pdx", name="平定县", kind="county"))
        yx = ledger.add(Unit(code="yx", name="盂县", kind="county"))
        ledger.add(Unit(code="pd-fgj", name="平定县发展和改革局", kind="department", parent_id=pdx.id))
        ledger.flush()
        add_user(ledger, username="pingding", role=Role.REPORTER, unit="pdx", password=PASSWORD)
        add_user(ledger, username="pd-office", role=Role.OFFICE, unit="pdx", password=PASSWORD)
        add_user(ledger, username="yx-office", role=Role.OFFICE, unit="yx", password=PASSWORD)
        created = dict(hand_down(ledger, seeded.solar, ["平定县", "盂县"]).created)
        items = {
            code: raise_order(ledger, title=f"督办{code}", lead=code, level=Level.ORDINARY).id
            for code in ("nengyuan", "pdx", "yx")
        }
        energy = ledger.find(Unit, code="nengyuan")
        assert energy is not None
        return Loop(pdx.id, yx.id, energy.id, created["平定县"], created["盂县"], items)


def _ids(pattern: str, text: str) -> set[int]:
    return {int(found) for found in re.findall(pattern, text)}


def _cells(data: bytes) -> str:
    book = load_workbook(io.BytesIO(data), read_only=True)
    return " ".join(
        str(c) for sheet in book.worksheets for row in sheet.iter_rows(values_only=True) for c in row
    )


def test_a_county_user_sees_only_its_county(client: TestClient, seeded: Seeded, loop: Loop) -> None:
    login(client, "pingding")
    assert {i["id"] for i in client.get("/api/items").json()["items"]} == {loop.items["pdx"]}
    assert _ids(r'data-item="(\d+)"', client.get("/items").text) == {loop.items["pdx"]}
    assert [r["id"] for r in client.get("/api/reports").json()] == [seeded.report_id]  # it holds its task
    board = client.get("/api/dashboard").json()
    assert board["tasks"] == 1 and {r["unit"] for r in board["ranking"]} <= {"平定县"}
    review = client.get("/review").text
    assert "平定县" in review and "盂县" not in review and "市能源局" not in review
    sheets = _cells(client.get("/review.xlsx").content)
    assert "平定县" in sheets and "盂县" not in sheets and "市能源局" not in sheets
    exported = client.get("/ledger/export.csv").content.decode("utf-8-sig")
    assert "平定县" in exported and "市能源局" not in exported
    assert client.get(f"/units/{loop.pingding}").status_code == 200
    assert client.get(f"/tasks/{loop.child_pd}").status_code == 200
    assert client.get(f"/items/{loop.items['pdx']}").status_code == 200
    assert client.get(f"/reports/{seeded.report_id}").status_code == 200


@pytest.mark.parametrize(
    "path",
    ["/tasks/{child_yx}", "/api/tasks/{child_yx}", "/tasks/{solar}", "/items/{item_yx}",
     "/api/items/{item_yx}", "/items/{item_city}", "/units/{yuxian}", "/units/{energy}",
     "/api/units/{energy}/tasks", "/tasks/{child_yx}/assignment"],
)  # fmt: skip
def test_another_countys_record_is_not_found(
    client: TestClient, seeded: Seeded, loop: Loop, path: str
) -> None:
    login(client, "pingding")
    shown = path.format(
        child_yx=loop.child_yx, solar=seeded.solar, item_yx=loop.items["yx"],
        item_city=loop.items["nengyuan"], yuxian=loop.yuxian, energy=loop.energy,
    )  # fmt: skip
    answer = client.get(shown)
    assert answer.status_code == 404, shown
    assert "不存在" in answer.text and "无权" not in answer.text  # as if it did not exist


def test_an_address_names_its_records() -> None:
    assert addressed("/api/tasks/{task_id}/accept", {"task_id": "7"}) == [("tasks", 7)]
    assert addressed("/admin/units/{code}/{step}", {"code": "101", "step": "disable"}) == [("units", "101")]
    assert addressed("/progress/{report_id}/check", {"report_id": "3"}) == [("progress", 3)]
    assert addressed("/tasks/{task_id}", {"task_id": "abc"}) == []  # the route's own 422
    assert addressed("/ledger/export.{fmt}", {"fmt": "csv"}) == []


def test_writes_to_another_countys_record_are_not_found(client: TestClient, loop: Loop) -> None:
    login(client, "pd-office")
    token = csrf_of(client, "/ledger")
    for path, form in (
        (f"/tasks/{loop.child_yx}/progress", {"value": "1"}),
        (f"/tasks/{loop.child_yx}/assignment", {"lead": "盂县"}),
        (f"/items/{loop.items['yx']}/respond", {"kind": "deployed", "note": "已部署"}),
    ):
        assert client.post(path, data={**form, "csrf_token": token}).status_code == 404, path


def test_the_city_sees_every_county_with_the_roll_up(client: TestClient, seeded: Seeded, loop: Loop) -> None:
    login(client, "office")
    assert {i["id"] for i in client.get("/api/items").json()["items"]} == set(loop.items.values())
    review = client.get("/review").text
    assert "平定县" in review and "盂县" in review and "市能源局" in review
    detail = client.get(f"/api/tasks/{seeded.solar}").json()
    assert detail["levels"]["rollup"]["children"] == 2
    assert client.get(f"/units/{loop.yuxian}").status_code == 200
    board = client.get("/api/dashboard").json()
    assert board["tasks"] == len(client.get("/api/tasks", params={"limit": 500}).json()["items"])
    assert {"平定县", "盂县"} <= {r["unit"] for r in board["ranking"]}


def test_a_countys_office_administers_its_own_subtree(
    client: TestClient, database: Database, loop: Loop
) -> None:
    login(client, "pd-office")
    page = client.get("/admin/users").text
    assert set(re.findall(r'data-user="([^"]+)"', page)) == {"pingding", "pd-office"}
    token = csrf_of(client, "/admin/users")
    for unit in ("市能源局", "盂县", ""):
        form = {"csrf_token": token, "username": "x1", "role": "leader", "unit": unit}
        refused = client.post("/admin/users", data=form)
        assert refused.status_code == 422 and ("找不到单位" in refused.text or "本县" in refused.text)
    form = {"csrf_token": token, "username": "pd-reporter", "role": "reporter", "unit": "平定县发展和改革局"}
    assert client.post("/admin/users", data=form).status_code == 200
    assert client.post("/admin/users/energy/disable", data={"csrf_token": token}).status_code == 404
    units = client.get("/admin/units").text
    assert set(re.findall(r'data-unit="([^"]+)"', units)) == {"pdx", "pd-fgj"}
    for parent, status in (("平定县", 303), ("盂县", 422), ("", 422)):
        form = {"csrf_token": token, "code": f"t-{status}-{parent}", "name": f"镇{parent}{status}",
                "kind": "township", "parent": parent}  # fmt: skip
        assert client.post("/admin/units", data=form, follow_redirects=False).status_code == status, parent
    assert client.post("/admin/units/nengyuan/disable", data={"csrf_token": token}).status_code == 404
    sheet = client.get("/assignments").text
    assert _ids(r'data-task="(\d+)"', sheet) == {loop.child_pd}
    refused = client.post(
        f"/tasks/{loop.child_pd}/assignment", data={"csrf_token": token, "lead": "市能源局"}
    )
    assert refused.status_code == 422 and "找不到单位" in refused.text
    done = {"csrf_token": token, "lead": "平定县发展和改革局"}
    assert (
        client.post(f"/tasks/{loop.child_pd}/assignment", data=done, follow_redirects=False).status_code
        == 303
    )
    item = {"csrf_token": token, "title": "督办", "lead": "市能源局"}
    assert "找不到单位" in client.post("/items", data=item).text
    upload = {"csrf_token": token, "region": "盂县", "year": "2024"}
    files = {"file": ("yx.txt", SAMPLE_TEXT.encode("utf-8"), "text/plain")}
    assert "只能上传本县" in client.post("/uploads", data=upload, files=files).text
    with database.reader().ledger() as ledger:
        assert (
            ledger.find(User, username="x1") is None and ledger.find(User, username="pd-reporter") is not None
        )
        assert (
            ledger.find(Unit, code="t-303-平定县") is not None
            and ledger.find(Unit, code="t-422-盂县") is None
        )


def test_port_requests_of_a_county(client: TestClient, database: Database, loop: Loop) -> None:
    problems = ["厂区门前道路损坏两年未修，企业货车无法通行。", "小区供暖管网改造承诺年内完成，至今未动工。"]
    codes = [
        file_one(client, problem=problems[0]),
        file_one(client, kind="person", contact="13900139000", problem=problems[1]),
    ]
    with database.ledger(actor="督查室", clock=FixedClock.on(TODAY)) as ledger:
        found = [ledger.find(PublicRequest, code=code) for code in codes]
        ids = [r.id for r in found if r is not None]
        requests.accept(ledger, ids[0], lead="盂县")
        requests.accept(ledger, ids[1], lead="市能源局")
    login(client, "yx-office")
    listed = client.get("/port/requests").text
    assert problems[0] in listed and problems[1] not in listed
    assert client.get(f"/port/requests/{ids[1]}").status_code == 404
    login(client, "office")
    assert all(problem in client.get("/port/requests").text for problem in problems)


def test_the_public_page_of_the_city_and_of_a_county(client: TestClient, seeded: Seeded, loop: Loop) -> None:
    city = {t["id"] for t in client.get("/api/public").json()["tasks"]}
    county = {t["id"] for t in client.get("/api/public", params={"county": "平定县"}).json()["tasks"]}
    assert seeded.solar in city and not {loop.child_pd, loop.child_yx} & city
    assert county == {loop.child_pd}
    page = client.get("/public", params={"county": "盂县"}).text
    assert "<h1>盂县" in page and 'href="/public"' in page
    assert client.get("/api/public", params={"county": "市能源局"}).status_code == 422


def test_extension_requests_and_model_cases_follow_the_scope(
    client: TestClient, database: Database, loop: Loop
) -> None:
    """延期申请 listed by task or item, and unpublished 示范案例, stay inside a county like the rest."""
    with database.ledger(actor="督查室", clock=FixedClock.on(date(2023, 3, 3))) as ledger:
        later = date(2023, 11, 30)  # no later than the parent task's deadline
        mine = request_task_extension(ledger, task_id=loop.child_pd, new_due=later, reason="汛期").id
        theirs = request_task_extension(ledger, task_id=loop.child_yx, new_due=later, reason="汛期").id
        marked = {c: mark(ledger, title=f"经验{c}", summary="做法", unit=c).title for c in ("pdx", "yx")}
    login(client, "pd-office")
    assert {r["id"] for r in client.get("/api/extensions").json()} == {mine}
    assert client.get("/api/extensions", params={"item": loop.items["yx"]}).status_code == 404
    assert client.get("/api/extensions", params={"task": loop.child_yx}).status_code == 404
    listed = client.get("/api/extensions", params={"task": loop.child_pd}).json()
    assert [r["id"] for r in listed] == [mine]
    page = client.get("/cases").text
    assert marked["pdx"] in page and marked["yx"] not in page
    login(client, "office")  # the city's office sees both
    assert {r["id"] for r in client.get("/api/extensions").json()} == {mine, theirs}
    page = client.get("/cases").text
    assert marked["pdx"] in page and marked["yx"] in page


def test_a_countys_office_cannot_close_the_year_or_decide_another_countys_task(
    client: TestClient, loop: Loop
) -> None:
    """年终认定 of another county's task is 404; closing or linking the whole year is the city's."""
    login(client, "pd-office")
    token = csrf_of(client, "/ledger")
    decide = {"csrf_token": token, "task_id": str(loop.child_yx), "decision": "结转"}
    assert client.post("/years/2023/decide", data=decide, follow_redirects=False).status_code == 404
    close = {"csrf_token": token, "as_of": "2023-12-31"}
    refused = client.post("/years/2023/close", data=close, follow_redirects=False)
    assert refused.status_code == 403 and "市级督查室" in refused.text
    assert client.post("/years/2023/links", data={"csrf_token": token}).status_code == 403
    own = {**decide, "task_id": str(loop.child_pd)}
    assert client.post("/years/2023/decide", data=own, follow_redirects=False).status_code == 303
