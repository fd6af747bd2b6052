"""``--demo``: the example report, units, users and simulated progress, labelled on every page."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from luoshi.clock import FixedClock
from luoshi.config import Settings
from luoshi.serve.app import create_app
from luoshi.serve.demo import load_demo
from luoshi.store.db import Database

pytestmark = pytest.mark.slow


def test_demo_loads_once_and_is_labelled(database: Database, tmp_path: Path) -> None:
    result = load_demo(database, evidence_dir=tmp_path / "evidence")
    assert result.loaded and result.demo
    accounts = dict(re.findall(r"^\s+(\S+)\s+(\S+)\s", "\n".join(result.lines), re.M))
    assert {"admin", "leader"} <= set(accounts) and any(u.startswith("unit-") for u in accounts)
    again = load_demo(database, evidence_dir=tmp_path / "evidence")
    assert not again.loaded and again.demo

    settings = Settings(data_dir=tmp_path, database_url=database.url, secret_key="d" * 40)
    app = create_app(settings=settings, database=database, clock=FixedClock.on(result.as_of))
    with TestClient(app) as client:
        assert "演示数据" in client.get("/public").text
        token = re.search(r'name="csrf_token" value="([^"]+)"', client.get("/login").text)
        assert token
        login = {"username": "admin", "password": accounts["admin"], "csrf_token": token.group(1)}
        assert client.post("/login", data=login, follow_redirects=False).status_code == 303
        for path in ("/dashboard", "/ledger", "/reports"):
            assert 'data-demo="1"' in client.get(path).text, path
        data = client.get("/api/dashboard").json()
        assert data["demo"] and data["tasks"] > 100
        assert data["states"].get("on_track", 0) > 0 and data["states"].get("behind", 0) > 0
        first = client.get("/api/tasks?limit=1000").json()["items"]
        reported = [t for t in first if t["reports"]]
        assert reported and all(t["demo"] for t in reported)
