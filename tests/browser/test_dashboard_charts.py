"""The 驾驶舱 charts in real headless Chromium at 1440 px, 1920 px and in 大屏 mode: no text drawn
over other text or cut at the edge, every section labelled, 无数据 where nothing is measured, a
table of the figures under each chart, a PNG download, and no animation where the reader asks for
reduced motion."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from tests.browser.charts import CHARTS, animated, drawn, open_dashboard, problems, save_icon, serve
from tests.browser.conftest import PASSWORD, _free_port
from tests.browser.dashboard_sample import DAY, seed_items

from luoshi.store.db import Database
from luoshi.supervise.accounts import add_user
from luoshi.supervise.permissions import Role

pytestmark = [pytest.mark.browser, pytest.mark.slow]


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory, example_ledger_template: Path) -> Iterator[str]:
    """The example ledger (one progress report: most sections measure nothing yet) with 督办事项
    at every stage, served as of 2023-09-30 (read only: one server for the module)."""
    tmp_path = tmp_path_factory.mktemp("charts")
    path = tmp_path / "charts.sqlite3"
    shutil.copyfile(example_ledger_template, path)
    url = f"sqlite:///{path}"
    db = Database(url)
    seed_items(db)
    with db.ledger(actor="tester") as ledger:
        add_user(ledger, username="leader", role=Role.LEADER, password=PASSWORD)
    db.dispose()
    with serve(url, tmp_path / "data", _free_port(), DAY.isoformat()) as site:
        yield site


@pytest.mark.parametrize(("width", "query"), [(1440, ""), (1920, ""), (1920, "?screen=1")])
def test_no_chart_text_overlaps_or_is_cut(base: str, chromium: Any, width: int, query: str) -> None:
    page = open_dashboard(chromium, base, "leader", PASSWORD, width, query)
    assert problems(page) == {}
    sections = page.locator("#data-pace tbody tr")
    pace = drawn(page, "chart-pace").texts()
    for i in range(sections.count()):  # every section has its label on the axis, none skipped
        name = str(sections.nth(i).locator("td").first.text_content())
        assert name.replace("，", ",") in "".join(pace).replace("，", ",").replace("\n", "")
    no_data = page.locator("#data-pace td", has_text="无数据").count()
    assert no_data > 0 and pace.count("无数据") == no_data  # not drawn as 0
    legend = drawn(page, "chart-sections")
    assert {"未启动", "正常推进", "缺报", "已销号"} <= set(legend.texts())


def test_chart_tables_and_png_export(base: str, chromium: Any) -> None:
    page = open_dashboard(chromium, base, "leader", PASSWORD, 1440)
    for chart_id in CHARTS:
        table = page.locator(f"#data-{chart_id.removeprefix('chart-')} table")
        assert table.locator("tbody tr").count() > 0
    page.click("#data-items summary")  # the table opens under the chart
    items = {r.locator("td").nth(0).inner_text(): r.locator("td").nth(1).inner_text()
             for r in page.locator("#data-items tbody tr").all()}  # fmt: skip
    assert items["已销号"] == "1" and "落实解决（重大复杂问题）或报送时间节点和方案" in items
    assert "落实解决（重大复杂问题）或报送时间节点和方案" in "".join(
        drawn(page, "chart-items").texts()
    ).replace("\n", "")
    x, y = save_icon(page, "chart-units")
    with page.expect_download() as download:  # ECharts' saveAsImage
        page.mouse.click(x, y)
    assert download.value.suggested_filename == "驾驶舱-单位排名.png"
    png = Path(download.value.path()).read_bytes()
    assert png.startswith(b"\x89PNG")


def test_big_screen_fills_1920_and_refreshes(base: str, chromium: Any) -> None:
    page = open_dashboard(chromium, base, "leader", PASSWORD, 1920, "?screen=1")
    main = page.locator("main").bounding_box()
    assert main is not None and main["width"] >= 1900
    assert page.locator("meta[http-equiv=refresh]").get_attribute("content") == "300"
    assert animated(page) == [False] * len(CHARTS)  # the reader asked for reduced motion
    normal = open_dashboard(chromium, base, "leader", PASSWORD, 1440, still=False)
    assert animated(normal) == [True] * len(CHARTS)
    assert normal.locator("meta[http-equiv=refresh]").count() == 0
    assert normal.locator("#big-screen").get_attribute("href") == "/dashboard?screen=1"
