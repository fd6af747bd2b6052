"""``luoshi year``: the turn of the year — year-end decisions, closing (frozen review), carried
tasks and their links to the new report, a unit's record and a region's targets over years."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from luoshi.cli.options import (
    as_of_date,
    by_option,
    db_option,
    emit,
    format_option,
    ledger_session,
    with_ledger,
)

if TYPE_CHECKING:
    from datetime import datetime

    from luoshi.store.ledger import Ledger

YEAR = click.argument("year", type=click.IntRange(1949, 2100))


@click.group()
def year() -> None:
    """年度：年终认定、关账（冻结考核结果）、结转与新报告的关联、历年记录。"""


@year.command("list")
@with_ledger(reads=True, as_of=False)
@format_option()
def list_(ledger: Ledger, fmt: str) -> None:
    """The years the ledger holds: tasks, carried in, closed on, the frozen review's SHA-256."""
    from luoshi.supervise.years import year_rows

    rows = year_rows(ledger)
    emit(rows, fmt)


@year.command("review")
@YEAR
@with_ledger(reads=True)
@format_option()
def review(ledger: Ledger, year: int, as_of: datetime | None, fmt: str) -> None:
    """The tasks of YEAR not 销号, with their status and the decision recorded so far."""
    from luoshi.supervise.years import pending_rows

    rows = pending_rows(ledger, year=year, as_of=as_of_date(as_of))
    emit(rows, fmt)


@year.command("decide")
@click.argument("task_id", type=int)
@click.option("--decision", required=True, help="完成（逾期完成予以认定）/ 未完成 / 结转")
@click.option("--reason", default="", help="原因（未完成须填）")
@with_ledger()
def decide(ledger: Ledger, task_id: int, decision: str, reason: str) -> None:
    """Record the year-end decision on a task not 销号 (changeable until the year is closed)."""
    from luoshi.supervise.years import decide as record
    from luoshi.supervise.years import parse_decision

    chosen = parse_decision(decision)
    row = record(ledger, task_id=task_id, decision=chosen, reason=reason)
    click.echo(
        f"任务 {task_id}（{row.year} 年度）：{chosen.label}" + (f"；{row.reason}" if row.reason else "")
    )


@year.command("close")
@YEAR
@click.option("--rest", default=None, help="其余未认定任务一律认定为：完成 / 未完成 / 结转")
@click.option("--reason", default="", help="--rest 的原因（未完成须填）")
@click.option(
    "--scoring", "scoring_path", type=click.Path(path_type=Path), default=None, help="评分配置 YAML"
)
@click.option("--policy", default="13710", show_default=True, help="督办规则（时序进度容差）")
@with_ledger()
def close(
    ledger: Ledger,
    year: int,
    rest: str | None,
    reason: str,
    scoring_path: Path | None,
    policy: str,
    as_of: datetime | None,
) -> None:
    """Close YEAR as of --as-of: freeze its review and scores; carry 结转 tasks into the next year."""
    from luoshi.supervise.scoring import load_scoring
    from luoshi.supervise.years import close_year, parse_decision

    config = load_scoring(scoring_path)
    leftover = parse_decision(rest) if rest else None
    done = close_year(ledger, year=year, as_of=as_of_date(as_of), rest=leftover, rest_reason=reason,
                      policy=policy, config=config)  # fmt: skip
    carried = "、".join(f"{o}→{n}" for o, n in done.carried.items()) or "无"
    click.echo(f"{done.year} 年度已关账（截至 {done.as_of}）；结转：{carried}；SHA-256 {done.sha256}")
    for child, new, parent in done.unlinked:
        click.echo(
            f"注意：下级任务 {child} 结转为 {new}，但其上级任务 {parent} 未结转（已完成或未完成），"
            f"{new} 在 {done.year + 1} 年度不再挂在上级任务下",
            err=True,
        )


@year.command("show")
@YEAR
@with_ledger(reads=True, as_of=False)
def show(ledger: Ledger, year: int) -> None:
    """Print the closed year's frozen review (canonical JSON), exactly as stored."""
    from luoshi.supervise.years import frozen_document

    data = frozen_document(ledger, year)
    sys.stdout.buffer.write(data + b"\n")
    sys.stdout.flush()


@year.command("links")
@YEAR
@click.option("--propose/--no-propose", default=True, show_default=True, help="先按文本相似度提出新的关联")
@db_option
@by_option
@format_option()
def links(year: int, propose: bool, db_url: str | None, actor: str, fmt: str) -> None:
    """Carried tasks of YEAR and the new report's tasks that restate them (proposed, confirmed)."""
    from dataclasses import asdict

    from luoshi.supervise.yearlinks import list_links, propose_links

    with ledger_session(db_url, actor=actor, as_of=None, existing=not propose) as ledger:
        found = propose_links(ledger, year=year) if propose else list_links(ledger, year=year)
    emit([asdict(k) for k in found], fmt)


@year.command("link")
@click.argument("link_id", type=int)
@click.option("--confirm/--reject", "confirm", required=True, help="确认（合并为一项任务）或驳回")
@click.option("--version", type=int, default=None, help="期望的版本号（防止覆盖他人修改）")
@with_ledger()
def link(ledger: Ledger, link_id: int, confirm: bool, version: int | None) -> None:
    """Confirm or reject a proposed link between a carried task and the new report's task."""
    from luoshi.supervise.yearlinks import decide_link

    row = decide_link(ledger, link_id=link_id, confirm=confirm, version=version)
    click.echo(
        f"关联 {row.id}：{'已确认' if confirm else '已驳回'}（任务 {row.task_id} ← 往年任务 {row.origin_id}）"
    )


@year.command("record")
@click.option("--unit", required=True, help="单位（代码、名称或简称）")
@with_ledger(reads=True)
@format_option()
def record(ledger: Ledger, unit: str, as_of: datetime | None, fmt: str) -> None:
    """A unit's record over the years: tasks, on-time rate, score, rank, 等次 (closed years frozen)."""
    from luoshi.supervise.records import unit_record

    rows = [r.to_dict() for r in unit_record(ledger, unit=unit, as_of=as_of_date(as_of))]
    emit(rows, fmt)


@year.command("targets")
@click.option("--region", required=True, help="地区（如 阳泉市）")
@click.option("--indicator", default="", help="只列名称含此词的指标")
@with_ledger(reads=True, as_of=False)
@format_option()
def targets(ledger: Ledger, region: str, indicator: str, fmt: str) -> None:
    """A region's targets year by year against the outcome the next report states."""
    from luoshi.supervise.records import target_history

    rows = target_history(ledger, region=region, indicator=indicator)
    emit(rows, fmt)
