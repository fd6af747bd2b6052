"""The reader over the example report (traditional script, pinyin debris, site clutter): clean
simplified text by default, the original on a toggle, an outline without empty entries, a name
for an untitled report, and a task's sentence opened, anchored and highlighted."""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from fastapi.testclient import TestClient

from luoshi import document as doc
from luoshi.pipeline import read_report
from luoshi.store.db import Database
from luoshi.store.models import Task
from luoshi.supervise.reports import store_report

if TYPE_CHECKING:
    from tests.serve.conftest import Browser

EXAMPLE = Path(__file__).resolve().parents[1] / "fixtures" / "yangquan-2023.txt"
UNEMPLOYMENT = "城镇登记失业率控制在4%以内"


@pytest.fixture(scope="module")
def example() -> doc.Report:
    return read_report(EXAMPLE)


@pytest.fixture
def stored(database: Database, example: doc.Report) -> tuple[int, int]:
    """The example report in the ledger, and the id of its unemployment task."""
    with database.ledger(actor="tester") as ledger:
        report_id = store_report(ledger, example).report_id
        task = next(t for t in ledger.all(Task, report_id=report_id) if UNEMPLOYMENT in t.text)
        return report_id, task.id


def article(html: str) -> str:
    found = re.search(r'<article class="text" id="report-text">(.*?)</article>', html, re.S)
    assert found
    return re.sub(r"<[^>]+>", "", found.group(1))


def highlighted(html: str) -> tuple[str, str]:
    """The highlighted sentence's text and, inside it, the task's clause."""
    runs = re.findall(r'<span class="hit( focus)?">(.*?)</span>', html)
    plain = [(bool(focus), re.sub(r"<[^>]+>", "", inner)) for focus, inner in runs]
    return "".join(t for _, t in plain), "".join(t for f, t in plain if f)


def test_reader_shows_the_clean_simplified_text_by_default(
    client: TestClient, browser: Browser, users: dict[str, str], stored: tuple[int, int]
) -> None:
    browser.login("leader")
    text = article(client.get(f"/reports/{stored[0]}").text)
    assert "点击查阅" not in text and "點擊" not in text and "(xiàn)" not in text
    assert "现在,我代表市人民政府向大会报告工作" in text and UNEMPLOYMENT in text
    original = article(client.get(f"/reports/{stored[0]}?original=1").text)
    assert "現(xiàn)在,我代表市人民政府向大會報告工作" in original and "點擊查閱更多" in original


def test_numbers_stay_marked_in_the_clean_text(
    client: TestClient, browser: Browser, users: dict[str, str], stored: tuple[int, int]
) -> None:
    browser.login("leader")
    html = client.get(f"/reports/{stored[0]}").text
    marked = re.findall(r'<mark class="q [^"]*"[^>]*>([^<]*)</mark>', html)
    assert "1012.9亿元" in marked and "81.97亿元" in marked
    assert re.search(r'失业率控制在<a href="/tasks/\d+"><mark class="q plan[^"]*"[^>]*>4%', html)
    assert not any("(" in m and re.search(r"[a-zà-ü]", m) for m in marked)  # no pinyin inside a mark


def test_outline_has_no_empty_entries_and_the_list_names_the_report(
    client: TestClient, browser: Browser, users: dict[str, str], stored: tuple[int, int]
) -> None:
    browser.login("office")
    html = client.get(f"/reports/{stored[0]}").text
    outline = re.search(r'<nav class="outline[^>]*>(.*?)</nav>', html, re.S)
    assert outline
    titles = re.findall(r'<a href="#p\d+(?:s\d+)?">([^<]*)</a>', outline.group(1))
    assert titles and all(t.strip() for t in titles)
    assert "2023年工作安排" in titles and "全力构建现代产业体系,夯实高质量发展新支撑" in titles
    listing = client.get("/reports").text
    assert "（无标题）" not in listing and "阳泉市 2023 年政府工作报告" in listing


def test_in_report_link_opens_the_task_sentence_highlighted(
    client: TestClient, browser: Browser, users: dict[str, str], stored: tuple[int, int]
) -> None:
    report_id, task_id = stored
    browser.login("leader")
    task_page = client.get(f"/tasks/{task_id}").text
    link = re.search(r'<a href="([^"]+)" id="task-in-report">在报告中查看</a>', task_page)
    assert link and link.group(1) == f"/reports/{report_id}?task={task_id}#task-{task_id}"
    html = client.get(link.group(1).split("#")[0]).text
    assert f'id="task-{task_id}"' in html  # the anchor the fragment scrolls to, without JavaScript
    sentence, clause = highlighted(html)
    assert sentence.startswith("2023年经济社会发展主要目标是") and UNEMPLOYMENT in sentence
    assert clause == UNEMPLOYMENT
    original = client.get(f"/reports/{report_id}?task={task_id}&original=1").text
    assert highlighted(original)[1] == "城鎮(zhèn)登記失業(yè)率控制在4%以內"
    assert f'href="/reports/{report_id}?task={task_id}#task-{task_id}"' in original  # the toggle keeps it


def test_a_task_of_another_report_is_not_found(
    client: TestClient, browser: Browser, users: dict[str, str], stored: tuple[int, int]
) -> None:
    browser.login("leader")
    assert client.get(f"/reports/{stored[0]}?task=99999").status_code == 404
