"""The office's month in real headless Chromium (issue 11, done-when): upload a report, confirm its
分工, raise an item with co-units, the unit responds, the office returns it, the unit redoes it,
the office accepts; the dashboard lists the overdue item before the response and not after. A
refused form keeps what was typed and says why beside the field."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

import pytest
from tests.browser.conftest import sign_in, sign_out

if TYPE_CHECKING:
    from tests.browser.conftest import Site

pytestmark = [pytest.mark.browser, pytest.mark.slow]
COUNTY = Path(__file__).parents[1] / "fixtures" / "texts" / "county-2024.txt"
LATER = "2023-06-26"  # the item is raised on 2023-06-15 (the site's day): its 1-day deploy is long past


def overdue_titles(page: Any, site: Site) -> str:
    page.goto(f"{site.url}/dashboard?as_of={LATER}")
    return str(page.inner_text("#overdue-items"))


def respond(page: Any, kind: str, note: str, url: str) -> None:
    page.select_option("#respond-form select[name=kind]", kind)
    page.fill("#respond-form textarea[name=note]", note)
    page.click("#respond-form button[type=submit]")
    page.wait_for_url(url)


def test_the_office_runs_a_month(site: Site, chromium: Any) -> None:
    page = chromium.new_page()
    sign_in(page, site.url, "office")
    page.click("header nav a[href='/office']")
    page.click("a[href='/uploads']")
    page.set_input_files(
        "#upload-form input[name=file]",
        {"name": "county-2024.txt", "mimeType": "text/plain", "buffer": COUNTY.read_bytes()},
    )
    page.click("#upload-form button[type=submit]")
    page.wait_for_selector("#upload-result[data-status=stored]")
    page.click("#to-assignments")  # 分工 of the report just stored
    first = page.locator("#assignment-table tbody tr").first
    task_id = first.get_attribute("data-task")
    first.locator("a", has_text="修改").click()
    page.select_option("#assign-form select[name=lead]", "市能源局")
    page.check("#assign-form input[name=co][value='市能源局']")  # the lead cannot co-operate too
    page.click("#assign-form button[type=submit]")
    assert "不能同时配合" in page.inner_text("#assign-form .field-error")
    assert page.input_value("#assign-form select[name=lead]") == "市能源局"  # kept
    page.uncheck("#assign-form input[name=co][value='市能源局']")
    page.check("#assign-form input[name=co][value='市教育局']")
    page.click("#assign-form button[type=submit]")
    page.wait_for_selector("#assign-done")
    row = page.locator(f"#task-{task_id}")
    assert row.get_attribute("data-status") == "confirmed" and "市教育局" in row.inner_text()
    page.click("#confirm-form button[type=submit]")  # every remaining proposal of the report
    page.wait_for_selector("#assign-done")

    page.goto(f"{site.url}/items")  # 立项交办 with a co-unit
    page.fill("#raise-item input[name=title]", "充电站建设用地未落实")
    page.fill("#raise-item textarea[name=detail]", "三处站址未完成供地")
    page.select_option("#raise-item select[name=lead]", "市能源局")
    page.check("#raise-item input[name=co][value='市教育局']")
    page.click("#raise-item button[type=submit]")
    page.wait_for_url("**/items/*")
    item_url = page.url
    assert "市教育局" in page.inner_text("table")
    assert "充电站建设用地未落实" in overdue_titles(page, site)  # before the response: overdue
    sign_out(page)

    sign_in(page, site.url, "energy", then=urlsplit(item_url).path)
    steps = (("deployed", "已专题研究"), ("responded", "已对接自然资源局"), ("closure", "已完成供地"))
    for kind, note in steps:
        respond(page, kind, note, item_url)
    sign_out(page)

    sign_in(page, site.url, "office", then=urlsplit(item_url).path)
    page.click("#decide-form button[value=return]")  # no reason: said beside the field
    assert "理由" in page.inner_text("#decide-form .field-error")
    page.fill("#decide-form textarea[name=reason]", "缺少供地批复")
    page.click("#decide-form button[value=return]")
    page.wait_for_url(item_url)
    assert page.get_attribute("#item-status .badge", "data-state") == "open"
    sign_out(page)

    sign_in(page, site.url, "energy", then=urlsplit(item_url).path)
    respond(page, "closure", "已补充供地批复", item_url)
    sign_out(page)

    sign_in(page, site.url, "office", then=urlsplit(item_url).path)
    page.select_option("#decide-form select[name=grade]", "良好")
    page.click("#decide-form button[value=accept]")
    page.wait_for_url(item_url)
    assert page.get_attribute("#item-status .badge", "data-state") == "closed"
    assert "充电站建设用地未落实" not in overdue_titles(page, site)  # after: no longer listed
