from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import text

from luoshi.clock import FixedClock
from luoshi.errors import ConflictError, InputError
from luoshi.store.backup import backup, dump_tables, restore
from luoshi.store.db import Database
from luoshi.store.migrate import upgrade
from luoshi.store.models import Task, Unit
from luoshi.supervise.assign import auto_assign, load_rules
from luoshi.supervise.progress import ProgressInput, add_progress
from luoshi.supervise.reports import store_report
from luoshi.supervise.units import example_catalogue, import_catalogue, read_catalogue


def _migrated(url: str) -> Database:
    database = Database(url)
    upgrade(database.engine)
    return database


def _fill(database: Database, report: Any, tmp_path: Path) -> None:
    with database.ledger(actor="office", clock=FixedClock.on(date(2024, 3, 1))) as led:
        import_catalogue(led, read_catalogue(example_catalogue()))
        store_report(led, report)
        auto_assign(led, rules=load_rules())
        task = led.all(Task)[0]
        add_progress(
            led, task_id=task.id, entry=ProgressInput(value=12.5, narrative="推进中"), reporter="张三",
            evidence=[("a.txt", "说明".encode())], evidence_dir=tmp_path,
        )  # fmt: skip
        unit = led.all(Unit, code="fgw")[0]
        unit.parent_id = led.all(Unit, code="gxq")[0].id  # a parent with a higher id than its child


def test_round_trip_is_exact_table_by_table(
    migrated_db_url: str, report: Any, tmp_path: Path, sqlite_url: str
) -> None:
    source = Database(migrated_db_url)
    _fill(source, report, tmp_path)
    path = tmp_path / "backup.jsonl"
    counts = backup(source.engine, path)
    assert counts["tasks"] == 4 and counts["audit_events"] > 50
    target_url = f"sqlite:///{tmp_path / 'restored.sqlite3'}"
    target = Database(target_url)
    assert restore(target.engine, path) == {k: v for k, v in counts.items() if v}
    before, after = dump_tables(source.engine), dump_tables(target.engine)
    for table in before:
        assert after[table] == before[table], table
    with target.ledger(actor="x", clock=FixedClock.on(date(2024, 3, 2))) as led:
        led.add(Unit(code="new", name="新单位", kind="office"))  # ids continue after the restored rows
    source.dispose()
    target.dispose()


@pytest.mark.postgres
def test_round_trip_sqlite_to_postgres(
    migrated_sqlite_url: str, postgres_url: str, report: Any, tmp_path: Path
) -> None:
    source, target = Database(migrated_sqlite_url), Database(postgres_url)
    _fill(source, report, tmp_path)
    path = tmp_path / "backup.jsonl"
    backup(source.engine, path)
    restore(target.engine, path)
    assert dump_tables(target.engine) == dump_tables(source.engine)
    with target.ledger(actor="x", clock=FixedClock.on(date(2024, 3, 2))) as led:
        top = max(u.id for u in led.all(Unit))
        assert led.add(Unit(code="new", name="新单位", kind="office")).id > top  # sequences moved on
    source.dispose()
    target.dispose()


def test_restore_refuses_a_non_empty_database_and_bad_files(
    database: Database, report: Any, tmp_path: Path
) -> None:
    _fill(database, report, tmp_path)
    path = tmp_path / "backup.jsonl"
    backup(database.engine, path)
    with pytest.raises(ConflictError, match="不是空的"):
        restore(database.engine, path)
    bad = tmp_path / "bad.jsonl"
    bad.write_text("hello\n", encoding="utf-8")
    fresh = Database(f"sqlite:///{tmp_path / 'fresh.sqlite3'}")
    with pytest.raises(InputError, match="不是 luoshi 备份"):
        restore(fresh.engine, bad)
    lines = path.read_text(encoding="utf-8").splitlines()
    bad.write_text("\n".join(lines[:-3]) + "\n", encoding="utf-8")  # truncated
    with pytest.raises(InputError, match="不完整"):
        restore(fresh.engine, bad)
    assert all(not rows for rows in dump_tables(fresh.engine).values())  # nothing applied
    header = json.loads(lines[0])
    assert header["format"] == "luoshi-backup" and header["revision"]
    fresh.dispose()


names = st.text(st.characters(exclude_categories=["Cs"], exclude_characters="\x00"), min_size=1, max_size=40)


@pytest.mark.slow
@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    units=st.lists(
        st.tuples(names, st.lists(names, max_size=3)), min_size=1, max_size=6, unique_by=lambda u: u[0]
    ),
    value=st.floats(allow_nan=False, allow_infinity=False),
)
def test_round_trip_of_arbitrary_values(
    tmp_path: Path, migrated_sqlite_template: Path, units: list[tuple[str, list[str]]], value: float
) -> None:
    """Any text (quotes, newlines, emoji, CJK) and any finite float survive backup → restore unchanged."""
    import shutil
    import uuid

    folder = tmp_path / uuid.uuid4().hex
    folder.mkdir()
    shutil.copyfile(migrated_sqlite_template, folder / "a.sqlite3")
    source = Database(f"sqlite:///{folder / 'a.sqlite3'}")
    with source.ledger(actor=units[0][0], clock=FixedClock.on(date(2024, 1, 2))) as led:
        for n, (name, keywords) in enumerate(units):
            led.add(Unit(code=f"u{n}", name=name, kind="other", keywords=keywords, aliases=[name]))
        led.all(Unit)[0].position = 7
    with source.engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO reports (sha256, region, year, version, demo, ingested_at, ingested_by)"
                " VALUES ('s', :r, 2024, 1, false, CURRENT_TIMESTAMP, 't')"
            ),
            {"r": units[0][0][:100]},
        )
        conn.execute(
            text(
                "INSERT INTO quantities (report_id, ordinal, part, indicator, metric, value, unit, modifier,"
                ' headline_target, written, sentence, start, "end", places, bodies)'
                " VALUES (1, 0, 'plan', 'x', 'level', :v, 'u', 'exact', false, '', '', 0, 1, '[]', '[]')"
            ),
            {"v": value},
        )
    path = folder / "backup.jsonl"
    backup(source.engine, path)
    target = Database(f"sqlite:///{folder / 'b.sqlite3'}")
    restore(target.engine, path)
    assert dump_tables(target.engine) == dump_tables(source.engine)
    source.dispose()
    target.dispose()
