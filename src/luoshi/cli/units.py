"""``luoshi units import|export|list``: the unit catalogue (YAML or CSV)."""

from __future__ import annotations

import sys
from dataclasses import asdict
from pathlib import Path

import click

from luoshi.cli.options import by_option, db_option, emit, format_option, ledger_session
from luoshi.tabular import dict_rows, write_csv_out


@click.group()
def units() -> None:
    """The unit catalogue: city → districts/counties/zones → departments, and task forces (专班)."""


@units.command("import")
@click.argument("path", type=click.Path(path_type=Path), required=False)
@click.option("--example", is_flag=True, help="导入内置的示例目录（data/units/example-city.yaml）")
@db_option
@by_option
@format_option()
def import_(path: Path | None, example: bool, db_url: str | None, actor: str, fmt: str) -> None:
    """Create or update units and task forces from a YAML or CSV file (all or nothing)."""
    from luoshi.errors import InputError
    from luoshi.supervise.units import example_catalogue, import_catalogue, read_catalogue

    if (path is None) == (not example):
        raise InputError("请给出单位文件，或用 --example 导入示例目录")
    catalogue = read_catalogue(path or example_catalogue())
    with ledger_session(db_url, actor=actor, as_of=None) as ledger:
        result = import_catalogue(ledger, catalogue)
    emit([asdict(result)], fmt)


@units.command("export")
@click.option("--format", "fmt", type=click.Choice(["yaml", "csv"]), default="yaml", show_default=True)
@db_option
def export(fmt: str, db_url: str | None) -> None:
    """Print the catalogue in the import format."""
    from luoshi.supervise.units import CSV_COLUMNS, catalogue_rows, catalogue_yaml, export_catalogue

    with ledger_session(db_url, actor="cli", as_of=None, existing=True) as ledger:
        catalogue = export_catalogue(ledger)
    if fmt == "yaml":
        sys.stdout.write(catalogue_yaml(catalogue))
        return
    write_csv_out(sys.stdout, CSV_COLUMNS, dict_rows(catalogue_rows(catalogue), CSV_COLUMNS))


@units.command("list")
@db_option
@format_option()
def list_(db_url: str | None, fmt: str) -> None:
    """List units (parents before children) and task forces."""
    from luoshi.supervise.units import catalogue_rows, export_catalogue

    with ledger_session(db_url, actor="cli", as_of=None, existing=True) as ledger:
        rows = catalogue_rows(export_catalogue(ledger))
    emit(rows, fmt)
