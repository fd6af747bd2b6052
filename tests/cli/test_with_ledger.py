"""``with_ledger``: the options it adds, the ledger it hands over, and a read that refuses a missing file."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import click
from click.testing import CliRunner

from luoshi.cli.options import with_ledger
from luoshi.errors import NotFoundError
from luoshi.store.ledger import Ledger


@click.command()
@click.option("--year", type=int, default=None, help="the command's own --year, not the ledger's")
@with_ledger()
def writes(ledger: Ledger, year: int | None, as_of: datetime | None) -> None:
    click.echo(f"{ledger.actor} {ledger.clock.today()} {year} {ledger.year} {as_of:%Y-%m-%d}")


@click.command()
@with_ledger(reads=True, as_of=False, year=True)
def reads(ledger: Ledger) -> None:
    click.echo(f"{ledger.actor} {ledger.year}")


def test_options_follow_the_commands_own() -> None:
    assert [p.name for p in writes.params] == ["year", "db_url", "actor", "as_of"]
    assert [p.name for p in reads.params] == ["db_url", "year"]


def test_the_ledger_acts_as_by_on_as_of(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'w.sqlite3'}"
    args = ["--db", db, "--by", "张三", "--as-of", "2024-03-01", "--year", "2023"]
    result = CliRunner().invoke(writes, args, catch_exceptions=False)
    # the command's --year stays its own: the ledger's year is the as-of day's
    assert result.output.split() == ["张三", "2024-03-01", "2023", "2024", "2024-03-01"]
    result = CliRunner().invoke(reads, ["--db", db, "--year", "2023"], catch_exceptions=False)
    assert result.output.split() == ["cli", "2023"]


def test_a_read_refuses_a_missing_file(tmp_path: Path) -> None:
    missing = tmp_path / "missing.sqlite3"
    result = CliRunner().invoke(reads, ["--db", f"sqlite:///{missing}"])
    assert isinstance(result.exception, NotFoundError)
    assert not missing.exists()


@click.command()
@with_ledger(reads=True, as_of=False)
def names_its_database(ledger: Ledger, db_url: str | None) -> None:
    click.echo(f"{ledger.actor} {db_url}")


def test_a_command_that_declares_db_url_receives_it(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'w.sqlite3'}"
    CliRunner().invoke(writes, ["--db", db, "--as-of", "2024-03-01"], catch_exceptions=False)
    result = CliRunner().invoke(names_its_database, ["--db", db], catch_exceptions=False)
    assert result.output.split() == ["cli", db]
