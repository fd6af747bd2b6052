"""``luoshi ingest``: read report files and store them in the ledger."""

from __future__ import annotations

from dataclasses import asdict
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

import click

from luoshi.cli.options import (
    as_of_option,
    by_option,
    db_option,
    emit,
    format_option,
    ledger_session,
    with_ledger,
)

if TYPE_CHECKING:
    from luoshi.store.ledger import Ledger


@click.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--region", default=None, help="地区（文本未写明时必填），如 阳泉市")
@click.option("--year", type=int, default=None, help="报告年份（文本未写明时必填）")
@click.option("--level", type=click.Choice(["national", "province", "city", "county"]), default=None)
@click.option(
    "--unit", default=None, help="报告所属单位（县、区…的名称、代码或编号）：县（区）载入本级政府工作报告"
)
@click.option(
    "--cadence", type=click.Choice(["monthly", "quarterly", "none"]), default="monthly", show_default=True
)
@click.option("--due-day", type=int, default=5, show_default=True, help="新任务的报送日（次月第几天，1–28）")
@db_option
@by_option
@as_of_option
@format_option()
def ingest(
    paths: tuple[Path, ...],
    region: str | None,
    year: int | None,
    level: str | None,
    unit: str | None,
    cadence: str,
    due_day: int,
    db_url: str | None,
    actor: str,
    as_of: datetime | None,
    fmt: str,
) -> None:
    """Store reports (files, or every report in a folder): text, outline, quantities and tasks.

    The same content again changes nothing; new content for a region and year is a new version.
    """
    from luoshi.ingest import report_files
    from luoshi.pipeline import read_report
    from luoshi.supervise.reports import report_unit_for, store_report
    from luoshi.supervise.tasks import Schedule

    schedule = Schedule(cadence, due_day)
    files = [f for path in paths for f in (report_files(path) if path.is_dir() else [path])]
    reports = [read_report(path) for path in files]  # read them all before storing any
    with ledger_session(db_url, actor=actor, as_of=as_of) as ledger:
        owner = report_unit_for(ledger, unit) if unit is not None else None
        results = [
            store_report(ledger, r, region=region, year=year, level=level, schedule=schedule, unit=owner)
            for r in reports
        ]
    rows = [{"file": str(path), **asdict(result)} for path, result in zip(files, results, strict=True)]
    emit(rows, fmt)


@click.command()
@with_ledger(reads=True, as_of=False)
@format_option()
def reports(ledger: Ledger, fmt: str) -> None:
    """List stored reports and their versions."""
    from luoshi.supervise.reports import report_rows

    rows = report_rows(ledger)
    emit(rows, fmt)
