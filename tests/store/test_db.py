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
    migrated_sqlite_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(db_module, "WRITE_QUEUE_TIMEOUT_S", 0.05)
    database = Database(migrated_sqlite_url)
    holding, release = threading.Event(), threading.Event()

    def hold() -> None:
        with database.ledger(actor="first"):
            holding.set()
            release.wait(5)

    first = threading.Thread(target=hold)
    first.start()
    holding.wait(5)
    try:
        with pytest.raises(ConflictError, match="数据库繁忙"), database.ledger(actor="second"):
            pass
        with database.reader().ledger() as ledger:  # readers never queue
            ledger.all(Unit)
    finally:
        release.set()
        first.join()
        database.dispose()
