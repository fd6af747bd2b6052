"""Shared fixtures: real texts from tests/fixtures, real databases, real services."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from luoshi.store.db import Database
    from luoshi.store.ledger import Ledger

FIXTURES = Path(__file__).parent / "fixtures"
REQUIRE_SERVICES = os.environ.get("LUOSHI_TEST_REQUIRE_SERVICES") == "1"


def skip_or_fail(reason: str) -> None:
    """Skip locally when a service is missing; in CI (LUOSHI_TEST_REQUIRE_SERVICES=1) fail."""
    if REQUIRE_SERVICES:
        pytest.fail(reason)
    pytest.skip(reason)


@pytest.fixture(scope="session")
def fixtures_dir() -> Path:
    return FIXTURES


@pytest.fixture(scope="session")
def example_path() -> Path:
    """The development report: traditional script with pinyin debris (Yangquan 2023)."""
    return FIXTURES / "yangquan-2023.txt"


# ---------------------------------------------------------------- databases
# Every database a test gets is fresh and its own: a SQLite file in tmp_path, or a PostgreSQL
# database named luoshi_test_<uuid> created on the server and dropped afterwards.

POSTGRES_SERVER_URL = os.environ.get(
    "LUOSHI_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
)


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'luoshi.sqlite3'}"


@pytest.fixture
def postgres_url() -> Iterator[str]:
    """A fresh, uniquely named PostgreSQL database (skipped locally, failed in CI, if no server)."""
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import OperationalError

    server = make_url(POSTGRES_SERVER_URL)
    name = f"luoshi_test_{uuid.uuid4().hex[:16]}"
    admin = create_engine(server, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
    except OperationalError as exc:
        admin.dispose()
        skip_or_fail(f"PostgreSQL not reachable at {server.render_as_string()}: {exc.orig}")
    try:
        yield server.set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest) -> str:
    """Each test that uses it runs twice: on SQLite and on PostgreSQL."""
    if request.param == "postgresql":
        request.applymarker(pytest.mark.postgres)
        return str(request.getfixturevalue("postgres_url"))
    return str(request.getfixturevalue("sqlite_url"))


@pytest.fixture
def database(db_url: str) -> Iterator[Database]:
    """A migrated database (Alembic head) on each backend."""
    from luoshi.store.db import Database
    from luoshi.store.migrate import upgrade

    db = Database(db_url)
    upgrade(db.engine)
    try:
        yield db
    finally:
        db.dispose()


@pytest.fixture
def ledger(database: Database) -> Iterator[Ledger]:
    """A unit of work on a migrated database, with a clock fixed at 2023-06-15 noon (Beijing)."""
    from datetime import date

    from luoshi.supervise.clock import FixedClock

    with database.ledger(actor="tester", clock=FixedClock.on(date(2023, 6, 15))) as ledger:
        yield ledger
