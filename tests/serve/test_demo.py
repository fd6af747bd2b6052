"""``--demo``: the example report, units, users, simulated progress and a month of supervision items,
labelled on every page."""

from __future__ import annotations

import re
from collections import Counter
from datetime import date
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from luoshi.clock import FixedClock
from luoshi.config import Settings
from luoshi.serve.app import create_app
from luoshi.serve.items import item_rows
from luoshi.store.db import Database
from luoshi.store.models import Unit
from luoshi.store.models.supervision import SupervisionOrder
from luoshi.supervise.demo import demo_day, load_demo
from luoshi.supervise.todo import unit_todo

pytestmark = pytest.mark.slow


def test_demo_loads_once_and_is_labelled(database: Database, tmp_path: Path) -> None:
    result = load_demo(database, evidence_dir=tmp_path / "evidence")
    assert result.loaded and result.demo
    accounts = dict(re.findall(r"^\s+(\S+)\s+(\S+)\s", "\n".join(result.lines), re.M))
    assert {"admin", "leader"} <= set(accounts) and any(u.startswith("unit-") for u in accounts)
    again = load_demo(database, evidence_dir=tmp_path / "evidence")
    assert not again.loaded and again.demo

    settings = Settings(data_dir=tmp_path, database_url=database.url, secret_key="d" * 40)
    app = create_app(settings=settings, database=database, clock=FixedClock.on(result.as_of))
    with TestClient(app) as client:
        assert "演示数据" in client.get("/public").text
        token = re.search(r'name="csrf_token" value="([^"]+)"', client.get("/login").text)
        assert token
        login = {"username": "admin", "password": accounts["admin"], "csrf_token": token.group(1)}
        assert client.post("/login", data=login, follow_redirects=False).status_code == 303
        for path in ("/dashboard", "/ledger", "/reports"):
            assert 'data-demo="1"' in client.get(path).text, path
        data = client.get("/api/dashboard").json()
        assert data["demo"] and data["tasks"] > 100
        assert data["states"].get("on_track", 0) > 0 and data["states"].get("behind", 0) > 0
        first = client.get("/api/tasks?limit=1000").json()["items"]
        reported = [t for t in first if t["reports"]]
        assert reported and all(t["demo"] for t in reported)

    with database.reader().ledger() as ledger:
        rows = item_rows(ledger, result.as_of)
        kinds = Counter(e.kind for o in ledger.all(SupervisionOrder) for e in o.events)
        returned = next(o for o in ledger.all(SupervisionOrder) if o.title == "背街小巷路灯修复")
        timeline = [(e.kind, e.happened_on) for e in returned.events]
        first = ledger.find(Unit, id=returned.lead_unit_id)
        assert first is not None
        todo = unit_todo(ledger, unit_id=first.id, today=result.as_of)
    # the first demo reporter's to-do holds every kind: reports due, items waiting, returns
    assert todo.reports and todo.items and todo.returned_items and todo.returned_tasks
    stages = {r.stage or r.state_label for r in rows}
    assert {"研究部署", "反馈办理情况", "落实解决（一般性问题）", "退回重办", "待验收", "已销号"} <= stages
    assert sum(1 for r in rows if r.overdue_days > 0) >= 3
    assert kinds["reminder"] >= 3 and kinds["notice"] >= 2 and kinds["escalated"] == 1
    assert any(r.returned for r in rows)
    # the same on every machine: dates count back in working days from the demo day
    assert timeline[-1] == ("returned", date(2023, 9, 20)) and timeline[0] == ("raised", date(2023, 9, 7))
    assert "演示督办事项 11 项" in "\n".join(result.lines)


def test_the_demo_day_is_30_september_unless_luoshi_today_fixes_another() -> None:
    assert demo_day(2023) == date(2023, 9, 30)
    assert demo_day(2023, date(2023, 11, 1)) == date(2023, 11, 1)
