"""``luoshi levels``: 上下联动 — one indicator's target at each level, a handed-down task's roll-up."""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from luoshi.cli.options import (
    as_of_date,
    emit,
    format_option,
    with_ledger,
)

if TYPE_CHECKING:
    from datetime import datetime

    from luoshi.store.ledger import Ledger

CHAIN_COLUMNS = [
    "level_label",
    "region",
    "unit",
    "indicator",
    "target",
    "measure",
    "modifier",
    "above",
    "gap",
    "matched_by",
]
ROLLUP_COLUMNS = ["id", "handed_to", "lead", "state_label", "value", "unit", "deadline", "reports_late"]


@click.group()
def levels() -> None:
    """上下联动：各级目标链、转办任务的汇总。"""


@levels.command("chain")
@click.option("--indicator", required=True, help="指标名称，例如 地区生产总值")
@click.option("--year", type=click.IntRange(1949, 2100), required=True, help="报告年度")
@with_ledger(reads=True, as_of=False)
@format_option()
def chain(ledger: Ledger, indicator: str, year: int, fmt: str) -> None:
    """Each level's target for INDICATOR in the YEAR reports (province, city, counties), with the gap
    to the level above. ``matched_by``: unit (the report was ingested for that unit, ``--unit``) or
    region (an old report with no unit, found by its region's name)."""
    from luoshi.supervise.chain import target_chain

    rows = [link.to_dict() for link in target_chain(ledger, indicator=indicator, year=year)]
    emit(rows, fmt, columns=None if fmt == "json" else CHAIN_COLUMNS)


@levels.command("rollup")
@click.argument("task_id", type=int)
@with_ledger(reads=True)
@format_option()
def rollup(ledger: Ledger, task_id: int, as_of: datetime | None, fmt: str) -> None:
    """Each county's child of a handed-down task (转办) with its status; the roll-up on stderr."""
    from luoshi.supervise.levels import task_rollup

    rows, summary = task_rollup(ledger, task_id, as_of_date(as_of))
    emit([r.to_dict() for r in rows], fmt, columns=None if fmt == "json" else ROLLUP_COLUMNS)
    if summary is not None:
        s = summary
        click.echo(
            f"汇总：{s.children} 个下级，最差 {s.state.label}，正常推进 {s.on_track:.0%}，"
            f"迟报 {s.late}，缺报 {s.missing}，逾期 {s.overdue}，已完成 {s.done}",
            err=True,
        )


@levels.command("hand-down-order")
@click.argument("order_id", type=int)
@click.option("--to", "to", default=None, help="转办给这些县（区），逗号分隔")
@click.option("--all-counties", is_flag=True, help="转办给全部县（区）")
@with_ledger()
@format_option()
def hand_down_order_(ledger: Ledger, order_id: int, to: str | None, all_counties: bool, fmt: str) -> None:
    """转办: one linked child order per county (上下联动); re-running adds only the missing counties."""
    from luoshi.errors import InputError
    from luoshi.supervise.levels import hand_down_order

    if (to is None) == (not all_counties):
        raise InputError("请用 --to 县A,县B 指定县（区），或用 --all-counties 转办给全部县（区）")
    counties = None if all_counties else [c for c in (to or "").replace("，", ",").split(",") if c.strip()]
    result = hand_down_order(ledger, order_id, counties)
    rows = [{"county": u, "order_id": i, "status": "created"} for u, i in result.created]
    rows += [{"county": u, "order_id": i, "status": "kept"} for u, i in result.kept]
    emit(rows, fmt)
