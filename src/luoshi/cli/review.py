"""``luoshi review``: the periodic review (定期盘点) by section and by unit, with the scoreboard."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from luoshi.cli.options import (
    as_of_date,
    format_option,
    out_option,
    table,
    with_ledger,
    xlsx_file,
)

if TYPE_CHECKING:
    from datetime import datetime

    from luoshi.store.ledger import Ledger
    from luoshi.supervise.review import Review
    from luoshi.supervise.scoring import UnitScore

GROUP_KEYS = ["name", "tasks", "closed", "done", "on_track", "behind", "missing", "overdue", "not_started"]
GROUP_KEYS += [
    "progress",
    "elapsed",
    "on_time_rate",
    "reports_late",
    "orders",
    "orders_overdue",
    "response_days",
]


@click.command()
@out_option
@click.option(
    "--scoring", "scoring_path", type=click.Path(path_type=Path), default=None, help="评分配置 YAML"
)
@click.option("--heading", default="", help="xlsx 标题前缀（如 阳泉市2023年）")
@click.option("--policy", default="13710", show_default=True, help="督办规则（时序进度容差）")
@click.option("--county", default="", help="只看一个县（区）：其单位的任务、事项与考核（上下联动）")
@with_ledger(reads=True, year=True)
@format_option("table", "json", "xlsx")
def review(
    ledger: Ledger,
    out: Path | None,
    scoring_path: Path | None,
    heading: str,
    policy: str,
    county: str,
    as_of: datetime | None,
    fmt: str,
) -> None:
    """By section and by unit: counts by status, 时序进度, overdue and late lists, response times, ranking."""
    from luoshi.supervise.review import build_review, review_scores
    from luoshi.supervise.scope import EVERYTHING, county_scope
    from luoshi.supervise.scoring import load_scoring

    config = load_scoring(scoring_path)
    seen = county_scope(ledger, county) if county.strip() else EVERYTHING
    result = build_review(ledger, as_of=as_of_date(as_of), policy=policy, seen=seen)
    scores = review_scores(result, config)
    if fmt == "json":
        data = {**result.to_dict(), "scoreboard": [s.to_dict() for s in scores]}
        json.dump(data, sys.stdout, ensure_ascii=False, default=str)
        sys.stdout.write("\n")
    elif fmt == "xlsx":
        from luoshi.supervise.sheets import review_sheets
        from luoshi.tabular import write_workbook

        path = xlsx_file(out, f"review-{result.as_of}")
        click.echo(str(write_workbook(path, review_sheets(result, scores, heading=heading))))
    else:
        click.echo(render(result, scores))


def render(result: Review, scores: list[UnitScore]) -> str:
    """The review as plain-text tables."""

    def groups(items: list[Any]) -> list[dict[str, Any]]:
        return [{**g.to_dict(), **g.counts} for g in items]

    task_keys = ["id", "lead", "text", "progress", "elapsed", "deadline", "overdue_days"]
    parts = [
        ("【演示数据】" if result.demo else "") + f"定期盘点（截至 {result.as_of.isoformat()}）",
        "\n按板块\n" + table(groups([*result.by_section, result.total]), GROUP_KEYS),
        "\n按单位\n" + table(groups([*result.by_unit, result.total]), GROUP_KEYS),
        "\n逾期任务\n" + table([t.to_dict() for t in result.overdue], task_keys),
        "\n滞后任务\n" + table([t.to_dict() for t in result.behind], task_keys),
        "\n缺报任务\n"
        + table([t.to_dict() for t in result.missing], ["id", "lead", "text", "missed_reports"]),
        "\n未按期报送\n"
        + table([t.to_dict() for t in result.missed_reports], ["id", "lead", "text", "missed_reports"]),
        "\n迟报\n"
        + table([t.to_dict() for t in result.late_reports], ["id", "lead", "text", "reports_late"]),
        "\n单位考核\n" + table([s.to_dict() for s in scores], list(scores[0].to_dict()) if scores else []),
    ]
    if result.cases:  # the commended part: published model cases (示范带动)
        cases = [{"单位": c.unit, "案例": c.title, "发布": c.published_on} for c in result.cases]
        parts.append("\n示范案例（通报表扬）\n" + table(cases, ["单位", "案例", "发布"]))
    return "\n".join(parts)
