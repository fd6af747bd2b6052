"""Month-end load: on the 5th every unit reports. Mixed reads and writes against the real server.

    python -m benchmarks.month_end [--tasks 10000] [--units 100] [--items 2000] [--seconds 30]
                                   [--sizes 1000,10000,100000] [--no-postgres]

20 clients on keep-alive HTTP/1.1 connections: 5 reporters post progress with a small evidence
file through the task page's form (multipart) and respond to 13710 items through the API, while
15 readers cycle the dashboard, the 台账 (/ledger), task pages and /api/items. The data: ``--tasks``
tasks, ``--units`` units, ``--items`` open supervision items, about two progress reports per task.
Every write changes the data version, so the readers' caches are invalidated as they would be on
the 5th of the month. Prints p50/p95/max per endpoint and per write, the error count (none is
allowed: writers queue), and the server's peak RSS; ``--sizes`` repeats it per size for the
"how cost grows" table in docs/web.md. The load average is printed with the figures.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path

from sqlalchemy import create_engine, insert, text
from sqlalchemy.engine import make_url

from benchmarks.web import AS_OF, SERVER, _load, _wait, seed
from luoshi.supervise.accounts import add_user, issue_token
from luoshi.store.db import Database
from luoshi.store.models.supervision import SupervisionEvent, SupervisionOrder
from luoshi.supervise.permissions import Role

WRITERS = 5
READERS = 15
EVIDENCE = "本月完成投资 1.2 亿元，附现场照片说明。\n".encode() * 40  # ~2 KB of text evidence
BOUNDARY = "luoshibenchboundary"


@dataclass
class Reporter:
    token: str
    tasks: list[int]
    items: list[int]


@dataclass
class Results:
    latencies: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    errors: dict[str, int] = field(default_factory=lambda: defaultdict(int))


def seed_month(url: str, tasks: int, units: int, items: int) -> tuple[str, list[Reporter], list[int]]:
    """The web benchmark's ledger plus ``items`` open items and one reporter per writer client."""
    office = seed(url, tasks, units)
    db = Database(url)
    rng = random.Random(11)
    now = datetime(2023, 9, 1, tzinfo=UTC)
    with db.engine.begin() as conn:
        unit_ids = [r[0] for r in conn.execute(text("SELECT id FROM units ORDER BY id"))]
        lead = {t: u for t, u in conn.execute(text("SELECT task_id, unit_id FROM assignments"))}
        task_ids = sorted(lead)
        orders = [_order(i, rng.choice(task_ids), lead, now) for i in range(items)]
        conn.execute(insert(SupervisionOrder), orders)
        order_ids = [r[0] for r in conn.execute(text("SELECT id FROM supervision_orders ORDER BY id"))]
        conn.execute(insert(SupervisionEvent), [_raised(o, now) for o in order_ids])
        order_unit = dict(conn.execute(text("SELECT id, lead_unit_id FROM supervision_orders")).all())
    reporters = []
    with db.ledger(actor="bench") as ledger:
        for n, unit_id in enumerate(unit_ids[:WRITERS]):
            code = ledger.session.execute(
                text("SELECT code FROM units WHERE id = :i"), {"i": unit_id}
            ).scalar()
            add_user(
                ledger, username=f"reporter{n}", role=Role.REPORTER, unit=code, password="benchmark-password"
            )
            mine = [t for t in task_ids if lead[t] == unit_id]
            items_of = [o for o, u in order_unit.items() if u == unit_id]
            reporters.append(Reporter(issue_token(ledger, username=f"reporter{n}"), mine, items_of))
    db.dispose()
    return office, reporters, task_ids


def _order(i: int, task_id: int, lead: dict[int, int], now: datetime) -> dict[str, object]:
    return {
        "title": f"督办事项{i}", "detail": "", "origin": "review", "level": "ordinary", "policy": "13710",
        "task_id": task_id, "progress_report_id": None, "lead_unit_id": lead[task_id], "co_unit_ids": [],
        "leader": "", "raised_on": date(2023, 9, 1), "raised_by": "bench", "updated_at": now,
        "event_count": 1, "version": 1,
    }  # fmt: skip


def _raised(order_id: int, now: datetime) -> dict[str, object]:
    return {
        "order_id": order_id, "kind": "raised", "happened_on": date(2023, 9, 1), "actor": "bench", "note": "",
        "grade": None, "stage": None, "due": None, "milestones": [], "ladder_key": None, "override": "",
        "recorded_at": now,
    }  # fmt: skip


def _progress_body(value: int) -> bytes:
    parts = [
        f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="value"\r\n\r\n{value}\r\n'.encode(),
        f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="narrative"\r\n\r\n月度进展\r\n'.encode(),
        (
            f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="files"; filename="进展说明.txt"\r\n'
            "Content-Type: text/plain\r\n\r\n"
        ).encode()
        + EVIDENCE
        + b"\r\n",
        f"--{BOUNDARY}--\r\n".encode(),
    ]
    return b"".join(parts)


def _request(method: str, path: str, token: str, body: bytes = b"", content_type: str = "") -> bytes:
    head = f"{method} {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer {token}\r\n"
    head += "Accept-Encoding: gzip\r\n"
    if body:
        head += f"Content-Type: {content_type}\r\nContent-Length: {len(body)}\r\n"
    return (head + "\r\n").encode() + body


async def _send(reader: asyncio.StreamReader, writer: asyncio.StreamWriter, raw: bytes) -> tuple[int, float]:
    start = time.perf_counter()
    writer.write(raw)
    status = await _answer(reader)
    return status, (time.perf_counter() - start) * 1000


async def _answer(reader: asyncio.StreamReader) -> int:
    """The status of one response, its body read (any status: errors are counted, not raised)."""
    head = (await reader.readuntil(b"\r\n\r\n")).decode("latin-1").lower()
    status = int(head.split()[1])
    length = next((int(h.split(":", 1)[1]) for h in head.splitlines() if h.startswith("content-length:")), 0)
    await reader.readexactly(length)
    return status


async def reader_client(
    port: int, token: str, tasks: list[int], until: float, out: Results, seed_: int
) -> None:
    rng = random.Random(seed_)
    paths = ["/dashboard", "/ledger", "task", "/api/items"]
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    try:
        while time.perf_counter() < until:
            kind = rng.choice(paths)
            path = f"/tasks/{rng.choice(tasks)}" if kind == "task" else kind
            label = "GET /tasks/{id}" if kind == "task" else f"GET {kind}"
            status, ms = await _send(reader, writer, _request("GET", path, token))
            out.latencies[label].append(ms)
            if status != 200:
                out.errors[label] += 1
    finally:
        writer.close()


async def writer_client(port: int, who: Reporter, until: float, out: Results, seed_: int) -> None:
    rng = random.Random(seed_)
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    body_type = f"multipart/form-data; boundary={BOUNDARY}"
    try:
        while time.perf_counter() < until:
            if who.items and rng.random() < 0.4:
                item = rng.choice(who.items)
                body = f'{{"kind": "responded", "note": "已研究，正在办理 {rng.randint(1, 999)}"}}'.encode()
                raw = _request("POST", f"/api/items/{item}/respond", who.token, body, "application/json")
                label, ok = "POST /api/items/{id}/respond", (200,)
            else:
                task = rng.choice(who.tasks)
                raw = _request(
                    "POST",
                    f"/tasks/{task}/progress",
                    who.token,
                    _progress_body(rng.randint(1, 900)),
                    body_type,
                )
                label, ok = "POST /tasks/{id}/progress (+evidence)", (303,)
            status, ms = await _send(reader, writer, raw)
            out.latencies[label].append(ms)
            if status not in ok:
                out.errors[label] += 1
    finally:
        writer.close()


async def month_end(
    port: int, office: str, reporters: list[Reporter], tasks: list[int], seconds: float
) -> Results:
    out = Results()
    until = time.perf_counter() + seconds
    jobs = [reader_client(port, office, tasks, until, out, i) for i in range(READERS)]
    jobs += [writer_client(port, who, until, out, 100 + i) for i, who in enumerate(reporters)]
    await asyncio.gather(*jobs)
    return out


def rss_mib(pid: int) -> tuple[float, float]:
    """The server's resident and peak resident memory (MiB), its worker processes included, from /proc."""
    rss = peak = 0.0
    for one in [pid, *_children(pid)]:
        lines = Path(f"/proc/{one}/status").read_text().splitlines()
        fields = dict(line.split(":", 1) for line in lines if ":" in line)
        rss += int(fields["VmRSS"].split()[0]) / 1024
        peak += int(fields["VmHWM"].split()[0]) / 1024
    return rss, peak


def cpu_seconds(pid: int) -> float:
    """CPU time (user and system) the server and its worker processes have used, from /proc: under a
    noisy machine's load, what a request costs the server rather than how long it waited."""
    total = 0.0
    for one in [pid, *_children(pid)]:
        fields = Path(f"/proc/{one}/stat").read_text().rsplit(")", 1)[1].split()
        total += (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    return total


def _children(pid: int) -> list[int]:
    found = []
    for status in Path("/proc").glob("[0-9]*/status"):
        try:
            lines = status.read_text().splitlines()
        except OSError:
            continue
        if f"PPid:\t{pid}" in lines:
            found.append(int(status.parent.name))
    return found


def run_backend(name: str, url: str, args: argparse.Namespace, tasks: int) -> dict[str, float]:
    started = time.perf_counter()
    office, reporters, task_ids = seed_month(url, tasks, args.units, args.items)
    print(f"\n{name}: {tasks} tasks, {args.units} units, {args.items} open items seeded in "
          f"{time.perf_counter() - started:.1f} s")  # fmt: skip
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    data = tempfile.mkdtemp(prefix="luoshi-bench-")
    if args.workers > 1:  # as a deployment runs it: luoshi serve --workers N, the day fixed by LUOSHI_TODAY
        env = {**os.environ, "LUOSHI_TODAY": AS_OF, "LUOSHI_DATA_DIR": data, "LUOSHI_SECRET_KEY": "x" * 40}
        luoshi = str(Path(sys.executable).with_name("luoshi"))
        command = [luoshi, "serve", "--db", url, "--port", str(port), "--workers", str(args.workers)]
        server = subprocess.Popen(command, env=env)
    else:
        server = subprocess.Popen([sys.executable, "-c", SERVER, url, data, str(port)])
    try:
        _wait(port)
        asyncio.run(_warm(port, office))
        cpu_before = cpu_seconds(server.pid)
        out = asyncio.run(month_end(port, office, reporters, task_ids, args.seconds))
        cpu = cpu_seconds(server.pid) - cpu_before
        rss, peak = rss_mib(server.pid)
    finally:
        server.terminate()
        server.wait(timeout=10)
    print(f"{'request':<42}{'n':>6}{'p50 ms':>9}{'p95 ms':>9}{'max ms':>9}{'errors':>8}")
    worst = 0.0
    for label, lat in sorted(out.latencies.items()):
        p95 = statistics.quantiles(lat, n=20, method="inclusive")[-1] if len(lat) > 1 else lat[0]
        worst = max(worst, p95) if label.startswith("GET") else worst
        print(f"{label:<42}{len(lat):>6}{statistics.median(lat):>9.1f}{p95:>9.1f}{max(lat):>9.1f}"
              f"{out.errors.get(label, 0):>8}")  # fmt: skip
    done = sum(len(lat) for lat in out.latencies.values())
    print(f"server RSS {rss:.0f} MiB (peak {peak:.0f} MiB); server CPU {cpu:.1f} s for {done} requests "
          f"({cpu * 1000 / max(done, 1):.0f} ms each); load average {_load()}")  # fmt: skip
    return {"tasks": tasks, "worst_read_p95": worst, "peak_rss": peak, "errors": sum(out.errors.values())}


async def _warm(port: int, token: str) -> None:
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    try:
        for path in ("/dashboard", "/ledger", "/api/items"):
            await _send(reader, writer, _request("GET", path, token))
    finally:
        writer.close()


def _postgres(args: argparse.Namespace, tasks: int) -> dict[str, float] | None:
    server = make_url(
        os.environ.get("LUOSHI_BENCH_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres")
    )
    name = f"luoshi_bench_{uuid.uuid4().hex[:8]}"
    admin = create_engine(server, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
    except Exception as exc:  # no server: say so
        print(f"\nPostgreSQL: skipped ({exc.__class__.__name__})")
        return None
    try:
        return run_backend(
            "PostgreSQL", server.set(database=name).render_as_string(hide_password=False), args, tasks
        )
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tasks", type=int, default=10_000)
    parser.add_argument("--sizes", default="", help="comma-separated task counts (overrides --tasks)")
    parser.add_argument("--units", type=int, default=100)
    parser.add_argument("--items", type=int, default=2_000)
    parser.add_argument("--seconds", type=float, default=30.0)
    parser.add_argument("--no-postgres", action="store_true")
    parser.add_argument("--workers", type=int, default=1, help="server processes (luoshi serve --workers)")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",") if s] or [args.tasks]
    rows = []
    for tasks in sizes:
        folder = Path(tempfile.mkdtemp(prefix="luoshi-bench-"))
        rows.append(("SQLite", run_backend("SQLite", f"sqlite:///{folder / 'bench.sqlite3'}", args, tasks)))
        if not args.no_postgres and (found := _postgres(args, tasks)) is not None:
            rows.append(("PostgreSQL", found))
    if len(sizes) > 1:
        print(f"\n{'backend':<12}{'tasks':>8}{'worst read p95 ms':>19}{'peak RSS MiB':>14}{'errors':>8}")
        for name, r in rows:
            print(
                f"{name:<12}{r['tasks']:>8.0f}{r['worst_read_p95']:>19.1f}{r['peak_rss']:>14.0f}{r['errors']:>8.0f}"
            )


if __name__ == "__main__":
    main()
