"""``luoshi assign``: propose lead/co units for every task, assign one by hand, confirm proposals."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import click

from luoshi.cli.options import as_of_option, by_option, db_option, emit, format_option, ledger_session


@click.command()
@click.argument("task_id", type=int, required=False)
@click.option("--auto", is_flag=True, help="为所有未确认的任务提出牵头/配合单位建议")
@click.option("--rules", type=click.Path(path_type=Path), default=None, help="关键词→单位规则文件（YAML）")
@click.option("--report", "report_id", type=int, default=None, help="只处理这份报告的任务")
@click.option("--lead", default=None, help="牵头单位（代码、名称或简称）")
@click.option("--co", multiple=True, help="配合单位（可多次）")
@click.option("--confirm", is_flag=True, help="确认建议（给出 TASK_ID 时只确认该任务）")
@db_option
@by_option
@as_of_option
@format_option()
def assign(
    task_id: int | None,
    auto: bool,
    rules: Path | None,
    report_id: int | None,
    lead: str | None,
    co: tuple[str, ...],
    confirm: bool,
    db_url: str | None,
    actor: str,
    as_of: datetime | None,
    fmt: str,
) -> None:
    """Assign tasks: --auto proposes, TASK_ID --lead UNIT [--co UNIT…] assigns, --confirm confirms."""
    from luoshi.errors import InputError
    from luoshi.supervise import assign as service

    if sum([auto, lead is not None, confirm and lead is None]) != 1:
        raise InputError("请选择一种操作：--auto，或 TASK_ID --lead 单位，或 --confirm")
    if lead is not None and task_id is None:
        raise InputError("人工指定须给出任务编号：luoshi assign TASK_ID --lead 单位")
    task_ids: list[int] | None
    with ledger_session(db_url, actor=actor, as_of=as_of) as ledger:
        if auto:
            proposals = service.auto_assign(ledger, rules=service.load_rules(rules), report_id=report_id)
            task_ids = [p.task_id for p in proposals]
        elif lead is not None and task_id is not None:
            service.assign(ledger, task_id=task_id, lead=lead, co=list(co))
            task_ids = [task_id]
        else:
            task_ids = None if task_id is None else [task_id]
            service.confirm(ledger, task_ids=task_ids)
        rows = service.assignment_rows(ledger, task_ids=task_ids)
    emit(rows, fmt)
