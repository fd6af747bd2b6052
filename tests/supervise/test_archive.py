"""Backups that can be trusted: a manifest per table, evidence files inside, both checked on restore."""

from __future__ import annotations

import json
import zipfile
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from luoshi.clock import FixedClock
from luoshi.store.backup import IntegrityError, backup, dump_tables, restore
from luoshi.store.db import Database
from luoshi.store.models import AuditEvent, Task
from luoshi.supervise.archive import restore_backup, write_backup
from luoshi.supervise.progress import ProgressInput, add_progress
from luoshi.supervise.reports import store_report

PHOTO = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8


def _filled(url: str, report: Any, evidence: Path) -> Database:
    database = Database(url)
    with database.ledger(actor="office", clock=FixedClock.on(date(2024, 3, 1))) as led:
        store_report(led, report)
        task = led.all(Task)[0]
        entry = ProgressInput(value=12.5, narrative="推进中")
        files = [("现场.png", PHOTO), ("说明.txt", "说明".encode())]
        add_progress(
            led, task_id=task.id, entry=entry, reporter="张三", evidence=files, evidence_dir=evidence
        )
    return database


def _rewrite_actor(path: Path) -> Path:
    """The attack from the finding: audit rows' actors rewritten in the backup file."""
    lines = path.read_text(encoding="utf-8").splitlines()
    edited = []
    for line in lines[1:]:
        item = json.loads(line)
        if item["table"] == "audit_events":
            item["row"]["actor"] = "someone-else"
        edited.append(json.dumps(item, ensure_ascii=False))
    path.write_text("\n".join([lines[0], *edited]) + "\n", encoding="utf-8")
    return path


def test_a_backup_edited_after_writing_is_refused_unless_forced_and_then_audited(
    migrated_db_url: str, report: Any, tmp_path: Path
) -> None:
    """Rule: a backup carries a SHA-256 per table; restore refuses a mismatch; --force is audited."""
    source = _filled(migrated_db_url, report, tmp_path / "evidence")
    path = tmp_path / "backup.jsonl"
    backup(source.engine, path)
    header = json.loads(path.read_text(encoding="utf-8").splitlines()[0])
    assert set(header["sha256"]) >= {"tasks", "audit_events"}
    _rewrite_actor(path)
    target = Database(f"sqlite:///{tmp_path / 'target.sqlite3'}")
    with pytest.raises(IntegrityError, match="audit_events 的内容与清单不符") as refused:
        restore(target.engine, path)
    assert "\n" not in str(refused.value)
    assert all(not rows for rows in dump_tables(target.engine).values())  # nothing applied
    restore(target.engine, path, force=True, actor="督查室")
    with target.ledger(actor="check") as led:
        forced = led.all(AuditEvent, entity="backup")
    assert [(e.actor, e.action) for e in forced] == [("督查室", "restore")]
    assert forced[0].after and forced[0].after["altered"] == ["audit_events"]
    source.dispose()
    target.dispose()


def test_the_archive_carries_the_evidence_files_and_restores_them(
    migrated_db_url: str, report: Any, tmp_path: Path
) -> None:
    """Rule: a backup holds the evidence files (one archive); restore puts them back, checked."""
    source = _filled(migrated_db_url, report, tmp_path / "evidence")
    written = write_backup(source, tmp_path / "ledger.zip", evidence_dir=tmp_path / "evidence")
    assert (written.files, written.missing) == (2, [])
    assert written.file_bytes == len(PHOTO) + len("说明".encode())
    assert "佐证文件 2 个" in written.summary() and written.sha256 in written.summary()
    target = Database(f"sqlite:///{tmp_path / 'target.sqlite3'}")
    done = restore_backup(target, written.path, evidence_dir=tmp_path / "restored")
    assert done.files == 2 and dump_tables(target.engine) == dump_tables(source.engine)
    restored = sorted(p.read_bytes() for p in (tmp_path / "restored").rglob("*") if p.is_file())
    assert restored == sorted([PHOTO, "说明".encode()])
    source.dispose()
    target.dispose()


def test_an_archive_with_a_changed_evidence_file_is_refused(
    migrated_sqlite_url: str, report: Any, tmp_path: Path
) -> None:
    """Rule: each evidence file must hash to its name; a changed one refuses the whole restore."""
    source = _filled(migrated_sqlite_url, report, tmp_path / "evidence")
    written = write_backup(source, tmp_path / "ledger.zip", evidence_dir=tmp_path / "evidence")
    tampered = tmp_path / "tampered.zip"
    with zipfile.ZipFile(written.path) as old, zipfile.ZipFile(tampered, "w") as new:
        for name in old.namelist():
            data = old.read(name)
            new.writestr(name, data.replace(b"\x89PNG", b"\x89PNX") if name.startswith("evidence/") else data)
    target = Database(f"sqlite:///{tmp_path / 'target.sqlite3'}")
    with pytest.raises(IntegrityError, match="1 个佐证文件的内容与其哈希不符"):
        restore_backup(target, tampered, evidence_dir=tmp_path / "restored")
    assert not (tmp_path / "restored").exists()
    done = restore_backup(target, tampered, evidence_dir=tmp_path / "restored", force=True, actor="督查室")
    assert done.files == 1 and len(done.skipped) == 1
    with target.ledger(actor="check") as led:
        (forced,) = led.all(AuditEvent, entity="backup")
    assert forced.after and forced.after["altered"] == [f"evidence/{done.skipped[0]}"]
    source.dispose()
    target.dispose()
