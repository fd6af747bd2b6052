"""The whole loop in real headless Chromium: sign in, see the charts drawn, report progress with
evidence, watch the status and colour change, raise and accept a supervision item, return the
finished task with a reason, have the unit answer it, accept it (销号), export the ledger and import
it back."""

from __future__ import annotations

import io
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

import pytest
from openpyxl import load_workbook
from playwright.sync_api import expect
from tests.browser.conftest import sign_in, sign_out

if TYPE_CHECKING:
    from tests.browser.conftest import Site

pytestmark = [pytest.mark.browser, pytest.mark.slow]
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def status(page: Any) -> tuple[str, str]:
    badge = page.locator("#task-status .badge").first
    return badge.get_attribute("data-state"), badge.get_attribute("data-colour")


def test_dashboard_charts_are_drawn(site: Site, chromium: Any) -> None:
    page = chromium.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    sign_in(page, site.url, "office")
    page.wait_for_selector("body[data-charts='4']", timeout=15000)
    for chart in ("chart-sections", "chart-pace", "chart-units"):
        drawn = page.evaluate(
            """id => { const c = document.querySelector('#' + id + ' canvas');
                       if (!c || c.width === 0) return 0;
                       const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
                       let n = 0; for (let i = 3; i < d.length; i += 4) if (d[i] > 0) n++;
                       return n; }""",
            chart,
        )
        assert drawn > 500, f"{chart} drew {drawn} pixels"
    assert errors == []
    page.set_viewport_size({"width": 375, "height": 800})  # a phone
    page.goto(f"{site.url}/ledger")
    assert page.evaluate("document.documentElement.scrollWidth") <= 375 + 1
    assert page.inner_text("#ledger-total") == "3"
    page.fill("input[name=q]", "学校")  # htmx swaps the table in place and keeps the URL in step
    expect(page.locator("#ledger-total")).to_have_text("1")
    assert "q=" in page.url
    page.goto(f"{site.url}/docs")  # the API documentation renders from vendored files
    page.wait_for_selector(".swagger-ui .opblock", timeout=15000)


def test_progress_item_and_ledger_round_trip(site: Site, chromium: Any, tmp_path: Path) -> None:
    solar, charging, _ = site.tasks
    page = chromium.new_page(accept_downloads=True)
    sign_in(page, site.url, "energy", then=f"/tasks/{solar}")
    assert status(page) == ("missing", "orange")  # 缺报: mid-June and nothing reported
    page.fill("#progress-form input[name=value]", "60")
    page.fill("#progress-form textarea[name=narrative]", "已并网 60 万千瓦")
    page.fill("#progress-form textarea[name=problems]", "并网指标不足")
    page.set_input_files(
        "#progress-form input[name=files]", {"name": "现场.png", "mimeType": "image/png", "buffer": PNG}
    )
    page.click("#progress-form button[type=submit]")
    page.wait_for_url(f"**/tasks/{solar}?saved=1")
    assert status(page) == ("on_track", "green")
    assert page.locator("#progress-table a", has_text="现场.png").count() == 1
    sign_out(page)

    sign_in(page, site.url, "office", then=f"/tasks/{solar}")
    assert page.input_value("#raise-item input[name=title]") == "并网指标不足"
    page.click("#raise-item button[type=submit]")
    page.wait_for_url("**/items/*")
    item_url = page.url
    sign_out(page)

    sign_in(page, site.url, "energy", then=urlsplit(item_url).path)
    for kind, note in (
        ("deployed", "已专题研究"),
        ("responded", "已对接电网公司"),
        ("closure", "已协调增加指标"),
    ):
        page.select_option("#respond-form select[name=kind]", kind)  # accepted only with deploy and response
        page.fill("#respond-form textarea[name=note]", note)
        page.click("#respond-form button[type=submit]")
        page.wait_for_url(item_url)
    assert page.get_attribute("#item-status .badge", "data-state") == "awaiting_acceptance"
    sign_out(page)

    sign_in(page, site.url, "office", then=urlsplit(item_url).path)
    page.select_option("#decide-form select[name=grade]", "优秀")
    page.click("#decide-form button[value=accept]")
    page.wait_for_url(item_url)
    assert page.get_attribute("#item-status .badge", "data-state") == "closed"
    assert "优秀" in page.inner_text("#item-timeline")

    page.goto(f"{site.url}/tasks/{solar}")  # the office records completion, then accepts it
    page.fill("#progress-form input[name=value]", "100")
    page.check("#progress-form input[name=done]")
    page.click("#progress-form button[type=submit]")
    page.wait_for_url(f"**/tasks/{solar}?saved=1")
    assert status(page) == ("done", "green")
    page.fill("#return-form textarea[name=reason]", "缺少并网验收报告")  # sent back with a reason
    page.click("#return-form button[type=submit]")
    page.wait_for_url(f"**/tasks/{solar}?saved=1")
    assert status(page)[0] != "done" and "已退回" in page.inner_text("#task-status")
    assert "缺少并网验收报告" in page.inner_text(".timeline")
    sign_out(page)

    sign_in(page, site.url, "energy")  # the unit answers the return with a new report
    page.goto(f"{site.url}/my-unit")
    returned = page.locator("section.card", has_text="被退回的任务")
    assert returned.locator(f"tr[data-task='{solar}']").count() == 1
    page.goto(f"{site.url}/tasks/{solar}")
    page.fill("#progress-form textarea[name=narrative]", "已补充并网验收报告")
    page.check("#progress-form input[name=done]")
    page.click("#progress-form button[type=submit]")
    page.wait_for_url(f"**/tasks/{solar}?saved=1")
    assert status(page) == ("done", "green")
    sign_out(page)

    sign_in(page, site.url, "office", then=f"/tasks/{solar}")
    page.select_option("#accept-form select[name=grade]", "良好")
    page.click("#accept-form button[type=submit]")
    page.wait_for_url(f"**/tasks/{solar}?saved=1")
    assert status(page) == ("closed", "green")
    assert "验收：良好" in page.inner_text("#task-status")

    page.goto(f"{site.url}/ledger")
    with page.expect_download() as download_info:
        page.click("#export-xlsx")
    exported = tmp_path / "taizhang.xlsx"
    download_info.value.save_as(exported)
    book = load_workbook(exported)
    sheet = book.active
    header = [c.value for c in sheet[1]]
    row = next(r for r in range(2, sheet.max_row + 1) if sheet.cell(r, 1).value == charging)
    sheet.cell(row, header.index("本期完成值") + 1).value = 12
    sheet.cell(row, header.index("进展情况") + 1).value = "已建成 12 座"
    filled = io.BytesIO()
    book.save(filled)
    page.set_input_files(
        "input[name=file]",
        {"name": "taizhang.xlsx", "mimeType": "application/octet-stream", "buffer": filled.getvalue()},
    )
    page.click("form[action='/ledger/import'] button[type=submit]")
    page.wait_for_selector("#import-ok")
    page.goto(f"{site.url}/tasks/{charging}")
    assert "12" in page.inner_text("#latest-value")
    assert "已建成 12 座" in page.inner_text("#progress-table")
