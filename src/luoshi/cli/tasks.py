"""``luoshi tasks list|set|milestone``: the ledger's rows, their schedule and milestones."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

import click

from luoshi.cli.options import (
    emit,
    format_option,
    with_ledger,
)

if TYPE_CHECKING:
    from luoshi.store.ledger import Ledger

DATE = click.DateTime(["%Y-%m-%d"])


@click.group()
def tasks() -> None:
    """Ledger rows (台账): targets, deadlines, reporting cadence, milestones."""


@tasks.command("list")
@click.option("--report", "report_id", type=int, default=None, help="只列这份报告的任务")
@with_ledger(reads=True, as_of=False, year=True)
@format_option()
def list_(ledger: Ledger, report_id: int | None, fmt: str) -> None:
    """List tasks with target, deadline and cadence."""
    from luoshi.supervise.tasks import task_rows

    rows = task_rows(ledger, report_id=report_id)
    emit(rows, fmt)


@tasks.command("set")
@click.argument("task_id", type=int)
@click.option("--deadline", type=DATE, default=None, help="完成期限（YYYY-MM-DD）")
@click.option("--cadence", type=click.Choice(["monthly", "quarterly", "none"]), default=None)
@click.option("--due-day", type=int, default=None, help="报送日：每期结束后次月的第几天（1–28）")
@click.option("--version", type=int, default=None, help="期望的记录版本（防止覆盖他人的修改）")
@with_ledger()
@format_option()
def set_(
    ledger: Ledger,
    task_id: int,
    deadline: datetime | None,
    cadence: str | None,
    due_day: int | None,
    version: int | None,
    fmt: str,
) -> None:
    """Change a task's deadline, reporting cadence or due day."""
    from luoshi.supervise.tasks import set_schedule, task_view

    task = set_schedule(
        ledger,
        task_id=task_id,
        deadline=deadline.date() if deadline else None,
        cadence=cadence,
        due_day=due_day,
        version=version,
    )
    row = task_view(task)
    emit([row], fmt)


@tasks.command("milestone")
@click.argument("task_id", type=int)
@click.option("--title", required=True, help="节点名称")
@click.option("--due", type=DATE, required=True, help="节点时间（YYYY-MM-DD）")
@click.option("--value", type=float, default=None, help="节点应达到的数值")
@with_ledger()
@format_option()
def milestone(ledger: Ledger, task_id: int, title: str, due: datetime, value: float | None, fmt: str) -> None:
    """Add a dated milestone to a task."""
    from luoshi.supervise.tasks import add_milestone

    added = add_milestone(ledger, task_id=task_id, title=title, due=due.date(), target_value=value)
    row = {"id": added.id, "task_id": task_id, "title": added.title, "due": added.due.isoformat()}
    emit([row], fmt)


def _register() -> None:
    from luoshi.cli.closure import extend_task

    tasks.add_command(extend_task)


_register()
