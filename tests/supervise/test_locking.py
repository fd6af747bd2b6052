"""No lost updates: concurrent writers to one task queue, on either backend, and all land."""

from __future__ import annotations

import threading
from datetime import date
from typing import Any

from luoshi.clock import FixedClock
from luoshi.errors import ConflictError
from luoshi.store.db import Database
from luoshi.store.ledger import Ledger
from luoshi.store.migrate import upgrade
from luoshi.store.models import AuditEvent, Task
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


def _attempt(database: Database, task_id: int, n: int) -> bool:
    """Read the task, write an increment; False on conflict."""
    with database.session() as session:
        ledger = Ledger(session, actor=f"writer-{n}", clock=CLOCK)
        task = ledger.get(Task, task_id)
        task.target_value = (task.target_value or 0) + 1
        try:
            ledger.commit()
        except ConflictError:
            return False
        return True


def test_concurrent_writers_queue_and_all_land(db_url: str, report: Any) -> None:
    """Rule: a unit of work that may write queues when it begins — SQLite's begin IMMEDIATE (the
    write lock), PostgreSQL's take the writers' advisory lock — so read-modify-write units of work
    wait for one another instead of racing (and being refused): every increment lands, none is lost,
    and each is audited."""
    database, task_id = _setup(db_url, report)
    start = threading.Barrier(WRITERS)
    results: list[bool] = []

    def work(n: int) -> None:
        start.wait(timeout=30)  # all released at once; the race is for the write lock
        results.append(_attempt(database, task_id, n))

    threads = [threading.Thread(target=work, args=(n,)) for n in range(WRITERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert results == [True] * WRITERS
    with database.ledger(actor="check", clock=CLOCK) as led:
        task = led.get(Task, task_id)
        assert task.target_value == WRITERS
        assert task.version == 1 + 1 + WRITERS  # created, set to 0, then one bump per write
        updates = [e for e in led.all(AuditEvent, entity="tasks", entity_id=task_id) if e.action == "update"]
        assert len(updates) == 1 + WRITERS
    database.dispose()
