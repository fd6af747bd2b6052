"""Serve fixtures: a real app over a real migrated database, users of every role, a test client."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from luoshi import document as doc
from luoshi.config import Settings
from luoshi.serve.accounts import add_user
from luoshi.serve.app import create_app
from luoshi.store.db import Database
from luoshi.store.migrate import upgrade
from luoshi.store.models import Task, Unit
from luoshi.supervise.clock import FixedClock
from luoshi.supervise.permissions import Role

TODAY = date(2023, 6, 15)
PASSWORD = "correct-horse-battery"


@pytest.fixture
def database(sqlite_url: str) -> Iterator[Database]:
    """Page tests run on a migrated SQLite file; test_postgres.py repeats the key flows on PostgreSQL."""
    db = Database(sqlite_url)
    upgrade(db.engine)
    try:
        yield db
    finally:
        db.dispose()


@dataclass(frozen=True)
class Units:
    energy: int
    education: int


@pytest.fixture
def units(database: Database) -> Units:
    with database.ledger(actor="tester") as ledger:
        energy = ledger.add(Unit(code="nengyuan", name="市能源局", kind="department"))
        education = ledger.add(Unit(code="jiaoyu", name="市教育局", kind="department"))
        return Units(energy=energy.id, education=education.id)


@pytest.fixture
def users(database: Database, units: Units) -> dict[str, str]:
    """username → password for one user of each role (the reporter belongs to 市能源局)."""
    with database.ledger(actor="tester") as ledger:
        add_user(ledger, username="office", role=Role.OFFICE, password=PASSWORD)
        add_user(ledger, username="leader", role=Role.LEADER, password=PASSWORD)
        add_user(ledger, username="energy", role=Role.REPORTER, unit="nengyuan", password=PASSWORD)
        add_user(ledger, username="teacher", role=Role.REPORTER, unit="jiaoyu", password=PASSWORD)
    return {name: PASSWORD for name in ("office", "leader", "energy", "teacher")}


@pytest.fixture
def app(database: Database, tmp_path: Path) -> FastAPI:
    settings = Settings(data_dir=tmp_path / "data", database_url=database.url, secret_key="t" * 40)
    return create_app(settings=settings, database=database, clock=FixedClock.on(TODAY))


@pytest.fixture
def client(app: FastAPI) -> Iterator[TestClient]:
    with TestClient(app, base_url="http://testserver") as test_client:
        yield test_client


class Browser:
    """Helpers a test uses like a person at a browser: read a form's CSRF token, sign in."""

    def __init__(self, client: TestClient) -> None:
        self.client = client

    def csrf(self, path: str = "/login") -> str:
        return csrf_of(self.client, path)

    def login(self, username: str, password: str = PASSWORD) -> None:
        login(self.client, username, password)


@pytest.fixture
def browser(client: TestClient) -> Browser:
    return Browser(client)


def csrf_of(client: TestClient, path: str = "/login") -> str:
    """The CSRF token a page's forms carry."""
    html = client.get(path).text
    found = re.search(r'name="csrf_token" value="([^"]+)"', html)
    assert found, f"no CSRF token on {path}"
    return found.group(1)


def login(client: TestClient, username: str, password: str = PASSWORD) -> None:
    token = csrf_of(client)
    response = client.post(
        "/login",
        data={"username": username, "password": password, "csrf_token": token, "next": "/"},
        follow_redirects=False,
    )
    assert response.status_code == 303, response.text


# A small report built by hand (the extraction stages are other helpers' work): a review part with a
# figure and a hostile <script>, a plan part with two sections, three numbers and three tasks.
SAMPLE = (
    "政府工作报告\n"
    "一、2022年工作回顾\n"
    "全市地区生产总值增长5.2%。<script>alert('x')</script>\n"
    "二、2023年工作安排\n"
    "（一）推动能源转型。新增光伏装机100万千瓦。8月底前建成充电站20座。\n"
    "（二）办好人民满意的教育。新建学校5所。\n"
)


def _span(text: str, needle: str) -> tuple[int, int]:
    start = text.index(needle)
    return start, start + len(needle)


def sample_report() -> doc.Report:
    text = doc.Text.identity(SAMPLE)
    plan = SAMPLE.index("二、")
    s1, s2 = SAMPLE.index("（一）"), SAMPLE.index("（二）")
    parts = [
        doc.Part(1, "2022年工作回顾", doc.PartKind.REVIEW, 2022, SAMPLE.index("一、"), plan),
        doc.Part(
            2,
            "2023年工作安排",
            doc.PartKind.PLAN,
            2023,
            plan,
            len(SAMPLE),
            sections=[
                doc.Section(1, "推动能源转型", s1, s2),
                doc.Section(2, "办好人民满意的教育", s2, len(SAMPLE)),
            ],
        ),
    ]

    def quantity(
        part: doc.PartKind,
        section: str | None,
        indicator: str,
        value: float,
        unit: str,
        written: str,
        sentence: str,
        headline: bool = False,
    ) -> doc.Quantity:
        start, end = _span(SAMPLE, written)
        metric = doc.Metric.GROWTH if unit == "%" else doc.Metric.LEVEL
        return doc.Quantity(part, section, indicator, metric, value, unit, doc.Modifier.EXACT, sentence,
                            start, end, year=2023, headline_target=headline, text=written)  # fmt: skip

    quantities = [
        quantity(doc.PartKind.REVIEW, None, "地区生产总值", 5.2, "%", "5.2%", "全市地区生产总值增长5.2%"),
        quantity(
            doc.PartKind.PLAN,
            "推动能源转型",
            "光伏装机",
            100,
            "万千瓦",
            "100万千瓦",
            "新增光伏装机100万千瓦",
            True,
        ),
        quantity(doc.PartKind.PLAN, "推动能源转型", "充电站", 20, "座", "20座", "8月底前建成充电站20座"),
        quantity(doc.PartKind.PLAN, "办好人民满意的教育", "学校", 5, "所", "5所", "新建学校5所"),
    ]

    def task(clause: str, section: str, verb: str, qs: list[int], deadline: date | None = None) -> doc.Task:
        start, end = _span(SAMPLE, clause)
        return doc.Task(
            clause, doc.PartKind.PLAN, section, None, verb, start, end, deadline=deadline, quantities=qs
        )

    tasks = [
        task("新增光伏装机100万千瓦", "推动能源转型", "新增", [1]),
        task("8月底前建成充电站20座", "推动能源转型", "建成", [2], date(2023, 8, 31)),
        task("新建学校5所", "办好人民满意的教育", "新建", [3]),
    ]
    meta = doc.ReportMeta(title="政府工作报告", region="样例市", year=2023, sha256="s" * 64)
    return doc.Report(meta=meta, text=text, parts=parts, quantities=quantities, tasks=tasks)


@dataclass(frozen=True)
class Seeded:
    report_id: int
    solar: int  # task ids: 光伏 (市能源局 leads), 充电站 (市能源局), 学校 (市教育局)
    charging: int
    schools: int


@pytest.fixture
def seeded(database: Database, units: Units) -> Seeded:
    from luoshi.supervise.assign import assign
    from luoshi.supervise.reports import store_report

    with database.ledger(actor="tester", clock=FixedClock.on(date(2023, 3, 1))) as ledger:
        result = store_report(ledger, sample_report())
        ids = [t.id for t in ledger.all(Task, report_id=result.report_id, order_by="ordinal")]
        assign(ledger, task_id=ids[0], lead="nengyuan")
        assign(ledger, task_id=ids[1], lead="nengyuan", co=["jiaoyu"])
        assign(ledger, task_id=ids[2], lead="jiaoyu")
    return Seeded(result.report_id, *ids)
