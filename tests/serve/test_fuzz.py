"""Property-based fuzzing of the JSON API against its own OpenAPI schema: never a 5xx.

Bounded: a few examples per operation, no shrinking, so the whole run stays well under a minute.
Requests carry an office user's bearer token, so the write operations are exercised too.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import schemathesis
from fastapi import FastAPI
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, Phase, given, settings
from schemathesis.core.result import Err, Ok

from luoshi.store.db import Database
from luoshi.supervise.accounts import issue_token

pytestmark = pytest.mark.slow


@pytest.fixture
def office_token(database: Database, users: dict[str, str], seeded: object) -> str:
    with database.ledger(actor="tester") as ledger:
        return issue_token(ledger, username="office")


FUZZ = settings(
    max_examples=6,
    deadline=None,
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=list(HealthCheck),
    derandomize=True,
    database=None,
)


def test_api_never_fails_with_5xx(app: FastAPI, office_token: str) -> None:
    schema = schemathesis.openapi.from_asgi("/openapi.json", app)
    headers = {"Authorization": f"Bearer {office_token}"}
    results = list(schema.get_all_operations())
    assert not [r.err() for r in results if isinstance(r, Err)]  # every operation's schema is valid
    operations = [r.ok() for r in results if isinstance(r, Ok)]
    assert len(operations) >= 10
    for operation in operations:

        @given(case=operation.as_strategy())
        @FUZZ
        def call(case: Any) -> None:
            response = case.call(headers=headers)
            where = f"{case.method} {case.formatted_path}"
            assert response.status_code < 500, f"{where}: {response.status_code} {response.text[:300]}"

        call()


@pytest.mark.parametrize(
    "body",
    [b"{", b"null", b"[]", b'{"title": 1}', b"\xff\xfe", b'{"title": "' + b"x" * 10000 + b'"}', b"{}" * 1000],
)
def test_malformed_json_is_a_4xx(client: TestClient, office_token: str, body: bytes) -> None:
    headers = {"Authorization": f"Bearer {office_token}", "content-type": "application/json"}
    for path in ("/api/items", "/api/items/1/respond", "/api/items/1/decide"):
        response = client.post(path, content=body, headers=headers)
        assert 400 <= response.status_code < 500, (path, response.status_code)


def test_openapi_is_served(client: TestClient, tmp_path: Path) -> None:
    spec = client.get("/openapi.json").json()
    assert {"/api/tasks", "/api/items", "/api/dashboard", "/api/public", "/api/reports"} <= set(spec["paths"])
    docs = client.get("/docs").text
    assert "/static/vendor/swagger-ui/swagger-ui-bundle.js" in docs
    assert "http://" not in docs and "https://" not in docs  # nothing from a CDN
    assert client.get("/static/vendor/swagger-ui/swagger-ui-bundle.js").status_code == 200
