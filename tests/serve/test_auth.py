"""Sign-in, sessions, CSRF, the login rate limit and bearer tokens, over a real database."""

from __future__ import annotations

from typing import TYPE_CHECKING

from fastapi.testclient import TestClient

from luoshi.store.db import Database
from luoshi.supervise.accounts import issue_token

if TYPE_CHECKING:
    from tests.serve.conftest import Browser

PASSWORD = "correct-horse-battery"


def test_login_sets_a_session_and_logout_ends_it(
    client: TestClient, browser: Browser, users: dict[str, str]
) -> None:
    assert client.get("/api/me").json()["signed_in"] is False
    browser.login("office")
    me = client.get("/api/me").json()
    assert me == {
        "username": "office",
        "display_name": "office",
        "role": "admin",
        "unit_id": None,
        "signed_in": True,
    }
    token = browser.csrf("/login")
    assert client.post("/logout", data={"csrf_token": token}, follow_redirects=False).status_code == 303
    assert client.get("/api/me").json()["signed_in"] is False


def test_session_cookie_flags(client: TestClient, browser: Browser, users: dict[str, str]) -> None:
    cookie = client.get("/login").headers["set-cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie


def test_wrong_password_is_refused(client: TestClient, browser: Browser, users: dict[str, str]) -> None:
    token = browser.csrf()
    response = client.post("/login", data={"username": "office", "password": "nope", "csrf_token": token})
    assert response.status_code == 401
    assert "用户名或密码错误" in response.text


def test_login_without_csrf_token_is_refused(client: TestClient, users: dict[str, str]) -> None:
    client.get("/login")
    response = client.post("/login", data={"username": "office", "password": PASSWORD})
    assert response.status_code == 403
    assert client.get("/api/me").json()["signed_in"] is False


def test_csrf_token_from_another_session_is_refused(
    client: TestClient, browser: Browser, users: dict[str, str]
) -> None:
    foreign = browser.csrf()
    client.cookies.clear()
    client.get("/login")
    response = client.post("/login", data={"username": "office", "password": PASSWORD, "csrf_token": foreign})
    assert response.status_code == 403


def test_login_rate_limit(client: TestClient, browser: Browser, users: dict[str, str]) -> None:
    token = browser.csrf()
    codes = [
        client.post("/login", data={"username": "leader", "password": "bad", "csrf_token": token}).status_code
        for _ in range(6)
    ]
    assert codes == [401] * 5 + [429]
    good = client.post("/login", data={"username": "leader", "password": PASSWORD, "csrf_token": token})
    assert good.status_code == 429  # even the right password waits


def test_open_redirect_is_refused(client: TestClient, browser: Browser, users: dict[str, str]) -> None:
    token = browser.csrf()
    data = {"username": "office", "password": PASSWORD, "csrf_token": token, "next": "//evil.example/"}
    response = client.post("/login", data=data, follow_redirects=False)
    assert response.headers["location"] == "/dashboard"


def test_bearer_token(
    client: TestClient, browser: Browser, database: Database, users: dict[str, str]
) -> None:
    with database.ledger(actor="tester") as ledger:
        token = issue_token(ledger, username="energy")
    me = client.get("/api/me", headers={"Authorization": f"Bearer {token}"}).json()
    assert me["username"] == "energy" and me["role"] == "reporter"
    bad = client.get("/api/me", headers={"Authorization": "Bearer ls_wrong"})
    assert bad.status_code == 401


def test_security_headers(client: TestClient) -> None:
    headers = client.get("/login").headers
    assert "script-src 'self'" in headers["content-security-policy"]
    assert headers["x-frame-options"] == "DENY"
