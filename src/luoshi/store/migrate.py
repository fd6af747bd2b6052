"""Schema migrations (Alembic, shipped in the package): upgrade, downgrade, where a database stands."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine, inspect

from luoshi.errors import ConflictError

MIGRATIONS = Path(__file__).parent / "migrations"


def alembic_config(engine: Engine | None = None) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["engine"] = engine
    return config


@cache
def head() -> str:
    """The newest revision this version of luoshi knows (read once per process: every command and
    app start asks, and reading the migration scripts takes tens of milliseconds)."""
    revision = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert revision is not None
    return revision


def current(engine: Engine) -> str | None:
    """The revision the database is at; None for an empty database."""
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def upgrade(engine: Engine, revision: str = "head") -> None:
    _run(engine, "upgrade", revision)


def downgrade(engine: Engine, revision: str) -> None:
    _run(engine, "downgrade", revision)


def ensure_schema(engine: Engine) -> None:
    """Create the schema in an empty database; refuse to touch one at an older revision.

    A fresh database (nothing in it) is migrated to head automatically, so the first command
    on a new SQLite file just works. A database at an older revision needs ``luoshi db upgrade``
    (run deliberately, after a backup).
    """
    at = current(engine)
    if at == head():
        return
    if at is None and not inspect(engine).get_table_names():
        upgrade(engine)
        return
    raise ConflictError(f"数据库结构版本为 {at or '未知'}，需要 {head()}：请先备份，再运行 luoshi db upgrade")


def _run(engine: Engine, action: str, revision: str) -> None:
    config = alembic_config(engine)
    with engine.connect() as connection:
        sqlite = connection.dialect.name == "sqlite"
        if sqlite:  # batch migrations recreate tables: no cascades while they do (Alembic's advice)
            _pragma(connection, "PRAGMA foreign_keys=OFF")
        try:
            with connection.begin():
                config.attributes["connection"] = connection
                getattr(command, action)(config, revision)
                if sqlite and connection.exec_driver_sql("PRAGMA foreign_key_check").first():
                    raise ConflictError("迁移后外键检查失败，已回滚")
        finally:
            if sqlite:
                _pragma(connection, "PRAGMA foreign_keys=ON")


def _pragma(connection: Connection, statement: str) -> None:
    """Run a PRAGMA outside any transaction (SQLite ignores foreign_keys inside one)."""
    raw = connection.connection.driver_connection
    assert raw is not None
    raw.execute(statement)
