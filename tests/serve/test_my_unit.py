"""我的单位: the to-do box (reports due this week, items waiting for the unit, returns to redo) and
several tasks' progress in one form (all or nothing, errors beside their rows, input kept)."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from fastapi.testclient import TestClient
from tests.serve.conftest import TODAY

from luoshi.clock import FixedClock
from luoshi.store.db import Database
from luoshi.store.models import ProgressReport
from luoshi.supervise.items import EventKind
from luoshi.supervise.orders import raise_order, record, request_closure

if TYPE_CHECKING:
    from tests.serve.conftest import Browser, Seeded

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def section(html: str, ident: str) -> str:
    found = re.search(rf'<section class="card" id="{ident}">(.*?)</section>', html, re.S)
    assert found, ident
    return found.group(1)


def reports_of(database: Database, task_id: int) -> list[tuple[str, int, str]]:
    """A task's reports: (narrative, evidence files, reporter)."""
    with database.reader().ledger() as ledger:
        return [
            (p.narrative, len(p.evidence), p.reporter) for p in ledger.all(ProgressReport, task_id=task_id)
        ]


def raise_item(database: Database, title: str, *, returned: bool = False) -> int:
    """An item led by 市能源局 raised a week ago; ``returned``: answered, then sent back."""
    with database.ledger(actor="office", clock=FixedClock.on(TODAY)) as ledger:
        day = TODAY.replace(day=TODAY.day - 7)
        order = raise_order(ledger, title=title, lead="市能源局", on=day)
        if returned:
            record(ledger, order.id, EventKind.DEPLOYED, on=day)
            record(ledger, order.id, EventKind.RESPONDED, note="已办理", on=day)
            request_closure(ledger, order.id, note="已解决", on=day)
            record(ledger, order.id, EventKind.RETURNED, note="佐证不足", on=TODAY)
        return order.id


Upload = tuple[str, tuple[str, bytes, str]]  # field name, (file name, bytes, media type)


def batch(client: TestClient, browser: Browser, rows: dict[int, dict[str, str]], files: list[Upload]) -> str:
    """Post the form; the answer's status and page."""
    data: dict[str, object] = {"csrf_token": browser.csrf("/my-unit"), "task": [str(t) for t in rows]}
    for task_id, fields in rows.items():
        data.update({f"{name}-{task_id}": value for name, value in fields.items()})
    response = client.post("/my-unit/progress", data=data, files=files, follow_redirects=False)
    return f"{response.status_code}\n{response.text}"


def test_the_to_do_box_links_reports_due_items_waiting_and_returns(
    client: TestClient, browser: Browser, users: dict[str, str], seeded: Seeded, database: Database
) -> None:
    waiting = raise_item(database, "光伏并网指标不足")
    sent_back = raise_item(database, "充电桩选址协调", returned=True)
    browser.login("energy")
    html = client.get("/my-unit").text
    reports = section(html, "todo-reports")
    assert (
        f'<a href="/tasks/{seeded.solar}">' in reports and f'<a href="/tasks/{seeded.charging}">' in reports
    )
    assert f'href="/tasks/{seeded.schools}"' not in reports  # another unit's task
    items = section(html, "todo-items")
    assert f'<a href="/items/{waiting}">光伏并网指标不足</a>' in items and "待研究部署" in items
    assert "超期" in items  # raised a week ago, never deployed
    assert f'<a href="/items/{sent_back}">' in section(html, "todo-returned")
    assert f'<a href="/items/{sent_back}">' not in items
    assert 'data-todo="4"' in html and 'id="batch-form"' in html
    browser.login("teacher")
    other = client.get("/my-unit").text
    assert f'href="/items/{waiting}"' not in other and f'href="/tasks/{seeded.schools}"' in other


def test_several_tasks_progress_in_one_form(
    client: TestClient, browser: Browser, users: dict[str, str], seeded: Seeded, database: Database
) -> None:
    browser.login("energy")
    rows = {
        seeded.solar: {"value": "30", "narrative": "新增并网30万千瓦"},
        seeded.charging: {"value": "", "narrative": "", "done": ""},  # blank: left out
    }
    files = [(f"evidence-{seeded.solar}", ("并网验收.png", PNG, "image/png"))]
    sent = batch(client, browser, rows, files)
    assert sent.startswith("303"), sent
    assert reports_of(database, seeded.solar) == [("新增并网30万千瓦", 1, "energy")]
    assert reports_of(database, seeded.charging) == []
    html = client.get("/my-unit?saved=1").text
    assert "已保存 1 项进展" in html
    assert f'href="/tasks/{seeded.solar}"' not in section(html, "todo-reports")  # filed: off the list


def test_a_bad_row_saves_nothing_and_is_named_beside_the_row_with_input_kept(
    client: TestClient, browser: Browser, users: dict[str, str], seeded: Seeded, database: Database
) -> None:
    browser.login("energy")
    rows = {
        seeded.solar: {"value": "30", "narrative": "新增并网30万千瓦"},
        seeded.charging: {"value": "六座", "narrative": "已建成充电站"},
    }
    sent = batch(client, browser, rows, [])
    assert sent.startswith("422"), sent[:200]
    assert reports_of(database, seeded.solar) == [] and reports_of(database, seeded.charging) == []
    row = re.search(rf'<tr data-task="{seeded.charging}" class="row-error">(.*?)</tr>', sent, re.S)
    assert row and "“六座”不是数字" in row.group(1) and 'value="六座"' in row.group(1)
    kept = re.search(rf'<tr data-task="{seeded.solar}">(.*?)</tr>', sent.split('id="batch-form"')[1], re.S)
    assert kept and 'value="30"' in kept.group(1) and "新增并网30万千瓦</textarea>" in kept.group(1)
    assert "未保存任何进展" in sent


def test_evidence_rules_hold_in_the_batch_form(
    client: TestClient, browser: Browser, users: dict[str, str], seeded: Seeded, database: Database
) -> None:
    browser.login("energy")
    rows = {seeded.solar: {"value": "30"}, seeded.charging: {"value": "6"}}
    files = [(f"evidence-{seeded.charging}", ("说明.doc", b"\xd0\xcf\x11\xe0old word", "application/msword"))]
    sent = batch(client, browser, rows, files)
    assert sent.startswith("422")
    row = re.search(rf'<tr data-task="{seeded.charging}" class="row-error">(.*?)</tr>', sent, re.S)
    assert row and "不支持的文件类型" in row.group(1)
    assert reports_of(database, seeded.solar) == []


def test_another_units_task_and_an_empty_form_are_refused(
    client: TestClient, browser: Browser, users: dict[str, str], seeded: Seeded, database: Database
) -> None:
    browser.login("energy")
    sent = batch(client, browser, {seeded.schools: {"narrative": "越权填报"}}, [])
    assert sent.startswith("422") and "无权执行此操作" in sent
    assert reports_of(database, seeded.schools) == []
    empty = batch(client, browser, {seeded.solar: {"value": " "}}, [])
    assert empty.startswith("422") and "没有填写任何进展" in empty
