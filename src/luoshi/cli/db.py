"""``luoshi db upgrade|downgrade|current``: the database schema (Alembic migrations shipped with luoshi)."""

from __future__ import annotations

import click

from luoshi.cli.options import db_option


@click.group()
def db() -> None:
    """Database schema. A new, empty database is created automatically on first use."""


@db.command()
@db_option
@click.option("--revision", default="head", show_default=True)
def upgrade(db_url: str | None, revision: str) -> None:
    """Migrate the database to REVISION (back it up first)."""
    _migrate(db_url, revision, down=False)


@db.command()
@db_option
@click.option("--revision", required=True, help="目标版本（base 为清空）")
def downgrade(db_url: str | None, revision: str) -> None:
    """Migrate the database back to REVISION."""
    _migrate(db_url, revision, down=True)


def _migrate(db_url: str | None, revision: str, *, down: bool) -> None:
    """Migrate the configured database up (or ``down``) to ``revision`` and print where it is now."""
    from luoshi.config import load_settings
    from luoshi.store import migrate
    from luoshi.store.db import Database

    database = Database(load_settings(database_url=db_url).resolved_database_url)
    try:
        (migrate.downgrade if down else migrate.upgrade)(database.engine, revision)
        click.echo(f"数据库结构版本：{migrate.current(database.engine) or 'base'}")
    finally:
        database.dispose()


@db.command("current")
@db_option
def current_(db_url: str | None) -> None:
    """Show the database's schema revision and the newest one luoshi knows."""
    from luoshi.config import load_settings
    from luoshi.store.db import Database
    from luoshi.store.migrate import current, head
    from luoshi.store.problems import require_existing

    url = load_settings(database_url=db_url).resolved_database_url
    require_existing(url)
    database = Database(url)
    try:
        click.echo(f"{current(database.engine) or 'base'}（最新 {head()}）")
    finally:
        database.dispose()
