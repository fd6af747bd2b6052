"""Task pages: progress with evidence changes the derived status; unit users stay in their lane."""

from __future__ import annotations

import io
from typing import TYPE_CHECKING

import pytest
from fastapi.testclient import TestClient
from httpx import Response
from openpyxl import Workbook, load_workbook
from sqlalchemy import text

from luoshi.store.db import Database

if TYPE_CHECKING:
    from httpx import Response
    from tests.serve.conftest import Browser, Seeded

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
JUNE = "as_of=2023-06-15"


def post_progress(client: TestClient, browser: Browser, task_id: int, **fields: str) -> Response:
    token = browser.csrf(f"/tasks/{task_id}")
    files = [("files", ("照片.png", PNG, "image/png"))]
    data = {"csrf_token": token, **fields}
    url = f"/tasks/{task_id}/progress"
    response: Response = client.post(url, data=data, files=files, follow_redirects=False)
    return response


def state_of(client: TestClient, task_id: int, as_of: str = JUNE) -> tuple[str, str]:
    row = next(r for r in client.get(f"/api/tasks?{as_of}").json()["items"] if r["id"] == task_id)
    return row["state"], row["colour"]


def test_progress_with_evidence_moves_status(
    client: TestClient, browser: Browser, users: dict[str, str], seeded: Seeded
) -> None:
    browser.login("energy")
    assert state_of(client, seeded.solar) == ("missing", "orange")  # 缺报: mid-June, nothing reported
    response = post_progress(client, browser, seeded.solar, value="60", narrative="已并网 60 万千瓦")
    assert response.status_code == 303
    assert state_of(client, seeded.solar) == ("on_track", "green")
    html = client.get(f"/tasks/{seeded.solar}").text
    assert "已并网 60 万千瓦" in html and "照片.png" in html
    link = html.split('href="/evidence/')[1].split('"')[0]
    download = client.get(f"/evidence/{link}")
    assert download.content == PNG
    assert "attachment" in download.headers["content-disposition"]


def test_unit_user_cannot_touch_another_units_task(
    client: TestClient, browser: Browser, users: dict[str, str], seeded: Seeded
) -> None:
    browser.login("teacher")  # 市教育局: leads schools, co-unit on charging, nothing to do with solar
    assert 'id="progress-form"' not in client.get(f"/tasks/{seeded.solar}").text
    token = browser.csrf(f"/tasks/{seeded.solar}")
    refused = client.post(
        f"/tasks/{seeded.solar}/progress", data={"csrf_token": token, "value": "99"}, follow_redirects=False
    )
    assert refused.status_code == 403
    assert client.get(f"/api/tasks?{JUNE}").json()["items"][0]["latest_value"] is None
    allowed = client.post(
        f"/tasks/{seeded.charging}/progress", data={"csrf_token": token, "value": "3"}, follow_redirects=False
    )
    assert allowed.status_code == 303  # co-units report too
    for guess in (seeded.solar, 999):
        response = client.post(f"/tasks/{guess}/progress", data={"csrf_token": token, "value": "1"})
        assert response.status_code in (403, 404)


def test_leader_reads_but_cannot_write(
    client: TestClient, browser: Browser, users: dict[str, str], seeded: Seeded
) -> None:
    browser.login("leader")
    assert client.get(f"/tasks/{seeded.solar}").status_code == 200
    token = browser.csrf(f"/tasks/{seeded.solar}")
    response = client.post(f"/tasks/{seeded.solar}/progress", data={"csrf_token": token, "value": "1"})
    assert response.status_code == 403


def test_progress_without_csrf_is_refused(
    client: TestClient, browser: Browser, users: dict[str, str], seeded: Seeded
) -> None:
    browser.login("office")
    response = client.post(f"/tasks/{seeded.solar}/progress", data={"value": "1"})
    assert response.status_code == 403


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("virus.exe", b"MZ\x90\x00" + b"\x00" * 100, "不支持的文件类型"),
        ("fake.pdf", PNG, "与扩展名不符"),
    ],
)
def test_wrong_type_uploads_are_refused(
    client: TestClient,
    browser: Browser,
    users: dict[str, str],
    seeded: Seeded,
    name: str,
    content: bytes,
    message: str,
) -> None:
    browser.login("office")
    token = browser.csrf(f"/tasks/{seeded.solar}")
    response = client.post(
        f"/tasks/{seeded.solar}/progress",
        data={"csrf_token": token, "value": "5"},
        files=[("files", (name, content, "application/octet-stream"))],
    )
    assert response.status_code == 422 and message in response.text
    assert client.get(f"/api/tasks?{JUNE}").json()["items"][0]["reports"] == 0  # nothing kept


def test_oversize_upload_is_refused(
    client: TestClient, browser: Browser, users: dict[str, str], seeded: Seeded
) -> None:
    browser.login("office")
    token = browser.csrf(f"/tasks/{seeded.solar}")
    big = b"%PDF-" + b"0" * (26 * 1024 * 1024)
    response = client.post(
        f"/tasks/{seeded.solar}/progress",
        data={"csrf_token": token, "value": "5"},
        files=[("files", ("big.pdf", big, "application/pdf"))],
    )
    assert response.status_code == 413


def test_evidence_of_another_unit_is_not_served(
    client: TestClient, browser: Browser, users: dict[str, str], seeded: Seeded
) -> None:
    browser.login("energy")
    post_progress(client, browser, seeded.solar, value="10")
    link = client.get(f"/tasks/{seeded.solar}").text.split('href="/evidence/')[1].split('"')[0]
    client.cookies.clear()
    browser.login("teacher")
    assert client.get(f"/evidence/{link}").status_code == 403
    client.cookies.clear()
    assert client.get(f"/evidence/{link}", follow_redirects=False).status_code == 303  # public → login


def test_public_page_shows_status_without_internal_notes(
    client: TestClient, browser: Browser, users: dict[str, str], seeded: Seeded
) -> None:
    browser.login("energy")
    post_progress(client, browser, seeded.solar, value="10", narrative="内部说明", problems="资金缺口")
    client.cookies.clear()
    html = client.get("/public").text
    assert "新增光伏装机100万千瓦" in html
    assert "内部说明" not in html and "资金缺口" not in html and "energy" not in html
    data = client.get("/api/public").json()
    assert "narrative" not in str(data) and data["headlines"][0]["text"] == "新增光伏装机100万千瓦"


def test_my_unit(client: TestClient, browser: Browser, users: dict[str, str], seeded: Seeded) -> None:
    browser.login("teacher")
    html = client.get("/my-unit?as_of=2023-09-15").text
    assert "市教育局" in html
    assert f'data-task="{seeded.charging}"' in html and f'data-task="{seeded.solar}"' not in html
    browser.login("office")
    assert client.get("/my-unit").status_code == 404  # the office has no unit


def test_import_applies_all_or_nothing(
    client: TestClient, browser: Browser, users: dict[str, str], seeded: Seeded
) -> None:
    browser.login("energy")
    exported = load_workbook(io.BytesIO(client.get("/ledger/export.xlsx").content))
    sheet = exported.active
    header = [c.value for c in sheet[1]]
    value_col, narrative_col = header.index("本期完成值") + 1, header.index("进展情况") + 1
    by_id = {sheet.cell(row, 1).value: row for row in range(2, sheet.max_row + 1)}
    sheet.cell(by_id[seeded.solar], value_col, 40)
    sheet.cell(by_id[seeded.schools], value_col, 2)  # not the reporter's unit
    sheet.cell(by_id[seeded.charging], narrative_col, "选址完成")
    refused = upload(client, browser, exported)
    assert refused.status_code == 422 and "不属于本单位" in refused.text
    assert client.get(f"/api/tasks?{JUNE}").json()["items"][0]["reports"] == 0
    sheet.cell(by_id[seeded.schools], value_col).value = None
    sheet.cell(by_id[seeded.charging], value_col, "很多")
    bad_number = upload(client, browser, exported)
    assert bad_number.status_code == 422 and "不是数字" in bad_number.text
    sheet.cell(by_id[seeded.charging], value_col).value = None
    applied = upload(client, browser, exported)
    assert applied.status_code == 200 and 'id="import-ok"' in applied.text, applied.text[-800:]
    rows = {r["id"]: r for r in client.get(f"/api/tasks?{JUNE}").json()["items"]}
    assert rows[seeded.solar]["latest_value"] == 40 and rows[seeded.charging]["reports"] == 1


def test_import_of_a_foreign_file_is_refused(
    client: TestClient, browser: Browser, users: dict[str, str], seeded: Seeded
) -> None:
    browser.login("office")
    book = Workbook()
    book.active.append(["随便", "什么"])
    assert upload(client, browser, book).status_code == 422
    token = browser.csrf("/ledger")
    junk = client.post("/ledger/import", data={"csrf_token": token}, files={"file": ("x.xlsx", b"not a zip")})
    assert junk.status_code == 422 and "无法读取" in junk.text


def upload(client: TestClient, browser: Browser, book: Workbook) -> Response:
    out = io.BytesIO()
    book.save(out)
    token = browser.csrf("/ledger")
    response: Response = client.post(
        "/ledger/import", data={"csrf_token": token}, files={"file": ("taizhang.xlsx", out.getvalue())}
    )
    return response


def test_finished_task_is_accepted_by_the_office_only(
    client: TestClient, browser: Browser, users: dict[str, str], seeded: Seeded
) -> None:
    browser.login("energy")
    post_progress(client, browser, seeded.solar, value="100", narrative="全部并网", done="true")
    assert state_of(client, seeded.solar) == ("done", "green")
    token = browser.csrf(f"/tasks/{seeded.solar}")
    refused = client.post(f"/tasks/{seeded.solar}/accept", data={"csrf_token": token, "grade": "优秀"})
    assert refused.status_code == 403
    client.cookies.clear()
    browser.login("office")
    html = client.get(f"/tasks/{seeded.solar}").text
    assert 'id="accept-form"' in html
    token = browser.csrf(f"/tasks/{seeded.solar}")
    early = client.post(f"/tasks/{seeded.schools}/accept", data={"csrf_token": token, "grade": "优秀"})
    assert early.status_code == 422  # nothing reported done there
    done = client.post(
        f"/tasks/{seeded.solar}/accept", data={"csrf_token": token, "grade": "优秀"}, follow_redirects=False
    )
    assert done.status_code == 303
    detail = client.get(f"/api/tasks/{seeded.solar}").json()
    assert detail["row"]["state"] == "closed" and detail["row"]["grade"] == "优秀"
    assert any(e["kind"] == "验收销号" for e in detail["timeline"])
    again = client.post(
        f"/api/tasks/{seeded.solar}/accept", json={"grade": "良好"}, headers={"X-CSRF-Token": token}
    )
    assert again.status_code == 409


def test_evidence_download_cannot_leave_the_data_folder(
    client: TestClient, browser: Browser, database: Database, users: dict[str, str], seeded: Seeded
) -> None:
    browser.login("office")
    post_progress(client, browser, seeded.solar, value="10")
    evidence_id = int(client.get(f"/tasks/{seeded.solar}").text.split('href="/evidence/')[1].split('"')[0])
    for poisoned in ("../../../../etc/passwd", "/etc/passwd", "0" * 63 + "/", "..%2f..%2fsecret_key"):
        with database.engine.begin() as conn:  # a row tampered with behind the app's back
            conn.execute(
                text("UPDATE evidence SET sha256 = :s WHERE id = :i"), {"s": poisoned, "i": evidence_id}
            )
        response = client.get(f"/evidence/{evidence_id}")
        assert response.status_code == 404, poisoned
        assert b"root:" not in response.content
    assert client.get("/evidence/..%2f..%2fsecret_key").status_code in (404, 422)
    assert client.get("/static/../secret_key").status_code == 404


def test_office_returns_a_finished_task_with_a_reason(
    client: TestClient, browser: Browser, users: dict[str, str], seeded: Seeded
) -> None:
    browser.login("energy")
    post_progress(client, browser, seeded.solar, value="100", narrative="全部并网", done="true")
    token = browser.csrf(f"/tasks/{seeded.solar}")
    refused = client.post(f"/tasks/{seeded.solar}/return", data={"csrf_token": token, "reason": "不全"})
    assert refused.status_code == 403 and 'id="return-form"' not in client.get(f"/tasks/{seeded.solar}").text
    client.cookies.clear()
    browser.login("leader")
    token = browser.csrf(f"/tasks/{seeded.solar}")
    assert (
        client.post(f"/tasks/{seeded.solar}/return", data={"csrf_token": token, "reason": "x"}).status_code
        == 403
    )
    client.cookies.clear()
    browser.login("office")
    assert 'id="return-form"' in client.get(f"/tasks/{seeded.solar}").text
    token = browser.csrf(f"/tasks/{seeded.solar}")
    no_csrf = client.post(f"/tasks/{seeded.solar}/return", data={"reason": "不全"})
    assert no_csrf.status_code == 403
    blank = client.post(f"/tasks/{seeded.solar}/return", data={"csrf_token": token, "reason": " "})
    assert blank.status_code == 422
    sent = client.post(
        f"/tasks/{seeded.solar}/return", data={"csrf_token": token, "reason": "并网<b>验收</b>报告缺失"},
        follow_redirects=False,
    )  # fmt: skip
    assert sent.status_code == 303
    detail = client.get(f"/api/tasks/{seeded.solar}").json()
    assert detail["row"]["state"] != "done" and detail["row"]["returned_on"]
    assert any(e["kind"] == "退回" and "验收</b>报告缺失" in e["text"] for e in detail["timeline"])
    html = client.get(f"/tasks/{seeded.solar}").text
    assert "已退回" in html and "&lt;b&gt;验收" in html and 'id="accept-form"' not in html
    api_again = client.post(
        f"/api/tasks/{seeded.solar}/return", json={"reason": "再退"}, headers={"X-CSRF-Token": token}
    )
    assert api_again.status_code == 422  # not reported done since the return
    client.cookies.clear()
    browser.login("energy")
    mine = client.get("/my-unit").text
    assert (
        "被退回的任务" in mine
        and f'data-task="{seeded.solar}"' in mine.split("被退回的任务")[1].split("</section>")[0]
    )
    post_progress(client, browser, seeded.solar, value="100", narrative="已补充验收报告", done="true")
    assert client.get(f"/api/tasks/{seeded.solar}").json()["row"]["state"] == "done"
    assert (
        f'data-task="{seeded.solar}"'
        not in client.get("/my-unit").text.split("被退回的任务")[1].split("</section>")[0]
    )


def test_progress_form_says_the_unit_and_refuses_a_value_of_the_wrong_magnitude(
    client: TestClient, browser: Browser, users: dict[str, str], seeded: Seeded
) -> None:
    """The form asks for 完成值（万千瓦…）; 600000 against 100万千瓦 (typed as if in 千瓦) is a 422 with
    one Chinese line and nothing is stored."""
    browser.login("energy")
    assert "完成值（万千瓦" in client.get(f"/tasks/{seeded.solar}").text
    response = post_progress(client, browser, seeded.solar, value="600000", narrative="并网")
    assert response.status_code == 422 and "量级不符" in response.text
    solar = next(r for r in client.get(f"/api/tasks?{JUNE}").json()["items"] if r["id"] == seeded.solar)
    assert solar["reports"] == 0


def test_a_task_page_reads_its_task_in_a_few_statements_and_shows_every_report(
    client: TestClient, browser: Browser, users: dict[str, str], seeded: Seeded, database: Database
) -> None:
    """The task with its milestones and report, then its reports with their evidence, are two
    queries; the header's facts come from the page's own unit of work; its levels' units are kept."""
    from sqlalchemy import event

    browser.login("energy")
    for value, note in (("30", "一期并网"), ("60", "二期并网")):
        assert post_progress(client, browser, seeded.solar, value=value, narrative=note).status_code == 303
    client.cookies.clear()
    browser.login("office")
    first = client.get(f"/tasks/{seeded.solar}").text  # the first view reads what is kept per version
    statements: list[str] = []

    def count(conn: object, cursor: object, statement: str, *args: object) -> None:
        if statement.startswith("SELECT"):  # SQLite's BEGIN is sent as a statement here
            statements.append(statement)

    event.listen(database.engine, "before_cursor_execute", count)
    try:
        again = client.get(f"/tasks/{seeded.solar}").text
    finally:
        event.remove(database.engine, "before_cursor_execute", count)
    assert len(statements) <= 9, statements  # 14 before (one per relationship, a second unit of work)
    for html in (first, again):
        assert "一期并网" in html and "二期并网" in html and html.count("照片.png") == 2
        timeline = html.split('<ul class="timeline">')[1]
        assert timeline.index("完成值 30") < timeline.index("完成值 60")  # in the order reported
