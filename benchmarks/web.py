"""Web latency: 10,000 tasks and 100 units seeded; p50/p95 of the dashboard, ledger and API lists at
20 concurrent clients, on SQLite and (when reachable) PostgreSQL.

    python -m benchmarks.web [--tasks 10000] [--units 100] [--clients 20] [--requests 200]

The server is the real app under uvicorn (one process, as ``luoshi serve`` runs it), started on a
free port. Clients send a bearer token over keep-alive HTTP/1.1 connections: by default a minimal
asyncio client (``--client raw``), because on a small machine httpx's own CPU per request exceeds
the server's and the figures would mostly measure the load generator; ``--client httpx`` uses
httpx. Each endpoint is warmed once, then hit ``--requests`` times by ``--clients`` concurrent
clients. The clock is fixed (2023-09-30). The machine's load average is printed with the figures.
"""

from __future__ import annotations

import argparse
import asyncio
import gzip
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from datetime import UTC, date, datetime
from pathlib import Path

import httpx
from sqlalchemy import create_engine, insert, text
from sqlalchemy.engine import make_url

from luoshi.store.db import Database
from luoshi.store.migrate import upgrade
from luoshi.store.models import Assignment, ProgressReport, Report, ReportText, Task, Unit
from luoshi.supervise.accounts import add_user, issue_token
from luoshi.supervise.permissions import Role

AS_OF = "2023-09-30"
ENDPOINTS = {
    "dashboard data  /api/dashboard": "/api/dashboard",
    "public data     /api/public": "/api/public",
    "API task list   /api/tasks?limit=100": "/api/tasks?limit=100",
    "API filtered    /api/tasks?q=…&state=behind": "/api/tasks?q=%E9%A1%B9%E7%9B%AE&state=behind",
    "API items       /api/items": "/api/items",
    "dashboard page  /dashboard": "/dashboard",
    "ledger page     /ledger": "/ledger",
}
SERVER = """
import sys, uvicorn
from datetime import date
from pathlib import Path
from luoshi.config import Settings
from luoshi.serve.app import create_app
from luoshi.store.db import Database
from luoshi.clock import FixedClock
url, data, port = sys.argv[1:4]
app = create_app(settings=Settings(data_dir=Path(data), database_url=url, secret_key="x" * 40),
                 database=Database(url), clock=FixedClock.on(date.fromisoformat("{as_of}")))
uvicorn.run(app, host="127.0.0.1", port=int(port), log_level="warning")
""".replace("{as_of}", AS_OF)


def seed(url: str, tasks: int, units: int) -> str:
    """Units, one report with ``tasks`` tasks, assignments and ~2 progress reports per task; a token."""
    db = Database(url)
    upgrade(db.engine)
    rng = random.Random(7)
    now = datetime(2023, 3, 1, tzinfo=UTC)
    with db.ledger(actor="bench") as ledger:
        for i in range(units):
            ledger.session.add(Unit(code=f"u{i}", name=f"单位{i:03d}", kind="department"))
        report = Report(
            sha256=uuid.uuid4().hex * 2, region="基准市", year=2023, ingested_at=now, ingested_by="bench"
        )
        report.text = ReportText(original="基准", clean="基准", offset_map=b"\x00" * 12)
        ledger.add(report)
        add_user(ledger, username="bench", role=Role.OFFICE, password="benchmark-password")
        token = issue_token(ledger, username="bench")
        report_id = report.id
    words = ["推进", "项目", "建设", "改造", "新建", "提升", "完成", "培育"]
    with db.engine.begin() as conn:
        conn.execute(insert(Task), [_task(report_id, i, rng, words) for i in range(tasks)])
        unit_ids = [r[0] for r in conn.execute(text("SELECT id FROM units"))]
        task_ids = [r[0] for r in conn.execute(text("SELECT id FROM tasks ORDER BY id"))]
        conn.execute(insert(Assignment), [_assignment(t, rng.choice(unit_ids), now) for t in task_ids])
        progress = [_progress(t, m, rng, now) for t in task_ids for m in (6, 7) if rng.random() < 0.7]
        conn.execute(insert(ProgressReport), progress)
    db.dispose()
    return token


def _task(report_id: int, i: int, rng: random.Random, words: list[str]) -> dict[str, object]:
    return {
        "report_id": report_id, "ordinal": i, "text": f"{rng.choice(words)}{rng.choice(words)}任务{i}",
        "part": "plan", "section": f"篇章{i % 10}", "theme": None, "verb": "推进", "start": 0, "end": 1,
        "places": [], "bodies": [], "deadline": date(2023, rng.choice((6, 9, 12)), 30 if i % 3 else 28),
        "deadline_source": "text", "main_quantity_id": None, "target_value": float(rng.randint(10, 1000)),
        "target_value_high": None, "target_unit": "个", "target_modifier": "exact", "indicator": "数量",
        "cadence": "monthly", "due_day": 5, "starts_on": date(2023, 1, 1), "quantity_ids": [], "version": 1,
    }  # fmt: skip


def _assignment(task_id: int, unit_id: int, now: datetime) -> dict[str, object]:
    return {
        "task_id": task_id, "unit_id": unit_id, "role": "lead", "confirmed": True, "source": "manual",
        "reason": "", "assigned_by": "bench", "assigned_at": now, "version": 1,
    }  # fmt: skip


def _progress(task_id: int, month: int, rng: random.Random, now: datetime) -> dict[str, object]:
    return {
        "task_id": task_id, "period": f"2023-{month:02d}", "as_of": date(2023, month, 28),
        "value": float(rng.randint(0, 800)), "narrative": "进展", "problems": "", "done": False,
        "reporter": "bench", "unit_id": None, "reported_at": datetime(2023, month + 1, 3, tzinfo=UTC),
        "demo": False, "version": 1,
    }  # fmt: skip


async def measure(base: str, token: str, path: str, clients: int, requests: int) -> list[float]:
    """Latencies (ms) of ``requests`` GETs of ``path`` by ``clients`` concurrent httpx clients."""
    headers = {"Authorization": f"Bearer {token}"}
    latencies: list[float] = []
    queue: asyncio.Queue[int] = asyncio.Queue()
    for i in range(requests):
        queue.put_nowait(i)
    async with httpx.AsyncClient(base_url=base, headers=headers, timeout=60) as client:
        (await client.get(path)).raise_for_status()  # warm (builds the board once)

        async def worker() -> None:
            while not queue.empty():
                queue.get_nowait()
                start = time.perf_counter()
                response = await client.get(path)
                latencies.append((time.perf_counter() - start) * 1000)
                response.raise_for_status()

        await asyncio.gather(*(worker() for _ in range(clients)))
    return latencies


async def measure_raw(port: int, token: str, path: str, clients: int, requests: int) -> list[float]:
    """As :func:`measure`, each client one keep-alive connection speaking plain HTTP/1.1."""
    request = (
        f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer {token}\r\n"
        "Accept-Encoding: gzip\r\n\r\n"  # as browsers (and httpx) send it
    ).encode()
    latencies: list[float] = []
    left = [requests]

    async def client(count: bool) -> None:
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        try:
            await ready.wait()  # every client connected before the clock starts
            while not count or left[0] > 0:
                left[0] -= 1
                start = time.perf_counter()
                writer.write(request)
                await _response(reader)
                if not count:
                    return
                latencies.append((time.perf_counter() - start) * 1000)
        finally:
            writer.close()

    ready = asyncio.Event()
    ready.set()
    await client(count=False)  # warm (builds the board once)
    ready.clear()
    clients_started = [asyncio.create_task(client(count=True)) for _ in range(clients)]
    await asyncio.sleep(0.2)
    ready.set()
    await asyncio.gather(*clients_started)
    return latencies


async def _response(reader: asyncio.StreamReader) -> bytes:
    """One response's body (unpacked); anything but 200 with a Content-Length is an error."""
    head = (await reader.readuntil(b"\r\n\r\n")).decode("latin-1").lower()
    if not head.startswith("http/1.1 200"):
        raise RuntimeError(head.splitlines()[0])
    length = next(int(h.split(":", 1)[1]) for h in head.splitlines() if h.startswith("content-length:"))
    body = await reader.readexactly(length)
    return gzip.decompress(body) if "content-encoding: gzip" in head else body  # as a browser would


def run_backend(name: str, url: str, args: argparse.Namespace) -> None:
    started = time.perf_counter()
    token = seed(url, args.tasks, args.units)
    print(f"\n{name}: seeded {args.tasks} tasks, {args.units} units in {time.perf_counter() - started:.1f} s")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    data = tempfile.mkdtemp(prefix="luoshi-bench-")
    server = subprocess.Popen([sys.executable, "-c", SERVER, url, data, str(port)])
    try:
        _wait(port)
        print(f"{'endpoint':<46}{'p50 ms':>9}{'p95 ms':>9}{'max ms':>9}   load average")
        for label, path in ENDPOINTS.items():
            if args.endpoints not in path:
                continue
            if args.client == "raw":
                lat = asyncio.run(measure_raw(port, token, path, args.clients, args.requests))
            else:
                lat = asyncio.run(
                    measure(f"http://127.0.0.1:{port}", token, path, args.clients, args.requests)
                )
            p95 = statistics.quantiles(lat, n=20)[-1]
            load = (
                " ".join(Path("/proc/loadavg").read_text().split()[:3])
                if Path("/proc/loadavg").exists()
                else ""
            )
            print(f"{label:<46}{statistics.median(lat):>9.1f}{p95:>9.1f}{max(lat):>9.1f}   {load}")
    finally:
        server.terminate()
        server.wait(timeout=10)


def _load() -> str:
    """The 1, 5 and 15 minute load averages (Linux), to read the figures by."""
    path = Path("/proc/loadavg")
    return " ".join(path.read_text().split()[:3]) if path.exists() else ""


def _wait(port: int) -> None:
    for _ in range(300):
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.1)
    raise RuntimeError("server did not start")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tasks", type=int, default=10_000)
    parser.add_argument("--units", type=int, default=100)
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--no-postgres", action="store_true")
    parser.add_argument("--client", choices=("raw", "httpx"), default="raw")
    parser.add_argument("--endpoints", default="", help="only endpoints whose path contains this")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="luoshi-bench-"))
    run_backend("SQLite", f"sqlite:///{folder / 'bench.sqlite3'}", args)
    if not args.no_postgres:
        server = make_url(
            os.environ.get(
                "LUOSHI_BENCH_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
            )
        )
        name = f"luoshi_bench_{uuid.uuid4().hex[:8]}"
        admin = create_engine(server, isolation_level="AUTOCOMMIT")
        try:
            with admin.connect() as conn:
                conn.execute(text(f'CREATE DATABASE "{name}"'))
        except Exception as exc:  # no server: say so and stop
            print(f"\nPostgreSQL: skipped ({exc.__class__.__name__})")
            return
        try:
            run_backend("PostgreSQL", server.set(database=name).render_as_string(hide_password=False), args)
        finally:
            with admin.connect() as conn:
                conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            admin.dispose()


if __name__ == "__main__":
    main()
