"""上下联动 in real headless Chromium: the city office hands a task down to two counties, one
county's reporter reports progress, and the city's task page and ledger show the roll-up."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pytest
from tests.browser.conftest import PASSWORD, sign_in, sign_out
from tests.browser.test_loop import status

from luoshi.store.db import Database
from luoshi.store.models import Unit
from luoshi.supervise.accounts import add_user
from luoshi.supervise.permissions import Role

if TYPE_CHECKING:
    from tests.browser.conftest import Site

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def _counties(site: Site) -> None:
    db = Database(f"sqlite:///{site.data_dir.parent / 'browser.sqlite3'}")
    with db.ledger(actor="tester") as ledger:
        ledger.add(Unit(code="pdx", name="平定县", kind="county"))
        ledger.add(Unit(code="yx", name="盂县", kind="county"))
        add_user(ledger, username="pingding", role=Role.REPORTER, unit="pdx", password=PASSWORD)
    db.dispose()


def test_hand_down_report_and_roll_up(site: Site, chromium: Any) -> None:
    _counties(site)
    solar = site.tasks[0]
    page = chromium.new_page()
    sign_in(page, site.url, "office", then=f"/tasks/{solar}")
    page.check("#hand-down-form input[value=pdx]")
    page.check("#hand-down-form input[value=yx]")
    page.click("#hand-down-form button[type=submit]")
    page.wait_for_url(f"**/tasks/{solar}?saved=1*")
    assert page.get_attribute("#rollup", "data-children") == "2"
    assert page.locator("#children-table tbody tr").count() == 2
    child = page.get_attribute("#children-table tr[data-county='平定县'] a", "href")
    assert child and page.locator("#hand-down-form input[value=pdx]").is_disabled()
    sign_out(page)

    sign_in(page, site.url, "pingding", then=child)
    assert "平定县" in page.inner_text("#parent-task")
    page.fill("#progress-form input[name=value]", "60")
    page.fill("#progress-form textarea[name=narrative]", "平定县已并网 60 万千瓦")
    page.click("#progress-form button[type=submit]")
    page.wait_for_url(f"**{child}?saved=1")
    assert status(page) == ("on_track", "green")
    sign_out(page)

    sign_in(page, site.url, "office", then=f"/tasks/{solar}")
    states = {
        county: page.get_attribute(f"#children-table tr[data-county='{county}'] .badge", "data-state")
        for county in ("平定县", "盂县")
    }
    assert states == {"平定县": "on_track", "盂县": "missing"}
    assert page.get_attribute("#rollup", "data-state") == "missing"  # the worst county
    assert "正常推进 50%" in page.inner_text("#rollup")
    assert status(page) == ("missing", "orange")  # the city task shows the roll-up
    page.goto(f"{site.url}/ledger")
    row = page.locator(f"tr[data-task='{solar}']")
    assert row.locator("[data-rollup]").get_attribute("data-rollup") == "2"
    assert row.locator(".badge[data-state]").get_attribute("data-state") == "missing"
    assert page.locator("[data-handed-to='平定县']").count() == 1
