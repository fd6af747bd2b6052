"""The permission matrix again, over HTTP: each role × action through the real routes.

Roles act with bearer tokens (the public with none). 市能源局's reporter owns the 光伏 task;
市教育局's reporter does not. Expected codes: 2xx allowed; 401 not signed in (reads); 403 refused
(for the public's writes the CSRF check refuses first); 303 to the login page for a page route;
404 a task that does not exist; 422 allowed but wrong (accepting a task nobody reported done).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from fastapi.testclient import TestClient

from luoshi.store.db import Database
from luoshi.supervise.accounts import issue_token

if TYPE_CHECKING:
    from tests.serve.conftest import Seeded

ROLES = ("public", "leader", "energy", "teacher", "office")

# action → expected status per role, in ROLES order
MATRIX: dict[str, tuple[int, ...]] = {
    "view_public": (200, 200, 200, 200, 200),
    "view_ledger": (401, 200, 200, 200, 200),
    "view_task": (401, 200, 200, 200, 200),
    "report_own_task": (403, 403, 201, 403, 201),
    "report_unknown_task": (403, 404, 404, 404, 404),  # insiders may see which tasks exist
    "raise_item": (403, 403, 403, 403, 201),
    "respond_item": (403, 403, 200, 403, 200),
    "accept_task": (403, 403, 403, 403, 422),
    "return_task": (403, 403, 403, 403, 422),
    "download_evidence": (303, 200, 200, 403, 200),
    "manage_users": (403, 403, 403, 403, 303),  # 303: back to the account page
}


@pytest.fixture
def tokens(database: Database, users: dict[str, str]) -> dict[str, dict[str, str]]:
    with database.ledger(actor="tester") as ledger:
        found = {
            name: {"Authorization": f"Bearer {issue_token(ledger, username=name)}"} for name in ROLES[1:]
        }
    return {"public": {}, **found}


@pytest.fixture
def setup(client: TestClient, tokens: dict[str, dict[str, str]], seeded: Seeded) -> dict[str, int]:
    office = tokens["office"]
    item = client.post(
        "/api/items", json={"title": "用地", "lead": "市能源局", "task_id": seeded.solar}, headers=office
    )
    png = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32
    token = client.get("/login").text.split('name="csrf_token" value="')[1].split('"')[0]
    client.post(
        "/login", data={"username": "energy", "password": "correct-horse-battery", "csrf_token": token}
    )
    token = client.get(f"/tasks/{seeded.solar}").text.split('name="csrf_token" value="')[1].split('"')[0]
    client.post(
        f"/tasks/{seeded.solar}/progress",
        data={"csrf_token": token, "value": "1"},
        files=[("files", ("a.png", png, "image/png"))],
    )
    evidence = client.get(f"/tasks/{seeded.solar}").text.split('href="/evidence/')[1].split('"')[0]
    client.cookies.clear()
    return {"item": item.json()["item"]["id"], "evidence": int(evidence)}


def attempt(
    client: TestClient, action: str, headers: dict[str, str], seeded: Seeded, ids: dict[str, int]
) -> int:
    solar = seeded.solar
    if action == "view_public":
        return int(client.get("/api/public", headers=headers).status_code)
    if action == "view_ledger":
        return int(client.get("/api/tasks", headers=headers).status_code)
    if action == "view_task":
        return int(client.get(f"/api/tasks/{solar}", headers=headers).status_code)
    if action == "report_own_task":
        return int(
            client.post(f"/api/tasks/{solar}/progress", json={"value": 5}, headers=headers).status_code
        )
    if action == "report_unknown_task":
        return int(client.post("/api/tasks/99999/progress", json={"value": 5}, headers=headers).status_code)
    if action == "raise_item":
        return int(
            client.post("/api/items", json={"title": "x", "lead": "市能源局"}, headers=headers).status_code
        )
    if action == "respond_item":
        return int(
            client.post(
                f"/api/items/{ids['item']}/respond", json={"kind": "deployed"}, headers=headers
            ).status_code
        )
    if action == "accept_task":
        return int(
            client.post(f"/api/tasks/{solar}/accept", json={"grade": "优秀"}, headers=headers).status_code
        )
    if action == "return_task":
        return int(
            client.post(f"/api/tasks/{solar}/return", json={"reason": "不全"}, headers=headers).status_code
        )
    if action == "download_evidence":
        return int(
            client.get(f"/evidence/{ids['evidence']}", headers=headers, follow_redirects=False).status_code
        )
    if action == "manage_users":
        return int(
            client.post("/admin/users/leader/logout", headers=headers, follow_redirects=False).status_code
        )
    raise AssertionError(action)


@pytest.mark.parametrize("action", list(MATRIX))
def test_role_action_matrix_over_http(
    client: TestClient, tokens: dict[str, dict[str, str]], seeded: Seeded, setup: dict[str, int], action: str
) -> None:
    got = tuple(attempt(client, action, tokens[role], seeded, setup) for role in ROLES)
    assert got == MATRIX[action], dict(zip(ROLES, got, strict=True))
