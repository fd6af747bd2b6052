"""``luoshi tasks list|set|milestone``: the ledger's rows, their schedule and milestones."""

from __future__ import annotations

from datetime import datetime

import click

from luoshi.cli.options import (
    as_of_option,
    by_option,
    db_option,
    emit,
    format_option,
    ledger_session,
    year_option,
)

DATE = click.DateTime(["%Y-%m-%d"])


@click.group()
def tasks() -> None:
    """Ledger rows (台账): targets, deadlines, reporting cadence, milestones."""


@tasks.command("list")
@click.option("--report", "report_id", type=int, default=None, help="只列这份报告的任务")
@db_option
@year_option
@format_option()
def list_(report_id: int | None, db_url: str | None, fmt: str, year: int | None) -> None:
    """List tasks with target, deadline and cadence."""
    from luoshi.supervise.tasks import task_rows

    with ledger_session(db_url, actor="cli", as_of=None, existing=True, year=year) as ledger:
        rows = task_rows(ledger, report_id=report_id)
    emit(rows, fmt)


@tasks.command("set")
@click.argument("task_id", type=int)
@click.option("--deadline", type=DATE, default=None, help="完成期限（YYYY-MM-DD）")
@click.option("--cadence", type=click.Choice(["monthly", "quarterly", "none"]), default=None)
@click.option("--due-day", type=int, default=None, help="报送日：每期结束后次月的第几天（1–28）")
@click.option("--version", type=int, default=None, help="期望的记录版本（防止覆盖他人的修改）")
@db_option
@by_option
@as_of_option
@format_option()
def set_(
    task_id: int,
    deadline: datetime | None,
    cadence: str | None,
    due_day: int | None,
    version: int | None,
    db_url: str | None,
    actor: str,
    as_of: datetime | None,
    fmt: str,
) -> None:
    """Change a task's deadline, reporting cadence or due day."""
    from luoshi.supervise.tasks import set_schedule, task_view

    with ledger_session(db_url, actor=actor, as_of=as_of) as ledger:
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
@db_option
@by_option
@as_of_option
@format_option()
def milestone(
    task_id: int,
    title: str,
    due: datetime,
    value: float | None,
    db_url: str | None,
    actor: str,
    as_of: datetime | None,
    fmt: str,
) -> None:
    """Add a dated milestone to a task."""
    from luoshi.supervise.tasks import add_milestone

    with ledger_session(db_url, actor=actor, as_of=as_of) as ledger:
        added = add_milestone(ledger, task_id=task_id, title=title, due=due.date(), target_value=value)
        row = {"id": added.id, "task_id": task_id, "title": added.title, "due": added.due.isoformat()}
    emit([row], fmt)


def _register() -> None:
    from luoshi.cli.closure import extend_task

    tasks.add_command(extend_task)


_register()
