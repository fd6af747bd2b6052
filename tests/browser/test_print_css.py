"""Every page printed from the browser: A4, black on white, no navigation or buttons, rows kept whole."""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from tests.browser.charts import serve
from tests.browser.conftest import PASSWORD, _free_port, sign_in

from luoshi.store.db import Database
from luoshi.supervise.accounts import add_user
from luoshi.supervise.permissions import Role

pytestmark = [pytest.mark.browser, pytest.mark.slow]
PAGES = ["/dashboard", "/ledger", "/items", "/items/1", "/tasks/2", "/reports", "/reports/1", "/public"]
A4_POINTS = (595.3, 841.9)  # 210 × 297 mm

PRINTED = """() => {
  const shown = (el) => getComputedStyle(el).display !== "none" && el.getClientRects().length > 0;
  const count = (selector) => [...document.querySelectorAll(selector)].filter(shown).length;
  const body = getComputedStyle(document.body);
  return {
    background: body.backgroundColor, colour: body.color,
    nav: count("header nav, header .who"),
    controls: count("button, .button, form, input, select, textarea"),
    rows: [...document.querySelectorAll("tr")].filter((r) => getComputedStyle(r).breakInside !== "avoid")
      .length,
  };
}"""


@pytest.fixture
def base(tmp_path: Path, example_ledger_template: Path) -> Iterator[str]:
    path = tmp_path / "print.sqlite3"
    shutil.copyfile(example_ledger_template, path)
    db = Database(f"sqlite:///{path}")
    with db.ledger(actor="tester") as ledger:
        add_user(ledger, username="office", role=Role.OFFICE, password=PASSWORD)
    db.dispose()
    with serve(f"sqlite:///{path}", tmp_path / "data", _free_port(), "2023-10-20") as site:
        yield site


def test_pages_print_black_on_white_without_controls(base: str, chromium: Any) -> None:
    page = chromium.new_page()
    sign_in(page, base, "office")
    page.emulate_media(media="print")
    for path in PAGES:
        page.goto(f"{base}{path}")
        printed = page.evaluate(PRINTED)
        assert printed == {"background": "rgb(255, 255, 255)", "colour": "rgb(0, 0, 0)", "nav": 0,
                           "controls": 0, "rows": 0}, path  # fmt: skip
    page.goto(f"{base}/ledger")
    pdf = page.pdf(prefer_css_page_size=True)
    box = re.search(rb"/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]", pdf)
    assert box is not None
    assert abs(float(box[1]) - A4_POINTS[0]) < 1 and abs(float(box[2]) - A4_POINTS[1]) < 1
    page.emulate_media(media="screen")
    assert page.evaluate(PRINTED)["nav"] > 0  # the screen keeps its navigation
