"""In real headless Chromium over the demo (``luoshi serve --demo``, seen from its fixed day): a unit
reporter clears the 我的单位 to-do box — answers each waiting item to its closure request, redoes
the returned item and the returned task, and files the week's reports in one form — until the box
says it is empty."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from tests.browser.conftest import Site, serve_app, sign_in

from luoshi.store.db import Database
from luoshi.store.migrate import upgrade
from luoshi.supervise.accounts import set_password
from luoshi.supervise.demo import load_demo

pytestmark = [pytest.mark.browser, pytest.mark.slow]
PASSWORD = "browser-demo-password"
NEXT_STEPS = {  # what the unit records, from the step an item waits on to its closure request
    "研究部署": ("deployed", "responded", "closure"),
    "反馈办理情况": ("responded", "closure"),
    "退回重办": ("closure",),
}


@pytest.fixture
def demo_site(tmp_path: Path) -> Iterator[tuple[Site, str]]:
    """The demo in a fresh SQLite file, served at its demo day; and the first reporter's name."""
    url = f"sqlite:///{tmp_path / 'demo.sqlite3'}"
    db = Database(url)
    upgrade(db.engine)
    result = load_demo(db, evidence_dir=tmp_path / "data" / "evidence")
    reporter = re.findall(r"^\s+(unit-\S+)\s", "\n".join(result.lines), re.M)[0]
    with db.ledger(actor="tester") as ledger:
        set_password(ledger, username=reporter, password=PASSWORD)
    db.dispose()
    with serve_app(url, tmp_path / "data", result.as_of.isoformat()) as base:
        yield Site(base, [], tmp_path / "data"), reporter


def open_items(page: Any) -> list[tuple[str, str]]:
    """(item link, the step it waits on) for each item in the to-do box."""
    found = []
    for row in page.locator("#todo-items tr[data-item], #todo-returned tr[data-item]").all():
        text = row.inner_text()
        waits = re.search(r"待(\S+?)(?: ·|$)", text)
        step = "退回重办" if "重新申请销号" in text or waits is None else waits.group(1)
        found.append((row.locator("a").first.get_attribute("href"), step))
    return found


def test_a_reporter_clears_the_to_do_box_in_the_demo(demo_site: tuple[Site, str], chromium: Any) -> None:
    site, reporter = demo_site
    page = chromium.new_page()
    sign_in(page, site.url, reporter, then="/my-unit", password=PASSWORD)
    before = int(page.get_attribute("#todo", "data-todo"))
    items = open_items(page)
    assert before > 3 and {step for _, step in items} >= {"研究部署", "反馈办理情况", "退回重办"}

    for href, step in items:  # each item answered until the office has it (申请销号)
        for kind in NEXT_STEPS[step]:
            page.goto(f"{site.url}{href}")
            page.select_option("#respond-form select[name=kind]", kind)
            page.fill("#respond-form textarea[name=note]", f"（测试）{kind}：已按要求办理")
            page.click("#respond-form button[type=submit]")
            page.wait_for_url(f"{site.url}{href}")
        assert "待验收" in page.inner_text("main")  # the office's step now

    page.goto(f"{site.url}/my-unit")
    for link in page.locator("#todo-returned-tasks tr[data-task] a").all():  # a returned task: report again
        href = link.get_attribute("href")
        page.goto(f"{site.url}{href}")
        page.fill("#progress-form textarea[name=narrative]", "（测试）已补充第三方验收报告")
        page.check("#progress-form input[name=done]")
        page.click("#progress-form button[type=submit]")
        page.wait_for_url(f"**{href}?saved=1")
        page.goto(f"{site.url}/my-unit")

    rounds = 0
    while page.locator("#batch-form").count():  # a task that owes two periods files one per round
        rounds += 1
        rows = page.locator("#batch-form tr[data-task]").count()
        assert rows >= 1 and rounds <= 3
        for textarea in page.locator("#batch-form textarea[name^=narrative-]").all():
            textarea.fill("（测试）本月按计划推进")
        page.click("#batch-form button[type=submit]")
        page.wait_for_url(re.compile(r".*/my-unit\?saved=\d+"))
        assert page.inner_text("#batch-saved") == f"已保存 {rows} 项进展。"
    assert page.get_attribute("#todo", "data-todo") == "0", page.inner_text("#todo")
    assert page.locator("#todo-clear").is_visible()
