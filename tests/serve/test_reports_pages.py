"""The report list and reader over a stored report (real database, both backends)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from fastapi.testclient import TestClient

if TYPE_CHECKING:
    from tests.serve.conftest import Browser, Seeded


def test_reader_marks_numbers_links_tasks_and_escapes_script(
    client: TestClient, browser: Browser, users: dict[str, str], seeded: Seeded
) -> None:
    browser.login("leader")
    html = client.get(f"/reports/{seeded.report_id}").text
    assert "<script>alert" not in html
    assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;" in html
    assert f'<a href="/tasks/{seeded.solar}"><mark class="q plan headline"' in html
    assert '<mark class="q review"' in html and "5.2%</mark>" in html
    assert 'href="#p2s1"' in html and 'id="p2s1"' in html


def test_reader_needs_sign_in(client: TestClient, seeded: Seeded) -> None:
    response = client.get(f"/reports/{seeded.report_id}", follow_redirects=False)
    assert response.status_code == 303 and response.headers["location"].startswith("/login")
    assert client.get(f"/api/reports/{seeded.report_id}").status_code == 401


def test_report_api(client: TestClient, browser: Browser, users: dict[str, str], seeded: Seeded) -> None:
    browser.login("office")
    listing = client.get("/api/reports").json()
    assert [(r["region"], r["year"], r["quantities"], r["tasks"]) for r in listing] == [
        ("样例市", 2023, 4, 3)
    ]
    detail = client.get(f"/api/reports/{seeded.report_id}").json()
    assert detail["text"].startswith("政府工作报告")
    assert [h["title"] for h in detail["outline"]] == ["2022年工作回顾", "2023年工作安排"]
    assert {q["indicator"]: q["task_id"] for q in detail["quantities"]}["学校"] == seeded.schools
    assert client.get("/api/reports/999").status_code == 404
