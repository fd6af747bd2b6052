"""Month-end load: on the 5th every unit reports. Mixed reads and writes against the real server.

    python -m benchmarks.month_end [--tasks 10000] [--units 100] [--items 2000] [--seconds 30]
                                   [--sizes 1000,10000,100000] [--rates 5,10,20,40] [--no-postgres]

20 clients on keep-alive HTTP/1.1 connections: 5 reporters post progress with a small evidence
file through the task page's form (multipart) and respond to 13710 items through the API, while
15 readers cycle the dashboard, the 台账 (/ledger), task pages and /api/items. The data: ``--tasks``
tasks, ``--units`` units, ``--items`` open supervision items, about two progress reports per task.
Every write changes the data version, so the readers' caches are invalidated as they would be on
the 5th of the month. Prints p50/p95/max per endpoint and per write, the error count (none is
allowed: writers queue) with each error's status, and the server's peak RSS and CPU per request;
``--sizes`` repeats it per size for the "how cost grows" table in docs/web.md. The load average is
printed with the figures.

The floor, measured first in the same run: the same 20 clients asking for ``/api/me`` (the
token look-up, the middlewares, a little JSON); each request's p95 is also given as a multiple of
the floor's. The 20 clients send their next request as soon as the last is answered, so the
server is never idle and latency is about 20 × its CPU per request ÷ the cores it gets.
``--rates`` adds an open-loop table: requests arriving at each offered rate (Poisson, the same
mix), timed from their arrival, with the worst page, API and write p95 and whether issue 16's bars
(pages ≤ 100 ms, API ≤ 50 ms) hold at that rate.
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
from collections import Counter, defaultdict
from collections.abc import Callable, Coroutine, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from functools import partial
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, insert, text
from sqlalchemy.engine import make_url

from benchmarks.web import AS_OF, SERVER, _load, _wait, seed
from luoshi.store.db import Database
from luoshi.store.models.supervision import SupervisionEvent, SupervisionOrder
from luoshi.supervise.accounts import add_user, issue_token
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
    targets: dict[int, float]  # each of its tasks' target value


@dataclass
class Results:
    latencies: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    errors: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    wrong: Counter[tuple[str, int]] = field(default_factory=Counter)  # (request, status) of each error

    def record(self, label: str, status: int, ok: tuple[int, ...], ms: float) -> None:
        self.latencies[label].append(ms)
        if status not in ok:
            self.errors[label] += 1
            self.wrong[label, status] += 1


def seed_month(url: str, tasks: int, units: int, items: int) -> tuple[str, list[Reporter], list[int]]:
    """The web benchmark's ledger plus ``items`` open items and one reporter per writer client."""
    office = seed(url, tasks, units)
    db = Database(url)
    rng = random.Random(11)
    now = datetime(2023, 9, 1, tzinfo=UTC)
    with db.engine.begin() as conn:
        unit_ids = [r[0] for r in conn.execute(text("SELECT id FROM units ORDER BY id"))]
        lead = {t: u for t, u in conn.execute(text("SELECT task_id, unit_id FROM assignments"))}
        target = {t: v for t, v in conn.execute(text("SELECT id, target_value FROM tasks"))}
        task_ids = sorted(lead)
        orders = [_order(i, rng.choice(task_ids), lead, now) for i in range(items)]
        conn.execute(insert(SupervisionOrder), orders)
        order_ids = [r[0] for r in conn.execute(text("SELECT id FROM supervision_orders ORDER BY id"))]
        conn.execute(insert(SupervisionEvent), [_raised(o, now) for o in order_ids])
        order_unit: dict[int, int] = dict(
            conn.execute(text("SELECT id, lead_unit_id FROM supervision_orders")).all()
        )
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
            token = issue_token(ledger, username=f"reporter{n}")
            reporters.append(Reporter(token, mine, items_of, {t: target[t] for t in mine}))
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


Request = tuple[str, bytes, tuple[int, ...]]  # label, raw HTTP request, the statuses that are a success


def read_request(rng: random.Random, token: str, tasks: list[int]) -> Request:
    """One reader's next request: the dashboard, the 台账, a task page or the item list."""
    kind = rng.choice(["/dashboard", "/ledger", "task", "/api/items"])
    path = f"/tasks/{rng.choice(tasks)}" if kind == "task" else kind
    label = "GET /tasks/{id}" if kind == "task" else f"GET {kind}"
    return label, _request("GET", path, token), (200,)


def write_request(rng: random.Random, who: Reporter) -> Request:
    """One reporter's next write: a response to one of its items (40 %) or progress with evidence."""
    if who.items and rng.random() < 0.4:
        item = rng.choice(who.items)
        body = f'{{"kind": "responded", "note": "已研究，正在办理 {rng.randint(1, 999)}"}}'.encode()
        raw = _request("POST", f"/api/items/{item}/respond", who.token, body, "application/json")
        return "POST /api/items/{id}/respond", raw, (200,)
    task = rng.choice(who.tasks)
    body = _progress_body(rng.randint(1, int(who.targets[task])))  # in scale: no 量级不符 refusal
    form = f"multipart/form-data; boundary={BOUNDARY}"
    raw = _request("POST", f"/tasks/{task}/progress", who.token, body, form)
    return "POST /tasks/{id}/progress (+evidence)", raw, (303,)


async def client(port: int, next_request: Callable[[], Request], until: float, out: Results) -> None:
    """A closed-loop client on one keep-alive connection: the next request as soon as one is answered."""
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    try:
        while time.perf_counter() < until:
            label, raw, ok = next_request()
            status, ms = await _send(reader, writer, raw)
            out.record(label, status, ok, ms)
    finally:
        writer.close()


async def month_end(
    port: int, office: str, reporters: list[Reporter], tasks: list[int], seconds: float
) -> Results:
    """20 closed-loop clients: 15 readers and 5 reporters, each with its own random sequence."""
    out = Results()
    until = time.perf_counter() + seconds
    jobs = [client(port, _reads(i, office, tasks), until, out) for i in range(READERS)]
    jobs += [client(port, _writes(100 + i, who), until, out) for i, who in enumerate(reporters)]
    await asyncio.gather(*jobs)
    return out


def _reads(seed_: int, token: str, tasks: list[int]) -> Callable[[], Request]:
    rng = random.Random(seed_)
    return lambda: read_request(rng, token, tasks)


def _writes(seed_: int, who: Reporter) -> Callable[[], Request]:
    rng = random.Random(seed_)
    return lambda: write_request(rng, who)


async def floor(port: int, token: str, seconds: float) -> Results:
    """The floor: the same 20 clients asking for the cheapest signed-in answer (``/api/me``: the
    token look-up, the middlewares and a little JSON), against which the month's requests are read."""
    out = Results()
    until = time.perf_counter() + seconds
    me: Request = ("GET /api/me (floor)", _request("GET", "/api/me", token), (200,))
    await asyncio.gather(*(client(port, lambda: me, until, out) for _ in range(READERS + WRITERS)))
    return out


async def open_loop(
    port: int, office: str, reporters: list[Reporter], tasks: list[int], rate: float, seconds: float
) -> Results:
    """Requests arriving at ``rate`` a second (Poisson), whatever the server's pace: the same mix
    (3 reads to 1 write), each timed from the moment it arrived, so queueing counts. Connections are
    kept alive and reused; a new one opens only when every open one is busy."""
    arrivals, rng, out = random.Random(5), random.Random(6), Results()
    idle: list[tuple[asyncio.StreamReader, asyncio.StreamWriter]] = []

    async def one(request: Request, arrived: float) -> None:
        label, raw, ok = request
        try:
            conn = idle.pop() if idle else await asyncio.open_connection("127.0.0.1", port)
            status, _ = await _send(*conn, raw)
        except (asyncio.IncompleteReadError, ConnectionError):  # kept idle past the server's keep-alive
            conn = await asyncio.open_connection("127.0.0.1", port)
            status, _ = await _send(*conn, raw)
        out.record(label, status, ok, (time.perf_counter() - arrived) * 1000)
        idle.append(conn)

    start = due = time.perf_counter()
    jobs = []
    while (due := due + arrivals.expovariate(rate)) < start + seconds:
        await asyncio.sleep(max(0.0, due - time.perf_counter()))
        if rng.random() < READERS / (READERS + WRITERS):
            request = read_request(rng, office, tasks)
        else:
            request = write_request(rng, rng.choice(reporters))
        jobs.append(asyncio.create_task(one(request, due)))
    await asyncio.gather(*jobs)
    for _, writer in idle:
        writer.close()
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


PAGE_BAR_MS, API_BAR_MS = 100.0, 50.0  # issue 16: every page's p95, and the JSON API's


def run_backend(name: str, url: str, args: argparse.Namespace, tasks: int) -> dict[str, float]:
    """Seed, start the server, then measure the floor, the closed-loop month end and each open-loop rate."""
    started = time.perf_counter()
    office, reporters, task_ids = seed_month(url, tasks, args.units, args.items)
    print(f"\n{name}: {tasks} tasks, {args.units} units, {args.items} open items seeded in "
          f"{time.perf_counter() - started:.1f} s")  # fmt: skip
    with _server(url, args.workers) as (port, pid):
        asyncio.run(_warm(port, office))
        base, floor_cpu = _measured(pid, lambda: floor(port, office, max(3.0, args.seconds / 5)))
        out, cpu = _measured(pid, lambda: month_end(port, office, reporters, task_ids, args.seconds))
        rss, peak = rss_mib(pid)
        worst = _closed_loop_table(base, floor_cpu, out, args.seconds)
        done = sum(len(lat) for lat in out.latencies.values())
        print(f"server RSS {rss:.0f} MiB (peak {peak:.0f} MiB); server CPU {cpu:.1f} s for {done} requests "
              f"({cpu * 1000 / max(done, 1):.0f} ms each); load average {_load()}")  # fmt: skip
        rates = [float(r) for r in args.rates.split(",") if r]
        if rates:
            _capacity(port, pid, office, reporters, task_ids, rates, args.seconds)
    return {"tasks": tasks, "worst_read_p95": worst, "peak_rss": peak, "errors": sum(out.errors.values())}


def _closed_loop_table(base: Results, floor_cpu: float, out: Results, seconds: float) -> float:
    """Print the floor and the month end per request, as multiples of the floor; the worst read p95."""
    mine = base.latencies["GET /api/me (floor)"]
    floor_p95, each = _p95(mine), floor_cpu * 1000 / max(len(mine), 1)
    print(f"20 clients, each sending its next request as soon as the last is answered, {seconds:.0f} s")
    print(f"×floor = p95 / the floor's p95 ({floor_p95:.1f} ms; server CPU {each:.1f} ms a floor request)")
    worst = _table({**base.latencies, **out.latencies}, {**base.errors, **out.errors}, floor_p95)
    _wrong(base.wrong + out.wrong)
    return worst


def _wrong(wrong: Counter[tuple[str, int]]) -> None:
    """Each error's request and status, so that a failure can be looked into."""
    for (label, status), n in sorted(wrong.items()):
        print(f"  error: {label} answered {status} ({n}×)")


@contextmanager
def _server(url: str, workers: int) -> Iterator[tuple[int, int]]:
    """The real server on a free port (one process, or ``luoshi serve --workers N``): its port and pid."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    data = tempfile.mkdtemp(prefix="luoshi-bench-")
    if workers > 1:  # as a deployment runs it: luoshi serve --workers N, the day fixed by LUOSHI_TODAY
        env = {**os.environ, "LUOSHI_TODAY": AS_OF, "LUOSHI_DATA_DIR": data, "LUOSHI_SECRET_KEY": "x" * 40}
        luoshi = str(Path(sys.executable).with_name("luoshi"))
        command = [luoshi, "serve", "--db", url, "--port", str(port), "--workers", str(workers)]
        server = subprocess.Popen(command, env=env)
    else:
        server = subprocess.Popen([sys.executable, "-c", SERVER, url, data, str(port)])
    try:
        _wait(port)
        yield port, server.pid
    finally:
        server.terminate()
        server.wait(timeout=10)


def _measured(pid: int, run: Callable[[], Coroutine[Any, Any, Results]]) -> tuple[Results, float]:
    """What ``run`` measured, and the server CPU seconds it cost."""
    before = cpu_seconds(pid)
    out = asyncio.run(run())
    return out, cpu_seconds(pid) - before


def _p95(latencies: list[float]) -> float:
    return (
        statistics.quantiles(latencies, n=20, method="inclusive")[-1] if len(latencies) > 1 else latencies[0]
    )


def _table(latencies: dict[str, list[float]], errors: dict[str, int], floor_p95: float) -> float:
    """Print p50/p95/max per request; the worst page or API read p95."""
    print(f"{'request':<42}{'n':>6}{'p50 ms':>9}{'p95 ms':>9}{'max ms':>9}{'×floor':>8}{'errors':>8}")
    worst = 0.0
    for label, lat in sorted(latencies.items()):
        p95 = _p95(lat)
        worst = max(worst, p95) if label.startswith("GET") and "floor" not in label else worst
        print(f"{label:<42}{len(lat):>6}{statistics.median(lat):>9.1f}{p95:>9.1f}{max(lat):>9.1f}"
              f"{p95 / floor_p95:>8.1f}{errors.get(label, 0):>8}")  # fmt: skip
    return worst


def _capacity(
    port: int,
    pid: int,
    office: str,
    reporters: list[Reporter],
    tasks: list[int],
    rates: list[float],
    secs: float,
) -> None:
    """Open loop: for each offered rate, the worst page, API and write p95 and whether the bars hold."""
    print(f"\nrequests arriving at a fixed rate (Poisson, the same mix), {secs:.0f} s each; "
          f"bars: pages p95 ≤ {PAGE_BAR_MS:.0f} ms, API p95 ≤ {API_BAR_MS:.0f} ms")  # fmt: skip
    print(f"{'offered /s':>11}{'done /s':>9}{'page p95':>10}{'API p95':>9}{'write p95':>11}{'CPU ms':>8}"
          f"{'errors':>8}  bars")  # fmt: skip
    for rate in rates:
        out, cpu = _measured(pid, partial(open_loop, port, office, reporters, tasks, rate, secs))
        done = sum(len(lat) for lat in out.latencies.values())
        page, api, write = (_worst(out, kind) for kind in ("page", "api", "write"))
        met = "met" if page <= PAGE_BAR_MS and api <= API_BAR_MS else "not met"
        print(f"{rate:>11.1f}{done / secs:>9.1f}{page:>10.1f}{api:>9.1f}{write:>11.1f}"
              f"{cpu * 1000 / max(done, 1):>8.1f}{sum(out.errors.values()):>8}  {met}")  # fmt: skip
        _wrong(out.wrong)


def _worst(out: Results, kind: str) -> float:
    """The highest p95 among the pages, the API reads or the writes."""
    return max((_p95(v) for k, v in out.latencies.items() if _kind(k) == kind), default=0.0)


def _kind(label: str) -> str:
    if label.startswith("POST"):
        return "write"
    return "api" if label.startswith("GET /api/") else "page"


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
    parser.add_argument(
        "--rates",
        default="",
        help="comma-separated offered rates (requests/s) for the open-loop capacity table",
    )
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
