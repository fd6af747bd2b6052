"""``luoshi outcomes add|list``: actual values entered where no stored report states them."""

from __future__ import annotations

from typing import TYPE_CHECKING, Unpack

import click

from luoshi.cli.options import emit, format_option, with_ledger

if TYPE_CHECKING:
    from luoshi.store.ledger import Ledger
    from luoshi.supervise.outcomes import OutcomeFields

_COLUMNS = ["id", "region", "year", "indicator", "metric", "value", "unit", "source", "entered_by"]


@click.group()
def outcomes() -> None:
    """实际数：次年报告未载明时，由督查室录入（须注明来源），用于成绩单。"""


@outcomes.command("add")
@click.option("--region", required=True, help="地区（与报告的地区一致，如 阳泉市）")
@click.option("--year", type=int, required=True, help="实际数所属年份（目标年份）")
@click.option("--indicator", required=True, help="指标（如 原煤产量）")
@click.option("--value", type=float, required=True)
@click.option("--unit", required=True, help="单位（如 万吨、%）")
@click.option("--source", required=True, help="来源（如 2023年统计公报）")
@click.option("--metric", default=None, help="level | growth | share | count | change（百分比须指明）")
@with_ledger(as_of=False)
@format_option()
def add(ledger: Ledger, fmt: str, **entry: Unpack[OutcomeFields]) -> None:
    """Enter (or correct) an outcome; the change is audited."""
    from luoshi.link.vocabulary import load_vocabulary
    from luoshi.supervise.outcomes import enter_outcome

    row = enter_outcome(ledger, vocab=load_vocabulary(), **entry)
    emit([row.to_dict()], fmt, columns=_COLUMNS)


@outcomes.command("list")
@click.option("--region", default=None)
@click.option("--year", type=int, default=None)
@with_ledger(reads=True, as_of=False)
@format_option()
def list_(ledger: Ledger, region: str | None, year: int | None, fmt: str) -> None:
    """Entered outcomes."""
    from luoshi.supervise.outcomes import list_outcomes

    rows = [r.to_dict() for r in list_outcomes(ledger, region=region, year=year)]
    emit(rows, fmt, columns=[*_COLUMNS, "entered_at"] if fmt != "table" else _COLUMNS)
