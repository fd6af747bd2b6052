"""``luoshi extract``: read a report (or a folder of reports) and print its quantities or tasks."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

import click

from luoshi.errors import InputError

FORMATS = ("json", "jsonl", "csv", "table", "xlsx")
FORMAT_HELP = "输出格式；默认在终端是 table，重定向时是 json；目录只输出 JSON Lines。"


@click.command()
@click.argument("path", type=click.Path(path_type=Path))
@click.option("--format", "fmt", type=click.Choice(FORMATS), default=None, help=FORMAT_HELP)
@click.option("--tasks", is_flag=True, help="列出任务（承诺事项），而不是数量。")
@click.option("--out", type=click.Path(path_type=Path), default=None, help="写入文件。")
@click.option("--workers", type=click.IntRange(min=1), default=None, help="目录模式的进程数（默认CPU核数）。")
def extract(path: Path, fmt: str | None, tasks: bool, out: Path | None, workers: int | None) -> None:
    """Extract every quantity (or, with --tasks, every task) from a report file or a directory.

    A directory is read in parallel, one JSON line per report: {"report": …, "items": […]}.
    Exit codes: 0 done; 1 some files in a directory were skipped; 2 bad input.
    """
    try:
        code = _directory(path, fmt, tasks, out, workers) if path.is_dir() else _file(path, fmt, tasks, out)
    except BrokenPipeError:  # `luoshi extract … | head`: the reader has gone, stop quietly
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        code = 141
    if code:
        sys.exit(code)


def _file(path: Path, fmt: str | None, tasks: bool, out: Path | None) -> int:
    from luoshi.pipeline import read_report

    report = read_report(path)
    items = [t.to_dict() for t in report.tasks] if tasks else [q.to_dict() for q in report.quantities]
    fmt = fmt or ("table" if out is None and sys.stdout.isatty() else "json")
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
    """Write to ``out`` or stdout; a CSV file gets a UTF-8 BOM so that Excel reads it as UTF-8."""
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
        if sys.stdout.isatty():
            raise InputError("xlsx 是二进制文件，不能输出到终端：请用 --out 文件名.xlsx 或重定向到文件")
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
        return
    sys.stdout.write(data)
