"""Serve fixtures: a real app over a real migrated database, users of every role, a test client."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from tests.serve.serve_sample import seed_sample

from luoshi.clock import FixedClock
from luoshi.config import Settings
from luoshi.serve.app import create_app
from luoshi.store.db import Database
from luoshi.store.models import Unit
from luoshi.supervise.accounts import add_user
from luoshi.supervise.permissions import Role

TODAY = date(2023, 6, 15)
PASSWORD = "correct-horse-battery"


@pytest.fixture
def database(migrated_sqlite_url: str) -> Iterator[Database]:
    """Page tests run on a migrated SQLite file; test_postgres.py repeats the key flows on PostgreSQL."""
    db = Database(migrated_sqlite_url)
    try:
        yield db
    finally:
        db.dispose()


@dataclass(frozen=True)
class Units:
    energy: int
    education: int


@pytest.fixture
def units(database: Database) -> Units:
    with database.ledger(actor="tester") as ledger:
        energy = ledger.add(Unit(code="nengyuan", name="市能源局", kind="department"))
        education = ledger.add(Unit(code="jiaoyu", name="市教育局", kind="department"))
        return Units(energy=energy.id, education=education.id)


@pytest.fixture
def users(database: Database, units: Units) -> dict[str, str]:
    """username → password for one user of each role (the reporter belongs to 市能源局)."""
    with database.ledger(actor="tester") as ledger:
        add_user(ledger, username="office", role=Role.OFFICE, password=PASSWORD)
        add_user(ledger, username="leader", role=Role.LEADER, password=PASSWORD)
        add_user(ledger, username="energy", role=Role.REPORTER, unit="nengyuan", password=PASSWORD)
        add_user(ledger, username="teacher", role=Role.REPORTER, unit="jiaoyu", password=PASSWORD)
    return {name: PASSWORD for name in ("office", "leader", "energy", "teacher")}


@pytest.fixture
def app(database: Database, tmp_path: Path) -> FastAPI:
    settings = Settings(data_dir=tmp_path / "data", database_url=database.url, secret_key="t" * 40)
    return create_app(settings=settings, database=database, clock=FixedClock.on(TODAY))


@pytest.fixture
def client(app: FastAPI) -> Iterator[TestClient]:
    with TestClient(app, base_url="http://testserver") as test_client:
        yield test_client


class Browser:
    """Helpers a test uses like a person at a browser: read a form's CSRF token, sign in."""

    def __init__(self, client: TestClient) -> None:
        self.client = client

    def csrf(self, path: str = "/login") -> str:
        return csrf_of(self.client, path)

    def login(self, username: str, password: str = PASSWORD) -> None:
        login(self.client, username, password)


@pytest.fixture
def browser(client: TestClient) -> Browser:
    return Browser(client)


def csrf_of(client: TestClient, path: str = "/login") -> str:
    """The CSRF token a page's forms carry."""
    html = client.get(path).text
    found = re.search(r'name="csrf_token" value="([^"]+)"', html)
    assert found, f"no CSRF token on {path}"
    return found.group(1)


def login(client: TestClient, username: str, password: str = PASSWORD) -> None:
    token = csrf_of(client)
    response = client.post(
        "/login",
        data={"username": username, "password": password, "csrf_token": token, "next": "/"},
        follow_redirects=False,
    )
    assert response.status_code == 303, response.text


@dataclass(frozen=True)
class Seeded:
    report_id: int
    solar: int  # task ids: 光伏 (市能源局 leads), 充电站 (市能源局), 学校 (市教育局)
    charging: int
    schools: int


@pytest.fixture
def seeded(database: Database, units: Units) -> Seeded:
    report_id, ids = seed_sample(database)
    return Seeded(report_id, *ids)
