"""``luoshi assign``: propose lead/co units for every task, assign one by hand, confirm proposals."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

import click

from luoshi.cli.options import emit, format_option, with_ledger

if TYPE_CHECKING:
    from luoshi.store.ledger import Ledger


@click.command()
@click.argument("task_id", metavar="[TASK_ID | hand-down TASK_ID]", required=False)
@click.argument("handed", metavar="", required=False)
@click.option("--auto", is_flag=True, help="为所有未确认的任务提出牵头/配合单位建议")
@click.option("--rules", type=click.Path(path_type=Path), default=None, help="关键词→单位规则文件（YAML）")
@click.option("--report", "report_id", type=int, default=None, help="只处理这份报告的任务")
@click.option("--lead", default=None, help="牵头单位（代码、名称或简称）")
@click.option("--co", multiple=True, help="配合单位（可多次）")
@click.option("--confirm", is_flag=True, help="确认建议（给出 TASK_ID 时只确认该任务）")
@click.option("--to", "to", default=None, help="hand-down：转办给这些县（区），逗号分隔")
@click.option("--all-counties", is_flag=True, help="hand-down：转办给全部县（区）")
@click.option("--deadline", type=click.DateTime(["%Y-%m-%d"]), default=None, help="hand-down：下级任务的期限")
@with_ledger()
@format_option()
def assign(
    ledger: Ledger,
    task_id: str | None,
    handed: str | None,
    auto: bool,
    rules: Path | None,
    report_id: int | None,
    lead: str | None,
    co: tuple[str, ...],
    confirm: bool,
    to: str | None,
    all_counties: bool,
    deadline: datetime | None,
    fmt: str,
) -> None:
    """Assign tasks: --auto proposes, TASK_ID --lead UNIT [--co UNIT…] assigns, --confirm confirms;
    hand-down TASK_ID --to 县A,县B | --all-counties hands a task down (转办) to counties."""
    from luoshi.errors import InputError
    from luoshi.supervise import assign as service

    if task_id == "hand-down":
        _hand_down(ledger, handed, to, all_counties, deadline, fmt)
        return
    if handed is not None:
        raise InputError(f"多余的参数：{handed}")
    number = None if task_id is None else _number(task_id)
    if sum([auto, lead is not None, confirm and lead is None]) != 1:
        raise InputError("请选择一种操作：--auto，或 TASK_ID --lead 单位，或 --confirm")
    if lead is not None and number is None:
        raise InputError("人工指定须给出任务编号：luoshi assign TASK_ID --lead 单位")
    task_ids: list[int] | None
    if auto:
        proposals = service.auto_assign(ledger, rules=service.load_rules(rules), report_id=report_id)
        task_ids = [p.task_id for p in proposals]
    elif lead is not None and number is not None:
        service.assign(ledger, task_id=number, lead=lead, co=list(co))
        task_ids = [number]
    else:
        task_ids = None if number is None else [number]
        service.confirm(ledger, task_ids=task_ids)
    rows = service.assignment_rows(ledger, task_ids=task_ids)
    emit(rows, fmt)


def _number(text: str) -> int:
    from luoshi.errors import InputError

    try:
        return int(text)
    except ValueError:
        raise InputError(f"任务编号须为整数：{text}") from None


def _hand_down(
    ledger: Ledger, task: str | None, to: str | None, all_counties: bool, deadline: datetime | None, fmt: str
) -> None:
    """转办: one linked child task per county."""
    from luoshi.errors import InputError
    from luoshi.supervise.levels import hand_down

    if task is None:
        raise InputError("请给出任务编号：luoshi assign hand-down TASK_ID --to 县A,县B 或 --all-counties")
    if (to is None) == (not all_counties):
        raise InputError("请用 --to 县A,县B 指定县（区），或用 --all-counties 转办给全部县（区）")
    counties = None if all_counties else [c for c in (to or "").replace("，", ",").split(",") if c.strip()]
    result = hand_down(ledger, _number(task), counties, deadline=deadline.date() if deadline else None)
    rows = [{"county": u, "task_id": i, "status": "created"} for u, i in result.created]
    rows += [{"county": u, "task_id": i, "status": "kept"} for u, i in result.kept]
    emit(rows, fmt)
