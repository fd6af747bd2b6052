"""定期盘点 on the web: the same sheets as ``luoshi review --format xlsx``, a unit's page, the
documents to print from both."""

from __future__ import annotations

import io

from fastapi.testclient import TestClient
from openpyxl import load_workbook
from tests.serve.conftest import Browser, Seeded, Units


def test_the_review_page_and_its_workbook_agree(
    client: TestClient, browser: Browser, users: dict[str, str], seeded: Seeded, units: Units
) -> None:
    browser.login("office")
    page = client.get("/review?as_of=2023-06-15")
    assert page.status_code == 200
    for heading in ("按板块", "按单位", "单位考核"):
        assert f'id="sheet-{heading}"' in page.text
    assert f'href="/units/{units.energy}?as_of=2023-06-15"' in page.text
    assert 'href="/bulletin.docx?as_of=2023-06-15"' in page.text
    book = load_workbook(io.BytesIO(client.get("/review.xlsx?as_of=2023-06-15").content))
    assert book.sheetnames[:5] == ["任务台账", "按板块", "按单位", "督办事项", "单位考核"]
    by_unit = book["按单位"]
    header = [c.value for c in next(by_unit.iter_rows(min_row=2, max_row=2))]
    assert "缺报" in header  # a state of its own, in every table that counts states
    energy = next(r for r in by_unit.iter_rows(min_row=3, values_only=True) if r[0] == "市能源局")
    row = page.text.split('id="sheet-按单位"', 1)[1].split("</table>", 1)[0]
    assert f">{energy[1]}</td>" in row.split("市能源局", 1)[1]  # the page shows the workbook's figures


def test_a_units_page_lists_its_work_and_prints_for_the_office_only(
    client: TestClient, browser: Browser, users: dict[str, str], seeded: Seeded, units: Units
) -> None:
    browser.login("office")
    raised = client.post(
        "/items", data={"csrf_token": browser.csrf("/items"), "title": "光伏并网指标不足", "lead": "市能源局"}
    )
    assert raised.status_code == 200
    page = client.get(f"/units/{units.energy}?as_of=2023-07-15").text
    assert "光伏并网指标不足" in page and f'data-task="{seeded.solar}"' in page
    assert "/notice.docx?as_of=2023-07-15" in page and 'class="print-urge"' in page  # overdue by July
    client.post("/logout", data={"csrf_token": browser.csrf("/")})
    browser.login("energy")
    mine = client.get(f"/units/{units.energy}").text
    assert "光伏并网指标不足" in mine and "notice.docx" not in mine
    assert client.get("/units/99999").status_code == 404
