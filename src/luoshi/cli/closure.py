"""Closed means closed, on the command line: reopen an accepted task, 延期申请 and its decision.

``luoshi supervise reopen-task|extend|extensions|decide-extension`` and ``luoshi tasks extend``.
"""

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
EXTENSION_COLUMNS = ["id", "task_id", "order_id", "old_due", "new_due", "reason", "state_label", "decided_by"]


@click.command("reopen-task")
@click.argument("task_id", type=int)
@click.option("--reason", required=True, help="撤销销号的理由（必填，记入审计）")
@with_ledger()
@format_option()
def reopen_task(ledger: Ledger, task_id: int, reason: str, fmt: str) -> None:
    """撤销销号: reopen an accepted task so that it takes progress and deadline edits again."""
    from luoshi.supervise.closure import reopen_task as reopen

    row = reopen(ledger, task_id=task_id, reason=reason)
    out = {"task_id": row.task_id, "reopened_on": row.reopened_on.isoformat(), "grade_undone": row.grade}
    emit([out | {"reason": row.reason}], fmt)


@click.command("extend")
@click.argument("task_id", type=int)
@click.option("--to", "new_due", type=DATE, required=True, help="申请的新期限（YYYY-MM-DD）")
@click.option("--reason", required=True, help="延期理由（必填）")
@with_ledger()
@format_option()
def extend_task(ledger: Ledger, task_id: int, new_due: datetime, reason: str, fmt: str) -> None:
    """延期申请: ask the office to move TASK_ID's deadline (takes effect once approved)."""
    from luoshi.supervise.extensions import extension_dict, request_task_extension

    row = request_task_extension(ledger, task_id=task_id, new_due=new_due.date(), reason=reason)
    emit([extension_dict(row)], fmt, columns=None if fmt == "json" else EXTENSION_COLUMNS)


@click.command("extend")
@click.argument("order_id", type=int)
@click.option("--due", "new_due", type=DATE, required=True, help="申请的新完成日期（YYYY-MM-DD）")
@click.option(
    "--milestone", "milestones", multiple=True, metavar="LABEL=YYYY-MM-DD", help="新的时间节点（可多次）"
)
@click.option("--reason", required=True, help="延期理由（必填）")
@with_ledger()
@format_option()
def extend_item(
    ledger: Ledger, order_id: int, new_due: datetime, milestones: tuple[str, ...], reason: str, fmt: str
) -> None:
    """延期申请: ask the office to replace major order ORDER_ID's timetable (once approved)."""
    from luoshi.cli.supervise import _milestone
    from luoshi.supervise.extensions import extension_dict, request_item_extension

    nodes = [_milestone(text) for text in milestones]
    row = request_item_extension(
        ledger, order_id=order_id, new_due=new_due.date(), reason=reason, milestones=nodes
    )
    emit([extension_dict(row)], fmt, columns=None if fmt == "json" else EXTENSION_COLUMNS)


@click.command("decide-extension")
@click.argument("extension_id", type=int)
@click.option("--approve/--refuse", "approve", required=True, help="批准或不批准")
@click.option("--note", default="", help="审批意见（不批准时必填）")
@click.option("--version", "version", type=int, default=None, help="期望的版本号（防止覆盖他人修改）")
@with_ledger()
@format_option()
def decide_extension(
    ledger: Ledger, extension_id: int, approve: bool, note: str, version: int | None, fmt: str
) -> None:
    """督查室审批延期申请: approve (the new date takes effect) or refuse (with the reason)."""
    from luoshi.supervise.extensions import decide_extension as decide
    from luoshi.supervise.extensions import extension_dict

    row = decide(ledger, extension_id=extension_id, approve=approve, note=note, version=version)
    emit([extension_dict(row)], fmt, columns=None if fmt == "json" else EXTENSION_COLUMNS)


@click.command("extensions")
@click.option("--task", "task_id", type=int, default=None, help="只列这项任务的申请")
@click.option("--order", "order_id", type=int, default=None, help="只列这个督办事项的申请")
@with_ledger(reads=True, as_of=False)
@format_option()
def extensions(ledger: Ledger, task_id: int | None, order_id: int | None, fmt: str) -> None:
    """延期申请 with old and new dates, reasons and decisions (the history of every deadline move)."""
    from luoshi.supervise.extensions import extension_rows

    rows = extension_rows(ledger, task_id=task_id, order_id=order_id)
    emit(rows, fmt, columns=None if fmt == "json" else EXTENSION_COLUMNS)


def register_supervise(group: click.Group) -> None:
    for command in (reopen_task, extend_item, decide_extension, extensions):
        group.add_command(command)
