"""Shared fixtures: real texts from tests/fixtures, real databases, real services."""

from __future__ import annotations

import gc
import os
import random
import shutil
import sys
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from hypothesis import HealthCheck, settings

if TYPE_CHECKING:
    from luoshi.store.db import Database
    from luoshi.store.ledger import Ledger

# The suite compiles its modules once, not in every run and every worker: with PYTHONDONTWRITEBYTECODE
# set (as in some images) pytest rewrote and compiled every test module and luoshi module anew in each
# xdist worker, about 8 s of CPU per process. The caches go to __pycache__ (git-ignored).
sys.dont_write_bytecode = False

FIXTURES = Path(__file__).parent / "fixtures"
REQUIRE_SERVICES = os.environ.get("LUOSHI_TEST_REQUIRE_SERVICES") == "1"

# ---------------------------------------------------------------- Hypothesis profiles
# "ci" (the default, `make test`): the same examples on every run and machine, no example database,
# no failure because a loaded machine is slow. "fuzz" (`make fuzz`): random seeds, FUZZ_FACTOR times
# each test's examples, and the blob that reproduces a failure. Both are loaded before test modules
# import, so a test's own @settings inherits from the profile.
settings.register_profile(
    "ci",
    derandomize=True,
    database=None,
    deadline=None,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much],
)
settings.register_profile("fuzz", derandomize=False, database=None, deadline=None, print_blob=True)
HYPOTHESIS_PROFILE = os.environ.get("HYPOTHESIS_PROFILE", "ci")
settings.load_profile(HYPOTHESIS_PROFILE)
FUZZ_FACTOR = int(os.environ.get("FUZZ_FACTOR", "20"))
# `make test-order`: "reverse", or a seed for a shuffle. A test that passes only after another one
# (a module fixture changed by an earlier test, global state left behind) fails in another order.
TEST_ORDER = os.environ.get("LUOSHI_TEST_ORDER", "")


def _cheap_passwords() -> None:
    """Test passwords are hashed with argon2's cheapest profile (production keeps the default)."""
    from argon2.profiles import CHEAPEST

    from luoshi.supervise.credentials import use_password_profile

    use_password_profile(CHEAPEST)


_cheap_passwords()


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Order and group the tests for pytest-xdist (``make test`` runs one worker per CPU), and
    under the fuzz profile search longer. First among the plugins: xdist reads the group marks
    in its own hook of this name, and marks added after it are ignored."""
    _schedule(items)
    if HYPOTHESIS_PROFILE == "fuzz":
        _fuzz(items)


def pytest_collection_finish(session: pytest.Session) -> None:
    """Tune this process's cyclic garbage collector for a test run, once collection is done.

    A test process allocates far more than a server does (fresh apps, sessions, parsed reports,
    thousands of fixtures) over a large long-lived heap (Hypothesis, SQLAlchemy, FastAPI and the
    collected tests). With the default thresholds (700, 10, 10) the collector took about 32 s of
    the suite's CPU, walking that heap again and again. Freezing what collection built and
    collecting less often brought it to 13.5–21 s in three runs. Reference counting still frees
    almost everything at once; only cycles wait longer. This is the test process's setting only:
    the server keeps Python's defaults (and freezes its own boards, ``supervise/snapshot.py``)."""
    gc.collect()
    gc.freeze()
    gc.set_threshold(50_000, 20, 100)


def _schedule(items: list[pytest.Item]) -> None:
    """Slow tests first, so that no worker is left with a long one at the end; the browser tests
    in one group, run by one worker (one chromium at a time). Every worker computes the same order."""
    if TEST_ORDER == "reverse":
        items.reverse()
    elif TEST_ORDER:
        random.Random(TEST_ORDER).shuffle(items)
    for item in items:
        if item.get_closest_marker("browser") is not None or item.path.parent.name == "browser":
            item.add_marker(pytest.mark.xdist_group("browser"))
    items.sort(key=lambda item: item.get_closest_marker("slow") is None)


def _fuzz(items: list[pytest.Item]) -> None:
    """Search FUZZ_FACTOR times as long, with random seeds, in every property test."""
    for test in {id(f): f for item in items if (f := getattr(item, "obj", None)) is not None}.values():
        current = getattr(test, "_hypothesis_internal_use_settings", None)
        if isinstance(current, settings):
            test._hypothesis_internal_use_settings = settings(  # type: ignore[attr-defined]
                current, max_examples=current.max_examples * FUZZ_FACTOR, derandomize=False, database=None
            )


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


@pytest.fixture(scope="session")
def migrated_sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A SQLite file at Alembic head, migrated once per session; tests get copies, never this file."""
    from luoshi.store.db import Database
    from luoshi.store.migrate import upgrade

    path = tmp_path_factory.mktemp("migrated") / "head.sqlite3"
    db = Database(f"sqlite:///{path}")
    upgrade(db.engine)
    db.dispose()  # the last connection closed: the WAL is checkpointed into the file
    return path


@pytest.fixture
def migrated_sqlite_url(tmp_path: Path, migrated_sqlite_template: Path) -> str:
    """A fresh SQLite file of this test's own, already at Alembic head (a copy of the session's)."""
    target = tmp_path / "luoshi.sqlite3"
    shutil.copyfile(migrated_sqlite_template, target)
    return f"sqlite:///{target}"


@contextmanager
def _fresh_postgres() -> Iterator[str]:
    """Create a uniquely named database on the test server; drop it afterwards."""
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import OperationalError

    server = make_url(POSTGRES_SERVER_URL)
    name = f"luoshi_test_{uuid.uuid4().hex[:16]}"
    admin = create_engine(server, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
            # a throwaway database: commits need not wait for the WAL to reach the disk
            conn.execute(text(f'ALTER DATABASE "{name}" SET synchronous_commit = off'))
    except OperationalError as exc:
        admin.dispose()
        skip_or_fail(f"PostgreSQL not reachable at {server.render_as_string()}: {exc.orig}")
    try:
        yield server.set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture
def postgres_url() -> Iterator[str]:
    """A fresh, empty PostgreSQL database of its own (skipped locally, failed in CI, if no server)."""
    with _fresh_postgres() as url:
        yield url


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest) -> str:
    """A fresh, empty database; each test that uses it runs twice: on SQLite and on PostgreSQL."""
    if request.param == "postgresql":
        request.applymarker(pytest.mark.postgres)
        return str(request.getfixturevalue("postgres_url"))
    return str(request.getfixturevalue("sqlite_url"))


@pytest.fixture(scope="session")
def _migrated_postgres() -> Iterator[str]:
    """One migrated PostgreSQL database per test session (per xdist worker); ``migrated_db_url``
    empties it for each test."""
    from luoshi.store.db import Database
    from luoshi.store.migrate import upgrade

    with _fresh_postgres() as url:
        db = Database(url)
        upgrade(db.engine)
        db.dispose()
        yield url


_SEQUENCES = "SELECT sequencename, last_value FROM pg_sequences WHERE schemaname = 'public'"


def _delete_all(conn: Any) -> None:
    """Delete every row of every table (in a transaction on ``conn``), skipping triggers and checks.

    DELETE, not TRUNCATE: on a few small tables it takes milliseconds where TRUNCATE, which
    replaces each table's files, takes a second or more. The replica role skips the triggers
    (audit_events refuses DELETE) and the foreign-key checks, so the order does not matter."""
    from sqlalchemy import text

    from luoshi.store.models import Base

    conn.execute(text("SET LOCAL session_replication_role = replica"))
    conn.execute(text("; ".join(f'DELETE FROM "{t.name}"' for t in Base.metadata.sorted_tables)))


def empty_postgres(url: str) -> None:
    """A migrated PostgreSQL database as new: every row deleted, every sequence restarted."""
    from sqlalchemy import create_engine, text

    engine = create_engine(url)
    with engine.begin() as conn:
        _delete_all(conn)
        restart = "SELECT setval(('public.' || quote_ident(sequencename))::regclass, 1, false)"
        conn.execute(text(f"{restart} FROM ({_SEQUENCES}) s"))
    engine.dispose()


@dataclass(frozen=True)
class PostgresSnapshot:
    """The rows of every table, kept in schema ``schema`` of the same database, and the sequences."""

    url: str
    schema: str
    sequences: dict[str, int | None]


def snapshot_postgres(url: str, schema: str) -> PostgresSnapshot:
    """Copy every table's rows into ``schema``, to put back with :func:`restore_postgres`."""
    from sqlalchemy import create_engine, text

    from luoshi.store.models import Base

    engine = create_engine(url)
    with engine.begin() as conn:
        conn.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE; CREATE SCHEMA "{schema}"'))
        for table in Base.metadata.sorted_tables:
            conn.execute(
                text(f'CREATE TABLE "{schema}"."{table.name}" AS SELECT * FROM public."{table.name}"')
            )
        sequences = {str(name): value for name, value in conn.execute(text(_SEQUENCES)).all()}
    engine.dispose()
    return PostgresSnapshot(url, schema, sequences)


def restore_postgres(snapshot: PostgresSnapshot) -> None:
    """Put the rows and sequences of ``snapshot`` back, in place of whatever the tables hold."""
    from sqlalchemy import create_engine, text

    from luoshi.store.models import Base

    engine = create_engine(snapshot.url)
    with engine.begin() as conn:
        _delete_all(conn)
        for table in Base.metadata.sorted_tables:
            conn.execute(
                text(f'INSERT INTO public."{table.name}" SELECT * FROM "{snapshot.schema}"."{table.name}"')
            )
        for name, value in snapshot.sequences.items():
            called = value is not None
            conn.execute(
                text("SELECT setval(CAST(:name AS regclass), :value, :called)"),
                {"name": f'public."{name}"', "value": value if called else 1, "called": called},
            )
    engine.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def migrated_db_url(request: pytest.FixtureRequest) -> str:
    """A migrated (Alembic head), empty database on each backend: a copy of the session's SQLite
    file, or the session's PostgreSQL database with every row deleted and sequences restarted."""
    if request.param == "sqlite":
        return str(request.getfixturevalue("migrated_sqlite_url"))
    request.applymarker(pytest.mark.postgres)
    return str(request.getfixturevalue("migrated_postgres_url"))


@pytest.fixture
def migrated_postgres_url(_migrated_postgres: str) -> str:
    """The session's migrated PostgreSQL database, emptied for this test (rows deleted, sequences
    restarted): a cheap stand-in for a fresh migrated database of its own."""
    empty_postgres(_migrated_postgres)
    return _migrated_postgres


@pytest.fixture
def database(migrated_db_url: str) -> Iterator[Database]:
    """A migrated (Alembic head), empty database, on each backend."""
    from luoshi.store.db import Database

    db = Database(migrated_db_url)
    try:
        yield db
    finally:
        db.dispose()


@pytest.fixture
def ledger(database: Database) -> Iterator[Ledger]:
    """A unit of work on a migrated database, with a clock fixed at 2023-06-15 noon (Beijing)."""
    from datetime import date

    from luoshi.clock import FixedClock

    with database.ledger(actor="tester", clock=FixedClock.on(date(2023, 6, 15))) as ledger:
        yield ledger


# ---------------------------------------------------------------- a small report built by hand
# Services are tested on Report objects built here, independent of how good extraction is today.

SAMPLE_TEXT = (
    "2024年示例市政府工作报告\n"
    "一、2023年工作回顾\n"
    "全市地区生产总值增长5.2%。\n"
    "二、2024年重点工作\n"
    "（一）扎实推进项目建设。全年新开工亿元以上项目120个。8月底前高新区数字产业园建成投产。\n"
    "（二）持续改善生态环境。平定县完成营造林5万亩以上。推进城区老旧小区改造。\n"
)


def sample_report(text: str = SAMPLE_TEXT, *, region: str | None = "示例市", year: int | None = 2024) -> Any:
    """A document.Report over ``text`` with two plan sections, three quantities and four tasks."""
    import hashlib
    from datetime import date

    from luoshi import document as doc

    def span(s: str) -> tuple[int, int]:
        start = text.index(s)
        return start, start + len(s)

    def quantity(written: str, indicator: str, value: float, unit: str, part: str, **kw: Any) -> Any:
        start, end = span(written)
        return doc.Quantity(
            part=doc.PartKind(part),
            section=kw.pop("section", None),
            indicator=indicator,
            metric=doc.Metric(kw.pop("metric", "count")),
            value=value,
            unit=unit,
            modifier=doc.Modifier(kw.pop("modifier", "exact")),
            sentence=written,
            start=start,
            end=end,
            text=written,
            year=kw.pop("year", year),
            **kw,
        )

    def task(clause: str, section: str, verb: str, qs: list[int], **kw: Any) -> Any:
        start, end = span(clause)
        return doc.Task(
            text=clause,
            part=doc.PartKind.PLAN,
            section=section,
            theme=None,
            verb=verb,
            start=start,
            end=end,
            quantities=qs,
            **kw,
        )

    s1, s2 = "扎实推进项目建设", "持续改善生态环境"
    quantities = [
        quantity("增长5.2%", "地区生产总值", 5.2, "%", "review", metric="growth", year=2023),
        quantity("120个", "新开工亿元以上项目", 120, "个", "plan", section=s1),
        quantity("5万亩以上", "营造林", 50000, "亩", "plan", section=s2, modifier="at_least"),
    ]
    tasks = [
        task("全年新开工亿元以上项目120个", s1, "开工", [1]),
        task(
            "8月底前高新区数字产业园建成投产",
            s1,
            "建成",
            [],
            deadline=date(year or 2024, 8, 31),
            places=["高新区"],
        ),
        task("平定县完成营造林5万亩以上", s2, "完成", [2], places=["平定县"]),
        task("推进城区老旧小区改造", s2, "推进", [], places=["城区"]),
    ]
    plan = text.index("二、")
    parts = [
        doc.Part(1, "2023年工作回顾", doc.PartKind.REVIEW, 2023, text.index("一、"), plan),
        doc.Part(
            2,
            "2024年重点工作",
            doc.PartKind.PLAN,
            year,
            plan,
            len(text),
            sections=[doc.Section(1, s1, *span(s1)), doc.Section(2, s2, *span(s2))],
        ),
    ]
    meta = doc.ReportMeta(
        title="2024年示例市政府工作报告",
        region=region,
        year=year,
        format="txt",
        sha256=hashlib.sha256(text.encode("utf-8")).hexdigest(),
    )
    return doc.Report(
        meta=meta, text=doc.Text.identity(text), parts=parts, quantities=quantities, tasks=tasks
    )


@pytest.fixture
def report() -> Any:
    return sample_report()


@pytest.fixture
def make_report() -> Any:
    """``make_report(text=..., region=..., year=...)``: the sample report builder."""
    return sample_report


@pytest.fixture(scope="session")
def example_ledger_template(tmp_path_factory: pytest.TempPathFactory, migrated_sqlite_template: Path) -> Path:
    """The example ledger (tests/supervise/documents_sample.py), built once per session; copy it."""
    from tests.supervise.documents_sample import seed_example

    from luoshi.store.db import Database

    folder = tmp_path_factory.mktemp("example-ledger")
    path = folder / "example.sqlite3"
    shutil.copyfile(migrated_sqlite_template, path)
    db = Database(f"sqlite:///{path}")
    seed_example(db, folder / "evidence")
    db.dispose()
    return path


@pytest.fixture
def example_ledger_url(tmp_path: Path, example_ledger_template: Path) -> str:
    """A copy of the example ledger of this test's own: the item raised on task 2 is item 1."""
    target = tmp_path / "example.sqlite3"
    shutil.copyfile(example_ledger_template, target)
    return f"sqlite:///{target}"
