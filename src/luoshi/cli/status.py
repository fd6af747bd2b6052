"""``luoshi status``: every task's derived status (时序进度) as of a date; the 台账 as xlsx."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from luoshi.cli.options import (
    as_of_date,
    emit,
    format_option,
    out_option,
    with_ledger,
    xlsx_file,
)

if TYPE_CHECKING:
    from datetime import datetime

    from luoshi.store.ledger import Ledger

COLUMNS = [
    "id",
    "section",
    "text",
    "lead",
    "target",
    "unit",
    "value",
    "progress",
    "elapsed",
    "deadline",
    "state_label",
]
COLUMNS += ["colour", "overdue_days"]


@click.command()
@click.option(
    "--state", default=None, help="只列该状态（not_started/on_track/behind/missing/overdue/done/closed）"
)
@out_option
@click.option("--policy", default="13710", show_default=True, help="督办规则（时序进度容差）")
@with_ledger(reads=True, year=True)
@format_option("table", "json", "csv", "xlsx")
def status(
    ledger: Ledger, state: str | None, out: Path | None, policy: str, as_of: datetime | None, fmt: str
) -> None:
    """List tasks with their status as of --as-of (default today): 未启动/正常/滞后/逾期/完成/销号."""
    from luoshi.supervise.review import build_review

    review = build_review(ledger, as_of=as_of_date(as_of), policy=policy)
    if fmt == "xlsx":
        from luoshi.supervise.sheets import task_sheet
        from luoshi.tabular import write_workbook

        title = f"重点任务落实台账（截至{review.as_of.isoformat()}）"
        path = write_workbook(xlsx_file(out, f"status-{review.as_of}"), [task_sheet(review, title)])
        click.echo(str(path))
        return
    rows = [t.to_dict() for t in review.tasks]
    if state:
        rows = [r for r in rows if r["state"] == state]
    if review.demo and fmt == "table":
        click.echo("【演示数据】以下含演示数据（模拟进展），不是真实落实情况。")
    emit(rows, fmt, columns=None if fmt == "json" else [*COLUMNS, "demo"] if review.demo else COLUMNS)
