"""The ledger commands end to end, in-process (``luoshi.cli.main``), on a SQLite file."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from tests.cli_inprocess import luoshi_captured

from luoshi.clock import FixedClock
from luoshi.store.db import Database
from luoshi.store.models import Task
from luoshi.supervise.reports import store_report


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    return luoshi_captured(capsys, *args)


@pytest.fixture
def db(migrated_sqlite_url: str) -> str:
    """A migrated SQLite file of the test's own (a copy: no migrations per test). Commands on a new,
    empty file (migrated on first use) run in test_cli_years.py, test_user.py and test_cli_errors.py."""
    return migrated_sqlite_url


def _seed(db: str, report: Any) -> list[int]:
    """The sample report stored through the service (extraction quality is not this test's subject)."""
    from luoshi.cli.options import open_database

    database: Database = open_database(db)
    with database.ledger(actor="seed", clock=FixedClock.on(date(2024, 2, 1))) as led:
        rid = store_report(led, report).report_id
        ids = [t.id for t in led.all(Task, report_id=rid, order_by="ordinal")]
    database.dispose()
    return ids


def test_ingest_stores_once_then_reports_unchanged(capsys: Any, db: str, example_path: Path) -> None:
    args = (
        "ingest",
        str(example_path),
        "--db",
        db,
        "--region",
        "阳泉市",
        "--year",
        "2023",
        "--format",
        "json",
    )
    code, out, _ = run(capsys, *args)
    assert code == 0
    first = json.loads(out)[0]
    assert (first["status"], first["version"], first["region"]) == ("stored", 1, "阳泉市")
    code, out, _ = run(capsys, *args)
    assert json.loads(out)[0]["status"] == "unchanged"
    assert json.loads(out)[0]["report_id"] == first["report_id"]
    code, out, _ = run(capsys, "reports", "--db", db, "--format", "csv")
    lines = out.splitlines()
    assert code == 0 and lines[0].startswith("\ufeffid,region,year,version") and len(lines) == 2


def test_units_assign_progress_history_flow(capsys: Any, db: str, report: Any, tmp_path: Path) -> None:
    tasks = _seed(db, report)
    assert run(capsys, "units", "import", "--example", "--db", db)[0] == 0
    code, out, _ = run(capsys, "assign", "--auto", "--db", db, "--format", "json")
    assert code == 0 and {row["status"] for row in json.loads(out)} == {"proposed"}
    manual = ("assign", str(tasks[2]), "--lead", "平定县", "--co", "市自然资源局", "--by", "督查室")
    code, out, _ = run(capsys, *manual, "--db", db, "--format", "csv")
    row = next(csv.DictReader(io.StringIO(out)))
    assert (row["lead"], row["co"], row["status"]) == ("平定县", "市自然资源局", "confirmed")
    photo = tmp_path / "现场.png"
    photo.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(64))
    add = ("progress", "add", str(tasks[2]), "--value", "2", "--note", "春季造林完成")  # 2万亩, as written
    code, out, err = run(
        capsys, *add, "--problem", "苗木不足", "--evidence", str(photo), "--by", "平定县林业局",
        "--unit", "平定县", "--as-of", "2024-04-12", "--db", db, "--format", "json",
    )  # fmt: skip
    assert code == 0, err
    filed = json.loads(out)[0]
    assert (filed["period"], filed["late"], filed["evidence"]) == ("2024-03", True, ["现场.png"])
    assert (filed["value"], filed["unit"]) == (2, "万亩")
    code, out, _ = run(capsys, "history", str(tasks[2]), "--db", db, "--format", "json")
    events = json.loads(out)
    assert [e["entity"] for e in events][:1] == ["tasks"]
    assert {"assignments", "progress_reports", "evidence"} <= {e["entity"] for e in events}
    assert any(e["actor"] == "平定县林业局" for e in events)
    code, out, _ = run(capsys, "progress", "list", str(tasks[2]), "--db", db)
    assert "春季造林完成" in out


def test_csv_listings_hold_no_live_formula(capsys: Any, db: str, report: Any) -> None:
    """Rule (OWASP CSV injection): CLI CSV quotes text starting with = + - @ tab or CR; numbers stay."""
    tasks = _seed(db, report)
    assert run(capsys, "units", "import", "--example", "--db", db)[0] == 0
    assert run(capsys, "assign", str(tasks[2]), "--lead", "平定县", "--db", db)[0] == 0
    hostile = "@SUM(1+1)*cmd|' /C calc'!A0"
    add = ("progress", "add", str(tasks[2]), "--value", "-3.5", "--note", "=1+2", "--problem", hostile)
    assert run(capsys, *add, "--unit", "平定县", "--as-of", "2024-04-12", "--db", db)[0] == 0
    out = run(capsys, "progress", "list", str(tasks[2]), "--db", db, "--format", "csv")[1]
    row = next(csv.DictReader(io.StringIO(out, newline="")))
    assert (row["narrative"], row["problems"], row["value"]) == ("'=1+2", "'" + hostile, "-3.5")


def test_backup_is_one_archive_with_evidence_checked_on_restore(
    capsys: Any, db: str, report: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Rule: ``luoshi backup FILE`` includes the evidence files, says what it wrote; restore checks them."""
    import zipfile

    monkeypatch.setenv("LUOSHI_DATA_DIR", str(tmp_path / "data"))
    tasks = _seed(db, report)
    photo = tmp_path / "现场.png"
    photo.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(64))
    add = ("progress", "add", str(tasks[0]), "--value", "1", "--evidence", str(photo), "--db", db)
    assert run(capsys, *add)[0] == 0
    archive = tmp_path / "ledger.luoshi"
    code, _, err = run(capsys, "backup", str(archive), "--db", db)
    assert code == 0 and "佐证文件 1 个" in err and str(archive) in err and "SHA-256" in err
    assert sum(n.startswith("evidence/") for n in zipfile.ZipFile(archive).namelist()) == 1
    monkeypatch.setenv("LUOSHI_DATA_DIR", str(tmp_path / "elsewhere"))
    target = f"sqlite:///{tmp_path / 'restored.sqlite3'}"
    code, _, err = run(capsys, "restore", str(archive), "--db", target)
    assert code == 0 and "佐证文件 1 个" in err
    assert [p.read_bytes() for p in (tmp_path / "elsewhere" / "evidence").rglob("*") if p.is_file()] == [
        photo.read_bytes()
    ]
    tampered = tmp_path / "tampered.luoshi"
    with zipfile.ZipFile(archive) as old, zipfile.ZipFile(tampered, "w") as new:
        for name in old.namelist():
            data = old.read(name)
            edited = data.replace(b'"actor": "seed"', b'"actor": "nobody"')  # the audit's "who" rewritten
            new.writestr(name, edited if name == "ledger.jsonl" else data)
    fresh = f"sqlite:///{tmp_path / 'fresh.sqlite3'}"
    code, _, err = run(capsys, "restore", str(tampered), "--db", fresh)
    assert code == 2 and len(err.strip().splitlines()) == 1 and "校验失败" in err
    assert run(capsys, "restore", str(tampered), "--db", fresh, "--force", "--by", "督查室")[0] == 0


def test_backup_and_restore_commands(capsys: Any, db: str, report: Any, tmp_path: Path) -> None:
    _seed(db, report)
    backup = tmp_path / "ledger.jsonl"
    assert run(capsys, "backup", str(backup), "--db", db)[0] == 0
    target = f"sqlite:///{tmp_path / 'restored.sqlite3'}"
    code, out, _ = run(capsys, "restore", str(backup), "--db", target, "--format", "json")
    assert code == 0 and {"table": "tasks", "rows": 4} in json.loads(out)
    code, _, err = run(capsys, "restore", str(backup), "--db", target)
    assert code == 2 and "不是空的" in err


@pytest.mark.parametrize(
    "args",
    [
        ("progress", "add", "999", "--value", "1"),
        ("assign", "--auto"),
        ("history", "task:x"),
        ("units", "import", "nope.yaml"),
        ("assign", "1", "--lead", "市宇航局"),
        ("restore", "missing.jsonl"),
    ],
)
def test_errors_are_one_line_and_exit_2(capsys: Any, db: str, args: tuple[str, ...]) -> None:
    code, _, err = run(capsys, *args, "--db", db)
    assert code == 2
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err


def test_unsupported_database_url_is_one_line(tmp_path: Path) -> None:
    out = subprocess.run(
        [sys.executable, "-m", "luoshi", "units", "list", "--db", "mysql://x@localhost/y"],
        capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert out.returncode == 2 and len(out.stderr.strip().splitlines()) == 1, out.stderr


LEDGER_COMMANDS = (
    "ingest",
    "reports",
    "units",
    "assign",
    "tasks",
    "progress",
    "history",
    "backup",
    "restore",
    "db",
)


def test_every_ledger_command_is_registered_and_documented() -> None:
    from luoshi.cli import COMMANDS

    docs = (Path(__file__).parents[2] / "docs" / "ledger.md").read_text(encoding="utf-8")
    for name in LEDGER_COMMANDS:
        assert name in COMMANDS
        assert f"luoshi {name}" in docs, name
    for setting in ("LUOSHI_DATABASE_URL", "LUOSHI_DATA_DIR", "--as-of", "--by", "--format"):
        assert setting in docs


def test_tasks_commands(capsys: Any, db: str, report: Any) -> None:
    tasks = _seed(db, report)
    code, out, _ = run(capsys, "tasks", "list", "--db", db, "--format", "json")
    assert code == 0 and [row["id"] for row in json.loads(out)] == tasks
    code, out, err = run(capsys, "tasks", "set", str(tasks[0]), "--cadence", "quarterly", "--due-day", "15",
                         "--db", db, "--format", "json")  # fmt: skip
    assert code == 0, err
    assert (json.loads(out)[0]["cadence"], json.loads(out)[0]["due_day"]) == ("quarterly", 15)
    code, _, err = run(capsys, "tasks", "set", str(tasks[0]), "--due-day", "40", "--db", db)
    assert code == 2 and "1–28" in err
    milestone = ("tasks", "milestone", str(tasks[0]), "--title", "完成一半", "--due", "2024-06-30")
    code, out, _ = run(capsys, *milestone, "--db", db, "--format", "json")
    assert code == 0 and json.loads(out)[0]["due"] == "2024-06-30"


def test_ingest_a_folder(capsys: Any, db: str, tmp_path: Path, fixtures_dir: Path) -> None:
    folder = tmp_path / "reports"
    folder.mkdir()
    for name in ("guowuyuan-2021.txt", "guowuyuan-2022.txt"):
        (folder / name).write_bytes((fixtures_dir / name).read_bytes())
    (folder / "notes.md").write_text("not a report", encoding="utf-8")
    code, out, err = run(capsys, "ingest", str(folder), "--db", db, "--region", "全国", "--format", "json")
    assert code == 0, err
    rows = json.loads(out)
    assert [Path(r["file"]).name for r in rows] == ["guowuyuan-2021.txt", "guowuyuan-2022.txt"]
    assert all(r["status"] in ("stored", "new_version") for r in rows)


def test_progress_value_in_the_reports_unit_and_percent_checked_by_the_office(
    capsys: Any, db: str, report: Any
) -> None:
    """CLI: --value is typed as the report wrote the target (5万亩 takes 2 as 2万亩); a value of the
    wrong magnitude is one Chinese line and exit 2, nothing stored; a self-assessed --percent is
    accepted or corrected by the office with ``progress check``."""
    tasks = _seed(db, report)
    base = ("--db", db, "--as-of", "2024-04-12", "--format", "json")
    code, _, err = run(capsys, "progress", "add", str(tasks[2]), "--value", "20000", *base)
    assert code == 2 and "量级不符" in err and len(err.strip().splitlines()) == 1
    code, out, _ = run(capsys, "progress", "list", str(tasks[2]), "--db", db, "--format", "json")
    assert json.loads(out) == []
    code, out, err = run(
        capsys, "progress", "add", str(tasks[3]), "--percent", "40", "--note", "改造中", *base
    )
    assert code == 0, err
    filed = json.loads(out)[0]
    assert (filed["percent"], filed["percent_checked"]) == (40, None)
    check = ("progress", "check", str(filed["id"]), "--percent", "30", "--by", "督查室")
    code, _, err = run(capsys, *check, *base)
    assert code == 2 and "须写明理由" in err  # a correction says why
    code, out, err = run(capsys, *check, "--reason", "现场核查仅完成三成", *base)
    assert code == 0, err
    checked = json.loads(out)[0]
    assert (checked["percent_checked"], checked["percent_checked_by"]) == (30, "督查室")
    assert checked["percent_check_note"] == "现场核查仅完成三成"
    code, _, err = run(capsys, "progress", "add", str(tasks[3]), "--percent", "140", *base)
    assert code == 2 and "0 到 100" in err


def test_units_added_renamed_and_disabled_one_at_a_time(capsys: Any, db: str) -> None:
    """``units add|rename|disable``: the services of the web's 单位管理, audited under --by."""
    from luoshi.store.models import AuditEvent

    base = ("--db", db, "--by", "督查室", "--format", "json")
    code, out, err = run(capsys, "units", "add", "shuiwu", "市水务局", "--alias", "水务局", *base)
    assert code == 0, err
    assert json.loads(out)[0]["aliases"] == "水务局"
    code, _, err = run(capsys, "units", "add", "shuiwu", "市水利局", *base)
    assert code == 2 and "已存在" in err and len(err.strip().splitlines()) == 1
    code, out, err = run(capsys, "units", "rename", "水务局", "市水利局", *base)
    assert code == 0, err
    assert json.loads(out)[0] == {
        "code": "shuiwu", "name": "市水利局", "kind": "department", "aliases": "水务局;市水务局",
        "active": True,
    }  # fmt: skip
    code, out, err = run(capsys, "units", "disable", "市水务局", *base)
    assert code == 0 and json.loads(out)[0]["active"] is False, err
    database = Database(db)
    with database.ledger(actor="check") as ledger:
        actors = [e.actor for e in ledger.all(AuditEvent, entity="units")]
    database.dispose()
    assert actors == ["督查室"] * 3
