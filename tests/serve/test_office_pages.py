"""The office runs its year on the web (issue 11, 督查室): upload a report, 分工, units, users, passwords,
the raise form's 配合单位, the 核定 of a self-assessed percentage; each write audited under the
signed-in user, each refused form drawn again with the reason beside the field and the input kept."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from tests.serve.conftest import Browser, Seeded, Units, csrf_of, login

from luoshi.store.db import Database
from luoshi.store.models import AuditEvent, Report, Task, Unit
from luoshi.supervise.progress import ProgressInput, add_progress

FIXTURES = Path(__file__).parents[1] / "fixtures"
COUNTY = FIXTURES / "texts" / "county-2024.txt"  # 2024年某县人民政府工作报告
YEARLESS = FIXTURES / "texts" / "structure-yearless.txt"  # neither region nor year in the text
DOCX = FIXTURES / "heldout2" / "county-qinglan-2024.docx"
OLE_DOC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512  # a Word 97-2003 .doc


def field_error(html: str, name: str) -> str:
    """The message shown beside field ``name`` ("" when none)."""
    found = re.search(rf'<span class="field-error" role="alert" data-field="{name}">([^<]*)</span>', html)
    return found.group(1) if found else ""


def audited(database: Database, entity: str, actor: str) -> int:
    with database.ledger(actor="check") as ledger:
        return sum(1 for e in ledger.all(AuditEvent, entity=entity) if e.actor == actor)


def upload(client: TestClient, data: bytes, name: str, **fields: str) -> tuple[int, str]:
    token = csrf_of(client, "/uploads")
    answer = client.post(
        "/uploads",
        data={"csrf_token": token, **fields},
        files={"file": (name, data, "application/octet-stream")},
    )
    return answer.status_code, answer.text


def test_office_uploads_reports_as_ingest_does(
    client: TestClient, browser: Browser, users: dict[str, str], database: Database
) -> None:
    """A .txt and a .docx are read and stored (audited under the office); the same file again
    changes nothing; a .doc is refused beside the file field with what was typed kept."""
    browser.login("office")
    code, html = upload(client, COUNTY.read_bytes(), "county-2024.txt")
    assert code == 200 and 'data-status="stored"' in html
    assert re.search(r"任务 [1-9]\d* 项", html)
    code, html = upload(client, COUNTY.read_bytes(), "county-2024.txt")
    assert code == 200 and 'data-status="unchanged"' in html
    code, html = upload(client, DOCX.read_bytes(), "county-qinglan-2024.docx")
    assert code == 200 and 'data-status="stored"' in html, field_error(html, "file")
    assert audited(database, "reports", "office") == 2
    code, html = upload(client, OLE_DOC, "旧格式.doc", region="青岚县", due_day="10")
    assert code == 422 and "无法读取" in field_error(html, "file")
    assert 'name="region" maxlength="100" value="青岚县"' in html and 'value="10"' in html
    with database.ledger(actor="check") as ledger:
        assert ledger.count(Report) == 2


def _as(fmt: str) -> tuple[str, bytes]:
    """The county report as an office might have it: a PDF, a Markdown file, a web page."""
    from tests.ingest.pdfgen import make_pdf

    lines = COUNTY.read_text(encoding="utf-8").splitlines()
    if fmt == "pdf":
        wrapped = [line[i : i + 38] for line in lines for i in range(0, len(line), 38)]
        return "county.pdf", make_pdf([wrapped[i : i + 45] for i in range(0, len(wrapped), 45)])
    if fmt == "md":
        return "county.md", ("# " + "\n\n".join(lines)).encode("utf-8")
    body = "".join(f"<p>{line}</p>" for line in lines)
    return "county.html", f"<html><head><title>{lines[0]}</title></head><body>{body}</body></html>".encode()


@pytest.mark.parametrize("fmt", ["pdf", "md", "html"])
def test_upload_reads_every_supported_format(
    client: TestClient, browser: Browser, users: dict[str, str], fmt: str
) -> None:
    browser.login("office")
    name, data = _as(fmt)
    code, html = upload(client, data, name)
    assert code == 200 and 'data-status="stored"' in html, field_error(html, "file")
    assert re.search(r"任务 [1-9]\d* 项", html)


def test_upload_is_size_capped(client: TestClient, browser: Browser, users: dict[str, str]) -> None:
    from luoshi.serve.pages.uploads import MAX_REPORT_BYTES

    browser.login("office")
    code, html = upload(client, b"a" * (MAX_REPORT_BYTES + 1), "huge.txt", region="某县")
    assert code == 422 and "文件过大" in field_error(html, "file") and 'value="某县"' in html


def test_upload_without_region_or_year_asks_for_them(
    client: TestClient, browser: Browser, users: dict[str, str], database: Database
) -> None:
    browser.login("office")
    code, html = upload(client, YEARLESS.read_bytes(), "yearless.txt", year="20x4")
    assert code == 422 and "四位数字" in field_error(html, "year")
    code, html = upload(client, YEARLESS.read_bytes(), "yearless.txt")
    assert code == 422 and "地区和年份" in field_error(html, "region")
    code, html = upload(client, YEARLESS.read_bytes(), "yearless.txt", region="某县", year="2023")
    assert code == 200 and 'data-status="stored"' in html


ADMIN_PAGES = ["/office", "/uploads", "/assignments", "/admin/units", "/admin/users", "/tasks/1/assignment"]
ADMIN_FORMS = [
    "/uploads", "/assignments/auto", "/assignments/confirm", "/tasks/1/assignment", "/admin/units",
    "/admin/units/nengyuan/edit", "/admin/units/nengyuan/disable", "/admin/users",
    "/admin/users/office/password", "/progress/1/check",
]  # fmt: skip


@pytest.mark.parametrize("username", ["energy", "leader"])
def test_reporters_and_leaders_cannot_reach_the_office_forms(
    client: TestClient, browser: Browser, users: dict[str, str], seeded: Seeded, username: str
) -> None:
    browser.login(username)
    token = csrf_of(client, "/account/password")
    for path in ADMIN_PAGES:
        assert client.get(path).status_code == 403, path
    for path in ADMIN_FORMS:
        data = {"csrf_token": token, "report": "1", "lead": "市教育局", "code": "x", "name": "x"}
        assert client.post(path, data=data).status_code == 403, path


def test_the_public_is_sent_to_sign_in(client: TestClient, users: dict[str, str]) -> None:
    for path in [*ADMIN_PAGES, "/account/password"]:
        answer = client.get(path, follow_redirects=False)
        assert answer.status_code == 303 and answer.headers["location"].startswith("/login"), path


def test_assignments_proposed_confirmed_and_edited(
    client: TestClient, browser: Browser, users: dict[str, str], units: Units, database: Database
) -> None:
    """自动建议 (assign --auto), 确认 some then all (assign --confirm), 修改 (assign TASK --lead --co)."""
    with database.ledger(actor="tester") as ledger:
        ledger.add(Unit(code="nongye", name="县农业农村局", kind="department", keywords=["农田", "合作社"]))
        ledger.add(Unit(code="jiaotong", name="县交通运输局", kind="department", keywords=["公路", "停车位"]))
    browser.login("office")
    _, html = upload(client, COUNTY.read_bytes(), "county-2024.txt")
    report_id = int(re.search(r'data-report="(\d+)"', html).group(1))  # type: ignore[union-attr]
    token = csrf_of(client, f"/assignments?report={report_id}")
    client.post("/assignments/auto", data={"csrf_token": token, "report": str(report_id)})
    page = client.get(f"/assignments?report={report_id}&status=proposed").text
    proposed = [int(t) for t in re.findall(r'data-task="(\d+)" data-status="proposed"', page)]
    assert len(proposed) >= 2 and "县农业农村局" in page
    client.post(
        "/assignments/confirm", data={"csrf_token": token, "report": str(report_id), "task": proposed[0]}
    )
    page = client.get(f"/assignments?report={report_id}").text
    assert f'data-task="{proposed[0]}" data-status="confirmed"' in page
    assert f'data-task="{proposed[1]}" data-status="proposed"' in page
    answer = client.post(
        f"/tasks/{proposed[1]}/assignment", data={"csrf_token": token, "lead": "市教育局", "co": "市教育局"}
    )
    assert answer.status_code == 422 and "不能同时配合" in field_error(answer.text, "co")
    assert '<option value="市教育局" selected>' in answer.text  # the lead as chosen
    answer = client.post(
        f"/tasks/{proposed[1]}/assignment",
        data={"csrf_token": token, "lead": "县交通运输局", "co": ["市教育局", "县农业农村局"]},
        follow_redirects=False,
    )
    assert answer.status_code == 303
    client.post("/assignments/confirm", data={"csrf_token": token, "report": str(report_id)})
    page = client.get(f"/assignments?report={report_id}").text
    assert 'data-status="proposed"' not in page
    with database.ledger(actor="check") as ledger:
        task = ledger.get(Task, proposed[1])
        roles = {(a.unit.name, a.role, a.confirmed, a.confirmed_by) for a in task.assignments}
    assert roles == {("县交通运输局", "lead", True, "office"), ("市教育局", "co", True, "office"),
                     ("县农业农村局", "co", True, "office")}  # fmt: skip
    assert audited(database, "assignments", "office") > 0


def test_units_added_renamed_aliased_disabled(
    client: TestClient, browser: Browser, users: dict[str, str], database: Database
) -> None:
    browser.login("office")
    token = csrf_of(client, "/admin/units")
    new = {
        "csrf_token": token,
        "code": "shuiwu",
        "name": "市水务局",
        "kind": "department",
        "aliases": "水务局",
    }
    assert client.post("/admin/units", data=new, follow_redirects=False).status_code == 303
    again = client.post("/admin/units", data={**new, "name": "市水利局"})
    assert again.status_code == 422 and "已存在" in field_error(again.text, "code")
    assert 'value="市水利局"' in again.text  # kept
    renamed = {"csrf_token": token, "name": "市水利局", "aliases": "水务局；水利局"}
    assert client.post("/admin/units/shuiwu/edit", data=renamed, follow_redirects=False).status_code == 303
    with database.ledger(actor="check") as ledger:
        unit = ledger.find(Unit, code="shuiwu")
        assert unit is not None and unit.name == "市水利局"
        assert set(unit.aliases) == {"水务局", "水利局", "市水务局"}  # the old name still finds it
    clash = client.post(
        "/admin/units/shuiwu/edit", data={"csrf_token": token, "name": "市能源局", "aliases": ""}
    )
    assert clash.status_code == 422 and "已被 市能源局 使用" in clash.text
    assert client.post("/admin/units/shuiwu/disable", data={"csrf_token": token}).status_code == 200
    assert '<option value="市水利局"' not in client.get("/items").text  # no longer offered
    assert audited(database, "units", "office") == 3  # added, renamed, disabled


def test_users_added_reset_and_own_password(
    client: TestClient, browser: Browser, users: dict[str, str], database: Database
) -> None:
    browser.login("office")
    token = csrf_of(client, "/admin/users")
    missing = client.post(
        "/admin/users", data={"csrf_token": token, "username": "shuili", "role": "reporter"}
    )
    assert missing.status_code == 422 and "所属单位" in field_error(missing.text, "unit")
    assert 'value="shuili"' in missing.text
    added = client.post(
        "/admin/users",
        data={"csrf_token": token, "username": "shuili", "role": "reporter", "unit": "市能源局"},
    )
    shown = re.search(r"<code>([^<]+)</code>（只显示这一次", added.text)
    assert added.status_code == 200 and shown
    reset = client.post("/admin/users/shuili/password", data={"csrf_token": token})
    again = re.search(r"<code>([^<]+)</code>（只显示这一次", reset.text)
    assert again and again.group(1) != shown.group(1)
    assert audited(database, "users", "office") >= 2

    with TestClient(client.app, base_url="http://testserver") as reporter:
        login(reporter, "shuili", again.group(1))
        token = csrf_of(reporter, "/account/password")
        wrong = reporter.post(
            "/account/password",
            data={"csrf_token": token, "current": "nope", "new": "x" * 12, "again": "x" * 12},
        )
        assert wrong.status_code == 422 and "不正确" in field_error(wrong.text, "current")
        done = reporter.post(
            "/account/password",
            data={
                "csrf_token": token,
                "current": again.group(1),
                "new": "new-password-2023",
                "again": "new-password-2023",
            },
        )
        assert done.status_code == 200 and 'id="password-done"' in done.text
        assert reporter.get("/my-unit").status_code == 200  # still signed in
    with TestClient(client.app, base_url="http://testserver") as fresh:
        login(fresh, "shuili", "new-password-2023")


def test_raise_with_co_units_and_errors_beside_the_field(
    client: TestClient, browser: Browser, users: dict[str, str], seeded: Seeded
) -> None:
    browser.login("office")
    token = csrf_of(client, "/items")
    form = {
        "csrf_token": token,
        "title": "充电站选址滞后",
        "lead": "市能源局",
        "co": "无此单位",
        "detail": "三处未落地",
    }
    refused = client.post("/items", data=form)
    assert refused.status_code == 422 and "找不到单位" in field_error(refused.text, "co")
    assert 'value="充电站选址滞后"' in refused.text and "三处未落地</textarea>" in refused.text
    answer = client.post("/items", data={**form, "co": "市教育局"})
    assert "<tr><th>配合单位</th><td>市教育局</td></tr>" in answer.text


def test_evidence_of_the_wrong_type_is_named_beside_the_file_field(
    client: TestClient, browser: Browser, users: dict[str, str], seeded: Seeded
) -> None:
    browser.login("energy")
    token = csrf_of(client, f"/tasks/{seeded.solar}")
    answer = client.post(
        f"/tasks/{seeded.solar}/progress",
        data={"csrf_token": token, "value": "60", "narrative": "已并网 60 万千瓦"},
        files={"files": ("方案.doc", OLE_DOC, "application/msword")},
    )
    assert answer.status_code == 422 and "不支持的文件类型" in field_error(answer.text, "files")
    assert "已并网 60 万千瓦</textarea>" in answer.text and 'name="value" value="60"' in answer.text
    assert "返回首页" not in answer.text


def test_office_checks_a_self_assessed_percentage(
    client: TestClient,
    browser: Browser,
    users: dict[str, str],
    units: Units,
    database: Database,
    tmp_path: Path,
) -> None:
    """核定 (issue 9): blank accepts the unit's figure; a different one needs a reason; both audited."""
    browser.login("office")
    upload(client, COUNTY.read_bytes(), "county-2024.txt")
    with database.ledger(actor="energy") as ledger:
        task = next(t for t in ledger.all(Task, order_by="id") if t.target_value is None)
        report = add_progress(
            ledger, task_id=task.id, entry=ProgressInput(percent=40, narrative="完成四成"), reporter="energy",
            evidence_dir=tmp_path,
        )  # fmt: skip
        task_id, report_id = task.id, report.id
    token = csrf_of(client, f"/tasks/{task_id}")
    assert f'id="check-{report_id}"' in client.get(f"/tasks/{task_id}").text
    refused = client.post(f"/progress/{report_id}/check", data={"csrf_token": token, "percent": "30"})
    assert refused.status_code == 422 and "须写明理由" in field_error(refused.text, "reason")
    assert 'name="percent" size="6" value="30"' in refused.text
    answer = client.post(
        f"/progress/{report_id}/check", data={"csrf_token": token, "percent": "30", "reason": "现场核查"}
    )
    assert 'data-checked="30"' in answer.text and "理由：现场核查" in answer.text
    client.post(f"/progress/{report_id}/check", data={"csrf_token": token})  # accept the unit's own 40
    assert 'data-checked="40"' in client.get(f"/tasks/{task_id}").text
    assert audited(database, "progress_reports", "office") == 2
