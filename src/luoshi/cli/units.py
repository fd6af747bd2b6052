"""``luoshi units import|export|list``: the unit catalogue (YAML or CSV)."""

from __future__ import annotations

import sys
from dataclasses import asdict
from pathlib import Path
from typing import TYPE_CHECKING

import click

from luoshi.cli.options import emit, format_option, with_ledger
from luoshi.tabular import dict_rows, write_csv_out

if TYPE_CHECKING:
    from luoshi.store.ledger import Ledger
    from luoshi.store.models import Unit


@click.group()
def units() -> None:
    """The unit catalogue: city → districts/counties/zones → departments, and task forces (专班)."""


@units.command("import")
@click.argument("path", type=click.Path(path_type=Path), required=False)
@click.option("--example", is_flag=True, help="导入内置的示例目录（data/units/example-city.yaml）")
@with_ledger(as_of=False)
@format_option()
def import_(ledger: Ledger, path: Path | None, example: bool, fmt: str) -> None:
    """Create or update units and task forces from a YAML or CSV file (all or nothing)."""
    from luoshi.errors import InputError
    from luoshi.supervise.units import example_catalogue, import_catalogue, read_catalogue

    if (path is None) == (not example):
        raise InputError("请给出单位文件，或用 --example 导入示例目录")
    catalogue = read_catalogue(path or example_catalogue())
    result = import_catalogue(ledger, catalogue)
    emit([asdict(result)], fmt)


@units.command("export")
@click.option("--format", "fmt", type=click.Choice(["yaml", "csv"]), default="yaml", show_default=True)
@with_ledger(reads=True, as_of=False)
def export(ledger: Ledger, fmt: str) -> None:
    """Print the catalogue in the import format."""
    from luoshi.supervise.units import CSV_COLUMNS, catalogue_rows, catalogue_yaml, export_catalogue

    catalogue = export_catalogue(ledger)
    if fmt == "yaml":
        sys.stdout.write(catalogue_yaml(catalogue))
        return
    write_csv_out(sys.stdout, CSV_COLUMNS, dict_rows(catalogue_rows(catalogue), CSV_COLUMNS))


@units.command("list")
@with_ledger(reads=True, as_of=False)
@format_option()
def list_(ledger: Ledger, fmt: str) -> None:
    """List units (parents before children) and task forces."""
    from luoshi.supervise.units import catalogue_rows, export_catalogue

    rows = catalogue_rows(export_catalogue(ledger))
    emit(rows, fmt)


@units.command("add")
@click.argument("code")
@click.argument("name")
@click.option(
    "--kind",
    default="department",
    show_default=True,
    help="单位类型（city/district/county/zone/department…）",
)
@click.option("--parent", default=None, help="上级单位（代码、名称或简称）")
@click.option("--alias", "aliases", multiple=True, help="简称（可多次）")
@with_ledger(as_of=False)
@format_option()
def add(
    ledger: Ledger, code: str, name: str, kind: str, parent: str | None, aliases: tuple[str, ...], fmt: str
) -> None:
    """Add one unit (the web's 单位管理 does the same)."""
    from luoshi.supervise.units import add_unit

    unit = add_unit(ledger, code=code, name=name, kind=kind, parent=parent, aliases=list(aliases))
    rows = [_row(unit)]
    emit(rows, fmt)


@units.command("rename")
@click.argument("unit")
@click.argument("name")
@click.option("--alias", "aliases", multiple=True, help="简称（可多次；替换原有简称，原名称自动保留为简称）")
@with_ledger(as_of=False)
@format_option()
def rename(ledger: Ledger, unit: str, name: str, aliases: tuple[str, ...], fmt: str) -> None:
    """Rename UNIT (code, name or alias) and set its aliases; the old name stays an alias."""
    from luoshi.supervise.units import edit_unit, find_unit

    kept = list(aliases) if aliases else list(find_unit(ledger, unit).aliases)
    rows = [_row(edit_unit(ledger, key=unit, name=name, aliases=kept))]
    emit(rows, fmt)


@units.command("disable")
@click.argument("unit")
@click.option("--enable", is_flag=True, help="重新启用")
@with_ledger(as_of=False)
@format_option()
def disable(ledger: Ledger, unit: str, enable: bool, fmt: str) -> None:
    """Disable UNIT (kept with its history, no longer proposed or offered), or --enable it again."""
    from luoshi.supervise.units import set_unit_active

    rows = [_row(set_unit_active(ledger, key=unit, active=enable))]
    emit(rows, fmt)


def _row(unit: Unit) -> dict[str, object]:
    return {"code": unit.code, "name": unit.name, "kind": unit.kind, "aliases": ";".join(unit.aliases),
            "active": unit.active}  # fmt: skip
