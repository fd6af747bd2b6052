"""``luoshi progress add|list``: file a progress report with evidence; list a task's reports."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from luoshi.cli.options import (
    emit,
    format_option,
    with_ledger,
)

if TYPE_CHECKING:
    from luoshi.store.ledger import Ledger


@click.group()
def progress() -> None:
    """Progress reports (定期盘点)."""


@progress.command("add")
@click.argument("task_id", type=int)
@click.option(
    "--value",
    type=float,
    default=None,
    help="截至目前完成的数值，按目标的写法和单位填写（目标 1100万人 填 654 即 654万人；"
    "降幅目标填下降的幅度：下降 3.5% 填 3.5）",
)
@click.option("--percent", type=float, default=None, help="自评完成比例（0–100，无数值目标的任务）")
@click.option("--note", default="", help="进展情况")
@click.option("--problem", default="", help="遇到的问题")
@click.option("--evidence", multiple=True, type=click.Path(path_type=Path), help="佐证材料（可多次）")
@click.option("--period", default=None, help="报告期（如 2023-05、2023-Q2；默认上一个报告期）")
@click.option("--done", is_flag=True, help="申报任务已完成")
@click.option("--unit", default=None, help="报送单位（代码、名称或简称）")
@with_ledger()
@format_option()
def add(
    ledger: Ledger,
    task_id: int,
    value: float | None,
    percent: float | None,
    note: str,
    problem: str,
    evidence: tuple[Path, ...],
    period: str | None,
    done: bool,
    unit: str | None,
    db_url: str | None,
    actor: str,
    fmt: str,
) -> None:
    """File a progress report for TASK_ID."""
    from luoshi.config import load_settings
    from luoshi.supervise.evidence import folder_in, read_upload
    from luoshi.supervise.progress import ProgressInput, add_progress, progress_rows
    from luoshi.supervise.units import find_unit

    files = [(path.name, read_upload(path)) for path in evidence]
    entry = ProgressInput(
        value=value, narrative=note, problems=problem, done=done, period=period, percent=percent
    )
    evidence_dir = folder_in(load_settings(database_url=db_url).data_dir)
    unit_id = find_unit(ledger, unit).id if unit else None
    filed = add_progress(
        ledger,
        task_id=task_id,
        entry=entry,
        reporter=actor,
        evidence=files,
        evidence_dir=evidence_dir,
        unit_id=unit_id,
    )
    rows = [r for r in progress_rows(ledger, task_id=task_id) if r["id"] == filed.id]
    emit(rows, fmt)


@progress.command("list")
@click.argument("task_id", type=int)
@with_ledger(reads=True, as_of=False)
@format_option()
def list_(ledger: Ledger, task_id: int, fmt: str) -> None:
    """List TASK_ID's progress reports (late ones flagged)."""
    from luoshi.supervise.progress import progress_rows

    rows = progress_rows(ledger, task_id=task_id)
    emit(rows, fmt)


@progress.command("check")
@click.argument("report_id", type=int)
@click.option("--percent", type=float, default=None, help="核定完成比例（0–100；不填即认可单位自评）")
@click.option("--reason", default="", help="核定理由（改动单位自评时必填）")
@with_ledger()
@format_option()
def check(ledger: Ledger, report_id: int, percent: float | None, reason: str, fmt: str) -> None:
    """The office accepts (or corrects with --percent) REPORT_ID's self-assessed percentage."""
    from luoshi.supervise.progress import check_percent, progress_rows

    report = check_percent(ledger, report_id=report_id, percent=percent, reason=reason)
    rows = [r for r in progress_rows(ledger, task_id=report.task_id) if r["id"] == report.id]
    emit(rows, fmt)
