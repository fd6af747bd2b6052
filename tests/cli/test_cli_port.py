"""``luoshi port list|export|purge``: the office's view of the port's requests and their filers' data."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from tests.cli_inprocess import luoshi_captured

SECRET = "k" * 40


@pytest.fixture
def db(sqlite_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    """A ledger with two requests filed on 2023-05-08: one rejected (ended), one pending."""
    from luoshi.clock import FixedClock
    from luoshi.store.db import Database
    from luoshi.store.migrate import upgrade
    from luoshi.supervise import requests

    monkeypatch.setenv("LUOSHI_SECRET_KEY", SECRET)
    monkeypatch.setenv("LUOSHI_DATA_DIR", str(tmp_path / "data"))
    database = Database(sqlite_url)
    upgrade(database.engine)
    with database.ledger(actor="公众", clock=FixedClock.on(date(2023, 5, 8))) as ledger:
        for problem in (
            "路灯长期不亮，夜间出行不便，请尽快修复。",
            "公园围墙倒塌，存在安全隐患，请尽快处理。",
        ):
            filing = requests.Filing(kind="person", name="张某", contact="13800138000", problem=problem)
            requests.file_request(ledger, filing, secret=SECRET, limits=requests.Limits(), files=tmp_path)
    with database.ledger(actor="督查室", clock=FixedClock.on(date(2023, 5, 9))) as ledger:
        requests.reject(ledger, 1, reason="属县级事权")
    database.dispose()
    return sqlite_url


def test_list_export_and_purge(capsys: pytest.CaptureFixture[str], db: str, tmp_path: Path) -> None:
    code, out, _ = luoshi_captured(capsys, "port", "list", "--db", db, "--format", "json")
    assert code == 0 and [r["阶段"] for r in json.loads(out)] == ["不予受理", "待受理"]
    assert "13800138000" not in out
    code, out, _ = luoshi_captured(capsys, "port", "export", "13800138000", "--db", db)
    data = json.loads(out)
    assert code == 0 and [r["contact"] for r in data["requests"]] == ["13800138000"] * 2
    code, out, _ = luoshi_captured(capsys, "port", "purge", "--db", db, "--days", "365", "--by", "张三")
    assert code == 0 and "已删除 1 件" in out  # the pending one is kept whatever its age
    exported = tmp_path / "filer.json"
    luoshi_captured(capsys, "port", "export", "13800138000", "--db", db, "--out", str(exported))
    contacts = [r["contact"] for r in json.loads(exported.read_text(encoding="utf-8"))["requests"]]
    assert contacts == ["13800138000"]  # the erased one cannot be found by the contact any more
