"""No lost updates: concurrent writers to one task are either applied or refused with ConflictError."""

from __future__ import annotations

import threading
from datetime import date
from typing import Any

import pytest

from luoshi.errors import ConflictError
from luoshi.store.db import Database
from luoshi.store.ledger import Ledger
from luoshi.store.migrate import upgrade
from luoshi.store.models import AuditEvent, Task
from luoshi.supervise.clock import FixedClock
from luoshi.supervise.reports import store_report

WRITERS = 24
CLOCK = FixedClock.on(date(2024, 5, 1))


def _setup(url: str, report: Any) -> tuple[Database, int]:
    database = Database(url, pool_size=WRITERS, max_overflow=0)
    upgrade(database.engine)
    with database.ledger(actor="office", clock=CLOCK) as led:
        rid = store_report(led, report).report_id
        task = led.all(Task, report_id=rid)[0]
        task.target_value = 0.0
        return database, task.id


def _attempt(database: Database, task_id: int, n: int, barrier: threading.Barrier | None) -> bool:
    """Read the task, (wait for everyone to have read it), write an increment; False on conflict."""
    with database.session() as session:
        ledger = Ledger(session, actor=f"writer-{n}", clock=CLOCK)
        task = ledger.get(Task, task_id)
        if barrier is not None:
            barrier.wait(timeout=30)
        task.target_value = (task.target_value or 0) + 1
        try:
            ledger.commit()
        except ConflictError:
            return False
        return True


def _writer(database: Database, task_id: int, barrier: threading.Barrier, n: int, retry: bool) -> str:
    if _attempt(database, task_id, n, barrier):
        return "applied"
    while retry:
        if _attempt(database, task_id, n, None):
            return "applied"
    return "refused"


def _run(database: Database, task_id: int, *, retry: bool) -> list[str]:
    barrier = threading.Barrier(WRITERS)
    results: list[str] = []
    lock = threading.Lock()

    def work(n: int) -> None:
        outcome = _writer(database, task_id, barrier, n, retry)
        with lock:
            results.append(outcome)

    threads = [threading.Thread(target=work, args=(n,)) for n in range(WRITERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results


@pytest.mark.postgres
def test_concurrent_writers_are_applied_or_refused_never_lost(postgres_url: str, report: Any) -> None:
    database, task_id = _setup(postgres_url, report)
    results = _run(database, task_id, retry=False)
    applied, refused = results.count("applied"), results.count("refused")
    assert applied + refused == WRITERS
    assert applied >= 1 and refused >= 1  # they really raced
    with database.ledger(actor="check", clock=CLOCK) as led:
        task = led.get(Task, task_id)
        assert task.target_value == applied  # every applied increment is there, none lost
        assert task.version == 1 + 1 + applied  # created, set to 0, then one bump per applied write
        updates = [e for e in led.all(AuditEvent, entity="tasks", entity_id=task_id) if e.action == "update"]
        assert len(updates) == 1 + applied
    database.dispose()


@pytest.mark.postgres
def test_writers_that_retry_on_conflict_all_land(postgres_url: str, report: Any) -> None:
    database, task_id = _setup(postgres_url, report)
    results = _run(database, task_id, retry=True)
    assert results.count("applied") == WRITERS
    with database.ledger(actor="check", clock=CLOCK) as led:
        assert led.get(Task, task_id).target_value == WRITERS
    database.dispose()


def test_concurrent_writers_on_sqlite_queue_and_all_land(sqlite_url: str, report: Any) -> None:
    """Rule: SQLite write transactions begin IMMEDIATE, so read-modify-write units of work queue on the
    write lock (busy timeout) instead of being refused: every increment lands, none is lost."""
    database, task_id = _setup(sqlite_url, report)
    start = threading.Barrier(WRITERS)
    results: list[bool] = []

    def work(n: int) -> None:
        start.wait(timeout=30)  # all released at once; the race is for the write lock
        results.append(_attempt(database, task_id, n, None))

    threads = [threading.Thread(target=work, args=(n,)) for n in range(WRITERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert results == [True] * WRITERS
    with database.ledger(actor="check", clock=CLOCK) as led:
        assert led.get(Task, task_id).target_value == WRITERS
    database.dispose()
