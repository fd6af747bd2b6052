"""``luoshi user add|passwd|token`` against a real SQLite file."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from tests.cli_inprocess import luoshi_text


def run(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """``luoshi user --db <tmp>/cli.sqlite3 ARGS``, in-process."""
    return luoshi_text("user", "--db", f"sqlite:///{tmp_path / 'cli.sqlite3'}", *args)


@pytest.fixture
def migrated(tmp_path: Path, migrated_sqlite_template: Path) -> Path:
    """``run``'s SQLite file, already at Alembic head (a fresh file is migrated by the first
    command, as the end-to-end test shows; the others need not pay for it)."""
    path = tmp_path / "cli.sqlite3"
    shutil.copyfile(migrated_sqlite_template, path)
    return path


@pytest.fixture
def boss(tmp_path: Path, migrated: Path) -> str:
    """An admin named boss, added through the CLI."""
    assert run(tmp_path, "add", "boss", "--role", "admin").returncode == 0
    return "boss"


def test_user_add_prints_the_generated_password_end_to_end(tmp_path: Path) -> None:
    """The real ``python -m luoshi user add``: exit 0 and the password, shown once."""
    db = f"sqlite:///{tmp_path / 'cli.sqlite3'}"
    added = subprocess.run(
        [sys.executable, "-m", "luoshi", "user", "--db", db, "add", "boss", "--role", "admin"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert added.returncode == 0, added.stderr
    assert "密码：" in added.stdout


def test_passwd_sets_a_given_password(tmp_path: Path, boss: str) -> None:
    changed = run(tmp_path, "passwd", boss, "--password", "a-long-enough-password")
    assert changed.returncode == 0, changed.stderr


def test_token_prints_a_bearer_token(tmp_path: Path, boss: str) -> None:
    token = run(tmp_path, "token", boss)
    assert token.returncode == 0 and token.stdout.startswith("ls_")


def test_adding_an_existing_user_is_one_line_exit_2(tmp_path: Path, boss: str) -> None:
    again = run(tmp_path, "add", boss, "--role", "admin")
    assert again.returncode == 2 and "已存在" in again.stderr and "Traceback" not in again.stderr
    assert len(again.stderr.strip().splitlines()) == 1


def test_a_short_password_is_refused(tmp_path: Path, boss: str) -> None:
    short = run(tmp_path, "passwd", boss, "--password", "short")
    assert short.returncode == 2 and "至少" in short.stderr


def test_a_token_for_an_unknown_user_is_refused(tmp_path: Path, boss: str) -> None:
    nobody = run(tmp_path, "token", "ghost")
    assert nobody.returncode == 2 and "不存在" in nobody.stderr


def test_account_changes_are_audited_under_the_by_actor(tmp_path: Path, migrated: Path) -> None:
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


def test_token_revoke_disable_enable_and_logout(tmp_path: Path, migrated: Path) -> None:
    """``user token --revoke``, ``user disable`` (tokens end, new ones refused), ``enable``, ``logout``."""
    assert run(tmp_path, "add", "unit1", "--role", "admin").returncode == 0
    assert run(tmp_path, "token", "unit1", "--days", "7").stdout.startswith("ls_")
    assert run(tmp_path, "token", "unit1").returncode == 0
    revoked = run(tmp_path, "token", "unit1", "--revoke")
    assert revoked.returncode == 0 and "2 个令牌" in revoked.stdout
    assert run(tmp_path, "logout", "unit1").returncode == 0
    assert run(tmp_path, "disable", "unit1").returncode == 0
    refused = run(tmp_path, "token", "unit1")
    assert refused.returncode == 2 and "已停用" in refused.stderr
    assert run(tmp_path, "enable", "unit1").returncode == 0
    assert run(tmp_path, "token", "unit1").returncode == 0
