"""``luoshi scorecard``: 成绩单 — a report's targets against the next year's report's outcomes."""

from __future__ import annotations

import sys
import unicodedata
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

import click

from luoshi.errors import ValidationError

if TYPE_CHECKING:
    from luoshi.link.scorecard import Scorecard

_TABLE_COLUMNS = ("指标", "上年实际", "目标", "实际", "结论", "说明")


@click.command()
@click.argument("plan_report", type=click.Path(path_type=Path))
@click.argument("outcome_report", type=click.Path(path_type=Path), required=False)
@click.option("--format", "fmt", type=click.Choice(["table", "json", "csv", "xlsx"]), default="table")
@click.option("--out", type=click.Path(path_type=Path), default=None, help="Output file (needed for xlsx).")
@click.option("--vocabulary", type=click.Path(path_type=Path), default=None, help="Extra indicator YAML.")
@click.option("--tolerance-points", type=float, default=None, help="左右 tolerance for %, in points.")
@click.option("--tolerance-relative", type=float, default=None, help="左右 tolerance for levels (0.02 = 2%).")
def scorecard(
    plan_report: Path,
    outcome_report: Path | None,
    fmt: str,
    out: Path | None,
    vocabulary: Path | None,
    tolerance_points: float | None,
    tolerance_relative: float | None,
) -> None:
    """List each target of PLAN_REPORT with the outcome OUTCOME_REPORT's review states, a verdict
    and why (without OUTCOME_REPORT: each target beside last year's actual)."""
    from luoshi.link.scorecard import scorecard as build
    from luoshi.link.vocabulary import load_vocabulary
    from luoshi.pipeline import read_report

    vocab = load_vocabulary(vocabulary)
    settings = vocab.settings
    if tolerance_points is not None:
        settings = replace(settings, about_points=tolerance_points)
    if tolerance_relative is not None:
        settings = replace(settings, about_relative=tolerance_relative)
    vocab = replace(vocab, settings=settings)
    plan = read_report(plan_report)
    outcome = read_report(outcome_report) if outcome_report else None
    card = build(plan, outcome, vocab)
    if fmt == "xlsx":
        if out is None:
            raise ValidationError("xlsx 格式需要用 --out 指定输出文件")
        write_xlsx(card, out)
        return
    text = render(card, fmt)
    if out is None:
        sys.stdout.write(text)
    else:
        out.write_text(text, encoding="utf-8")


def render(card: Scorecard, fmt: str) -> str:
    """The scorecard as JSON, CSV or a plain-text table."""
    if fmt == "json":
        import json

        return json.dumps(card.to_dict(), ensure_ascii=False, indent=1) + "\n"
    rows = card.flat()
    if fmt == "csv":
        import csv
        import io

        buf = io.StringIO()
        writer = csv.DictWriter(buf, fieldnames=list(rows[0]) if rows else ["指标"])
        writer.writeheader()
        writer.writerows(rows)
        return buf.getvalue()
    return _table(card, rows)


def _table(card: Scorecard, rows: list[dict[str, str]]) -> str:
    counts = card.counts()
    head = f"成绩单 {card.year or ''}年：完成 {counts['met']}，未完成 {counts['missed']}，"
    head += f"未报告 {counts['not_reported']}，未设目标 {counts['target_not_set']}"
    cells = [list(_TABLE_COLUMNS)] + [[r[c] for c in _TABLE_COLUMNS] for r in rows]
    widths = [min(30, max(_width(row[i]) for row in cells)) for i in range(len(_TABLE_COLUMNS) - 1)]
    lines = [head]
    for row in cells:
        padded = [_pad(cell, width) for cell, width in zip(row, widths, strict=False)]
        lines.append("  ".join([*padded, row[-1]]))
    return "\n".join(lines) + "\n"


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _pad(text: str, width: int) -> str:
    while _width(text) > width:
        text = text[:-2] + "…"
    return text + " " * (width - _width(text))


def write_xlsx(card: Scorecard, out: Path) -> None:
    """The scorecard as a spreadsheet: one row per target, a header row, frozen."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = f"成绩单{card.year or ''}"
    rows = card.flat()
    header = list(rows[0]) if rows else list(_TABLE_COLUMNS)
    sheet.append(header)
    for row in rows:
        sheet.append([row[h] for h in header])
    sheet.freeze_panes = "A2"
    book.save(out)
