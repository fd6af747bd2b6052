"""``luoshi db upgrade|downgrade``: each migrates and says the revision the database is at."""

from __future__ import annotations

from pathlib import Path

from tests.cli_inprocess import luoshi_text

from luoshi.store.migrate import head


def test_upgrade_then_downgrade_say_where_the_schema_is(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'ledger.sqlite3'}"
    up = luoshi_text("db", "upgrade", "--db", url)
    assert up.returncode == 0 and up.stdout.strip() == f"数据库结构版本：{head()}", up.stderr
    down = luoshi_text("db", "downgrade", "--db", url, "--revision", "base")
    assert down.returncode == 0 and down.stdout.strip() == "数据库结构版本：base", down.stderr
