"""Sessions and tokens end: logout, password change, disabling, revocation, expiry (issue 10, finding 3)."""

from __future__ import annotations

from datetime import date

from fastapi import FastAPI
from fastapi.testclient import TestClient
from tests.serve.conftest import Seeded, csrf_of, login

from luoshi.clock import FixedClock
from luoshi.serve.security import SESSION_COOKIE
from luoshi.store.db import Database
from luoshi.supervise.accounts import issue_token, revoke_tokens, set_active, set_password


def _write(client: TestClient, seeded: Seeded, cookie: str, csrf: str) -> int:
    """A progress report posted with a copied session cookie and its CSRF token."""
    client.cookies.clear()
    client.cookies.set(SESSION_COOKIE, cookie)
    response = client.post(
        f"/api/tasks/{seeded.solar}/progress", json={"value": 1}, headers={"x-csrf-token": csrf}
    )
    return int(response.status_code)


def _signed_in_copy(client: TestClient, seeded: Seeded) -> tuple[str, str]:
    """Sign in as the 市能源局 reporter; the cookie and CSRF token an attacker would copy."""
    login(client, "energy")
    csrf = csrf_of(client, f"/tasks/{seeded.solar}")
    cookie = client.cookies.get(SESSION_COOKIE)
    assert cookie
    return cookie, csrf


def test_logout_ends_a_copied_cookie(client: TestClient, users: dict[str, str], seeded: Seeded) -> None:
    """After POST /logout the copied cookie no longer writes (it did: 201)."""
    cookie, csrf = _signed_in_copy(client, seeded)
    assert _write(client, seeded, cookie, csrf) == 201
    client.cookies.set(SESSION_COOKIE, cookie)
    assert client.post("/logout", data={"csrf_token": csrf}, follow_redirects=False).status_code == 303
    assert _write(client, seeded, cookie, csrf) in (401, 403)


def test_a_password_change_ends_sessions_and_tokens(
    client: TestClient, database: Database, users: dict[str, str], seeded: Seeded
) -> None:
    cookie, csrf = _signed_in_copy(client, seeded)
    with database.ledger(actor="tester") as ledger:
        token = issue_token(ledger, username="energy")
    bearer = {"Authorization": f"Bearer {token}"}
    assert client.get("/api/me", headers=bearer).status_code == 200
    with database.ledger(actor="tester") as ledger:
        set_password(ledger, username="energy", password="a-brand-new-password")
    assert _write(client, seeded, cookie, csrf) in (401, 403)
    assert (
        client.post(f"/api/tasks/{seeded.solar}/progress", json={"value": 1}, headers=bearer).status_code
        == 401
    )


def test_disabling_a_user_ends_everything_at_once(
    client: TestClient, database: Database, users: dict[str, str], seeded: Seeded
) -> None:
    cookie, csrf = _signed_in_copy(client, seeded)
    with database.ledger(actor="tester") as ledger:
        token = issue_token(ledger, username="energy")
        set_active(ledger, username="energy", active=False)
    assert _write(client, seeded, cookie, csrf) in (401, 403)
    bearer = {"Authorization": f"Bearer {token}"}
    assert (
        client.post(f"/api/tasks/{seeded.solar}/progress", json={"value": 1}, headers=bearer).status_code
        == 401
    )


def test_revoked_and_expired_tokens_are_refused(
    client: TestClient, database: Database, users: dict[str, str]
) -> None:
    with database.ledger(actor="tester") as ledger:
        revoked = issue_token(ledger, username="energy")
        assert revoke_tokens(ledger, username="energy") == 1
    with database.ledger(actor="tester", clock=FixedClock.on(date(2020, 1, 1))) as ledger:
        expired = issue_token(ledger, username="energy", days=30)
    for token in (revoked, expired):
        response = client.get("/api/me", headers={"Authorization": f"Bearer {token}"})
        assert response.status_code == 401 and "令牌" in response.json()["detail"]


def test_the_office_ends_a_users_sessions_from_the_account_page(
    app: FastAPI, database: Database, users: dict[str, str], seeded: Seeded
) -> None:
    with TestClient(app) as victim, TestClient(app) as office:
        cookie, csrf = _signed_in_copy(victim, seeded)
        login(office, "office")
        assert "energy" in office.get("/admin/users").text
        token = csrf_of(office, "/admin/users")
        done = office.post("/admin/users/energy/logout", data={"csrf_token": token}, follow_redirects=False)
        assert done.status_code == 303
        assert _write(victim, seeded, cookie, csrf) in (401, 403)


def test_only_the_office_sees_the_account_page(client: TestClient, users: dict[str, str]) -> None:
    login(client, "leader")
    assert client.get("/admin/users", follow_redirects=False).status_code == 403
