"""The key read paths again on PostgreSQL (the other serve tests run on SQLite)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

import pytest
from fastapi.testclient import TestClient

from luoshi.store.db import Database

if TYPE_CHECKING:
    from tests.serve.conftest import Browser, Seeded

pytestmark = pytest.mark.postgres


@pytest.fixture
def database(migrated_postgres_url: str) -> Iterator[Database]:
    db = Database(migrated_postgres_url)
    try:
        yield db
    finally:
        db.dispose()


def test_reader_ledger_dashboard_on_postgres(
    client: TestClient, browser: Browser, users: dict[str, str], seeded: Seeded
) -> None:
    browser.login("office")
    assert "<mark class=" in client.get(f"/reports/{seeded.report_id}").text
    assert client.get("/api/tasks?q=学校").json()["total"] == 1
    assert client.get("/api/dashboard?as_of=2023-09-15").json()["states"]["overdue"] == 1
    assert client.get("/ledger/export.xlsx").status_code == 200


def test_out_of_range_ids_are_4xx_on_postgres(
    client: TestClient, browser: Browser, users: dict[str, str], seeded: Seeded
) -> None:
    browser.login("office")
    huge = 2514032641612148
    for path in (f"/api/items/{huge}", f"/api/reports/{huge}", f"/api/units/{huge}/tasks", f"/tasks/{huge}"):
        assert client.get(path).status_code == 422, path
    assert client.get(f"/api/tasks?unit={huge}").status_code == 422


def test_sessions_end_and_login_failures_count_on_postgres(
    client: TestClient, browser: Browser, users: dict[str, str], seeded: Seeded
) -> None:
    """Issue 10: logout ends a copied cookie; failed logins are counted in the database."""
    from luoshi.serve.security import SESSION_COOKIE

    browser.login("energy")
    cookie = client.cookies.get(SESSION_COOKIE)
    csrf = browser.csrf(f"/tasks/{seeded.solar}")
    client.post("/logout", data={"csrf_token": csrf})
    client.cookies.clear()
    client.cookies.set(SESSION_COOKIE, str(cookie))
    copied = client.post(
        f"/api/tasks/{seeded.solar}/progress", json={"value": 1}, headers={"x-csrf-token": csrf}
    )
    assert copied.status_code == 401
    client.cookies.clear()
    token = browser.csrf()
    codes = [
        client.post("/login", data={"username": "leader", "password": "bad", "csrf_token": token}).status_code
        for _ in range(6)
    ]
    assert codes == [401] * 5 + [429]


def test_office_workbench_on_postgres(
    client: TestClient, browser: Browser, users: dict[str, str], seeded: Seeded, database: Database
) -> None:
    """Upload, 分工, raise with co-units and a new unit, audited under the office, on PostgreSQL."""
    from tests.serve.conftest import csrf_of
    from tests.serve.test_office_pages import COUNTY, audited, upload

    browser.login("office")
    code, html = upload(client, COUNTY.read_bytes(), "county-2024.txt")
    assert code == 200 and 'data-status="stored"' in html
    token = csrf_of(client, "/assignments")
    edit = {"csrf_token": token, "lead": "市能源局", "co": ["市教育局"]}
    assert (
        client.post(f"/tasks/{seeded.schools}/assignment", data=edit, follow_redirects=False).status_code
        == 303
    )
    raised = {"csrf_token": token, "title": "学校用地未落实", "lead": "市教育局", "co": ["市能源局"]}
    assert "<tr><th>配合单位</th><td>市能源局</td></tr>" in client.post("/items", data=raised).text
    unit = {"csrf_token": token, "code": "shuiwu", "name": "市水务局", "kind": "department"}
    assert client.post("/admin/units", data=unit, follow_redirects=False).status_code == 303
    for entity in ("reports", "assignments", "supervision_orders", "units"):
        assert audited(database, entity, "office") >= 1, entity


def test_several_tasks_progress_is_all_or_nothing_on_postgres(
    client: TestClient, browser: Browser, users: dict[str, str], seeded: Seeded, database: Database
) -> None:
    from luoshi.store.models import ProgressReport

    browser.login("energy")
    rows = {"task": [str(seeded.solar), str(seeded.charging)], f"value-{seeded.solar}": "30"}
    data = {"csrf_token": browser.csrf("/my-unit"), **rows, f"value-{seeded.charging}": "六座"}
    assert client.post("/my-unit/progress", data=data).status_code == 422
    with database.reader().ledger() as ledger:
        assert ledger.count(ProgressReport) == 0
    data[f"value-{seeded.charging}"] = "6"
    assert client.post("/my-unit/progress", data=data, follow_redirects=False).status_code == 303
    with database.reader().ledger() as ledger:
        assert ledger.count(ProgressReport) == 2
