"""The CLI for the people who run it: every mistake is one Chinese line on stderr and exit 2.

An unreachable or unknown database, a mistyped SQLite path on a read, an id that does not exist,
click's own usage errors; plus one unit resolver, one ``--out`` for xlsx and the demo's password hint.
"""

from __future__ import annotations

import subprocess
import uuid
from pathlib import Path

import pytest
from sqlalchemy import insert
from tests.cli_inprocess import luoshi_text
from tests.conftest import POSTGRES_SERVER_URL

from luoshi.store.db import Database
from luoshi.store.models import Unit

READS = [
    ["reports"],
    ["tasks", "list"],
    ["status"],
    ["history", "1"],
    ["supervise", "list"],
    ["review"],
    ["progress", "list", "1"],
    ["units", "list"],
]


def one_chinese_line(ran: subprocess.CompletedProcess[str]) -> str:
    """The single stderr line of a refused command (exit 2, no traceback, no English from click)."""
    assert ran.returncode == 2, (ran.stdout, ran.stderr)
    lines = ran.stderr.strip().splitlines()
    assert len(lines) == 1, ran.stderr
    line = lines[0]
    assert line.startswith("luoshi: ") and any("\u4e00" <= ch <= "\u9fff" for ch in line), line
    for english in ("Traceback", "Error", "Usage", "Invalid value", "No such", "Missing", "is not"):
        assert english not in line, line
    return line


def unknown_postgres_database() -> str:
    """A database name on the test server that nobody created, with a password in its URL."""
    base = POSTGRES_SERVER_URL.rsplit("/", 1)[0].replace("postgres@", "postgres:s3cret-pw@", 1)
    return f"{base}/luoshi_nosuch_{uuid.uuid4().hex[:8]}"


@pytest.mark.parametrize("command", [*READS, ["db", "current"], ["db", "upgrade"]])
def test_an_unknown_postgres_database_is_one_line_without_the_password(command: list[str]) -> None:
    url = unknown_postgres_database()
    line = one_chinese_line(luoshi_text(*command, "--db", url))
    assert "无法打开数据库" in line and "s3cret-pw" not in line


def test_user_commands_explain_an_unknown_database_too() -> None:
    url = unknown_postgres_database()
    line = one_chinese_line(luoshi_text("user", "--db", url, "add", "boss", "--role", "admin"))
    assert "无法打开数据库" in line and "s3cret-pw" not in line


def test_an_address_that_is_not_a_database_url_is_one_line() -> None:
    assert "数据库地址" in one_chinese_line(luoshi_text("reports", "--db", "ledger.db"))


@pytest.mark.parametrize("command", READS)
def test_a_read_command_refuses_a_missing_sqlite_file_and_creates_nothing(
    command: list[str], tmp_path: Path
) -> None:
    """A mistyped path on a read: refused in one line; no folder, no empty database made."""
    typo = tmp_path / "typo" / "ledger.sqlite3"
    line = one_chinese_line(luoshi_text(*command, "--db", f"sqlite:///{typo}"))
    assert "数据库文件不存在" in line and str(typo) in line
    assert not (tmp_path / "typo").exists()


def test_a_write_command_may_create_the_database(tmp_path: Path) -> None:
    target = tmp_path / "new" / "ledger.sqlite3"
    made = luoshi_text("db", "upgrade", "--db", f"sqlite:///{target}")
    assert made.returncode == 0 and target.is_file(), made.stderr
    assert luoshi_text("reports", "--db", f"sqlite:///{target}").returncode == 0


@pytest.mark.parametrize("ref", ["99999", "task:99999", "unit:99999", "order:4242"])
def test_history_of_an_id_that_never_existed_is_not_found(ref: str, migrated_sqlite_url: str) -> None:
    line = one_chinese_line(luoshi_text("history", ref, "--db", migrated_sqlite_url))
    assert "不存在" in line and ref in line


def test_history_of_a_row_without_events_is_an_empty_list(migrated_sqlite_url: str) -> None:
    """A row that exists (here a unit added outside the audited session) is not called missing."""
    database = Database(migrated_sqlite_url)
    with database.engine.begin() as connection:
        row = {"code": "x", "name": "某局", "kind": "department", "aliases": [], "keywords": []}
        connection.execute(insert(Unit).values(**row))
    database.dispose()
    ran = luoshi_text("history", "unit:1", "--db", migrated_sqlite_url, "--format", "json")
    assert ran.returncode == 0 and ran.stdout.strip() == "[]", ran.stderr


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["status", "--as-of", "2022/06/10"], "YYYY-MM-DD"),
        (["outcomes", "add", "--value", "六百"], "数字"),
        (["supervise", "accept", "1", "--grade", "好"], "优秀"),
        (["user", "add", "x", "--role", "boss"], "admin"),
        (["history"], "缺少参数"),
        (["user", "add", "x"], "缺少选项 --role"),
        (["reports", "--bogus"], "没有选项 --bogus"),
        (["status", "--as-of"], "需要一个值"),
        (["reports", "extra"], "多余的参数"),
        (["no-such-command"], "没有命令"),
        (["user", "token", "x", "--days", "0"], "之间"),
    ],
)
def test_click_usage_errors_are_one_chinese_line(args: list[str], says: str) -> None:
    """click's own messages (wrong type, choice, missing or unknown option) come out in Chinese."""
    line = one_chinese_line(luoshi_text(*args))
    assert says in line and "--help" in line


@pytest.fixture
def unit_db(migrated_sqlite_url: str) -> str:
    """A ledger with 市人力资源和社会保障局, alias 人社部."""
    database = Database(migrated_sqlite_url)
    with database.ledger(actor="seed") as ledger:
        ledger.add(Unit(code="rsj", name="市人力资源和社会保障局", kind="department", aliases=["人社部"],
                        keywords=[]))  # fmt: skip
    database.dispose()
    return migrated_sqlite_url


def test_user_add_and_supervise_raise_resolve_a_unit_alias_the_same_way(unit_db: str) -> None:
    """One unit resolver (code, name or alias) for every command."""
    raised = luoshi_text("supervise", "raise", "--title", "就业", "--lead", "人社部", "--db", unit_db)
    assert raised.returncode == 0, raised.stderr
    added = luoshi_text("user", "--db", unit_db, "add", "rsb1", "--role", "reporter", "--unit", "人社部")
    assert added.returncode == 0, added.stderr
    unknown = luoshi_text("user", "--db", unit_db, "add", "x", "--role", "reporter", "--unit", "无此局")
    assert "找不到单位" in one_chinese_line(unknown)


def test_xlsx_without_out_writes_the_default_file_for_every_ledger_command(
    unit_db: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """One option (--out, --output kept as its alias), one behaviour: no --out → luoshi-<cmd>-<date>.xlsx."""
    monkeypatch.chdir(tmp_path)
    for command in ("review", "status"):
        ran = luoshi_text(command, "--as-of", "2024-03-20", "--format", "xlsx", "--db", unit_db)
        assert ran.returncode == 0 and ran.stdout.strip() == f"luoshi-{command}-2024-03-20.xlsx", ran.stderr
        assert (tmp_path / ran.stdout.strip()).read_bytes()[:2] == b"PK"
        named = luoshi_text(command, "--format", "xlsx", "--out", "mine.xlsx", "--db", unit_db)
        assert named.returncode == 0 and (tmp_path / "mine.xlsx").is_file()


def test_a_second_demo_start_says_how_to_set_a_password(migrated_sqlite_url: str) -> None:
    """Passwords show once; a later start names the accounts and ``luoshi user passwd``, no password."""
    from luoshi.supervise.accounts import add_user
    from luoshi.supervise.demo import password_hint
    from luoshi.supervise.permissions import Role

    database = Database(migrated_sqlite_url)
    with database.ledger(actor="seed") as ledger:
        assert "luoshi user add" in "".join(password_hint(ledger))
        _, password = add_user(ledger, username="admin", role=Role.OFFICE)
        hint = "\n".join(password_hint(ledger))
    database.dispose()
    assert "admin" in hint and "luoshi user passwd admin" in hint and password not in hint
