"""Writers of one process queue for SQLite's one write lock instead of timing out behind each other."""

from __future__ import annotations

import threading
import time

import pytest

from luoshi.errors import ConflictError
from luoshi.store import db as db_module
from luoshi.store.db import Database
from luoshi.store.models import Unit

WRITERS = 4
HOLD_S = 0.15  # each writer keeps its transaction open this long: 3 × longer than SQLite waits


def _write(database: Database, n: int, failures: list[BaseException], start: threading.Barrier) -> None:
    start.wait()
    try:
        with database.ledger(actor=f"writer{n}") as ledger:
            ledger.add(Unit(code=f"u{n}", name=f"单位{n}", kind="department"))
            time.sleep(HOLD_S)
    except BaseException as exc:  # collected and asserted on below
        failures.append(exc)


def test_writers_queue_past_the_busy_timeout(
    migrated_sqlite_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # SQLite alone (50 ms busy timeout) would refuse the later writers
    monkeypatch.setattr(db_module, "SQLITE_BUSY_TIMEOUT_MS", 50)
    database = Database(migrated_sqlite_url)
    failures: list[BaseException] = []
    start = threading.Barrier(WRITERS)
    threads = [threading.Thread(target=_write, args=(database, n, failures, start)) for n in range(WRITERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    with database.reader().ledger() as ledger:
        codes = {unit.code for unit in ledger.all(Unit)}
    database.dispose()
    assert failures == []
    assert codes >= {f"u{n}" for n in range(WRITERS)}


def test_a_writer_queued_too_long_is_refused_in_one_line(
    migrated_db_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """SQLite's writers queue in the process, PostgreSQL's on the writers' advisory lock
    (``lock_timeout``): past the wait, the same one line; readers never queue."""
    monkeypatch.setattr(db_module, "WRITE_QUEUE_TIMEOUT_S", 0.05)
    monkeypatch.setattr(db_module, "POSTGRES_LOCK_TIMEOUT_MS", 50)
    database = Database(migrated_db_url)
    holding, release = threading.Event(), threading.Event()

    def hold() -> None:
        with database.ledger(actor="first") as ledger:
            ledger.add(Unit(code="first", name="先到单位", kind="department"))  # begun: holds the lock
            holding.set()
            release.wait(5)

    first = threading.Thread(target=hold)
    first.start()
    holding.wait(5)
    try:
        with pytest.raises(ConflictError) as refused, database.ledger(actor="second") as ledger:
            ledger.all(Unit)
        assert str(refused.value) == "数据库繁忙，请稍后重试"
        with database.reader().ledger() as ledger:  # readers never queue
            assert "first" not in {u.code for u in ledger.all(Unit)}
    finally:
        release.set()
        first.join()
    with database.ledger(actor="third") as ledger:  # the refused one left nothing behind
        ledger.add(Unit(code="third", name="后到单位", kind="department"))
    with database.reader().ledger() as ledger:
        assert {"first", "third"} <= {u.code for u in ledger.all(Unit)}
    database.dispose()


@pytest.mark.postgres
def test_a_reader_that_writes_on_postgres_queues_before_its_write(
    migrated_postgres_url: str,
) -> None:
    """A reader()'s unit of work does not queue to read; if it writes an audited row, it queues
    first, as a writer (its audit ids too come in commit order)."""
    from luoshi.store.models import AuditEvent

    database = Database(migrated_postgres_url)
    holding, release, written = threading.Event(), threading.Event(), threading.Event()

    def hold() -> None:
        with database.ledger(actor="first") as ledger:
            ledger.add(Unit(code="first", name="先到单位", kind="department"))
            holding.set()
            release.wait(5)

    def reader_writes() -> None:
        with database.reader().ledger(actor="reader") as ledger:
            ledger.all(Unit)  # read at once
            ledger.add(Unit(code="reader", name="读者单位", kind="department"))
        written.set()

    first = threading.Thread(target=hold)
    first.start()
    holding.wait(5)
    second = threading.Thread(target=reader_writes, daemon=True)
    second.start()
    try:
        assert not written.wait(0.3)  # queued behind the first writer
    finally:
        release.set()
        first.join()
    assert written.wait(10)
    with database.reader().ledger() as ledger:
        ids = {e.entity_id: e.id for e in ledger.all(AuditEvent, entity="units")}
        codes = {u.id: u.code for u in ledger.all(Unit)}
    order = [codes[unit] for unit, _ in sorted(ids.items(), key=lambda item: item[1])]
    assert order == ["first", "reader"]  # ids in commit order
    database.dispose()
