"""Login limits per address and per account, counted in the database (issue 10, finding 8)."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

from fastapi import FastAPI
from fastapi.testclient import TestClient
from starlette.types import Receive, Scope, Send
from tests.serve.conftest import PASSWORD, TODAY, csrf_of

from luoshi.cli.serve import proxy_options
from luoshi.clock import FixedClock
from luoshi.config import Settings
from luoshi.serve.app import create_app
from luoshi.store.db import Database


def _try(client: TestClient, username: str, password: str = "wrong-password") -> int:
    token = csrf_of(client)
    data = {"username": username, "password": password, "csrf_token": token}
    return int(client.post("/login", data=data, follow_redirects=False).status_code)


def test_password_spraying_from_one_address_is_limited(client: TestClient, users: dict[str, str]) -> None:
    """30 user names from one address: the address is refused (429) after its 20 failures."""
    codes = [_try(client, f"guess{n}") for n in range(30)]
    assert codes[:20] == [401] * 20 and set(codes[20:]) == {429}


def test_an_account_stays_locked_from_another_address(app: FastAPI, users: dict[str, str]) -> None:
    """Five failures lock the account itself: a new client address does not unlock it."""
    with TestClient(app, client=("10.0.0.1", 1000)) as first:
        assert [_try(first, "leader") for _ in range(6)] == [401] * 5 + [429]
    with TestClient(app, client=("10.0.0.2", 1000)) as second:
        assert _try(second, "leader", PASSWORD) == 429


def test_the_counts_are_shared_by_every_worker(
    database: Database, users: dict[str, str], tmp_path: Path
) -> None:
    """Two apps (workers) over one database share the counts: a per-process dict gave N× the tries."""
    settings = Settings(data_dir=tmp_path, database_url=database.url, secret_key="w" * 40)
    workers = [create_app(settings=settings, database=database, clock=FixedClock.on(TODAY)) for _ in range(2)]
    with TestClient(workers[0]) as one, TestClient(workers[1]) as two:
        codes = [_try(one if n % 2 else two, "office") for n in range(6)]
    assert codes == [401] * 5 + [429]


async def _client_seen(settings: Settings, forwarded: str) -> str:
    """The client address an app behind real uvicorn sees, for a request from 127.0.0.1 that claims
    ``X-Forwarded-For: forwarded``."""
    import uvicorn

    seen: list[str] = []

    async def probe(scope: Scope, receive: Receive, send: Send) -> None:
        seen.append(scope["client"][0])
        await send({"type": "http.response.start", "status": 204, "headers": []})
        await send({"type": "http.response.body", "body": b""})

    config = uvicorn.Config(probe, **proxy_options(settings))
    config.load()
    scope: dict[str, Any] = {
        "type": "http", "method": "GET", "path": "/", "headers": [(b"x-forwarded-for", forwarded.encode())],
        "client": ("127.0.0.1", 5000), "scheme": "http", "query_string": b"", "http_version": "1.1",
    }  # fmt: skip

    async def receive() -> dict[str, Any]:
        return {"type": "http.request", "body": b""}

    async def send(message: Any) -> None:
        return None

    await config.loaded_app(scope, receive, send)
    return seen[0]


def test_forwarded_headers_are_trusted_only_from_configured_proxies(tmp_path: Path) -> None:
    plain = Settings(data_dir=tmp_path)
    assert asyncio.run(_client_seen(plain, "6.6.6.6")) == "127.0.0.1"
    behind_proxy = Settings(data_dir=tmp_path, forwarded_allow_ips="127.0.0.1")
    assert asyncio.run(_client_seen(behind_proxy, "6.6.6.6")) == "6.6.6.6"
