"""Serve fixtures: a real app over a real migrated database, users of every role, a test client."""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
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


@dataclass(frozen=True)
class Units:
    energy: int
    education: int


@dataclass(frozen=True)
class Seeded:
    report_id: int
    solar: int  # task ids: 光伏 (市能源局 leads), 充电站 (市能源局), 学校 (市教育局)
    charging: int
    schools: int


# What a test's fixtures put in its database before it starts: the units, the users of each role,
# the sample report. Built once per session for each combination the tests ask for, in a SQLite
# file each test gets a copy of (~80 ms of writes a test otherwise); a fixture asked for later
# (getfixturevalue) or over another database still writes its rows itself.
LAYERS = ("units", "users", "seeded")


@dataclass(frozen=True)
class Built:
    path: Path
    units: Units | None = None
    users: dict[str, str] | None = None
    seeded: Seeded | None = None


def _add_units(database: Database) -> Units:
    with database.ledger(actor="tester") as ledger:
        energy = ledger.add(Unit(code="nengyuan", name="市能源局", kind="department"))
        education = ledger.add(Unit(code="jiaoyu", name="市教育局", kind="department"))
        return Units(energy=energy.id, education=education.id)


def _add_users(database: Database) -> dict[str, str]:
    with database.ledger(actor="tester") as ledger:
        add_user(ledger, username="office", role=Role.OFFICE, password=PASSWORD)
        add_user(ledger, username="leader", role=Role.LEADER, password=PASSWORD)
        add_user(ledger, username="energy", role=Role.REPORTER, unit="nengyuan", password=PASSWORD)
        add_user(ledger, username="teacher", role=Role.REPORTER, unit="jiaoyu", password=PASSWORD)
    return {name: PASSWORD for name in ("office", "leader", "energy", "teacher")}


def _seed(database: Database) -> Seeded:
    report_id, ids = seed_sample(database)
    return Seeded(report_id, *ids)


def _build(path: Path, layers: frozenset[str]) -> Built:
    database = Database(f"sqlite:///{path}")
    try:
        units = _add_units(database) if layers else None
        users = _add_users(database) if "users" in layers else None
        seeded = _seed(database) if "seeded" in layers else None
    finally:
        database.dispose()  # the last connection closed: the WAL is checkpointed into the file
    return Built(path, units, users, seeded)


@dataclass(frozen=True)
class Templates:
    folder: Path
    built: dict[frozenset[str], Built] = field(default_factory=dict)


@pytest.fixture(scope="session")
def _templates(tmp_path_factory: pytest.TempPathFactory) -> Templates:
    return Templates(tmp_path_factory.mktemp("serve-templates"))


@pytest.fixture
def _built(
    request: pytest.FixtureRequest, tmp_path: Path, migrated_sqlite_template: Path, _templates: Templates
) -> Built:
    layers = frozenset(name for name in LAYERS if name in request.fixturenames)
    if layers not in _templates.built:
        template = _templates.folder / f"{'-'.join(sorted(layers)) or 'empty'}.sqlite3"
        shutil.copyfile(migrated_sqlite_template, template)
        _templates.built[layers] = _build(template, layers)
    target = tmp_path / "serve.sqlite3"  # not migrated_sqlite_url's file, which an override may use
    shutil.copyfile(_templates.built[layers].path, target)
    return replace(_templates.built[layers], path=target)


def _ours(database: Database, built: Built) -> bool:
    """Whether ``database`` is the copy ``built`` describes (not a test's own override)."""
    return database.url == f"sqlite:///{built.path}"


@pytest.fixture
def database(_built: Built) -> Iterator[Database]:
    """Page tests run on a migrated SQLite file; test_postgres.py repeats the key flows on PostgreSQL."""
    db = Database(f"sqlite:///{_built.path}")
    try:
        yield db
    finally:
        db.dispose()


@pytest.fixture
def units(database: Database, _built: Built) -> Units:
    return _built.units if _built.units and _ours(database, _built) else _add_units(database)


@pytest.fixture
def users(database: Database, units: Units, _built: Built) -> dict[str, str]:
    """username → password for one user of each role (the reporter belongs to 市能源局)."""
    return _built.users if _built.users and _ours(database, _built) else _add_users(database)


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


@pytest.fixture
def seeded(database: Database, units: Units, _built: Built) -> Seeded:
    return _built.seeded if _built.seeded and _ours(database, _built) else _seed(database)
