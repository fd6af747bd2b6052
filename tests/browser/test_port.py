"""互联网+督查 in real headless Chromium: an anonymous company files a problem on a phone with
JavaScript off and gets a code; the office accepts it as an item for a unit; the unit resolves it;
the company is not satisfied and the item reopens; resolved again, the company is satisfied, and
the office accepts it. The tracking page shows each stage and never the units' notes."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

import pytest
from tests.browser.conftest import sign_in, sign_out

if TYPE_CHECKING:
    from tests.browser.conftest import Site

pytestmark = [pytest.mark.browser, pytest.mark.slow]
INTERNAL = "内部：已与财政局张科长对接"


def track(page: Any, site: Site, code: str) -> str:
    page.goto(f"{site.url}/port/track")
    page.fill("input[name=code]", code.lower().replace("-", ""))  # as a person might type it
    page.click("form[action='/port/track'] button[type=submit]")
    page.wait_for_selector("#stage")
    text: str = page.inner_text("main")
    assert INTERNAL not in text and "13800138000" not in text
    return text


def respond(page: Any, site: Site, item_id: int, kind: str, note: str) -> None:
    page.goto(f"{site.url}/items/{item_id}")
    page.select_option("#respond-form select[name=kind]", kind)
    page.fill("#respond-form textarea[name=note]", note)
    page.click("#respond-form button[type=submit]")
    page.wait_for_url(f"{site.url}/items/{item_id}")


def feedback(page: Any, satisfied: bool, why: str = "") -> None:
    page.check(f"#feedback input[value={'yes' if satisfied else 'no'}]")
    page.fill("#feedback textarea[name=why]", why)
    page.click("#feedback button[type=submit]")
    page.wait_for_selector("#stage")


def test_a_company_files_and_the_loop_closes_with_its_confirmation(site: Site, chromium: Any) -> None:
    phone = chromium.new_context(java_script_enabled=False, viewport={"width": 375, "height": 800})
    public = phone.new_page()
    public.goto(f"{site.url}/port")
    assert public.evaluate("document.documentElement.scrollWidth") <= 375 + 1  # fits a phone
    public.fill("input[name=name]", "阳泉某机械制造有限公司")
    public.fill("input[name=credit_code]", "91110000600037341X")  # a typo first: kept, said beside the field
    public.fill("input[name=contact]", "13800138000")
    public.fill("textarea[name=problem]", "技术改造补助资金评审通过三个月仍未拨付，影响设备采购。")
    public.click("form.port-form button[type=submit]")
    assert "统一社会信用代码不正确" in public.inner_text("#credit_code-error")
    assert public.input_value("textarea[name=problem]").startswith("技术改造补助资金")
    public.fill("input[name=credit_code]", "91110000600037341L")
    public.click("form.port-form button[type=submit]")
    code = public.inner_text("#tracking-code").strip()
    assert re.fullmatch(r"[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}", code)
    assert "待受理" in track(public, site, code)

    office = chromium.new_page()
    sign_in(office, site.url, "office", then="/port/requests")
    office.click("a[href^='/port/requests/']")
    office.select_option("#triage-accept select[name=lead]", "市能源局")
    office.click("#triage-accept button[type=submit]")
    item_id = int(office.get_attribute("a[href^='/items/']", "href").rsplit("/", 1)[1])
    assert "办理中" in track(public, site, code)

    unit = chromium.new_page()
    sign_in(unit, site.url, "energy")
    respond(unit, site, item_id, "deployed", "局务会研究部署")
    respond(unit, site, item_id, "responded", INTERNAL)
    respond(unit, site, item_id, "resolved", "已拨付")
    assert "13800138000" in unit.inner_text("#item-requests")  # the assigned unit may call back

    assert "待您评价" in track(public, site, code)
    feedback(public, satisfied=False, why="只拨付了一半")
    assert "重新办理中" in public.inner_text("#stage")

    respond(unit, site, item_id, "resolved", "剩余资金已拨付")
    respond(unit, site, item_id, "closure", "申请销号")
    track(public, site, code)
    feedback(public, satisfied=True)
    assert "待验收销号" in public.inner_text("#stage")

    office.goto(f"{site.url}/items/{item_id}")
    office.click("#decide-form button[value=accept]")
    office.wait_for_url(f"{site.url}/items/{item_id}")
    final = track(public, site, code)
    assert "已办结" in public.inner_text("#stage")
    steps = public.locator("#milestones li").all_inner_texts()
    assert [re.sub(r"^\S+\s", "", s) for s in steps] == [
        "提交诉求", "受理，转承办单位办理", "承办单位办结", "您评价：不满意，重新办理", "承办单位办结",
        "您评价：满意", "督查室验收销号",
    ]  # fmt: skip
    assert "只拨付了一半" not in final  # the filer's own words stay with the office
    sign_out(office)
    sign_out(unit)
    phone.close()
