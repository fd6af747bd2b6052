"""``luoshi backup FILE`` / ``luoshi restore FILE``: a portable dump of every table (SQLite or PostgreSQL)."""

from __future__ import annotations

from pathlib import Path

import click

from luoshi.cli.options import db_option, emit, format_option, open_database


@click.command()
@click.argument("path", type=click.Path(path_type=Path))
@db_option
@format_option()
def backup(path: Path, db_url: str | None, fmt: str) -> None:
    """Write every table to PATH (JSON Lines)."""
    from luoshi.store.backup import backup as dump

    database = open_database(db_url)
    try:
        counts = dump(database.engine, path)
    finally:
        database.dispose()
    emit([{"table": k, "rows": v} for k, v in counts.items()], fmt)


@click.command()
@click.argument("path", type=click.Path(path_type=Path))
@db_option
@format_option()
def restore(path: Path, db_url: str | None, fmt: str) -> None:
    """Load PATH into an empty database (all or nothing)."""
    from luoshi.store.backup import restore as load

    database = open_database(db_url)
    try:
        counts = load(database.engine, path)
    finally:
        database.dispose()
    emit([{"table": k, "rows": v} for k, v in counts.items()], fmt)
