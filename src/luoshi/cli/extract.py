"""``luoshi extract``: read a report (or a folder of reports) and print its quantities or tasks."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from luoshi.cli.options import out_option
from luoshi.errors import InputError

if TYPE_CHECKING:
    from luoshi.document import Report

FORMATS = ("json", "jsonl", "csv", "table", "xlsx")
FORMAT_HELP = "输出格式；默认在终端是 table，重定向时是 json；目录只输出 JSON Lines。"


@click.command()
@click.argument("path", type=click.Path(path_type=Path, allow_dash=True))
@click.option("--format", "fmt", type=click.Choice(FORMATS), default=None, help=FORMAT_HELP)
@click.option("--tasks", is_flag=True, help="列出任务（承诺事项），而不是数量。")
@out_option
@click.option("--workers", type=click.IntRange(min=1), default=None, help="目录模式的进程数（默认CPU核数）。")
@click.option(
    "--explain-outline", "explain", is_flag=True, help="只输出报告结构：各部分是回顾还是计划，及判断依据。"
)
def extract(
    path: Path, fmt: str | None, tasks: bool, out: Path | None, workers: int | None, explain: bool
) -> None:
    """Extract every quantity (or, with --tasks, every task) from a report file or a directory.

    PATH "-" reads the report from standard input. A directory is read in parallel, one JSON line
    per report: {"report": …, "items": […]}. --explain-outline prints the parts instead, each with
    its kind (review/plan) and the clues that decided it.
    Exit codes: 0 done; 1 some files in a directory were skipped; 2 bad input.
    """
    try:
        if explain:
            code = _explain(path, out)
        elif path.is_dir():
            code = _directory(path, fmt, tasks, out, workers)
        else:
            code = _file(path, fmt, tasks, out)
    except BrokenPipeError:  # `luoshi extract … | head`: the reader has gone, stop quietly
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        code = 141
    if code:
        sys.exit(code)


def _read(path: Path) -> Report:
    """The report at ``path``, or on standard input when ``path`` is ``-``."""
    from luoshi.ingest import read_bytes
    from luoshi.pipeline import read_report, read_text

    if str(path) != "-":
        return read_report(path)
    src = read_bytes(sys.stdin.buffer.read(), name="<标准输入>")
    return read_text(src.text, source=None, fmt=src.format)


def _explain(path: Path, out: Path | None) -> int:
    from luoshi.segment.outline import explain

    if path.is_dir():
        raise InputError(f"--explain-outline 只读一个文件，不读目录：{path}")
    _write("\n".join(explain(_read(path).text.clean)) + "\n", out)
    return 0


def _file(path: Path, fmt: str | None, tasks: bool, out: Path | None) -> int:
    report = _read(path)
    items = [t.to_dict() for t in report.tasks] if tasks else [q.to_dict() for q in report.quantities]
    fmt = fmt or ("table" if out is None and sys.stdout.isatty() else "json")
    if fmt == "xlsx" and out is None and sys.stdout.isatty():  # no binary on a terminal: the default file
        from luoshi.cli.options import xlsx_file

        out = xlsx_file(None, f"{'tasks' if tasks else 'extract'}-{path.stem or 'stdin'}")
        click.echo(str(out))
    _write(render(fmt, report.meta_dict(), items, tasks=tasks), out, bom=fmt == "csv")
    return 0


def render(fmt: str, report: dict[str, Any], items: list[dict[str, Any]], *, tasks: bool) -> str | bytes:
    from luoshi.cli import output

    if fmt == "json":
        return output.to_json(report, items)
    if fmt == "jsonl":
        return output.to_jsonl(items)
    if fmt == "csv":
        return output.to_csv(items, tasks=tasks)
    if fmt == "xlsx":
        return output.to_xlsx(report, items, tasks=tasks)
    return output.to_table(report, items, tasks=tasks)


def _directory(path: Path, fmt: str | None, tasks: bool, out: Path | None, workers: int | None) -> int:
    from luoshi.cli import batch

    if fmt not in (None, "json", "jsonl"):
        raise InputError(f"目录模式只输出 JSON Lines（--format jsonl），不支持 {fmt}：{path}")
    if out is None:
        return batch.run(path, sys.stdout, tasks=tasks, workers=workers)
    try:
        with out.open("w", encoding="utf-8") as stream:
            return batch.run(path, stream, tasks=tasks, workers=workers, skip=out)
    except OSError as exc:
        raise InputError(f"无法写入输出文件（{exc.strerror or exc}）：{out}") from exc


def _write(data: str | bytes, out: Path | None, *, bom: bool = False) -> None:
    """Write to ``out`` or stdout; CSV gets a UTF-8 BOM (Excel reads it as UTF-8), except on a terminal."""
    if out is not None:
        try:
            if isinstance(data, bytes):
                out.write_bytes(data)
            else:
                out.write_text(data, encoding="utf-8-sig" if bom else "utf-8")
        except OSError as exc:
            raise InputError(f"无法写入输出文件（{exc.strerror or exc}）：{out}") from exc
        return
    if isinstance(data, bytes):
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
        return
    if bom:
        from luoshi.tabular import bom_for

        sys.stdout.write(bom_for(sys.stdout))
    sys.stdout.write(data)
