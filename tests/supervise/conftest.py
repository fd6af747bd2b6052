"""Fixtures for the supervision engine: a migrated ledger with a few units, a movable clock."""

from __future__ import annotations

import shutil
import socket
import threading
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from datetime import date
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from sqlalchemy.engine import make_url

from luoshi.clock import FixedClock
from luoshi.store.db import Database
from luoshi.store.ledger import Ledger
from luoshi.store.models import Unit

if TYPE_CHECKING:
    from tests.conftest import PostgresSnapshot

UNITS = [
    ("fgw", "市发展改革委", "department", ["市发改委"]),
    ("gxj", "市工信局", "department", []),
    ("nyj", "市能源局", "department", []),
    ("pdx", "平定县", "county", []),
]

LedgerOn = Callable[..., AbstractContextManager[Ledger]]


@pytest.fixture
def seeded(database: Database) -> Database:
    _seed_units(database)
    return database


@pytest.fixture
def on(seeded: Database) -> LedgerOn:
    """``with on(date(2023, 3, 1), actor="督查室") as ledger:`` — a unit of work on that day."""

    def open_on(day: date, actor: str = "督查室") -> AbstractContextManager[Ledger]:
        return seeded.ledger(actor=actor, clock=FixedClock.on(day))

    return open_on


# ---------------------------------------------------------------- local receivers for notifications


@dataclass
class Received:
    """What a local receiver got: (headers, body) per request or message."""

    items: list[tuple[dict[str, str], bytes]] = field(default_factory=list)
    fail_first: int = 0  # answer the first N requests with HTTP 503
    reply: bytes = b'{"errcode": 0, "errmsg": "ok"}'


@pytest.fixture
def http_receiver() -> Iterator[Callable[..., tuple[str, Received]]]:
    """Start local HTTP receivers on free ports: ``url, got = http_receiver(fail_first=1)``."""
    servers: list[ThreadingHTTPServer] = []

    def start(fail_first: int = 0, reply: bytes | None = None) -> tuple[str, Received]:
        got = Received(fail_first=fail_first)
        if reply is not None:
            got.reply = reply

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                if got.fail_first > 0:
                    got.fail_first -= 1
                    self.send_response(503)
                    self.end_headers()
                    return
                got.items.append(
                    ({k.lower(): v for k, v in self.headers.items()} | {"path": self.path}, body)
                )
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.end_headers()
                self.wfile.write(got.reply)

            def log_message(self, format: str, *args: object) -> None:
                pass

        server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        servers.append(server)
        server.daemon_threads = False  # server_close() waits for the requests still in flight
        # polled every 10 ms: shutdown() waits up to one poll (0.5 s by default)
        threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.01}, daemon=True).start()
        return f"http://127.0.0.1:{server.server_address[1]}/hook", got

    yield start
    for server in servers:
        server.shutdown()
        server.server_close()


@pytest.fixture
def smtp_server() -> Iterator[tuple[int, Received]]:
    """A local SMTP server (aiosmtpd) on a free port that keeps what it receives."""
    from aiosmtpd.controller import Controller

    got = Received()

    class Sink:
        async def handle_DATA(self, server: object, session: object, envelope: Any) -> str:
            headers = {"to": ",".join(envelope.rcpt_tos), "from": envelope.mail_from}
            got.items.append((headers, envelope.original_content or envelope.content))
            return "250 OK"

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    controller = Controller(Sink(), hostname="127.0.0.1", port=port)
    controller.start()
    yield port, got
    controller.stop()


# ---------------------------------------------------------------- a city's year on the ledger


@dataclass(frozen=True)
class City:
    """The sample 2024 report stored, assigned and reported on; see :func:`city`."""

    database: Database
    tasks: list[int]
    orders: list[int]

    def ledger(self, day: date, actor: str = "督查室") -> AbstractContextManager[Ledger]:
        return self.database.ledger(actor=actor, clock=FixedClock.on(day))


def build_city(database: Database, report: Any, evidence_dir: Path) -> City:
    """Store ``report`` on ``database`` (with the units of :func:`seeded`) and give it the half-year
    that :func:`city` describes."""
    from luoshi.store.models import Task
    from luoshi.supervise.assign import assign
    from luoshi.supervise.board import accept_task
    from luoshi.supervise.items import EventKind, Grade
    from luoshi.supervise.orders import raise_order, record, request_closure
    from luoshi.supervise.progress import ProgressInput, add_progress
    from luoshi.supervise.reports import store_report
    from luoshi.supervise.tasks import add_milestone

    c = City(database, [], [])
    with c.ledger(date(2024, 1, 10)) as ledger:
        rid = store_report(ledger, report).report_id
        c.tasks.extend(t.id for t in ledger.all(Task, report_id=rid, order_by="ordinal"))
        for task_id, lead, co in zip(
            c.tasks, ["fgw", "gxj", "pdx", "nyj"], [["gxj"], [], [], []], strict=True
        ):
            assign(ledger, task_id=task_id, lead=lead, co=co)
        add_milestone(ledger, task_id=c.tasks[1], title="主体完工", due=date(2024, 6, 30))

    def progress(day: date, task: int, period: str, **kw: Any) -> None:
        with c.ledger(day, actor="填报员") as ledger:
            entry = ProgressInput(period=period, narrative=kw.pop("note", "按计划推进"), **kw)
            add_progress(ledger, task_id=task, entry=entry, reporter="填报员", evidence_dir=evidence_dir)

    for day, period, value in [
        (date(2024, 2, 3), "2024-01", 10.0),
        (date(2024, 3, 4), "2024-02", 25.0),
        (date(2024, 4, 10), "2024-03", 40.0),  # due 4-05: late
        (date(2024, 5, 5), "2024-04", 50.0),
        (date(2024, 6, 5), "2024-05", 60.0),
        (date(2024, 7, 3), "2024-06", 62.0),
    ]:
        progress(day, c.tasks[0], period, value=value)
    progress(date(2024, 6, 5), c.tasks[2], "2024-05", value=5.2, done=True)  # 5.2万亩, as written
    with c.ledger(date(2024, 6, 20)) as ledger:
        accept_task(ledger, task_id=c.tasks[2], grade=Grade.GOOD)
    with c.ledger(date(2024, 7, 1)) as ledger:
        c.orders.append(raise_order(ledger, title="老旧小区改造资金缺口", lead="nyj", co=["fgw"]).id)
        c.orders.append(raise_order(ledger, title="项目用地审批提速", lead="fgw").id)
        record(ledger, c.orders[1], EventKind.DEPLOYED)
        record(ledger, c.orders[1], EventKind.RESPONDED, note="已完成用地预审")
    with c.ledger(date(2024, 7, 8)) as ledger:
        record(ledger, c.orders[0], EventKind.RESPONDED, note="已对接财政")  # due 7-04: late
        request_closure(ledger, c.orders[1])
    with c.ledger(date(2024, 7, 9)) as ledger:
        record(ledger, c.orders[1], EventKind.ACCEPTED, grade=Grade.EXCELLENT)
    return c


def _seed_units(database: Database) -> None:
    with database.ledger(actor="seed", clock=FixedClock.on(date(2023, 1, 1))) as ledger:
        for position, (code, name, kind, aliases) in enumerate(UNITS):
            ledger.add(Unit(code=code, name=name, kind=kind, aliases=aliases, keywords=[], position=position))


@dataclass
class CityTemplates:
    """The city built once per session on each backend (on first use): a SQLite file, and a
    snapshot of the session's PostgreSQL database (see tests/conftest.py)."""

    sqlite: tuple[Path, list[int], list[int]] | None = None
    postgres: tuple[PostgresSnapshot, list[int], list[int]] | None = None


@pytest.fixture(scope="session")
def _city_templates() -> CityTemplates:
    return CityTemplates()


@pytest.fixture
def city(
    seeded: Database,
    report: Any,
    tmp_path: Path,
    request: pytest.FixtureRequest,
    _city_templates: CityTemplates,
) -> City:
    """Four tasks of the sample report (2024) with a first half-year of progress and two orders.

    1 新开工项目120个 (市发展改革委; 市工信局 co): monthly values, the March report late.
    2 数字产业园建成投产 by 8-31 (市工信局): a milestone due 6-30 not met.
    3 营造林5万亩 (平定县): reported done 6-05, accepted 6-20 with 良好.
    4 老旧小区改造 (市能源局): never reported.
    Orders: #1 (市能源局) answered late and still open; #2 (市发展改革委) closed with 优秀.

    Built once per session and backend, then copied into each test's database (the SQLite file
    copied, the PostgreSQL rows restored); a test that overrides ``report`` gets its own build.
    """
    from tests.conftest import restore_postgres, sample_report, snapshot_postgres

    url = make_url(seeded.url)
    if report != sample_report():
        return build_city(seeded, report, tmp_path)
    templates = _city_templates
    if url.get_backend_name() == "sqlite" and url.database:
        target = Path(url.database)
        if templates.sqlite is None:
            path = request.getfixturevalue("tmp_path_factory").mktemp("city") / "city.sqlite3"
            c = build_city(seeded, report, tmp_path)
            seeded.dispose()  # the last connection closed: the WAL is checkpointed into the file
            shutil.copyfile(target, path)
            templates.sqlite = (path, c.tasks, c.orders)
            return c
        path, tasks, orders = templates.sqlite
        seeded.dispose()
        for leftover in (target.with_name(target.name + "-wal"), target.with_name(target.name + "-shm")):
            leftover.unlink(missing_ok=True)
        shutil.copyfile(path, target)
        return City(seeded, list(tasks), list(orders))
    if url.get_backend_name() == "postgresql" and seeded.url == request.getfixturevalue("_migrated_postgres"):
        if templates.postgres is None:
            c = build_city(seeded, report, tmp_path)
            templates.postgres = (snapshot_postgres(seeded.url, "pytest_city"), c.tasks, c.orders)
            return c
        snapshot, tasks, orders = templates.postgres
        restore_postgres(snapshot)
        return City(seeded, list(tasks), list(orders))
    return build_city(seeded, report, tmp_path)
