"""``luoshi scorecard``: 成绩单 — a report's targets against the next year's report's outcomes."""

from __future__ import annotations

import sys
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from luoshi.cli.options import db_option, out_option, xlsx_file
from luoshi.cli.output import clip, pad, width
from luoshi.errors import InputError, LuoshiError, ValidationError

if TYPE_CHECKING:
    from luoshi.document import Report
    from luoshi.link.card import Scorecard
    from luoshi.link.communique import Communique
    from luoshi.link.vocabulary import Vocabulary

_TABLE_COLUMNS = ("指标", "上年实际", "目标", "实际", "结论", "说明")


@click.command()
@click.argument("plan_report", type=click.Path(path_type=Path), required=False)
@click.argument("outcome_reports", type=click.Path(path_type=Path), nargs=-1)
@click.option("--format", "fmt", type=click.Choice(["table", "json", "csv", "xlsx"]), default="table")
@out_option
@click.option("--vocabulary", type=click.Path(path_type=Path), default=None, help="Extra indicator YAML.")
@click.option("--tolerance-points", type=float, default=None, help="左右 tolerance for %, in points.")
@click.option("--tolerance-relative", type=float, default=None, help="左右 tolerance for levels (0.02 = 2%).")
@click.option(
    "--report", "report_id", type=int, default=None, help="A stored report's id (instead of files)."
)
@db_option
def scorecard(
    plan_report: Path | None,
    outcome_reports: tuple[Path, ...],
    fmt: str,
    out: Path | None,
    vocabulary: Path | None,
    tolerance_points: float | None,
    tolerance_relative: float | None,
    report_id: int | None,
    db_url: str | None,
) -> None:
    """成绩单: each target of PLAN_REPORT against the outcomes OUTCOME_REPORTS state.

    Lists each target with the outcome the next year's review states, a verdict and why (without
    OUTCOME_REPORTS: each target beside last year's actual). An outcome file may be the next
    year's report, the statistical communiqué (统计公报) on the plan year, or both: each line then
    names the source of its outcome and whether the two agree. PLAN_REPORT may be a folder of reports
    of several years, grouped by region: each year is scored against the next. With --report ID,
    a stored report against the next year's stored report and the outcomes entered (see
    ``luoshi outcomes``)."""
    from luoshi.link.scorecard import scorecards
    from luoshi.link.sources import scorecards_with_sources

    vocab = _vocabulary(vocabulary, tolerance_points, tolerance_relative)
    many = plan_report is not None and plan_report.is_dir()
    if report_id is not None:
        if plan_report is not None or outcome_reports:
            raise ValidationError("给出 --report 时，不需要再给报告文件")
        cards = [_stored(db_url, report_id, vocab)]
    elif plan_report is None:
        raise ValidationError("请给出报告文件（或文件夹），或用 --report 指定已入库的报告")
    elif many:
        if outcome_reports:
            raise ValidationError("给出报告文件夹时，不需要再给成果报告")
        reports, communiques = _read_folder(plan_report)
        cards = (
            scorecards_with_sources(reports, communiques, vocab)
            if communiques
            else scorecards(reports, vocab)
        )
    else:
        cards = [_from_files(plan_report, outcome_reports, vocab)]
    if fmt == "xlsx":
        years = sorted({str(c.year) for c in cards if c.year})
        click.echo(str(write_xlsx(cards, xlsx_file(out, "-".join(["scorecard", *years])))))
        return
    text = render(cards, fmt, many=many)
    if out is None:
        from luoshi.tabular import bom_for

        sys.stdout.write((bom_for(sys.stdout) if fmt == "csv" else "") + text)
    else:  # a CSV file gets a BOM so that Excel reads it as UTF-8
        out.write_text(text, encoding="utf-8-sig" if fmt == "csv" else "utf-8")


def _from_files(plan_path: Path, outcome_paths: tuple[Path, ...], vocab: Vocabulary) -> Scorecard:
    """The plan report against the next report and/or the communiqué, told apart by their content."""
    from luoshi.link.communique import Communique
    from luoshi.link.sources import read_source, scorecard_with_sources

    plan = read_source(plan_path)
    if isinstance(plan, Communique):
        raise ValidationError(f"第一个文件须为政府工作报告（目标），而它是统计公报：{plan_path}")
    read = [read_source(path) for path in outcome_paths]
    communiques = [x for x in read if isinstance(x, Communique)]
    reports = [x for x in read if not isinstance(x, Communique)]
    if len(communiques) > 1 or len(reports) > 1:
        raise ValidationError("成果来源至多两份：次年报告一份、统计公报一份")
    return scorecard_with_sources(
        plan, reports[0] if reports else None, communiques[0] if communiques else None, vocab
    )


def _stored(db_url: str | None, report_id: int, vocab: Vocabulary) -> Scorecard:
    from luoshi.cli.options import ledger_session
    from luoshi.supervise.scorecards import report_scorecard

    with ledger_session(db_url, actor="cli", as_of=None, existing=True) as ledger:
        return report_scorecard(ledger, report_id=report_id, vocab=vocab).card


def _vocabulary(path: Path | None, points: float | None, relative: float | None) -> Vocabulary:
    from luoshi.link.vocabulary import load_vocabulary

    vocab = load_vocabulary(path)
    settings = vocab.settings
    if points is not None:
        settings = replace(settings, about_points=points)
    if relative is not None:
        settings = replace(settings, about_relative=relative)
    return replace(vocab, settings=settings)


def _read_folder(folder: Path) -> tuple[list[Report], list[Communique]]:
    from luoshi.ingest import report_files
    from luoshi.link.communique import Communique
    from luoshi.link.sources import read_source

    reports: list[Report] = []
    communiques: list[Communique] = []
    for path in report_files(folder):
        try:
            read = read_source(path)
        except LuoshiError as exc:
            click.echo(f"跳过 {path}: {exc}", err=True)
            continue
        if isinstance(read, Communique):
            communiques.append(read)
        else:
            reports.append(read)
    if not reports:
        raise InputError(f"文件夹中没有可读的报告: {folder}")
    return reports, communiques


def render(cards: list[Scorecard], fmt: str, *, many: bool = False) -> str:
    """Scorecards as JSON, CSV or plain-text tables."""
    if fmt == "json":
        import json

        data: Any = {"scorecards": [c.to_dict() for c in cards]} if many else cards[0].to_dict()
        return json.dumps(data, ensure_ascii=False, indent=1) + "\n"
    if fmt == "csv":
        from luoshi.tabular import csv_text, dict_rows

        rows = [row for card in cards for row in _rows(card, many)]
        header = list(rows[0]) if rows else ["指标"]
        return csv_text(header, dict_rows(rows, header), bom=False)
    return "\n".join(_table(card) for card in cards)


def _rows(card: Scorecard, many: bool) -> list[dict[str, str]]:
    if not many:
        return card.flat()
    where = {"年份": str(card.year or ""), "地区": card.plan.region or ""}
    return [{**where, **row} for row in card.flat()]


def _table(card: Scorecard) -> str:
    counts = card.counts()
    head = f"成绩单 {card.plan.region or ''}{card.year or ''}年：完成 {counts['met']}，"
    head += f"未完成 {counts['missed']}，未报告 {counts['not_reported']}，未设目标 {counts['target_not_set']}"
    names: tuple[str, ...] = _TABLE_COLUMNS
    if card.communique is not None:
        head += f"（实际数来源：{_sources(card)}）"
        names = (*_TABLE_COLUMNS[:4], "实际来源", *_TABLE_COLUMNS[4:], "两源比较")
    cells = [list(names)] + [[r[c] for c in names] for r in card.flat()]
    widths = [min(30, max(width(row[i]) for row in cells)) for i in range(len(names) - 1)]
    lines = [head]
    for row in cells:
        padded = [pad(clip(cell, columns), columns) for cell, columns in zip(row, widths, strict=False)]
        lines.append("  ".join([*padded, row[-1]]))
    return "\n".join(lines) + "\n"


def _sources(card: Scorecard) -> str:
    named = [card.communique.title or "统计公报"] if card.communique else []
    if card.outcome is not None:
        named.append(f"{card.outcome.year or ''}年政府工作报告")
    return "、".join(named)


def write_xlsx(cards: list[Scorecard], out: Path) -> Path:
    """Scorecards as a spreadsheet: one sheet per year, a header row, frozen."""
    from luoshi.tabular import Column, Sheet, write_workbook

    sheets = []
    for card in cards:
        rows = card.flat()
        header = list(rows[0]) if rows else list(_TABLE_COLUMNS)
        columns = [Column(h, h, 30 if h == "说明" else 12) for h in header]
        name = f"成绩单{card.plan.region or ''}{card.year or ''}"[:28]
        sheets.append(Sheet(name, None, columns, rows, colour_key=None))
    return write_workbook(out, sheets)
