"""``luoshi calendar``: load a year's holidays (国务院办公厅通知) into the ledger, or show a year."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from luoshi.cli.options import emit, format_option, with_ledger

if TYPE_CHECKING:
    from luoshi.store.ledger import Ledger


@click.group()
def calendar() -> None:
    """节假日安排：导入国务院办公厅每年的通知，查看某年的放假和调休。"""


@calendar.command("import")
@click.argument("path", metavar="FILE", type=click.Path(path_type=Path))
@with_ledger(as_of=False)
def import_(ledger: Ledger, path: Path) -> None:
    """Import a holiday file (YAML: year, holidays, workdays); it replaces that year's earlier import."""
    from luoshi.supervise.holidays import import_year

    year = import_year(ledger, path=path)
    days, worked = sum(1 for h in year.holidays for _ in h.days()), len(year.workdays)
    click.echo(f"已导入 {year.year} 年节假日：{len(year.holidays)} 个假日共 {days} 天，调休上班 {worked} 天")


@calendar.command("show")
@click.option("--year", type=click.IntRange(1949, 2100), required=True, help="年份")
@with_ledger(reads=True, as_of=False)
@format_option("table", "json")
def show(ledger: Ledger, year: int, fmt: str) -> None:
    """Show a year's holidays and make-up working days, and where they come from."""
    from luoshi.calendar import Source
    from luoshi.supervise.holidays import show_year

    source, found = show_year(ledger, year=year)
    if fmt == "json":
        data = {**found.to_dict(), "source": source.value, "estimated": source is Source.ESTIMATE}
        json.dump(data, sys.stdout, ensure_ascii=False, default=str)
        sys.stdout.write("\n")
        return
    click.echo(f"{found.title}（来源：{source.label}）")
    rows = [
        {"假日": h.name, "开始": h.start, "结束": h.end, "天数": (h.end - h.start).days + 1}
        for h in found.holidays
    ]
    emit(rows, "table")
    workdays = "、".join(f"{d:%m-%d}" for d in found.workdays) or "无"
    click.echo(f"调休上班：{workdays}")
