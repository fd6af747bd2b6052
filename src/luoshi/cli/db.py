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
    from luoshi.config import load_settings
    from luoshi.store.db import Database
    from luoshi.store.migrate import current
    from luoshi.store.migrate import upgrade as run

    database = Database(load_settings(database_url=db_url).resolved_database_url)
    try:
        run(database.engine, revision)
        click.echo(f"数据库结构版本：{current(database.engine)}")
    finally:
        database.dispose()


@db.command()
@db_option
@click.option("--revision", required=True, help="目标版本（base 为清空）")
def downgrade(db_url: str | None, revision: str) -> None:
    """Migrate the database back to REVISION."""
    from luoshi.config import load_settings
    from luoshi.store.db import Database
    from luoshi.store.migrate import current
    from luoshi.store.migrate import downgrade as run

    database = Database(load_settings(database_url=db_url).resolved_database_url)
    try:
        run(database.engine, revision)
        click.echo(f"数据库结构版本：{current(database.engine) or 'base'}")
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
