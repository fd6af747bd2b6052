"""成绩单 pages, their JSON twins, entering outcomes and task verdicts, on SQLite and PostgreSQL.

Two real reports of consecutive years (tests/fixtures/texts/link-city-2023.txt / -2024.txt) are read
by the pipeline and stored; the app is called in-process through its test client.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from fastapi.testclient import TestClient

from luoshi.document import Report
from luoshi.link.vocabulary import load_vocabulary
from luoshi.store.db import Database
from luoshi.store.models import Task
from luoshi.supervise.accounts import issue_token
from luoshi.supervise.audit import history
from luoshi.supervise.reports import store_report
from luoshi.supervise.scorecards import report_scorecard

if TYPE_CHECKING:
    from tests.serve.conftest import Browser

TEXTS = Path(__file__).parents[1] / "fixtures" / "texts"
NEW_FIRMS = "新增省级专精特新企业"  # a 2023 target the 2024 review does not state


@pytest.fixture
def database(migrated_db_url: str) -> Iterator[Database]:
    """Each test here runs on SQLite and on PostgreSQL."""
    db = Database(migrated_db_url)
    try:
        yield db
    finally:
        db.dispose()


@cache
def _read(name: str) -> Report:
    from luoshi.pipeline import read_report

    return read_report(TEXTS / name)


def _store(database: Database, *names: str) -> list[int]:
    with database.ledger(actor="tester") as ledger:
        return [store_report(ledger, _read(name)).report_id for name in names]


@pytest.fixture
def reports(database: Database) -> tuple[int, int]:
    plan, later = _store(database, "link-city-2023.txt", "link-city-2024.txt")
    return plan, later


def _coal_task(database: Database, report_id: int) -> int:
    with database.ledger(actor="tester") as ledger:
        return next(t.id for t in ledger.all(Task, report_id=report_id) if t.indicator == "原煤产量")


def _row(html: str, indicator: str) -> str:
    start = html.index(f"<td>{indicator}</td>")
    return html[html.rindex("<tr", 0, start) : html.index("</tr>", start)]


def test_scorecard_page_and_its_json_twin(
    client: TestClient, browser: Browser, users: dict[str, str], database: Database, reports: tuple[int, int]
) -> None:
    plan, later = reports
    browser.login("leader")
    html = client.get(f"/reports/{plan}/scorecard").text
    coal = _row(html, "原煤产量")
    assert 'data-status="met"' in coal and 'class="badge green"' in coal
    assert "原煤产量稳定在8000万吨左右" in coal and "煤炭产量8120万吨" in coal  # both source sentences
    assert "高于目标" in coal  # the why line
    assert 'data-status="missed"' in _row(html, "一般公共预算收入")
    assert 'class="badge red"' in _row(html, "一般公共预算收入")
    assert f'href="/reports/{later}"' in html
    assert "录入实际数" not in html  # the leader reads, does not enter
    data = client.get(f"/api/reports/{plan}/scorecard").json()
    with database.ledger(actor="tester") as ledger:
        direct = report_scorecard(ledger, report_id=plan, vocab=load_vocabulary()).to_dict()
    assert data == json.loads(json.dumps(direct, ensure_ascii=False))
    assert data["next_report_id"] == later and data["counts"]["missed"] >= 1
    assert f'href="/reports/{plan}/scorecard"' in client.get(f"/reports/{plan}").text


def test_office_enters_an_outcome_that_fills_a_not_reported_target(
    client: TestClient, browser: Browser, users: dict[str, str], database: Database, reports: tuple[int, int]
) -> None:
    plan, _ = reports
    browser.login("office")
    page = f"/reports/{plan}/scorecard"
    assert 'data-status="not_reported"' in _row(client.get(page).text, NEW_FIRMS)
    form = {"indicator": NEW_FIRMS, "value": "17", "unit": "家", "source": "2023年统计公报", "metric": ""}
    typed = client.post(  # a value that is not a number: said beside the field, the rest kept
        f"/reports/{plan}/outcomes", data={**form, "value": "十七", "csrf_token": browser.csrf(page)}
    )
    assert typed.status_code == 422 and 'data-field="value">实际数“十七”不是数字' in typed.text
    assert 'value="2023年统计公报"' in typed.text and "返回首页" not in typed.text
    posted = client.post(
        f"/reports/{plan}/outcomes", data={**form, "csrf_token": browser.csrf(page)}, follow_redirects=False
    )
    assert posted.status_code == 303
    row = _row(client.get(page).text, NEW_FIRMS)
    assert 'data-status="met"' in row and "2023年统计公报" in row and "录入" in row
    entered = client.get("/api/outcomes?region=青岚市").json()
    assert [(o["indicator"], o["value"], o["entered_by"]) for o in entered] == [(NEW_FIRMS, 17.0, "office")]
    with database.ledger(actor="tester") as ledger:
        assert [e["actor"] for e in history(ledger, ref=f"outcomes:{entered[0]['id']}")] == ["office"]
    no_token = client.post(f"/reports/{plan}/outcomes", data=form, follow_redirects=False)
    assert no_token.status_code == 403  # CSRF


@pytest.mark.parametrize(("username", "status"), [("leader", 403), ("energy", 403), (None, 401)])
def test_only_the_supervision_office_may_enter_outcomes(
    client: TestClient,
    browser: Browser,
    users: dict[str, str],
    reports: tuple[int, int],
    username: str | None,
    status: int,
) -> None:
    body = {
        "region": "青岚市",
        "year": 2023,
        "indicator": NEW_FIRMS,
        "value": 17,
        "unit": "家",
        "source": "公报",
    }
    if username:
        browser.login(username)
        assert client.get(f"/api/reports/{reports[0]}/scorecard").status_code == 200  # reading is allowed
    headers = {"x-csrf-token": browser.csrf("/login")}
    assert client.post("/api/outcomes", json=body, headers=headers).status_code == status
    form = {
        "indicator": NEW_FIRMS,
        "value": "17",
        "unit": "家",
        "source": "公报",
        "csrf_token": headers["x-csrf-token"],
    }
    assert client.post(f"/reports/{reports[0]}/outcomes", data=form, follow_redirects=False).status_code in {
        status,
        303 if status == 401 else status,  # the public is sent to the login form
    }


def test_outcomes_api_with_a_bearer_token_and_bad_bodies(
    client: TestClient, users: dict[str, str], database: Database, reports: tuple[int, int]
) -> None:
    with database.ledger(actor="tester") as ledger:
        token = issue_token(ledger, username="office")
    auth = {"Authorization": f"Bearer {token}"}
    body = {
        "region": "青岚市",
        "year": 2023,
        "indicator": NEW_FIRMS,
        "value": 12,
        "unit": "家",
        "source": "公报",
    }
    created = client.post("/api/outcomes", json=body, headers=auth)
    assert created.status_code == 201 and created.json()["metric"] == "level"
    card = client.get(f"/api/reports/{reports[0]}/scorecard", headers=auth).json()
    assert next(x for x in card["lines"] if x["indicator"] == NEW_FIRMS)["status"] == "missed"  # 12 < 15
    for bad in (
        {**body, "source": ""},
        {**body, "value": "many"},
        {**body, "unit": "%", "indicator": "某比例"},
    ):
        assert client.post("/api/outcomes", json=bad, headers=auth).status_code == 422


def test_public_scorecard_is_read_only(
    client: TestClient, users: dict[str, str], reports: tuple[int, int]
) -> None:
    plan, _ = reports
    assert client.get(f"/api/reports/{plan}/scorecard").status_code == 401
    html = client.get(f"/public/reports/{plan}/scorecard").text
    assert 'data-status="met"' in _row(html, "原煤产量")
    assert "录入实际数" not in html and f'href="/reports/{plan}"' not in html
    assert client.get(f"/api/public/reports/{plan}/scorecard").json()["report_id"] == plan
    assert 'href="/public/scorecards"' in client.get("/public").text
    assert f'href="/public/reports/{plan}/scorecard"' in client.get("/public/scorecards").text


def test_a_task_shows_its_verdict_once_the_next_report_is_stored(
    client: TestClient, browser: Browser, users: dict[str, str], database: Database
) -> None:
    (plan,) = _store(database, "link-city-2023.txt")
    coal = _coal_task(database, plan)
    browser.login("energy")
    assert f'hx-get="/tasks/{coal}/verdict"' in client.get(f"/tasks/{coal}").text
    assert "data-status" not in client.get(f"/tasks/{coal}/verdict").text
    assert client.get(f"/api/tasks/{coal}/verdict").json() is None
    _store(database, "link-city-2024.txt")
    fragment = client.get(f"/tasks/{coal}/verdict").text
    assert 'data-status="met"' in fragment and "煤炭产量8120万吨" in fragment
    assert f'href="/reports/{plan}/scorecard"' in fragment
    verdict = client.get(f"/api/tasks/{coal}/verdict").json()
    assert verdict["status"] == "met" and verdict["task_id"] == coal
    listed = client.get(f"/api/reports/{plan}/verdicts").json()
    assert verdict in listed and {v["status"] for v in listed} >= {"met", "missed"}
    assert client.get("/tasks/999999/verdict").status_code == 404
