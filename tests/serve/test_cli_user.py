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


def test_token_revoke_disable_enable_and_logout(tmp_path: Path) -> None:
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
