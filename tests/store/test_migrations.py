from __future__ import annotations

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect, text
from sqlalchemy.exc import DatabaseError

from luoshi.errors import ConflictError
from luoshi.store.db import Database, make_engine
from luoshi.store.migrate import current, downgrade, ensure_schema, head, upgrade
from luoshi.store.models import Base


def _schema_diff(db: Database) -> list[object]:
    with db.engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": True})
        return list(compare_metadata(context, Base.metadata))


def test_upgrade_downgrade_upgrade_and_models_match(db_url: str) -> None:
    db = Database(db_url)
    try:
        upgrade(db.engine)
        assert current(db.engine) == head()
        assert _schema_diff(db) == []
        downgrade(db.engine, "base")
        assert current(db.engine) is None
        assert set(inspect(db.engine).get_table_names()) <= {"alembic_version"}
        upgrade(db.engine)
        assert current(db.engine) == head()
        assert _schema_diff(db) == []
    finally:
        db.dispose()


def test_audit_events_are_append_only_in_the_database(database: Database) -> None:
    with database.engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO audit_events (at, actor, entity, entity_id, action, note)"
                " VALUES (CURRENT_TIMESTAMP, 'x', 'tasks', 1, 'insert', '')"
            )
        )
    for statement in ("UPDATE audit_events SET actor = 'y'", "DELETE FROM audit_events"):
        with pytest.raises(DatabaseError, match="append-only"), database.engine.begin() as conn:
            conn.execute(text(statement))


def test_ensure_schema_creates_a_fresh_database_and_refuses_an_old_one(sqlite_url: str) -> None:
    engine = make_engine(sqlite_url)
    ensure_schema(engine)
    assert current(engine) == head()
    ensure_schema(engine)  # at head: nothing to do
    with engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = 'older'"))
    with pytest.raises(ConflictError, match="luoshi db upgrade"):
        ensure_schema(engine)
    engine.dispose()


def test_sqlite_runs_in_wal_mode_with_foreign_keys(sqlite_url: str) -> None:
    engine = make_engine(sqlite_url)
    with engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert (conn.exec_driver_sql("PRAGMA busy_timeout").scalar() or 0) >= 1000
    engine.dispose()


def test_migrations_have_one_head() -> None:
    """Two helpers adding migrations on the same parent make two heads: add a merge revision."""
    from alembic.script import ScriptDirectory

    from luoshi.store.migrate import alembic_config

    heads = ScriptDirectory.from_config(alembic_config()).get_heads()
    assert len(heads) == 1, f"several Alembic heads {heads}: add a merge revision (alembic merge)"


def test_batch_migrations_keep_child_rows(db_url: str) -> None:
    """SQLite recreates tables in batch migrations; foreign-key cascades must not delete children."""
    db = Database(db_url)
    try:
        upgrade(db.engine, "0004_merge")
        with db.engine.begin() as conn:
            conn.execute(
                text(
                    "INSERT INTO reports (id, sha256, region, year, version, demo, ingested_at, ingested_by)"
                    " VALUES (1, 'x', '示例市', 2024, 1, false, CURRENT_TIMESTAMP, 't')"
                )
            )
            conn.execute(
                text(
                    'INSERT INTO parts (id, report_id, number, title, kind, start, "end")'
                    " VALUES (1, 1, 2, '回顾', 'review', 0, 5), (2, 1, 3, '任务', 'plan', 5, 9)"
                )
            )
            conn.execute(
                text(
                    'INSERT INTO sections (id, part_id, number, title, start, "end", themes)'
                    " VALUES (1, 2, 1, '项目', 5, 7, '[]')"
                )
            )
        upgrade(db.engine)
        with db.engine.begin() as conn:
            assert conn.execute(text("SELECT count(*) FROM sections")).scalar() == 1
            conn.execute(
                text(
                    'INSERT INTO parts (id, report_id, number, title, kind, start, "end")'
                    " VALUES (3, 1, 2, '目标', 'plan', 3, 5)"  # the same number again: allowed now
                )
            )
        if db.backend == "sqlite":
            with db.engine.connect() as conn:
                assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
    finally:
        db.dispose()


def test_report_unit_migration_keeps_reports_and_ties_them_to_units(db_url: str) -> None:
    """0018: old reports keep their rows with no unit; a report can then name a catalogue unit,
    and that unit cannot be deleted under it."""
    db = Database(db_url)
    try:
        upgrade(db.engine, "0017_levels")
        with db.engine.begin() as conn:
            conn.execute(
                text(
                    "INSERT INTO reports (id, sha256, region, year, version, demo, ingested_at, ingested_by)"
                    " VALUES (1, 'x', '平定县', 2024, 1, false, CURRENT_TIMESTAMP, 't')"
                )
            )
            conn.execute(
                text(
                    "INSERT INTO units (id, code, name, kind, aliases, keywords, active, position, version)"
                    " VALUES (7, 'pingding', '平定县', 'county', '[]', '[]', true, 0, 1)"
                )
            )
        upgrade(db.engine, "0018_report_unit")
        with db.engine.begin() as conn:
            assert conn.execute(text("SELECT unit_id FROM reports WHERE id = 1")).scalar() is None
            conn.execute(text("UPDATE reports SET unit_id = 7 WHERE id = 1"))
        with pytest.raises(DatabaseError), db.engine.begin() as conn:
            conn.execute(text("DELETE FROM units WHERE id = 7"))
        downgrade(db.engine, "0017_levels")
        assert "unit_id" not in {c["name"] for c in inspect(db.engine).get_columns("reports")}
        with db.engine.begin() as conn:
            assert conn.execute(text("SELECT region FROM reports WHERE id = 1")).scalar() == "平定县"
    finally:
        db.dispose()
