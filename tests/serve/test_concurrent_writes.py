"""Writers queue on SQLite: 50 reporters at once, on different tasks, are all accepted, none lost.

A real server (uvicorn in a thread) over a real database; 50 client threads post progress at the
same moment. SQLite allows one writer at a time: each write transaction begins IMMEDIATE, so the
others wait on the busy timeout and then go ahead, instead of being refused with "数据库繁忙".
"""

from __future__ import annotations

import socket
import ssl
import statistics
import threading
import time
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import httpx
import pytest
import uvicorn

from luoshi.clock import FixedClock
from luoshi.config import Settings
from luoshi.serve.app import create_app
from luoshi.store.db import Database
from luoshi.store.models import ProgressReport, Task
from luoshi.supervise.accounts import add_user, issue_token
from luoshi.supervise.permissions import Role

REPORTERS = 50
TODAY = date(2023, 6, 15)


@pytest.fixture
def served(migrated_db_url: str, tmp_path: Path) -> Iterator[tuple[str, Database]]:
    """The app on a free local port over a migrated database of either backend."""
    database = Database(migrated_db_url)
    settings = Settings(data_dir=tmp_path / "data", database_url=migrated_db_url, secret_key="t" * 40)
    app = create_app(settings=settings, database=database, clock=FixedClock.on(TODAY))
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.02)
    try:
        yield f"http://127.0.0.1:{port}", database
    finally:
        server.should_exit = True
        thread.join(timeout=10)
        database.dispose()


def _tasks(database: Database, count: int) -> tuple[str, list[int]]:
    """An office token and ``count`` tasks of one report."""
    from tests.serve.serve_sample import sample_report

    from luoshi.supervise.reports import store_report

    with database.ledger(actor="tester") as ledger:
        report_id = store_report(ledger, sample_report()).report_id
        add_user(ledger, username="office", role=Role.OFFICE, password="correct-horse-battery")
        token = issue_token(ledger, username="office")
        tasks = [ledger.add(_task(report_id, n)) for n in range(count)]
        return token, [t.id for t in tasks]


def _task(report_id: int, n: int) -> Task:
    year_end = date(2023, 12, 31)
    return Task(report_id=report_id, ordinal=100 + n, text=f"任务{n}", part="plan", start=0, end=1,
                deadline=year_end, deadline_source="year_end", starts_on=date(2023, 1, 1))  # fmt: skip


def _report_all(base: str, token: str, task_ids: list[int]) -> list[tuple[int, float]]:
    """Post one progress report per task, all threads released at once: (status, seconds) each."""
    barrier = threading.Barrier(len(task_ids))
    results: list[tuple[int, float]] = []
    lock = threading.Lock()
    tls = ssl.create_default_context()  # one for all clients: httpx would load the CA bundle for each

    def report(task_id: int) -> None:
        auth = {"Authorization": f"Bearer {token}"}
        with httpx.Client(base_url=base, headers=auth, timeout=60, verify=tls) as http:
            barrier.wait(timeout=30)
            start = time.perf_counter()
            response = http.post(f"/api/tasks/{task_id}/progress", json={"value": 1, "narrative": "按月报送"})
            with lock:
                results.append((response.status_code, time.perf_counter() - start))

    threads = [threading.Thread(target=report, args=(task_id,)) for task_id in task_ids]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=90)
    return results


@pytest.mark.slow
def test_concurrent_progress_reports_queue_and_all_land(served: tuple[str, Database]) -> None:
    """Rule: concurrent writers on different tasks are all accepted (SQLite: BEGIN IMMEDIATE), none lost."""
    base, database = served
    token, task_ids = _tasks(database, REPORTERS)
    results = _report_all(base, token, task_ids)
    assert sorted(status for status, _ in results) == [201] * REPORTERS
    with database.ledger(actor="check") as ledger:
        stored = ledger.all(ProgressReport, task_id=task_ids)
    assert sorted(p.task_id for p in stored) == sorted(task_ids)
    seconds = sorted(s for _, s in results)
    p95 = statistics.quantiles(seconds, n=20)[-1]
    print(f"\n{database.backend}: {REPORTERS} concurrent reports, p95 {p95:.2f} s, max {seconds[-1]:.2f} s")
