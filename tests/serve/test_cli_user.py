"""``luoshi user add|passwd|token`` against a real SQLite file."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path


def run(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    db = f"sqlite:///{tmp_path / 'cli.sqlite3'}"
    return subprocess.run(
        [sys.executable, "-m", "luoshi", "user", "--db", db, *args],
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_add_passwd_token_and_errors(tmp_path: Path) -> None:
    added = run(tmp_path, "add", "boss", "--role", "admin")
    assert added.returncode == 0, added.stderr
    assert "密码：" in added.stdout
    assert run(tmp_path, "passwd", "boss", "--password", "a-long-enough-password").returncode == 0
    token = run(tmp_path, "token", "boss")
    assert token.returncode == 0 and token.stdout.startswith("ls_")
    again = run(tmp_path, "add", "boss", "--role", "admin")
    assert again.returncode == 2 and "已存在" in again.stderr and "Traceback" not in again.stderr
    short = run(tmp_path, "passwd", "boss", "--password", "short")
    assert short.returncode == 2 and "至少" in short.stderr
    nobody = run(tmp_path, "token", "ghost")
    assert nobody.returncode == 2 and "不存在" in nobody.stderr


def test_account_changes_are_audited_under_the_by_actor(tmp_path: Path) -> None:
    """Rule: CLI account changes record the actor given with --by (before or after the command)."""
    from luoshi.store.db import Database
    from luoshi.store.models import AuditEvent

    assert run(tmp_path, "add", "boss", "--role", "admin", "--by", "张三").returncode == 0
    passwd = ("passwd", "boss", "--password", "a-long-enough-password")
    assert run(tmp_path, "--by", "李四", *passwd).returncode == 0
    assert run(tmp_path, "token", "boss", "--by", "王五").returncode == 0
    database = Database(f"sqlite:///{tmp_path / 'cli.sqlite3'}")
    with database.ledger(actor="check") as ledger:
        actors = {(e.entity, e.action, e.actor) for e in ledger.all(AuditEvent)}
    database.dispose()
    expected = {("users", "insert", "张三"), ("users", "update", "李四"), ("api_tokens", "insert", "王五")}
    assert expected <= actors
    assert not any(actor == "cli" for _, _, actor in actors)
