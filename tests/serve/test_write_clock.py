"""Writes take the server's clock; only reads take ``?as_of=`` (issue 10, finding 1 and 9)."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from tests.serve.conftest import TODAY, Seeded, csrf_of, login

from luoshi.clock import CHINA
from luoshi.config import Settings
from luoshi.serve.app import create_app
from luoshi.store.db import Database
from luoshi.store.models import AuditEvent, ProgressReport
from luoshi.supervise.accounts import issue_token


def _only_report(database: Database) -> tuple[datetime, datetime]:
    """(reported_at, the audit event's time) of the one progress report stored."""
    with database.ledger(actor="tester") as ledger:
        (report,) = ledger.all(ProgressReport)
        event = ledger.find(AuditEvent, entity="progress_reports", entity_id=report.id, action="insert")
        assert event is not None
        return report.reported_at, event.at


def _day(moment: datetime) -> date:
    aware = moment if moment.tzinfo else moment.replace(tzinfo=CHINA)
    return aware.astimezone(CHINA).date()


def test_a_write_ignores_as_of_and_takes_the_server_clock(
    client: TestClient, database: Database, users: dict[str, str], seeded: Seeded
) -> None:
    """A reporter posting progress with ?as_of=2023-03-03 gets the server's time in reported_at and audit."""
    with database.ledger(actor="tester") as ledger:
        token = issue_token(ledger, username="energy")
    response = client.post(
        f"/api/tasks/{seeded.solar}/progress?as_of=2023-03-03",
        json={"value": 10, "narrative": "按期推进"},
        headers={"Authorization": f"Bearer {token}"},
    )
    assert response.status_code == 201, response.text
    reported_at, audited_at = _only_report(database)
    assert _day(reported_at) == TODAY and _day(audited_at) == TODAY


def test_a_form_write_ignores_as_of(
    client: TestClient, database: Database, users: dict[str, str], seeded: Seeded
) -> None:
    """The page form (session + CSRF) is held to the same rule as the API."""
    login(client, "energy")
    token = csrf_of(client, f"/tasks/{seeded.solar}")
    response = client.post(
        f"/tasks/{seeded.solar}/progress?as_of=2023-03-03",
        data={"csrf_token": token, "value": "5"},
        follow_redirects=False,
    )
    assert response.status_code == 303, response.text
    assert {_day(t) for t in _only_report(database)} == {TODAY}


def test_reads_still_take_as_of(client: TestClient, users: dict[str, str], seeded: Seeded) -> None:
    login(client, "office")
    assert client.get("/api/dashboard?as_of=2023-09-15").json()["as_of"] == "2023-09-15"


def test_the_demo_day_is_a_start_up_setting(database: Database, tmp_path: Path) -> None:
    """LUOSHI_TODAY fixes the app's clock once, at start-up (demos and tests), for reads and writes."""
    settings = Settings(
        data_dir=tmp_path, database_url=database.url, secret_key="k" * 40, today=date(2024, 2, 29)
    )
    app = create_app(settings=settings, database=database)
    assert app.state.clock.today() == date(2024, 2, 29)


@pytest.mark.parametrize("path", ["/api/public", "/public", "/dashboard", "/api/dashboard"])
@pytest.mark.parametrize("day", ["9999-12-31", "0001-01-01"])
def test_an_as_of_out_of_range_is_422_not_500(
    client: TestClient, users: dict[str, str], seeded: Seeded, path: str, day: str
) -> None:
    """as_of outside the years the ledger covers is refused with a message, never an OverflowError."""
    login(client, "office")
    response = client.get(f"{path}?as_of={day}")
    assert response.status_code == 422
    assert "as_of" in response.text


def test_an_item_response_ignores_as_of(
    client: TestClient, database: Database, users: dict[str, str], seeded: Seeded
) -> None:
    """POST /api/items/{id}/respond?as_of=2023-09-01 is recorded at the server's time (overdue days stay)."""
    with database.ledger(actor="tester") as ledger:
        office, energy = (issue_token(ledger, username=name) for name in ("office", "energy"))
    item = client.post(
        "/api/items",
        json={"title": "用地", "lead": "市能源局", "task_id": seeded.solar},
        headers={"Authorization": f"Bearer {office}"},
    ).json()["item"]["id"]
    response = client.post(
        f"/api/items/{item}/respond?as_of=2023-09-01",
        json={"kind": "deployed"},
        headers={"Authorization": f"Bearer {energy}"},
    )
    assert response.status_code == 200, response.text
    with database.ledger(actor="tester") as ledger:
        times = {_day(e.at) for e in ledger.all(AuditEvent) if e.actor == "energy"}
    assert times == {TODAY}
