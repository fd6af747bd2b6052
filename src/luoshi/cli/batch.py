"""Directory mode: every report in a folder, read in parallel worker processes, as JSON Lines."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import TextIO

from luoshi.cli.output import to_json
from luoshi.errors import InputError, LuoshiError
from luoshi.ingest import SUFFIXES, report_files
from luoshi.pool import pool_map


@dataclass(frozen=True, slots=True)
class Outcome:
    """One file's result: a JSON line, or the reason it was skipped."""

    path: str
    line: str | None = None
    error: str | None = None


def extract_one(path: str, tasks: bool = False) -> Outcome:
    """Read one report; never raises (runs in a worker process)."""
    from luoshi.pipeline import read_report

    try:
        report = read_report(path, tasks=tasks)
    except LuoshiError as exc:
        return Outcome(path, error=str(exc))
    except Exception as exc:  # a bug in one report must not stop the batch
        return Outcome(path, error=f"内部错误（{type(exc).__name__}: {exc}）：{path}")
    items = [t.to_dict() for t in report.tasks] if tasks else [q.to_dict() for q in report.quantities]
    return Outcome(path, line=to_json(report.meta_dict(), items))


def outcomes(files: list[Path], *, tasks: bool, workers: int | None) -> Iterator[Outcome]:
    """Results in file order; parallel when there is more than one file and one worker."""
    return pool_map(partial(extract_one, tasks=tasks), [str(p) for p in files], workers=workers)


def run(
    directory: Path, out: TextIO, *, tasks: bool = False, workers: int | None = None, skip: Path | None = None
) -> int:
    """Write one JSON line per readable report; return the exit code (0 all read, 1 some skipped).

    ``skip`` is the output file, when it lies inside ``directory``.
    """
    from tqdm import tqdm

    files = [p for p in report_files(directory) if skip is None or p.resolve() != skip.resolve()]
    if not files:
        raise InputError(f"目录中没有报告文件（{'、'.join(sorted(SUFFIXES))} 或其他文本文件）：{directory}")
    failed = 0
    with tqdm(total=len(files), file=sys.stderr, unit="份", desc="读取报告", disable=None) as bar:
        for outcome in outcomes(files, tasks=tasks, workers=workers):
            bar.update()
            if outcome.line is not None:
                out.write(outcome.line)
                continue
            failed += 1
            bar.write(f"luoshi: 已跳过 {outcome.error}", file=sys.stderr)
    if failed == len(files):
        raise InputError(f"目录中的 {failed} 个文件都无法读取：{directory}")
    return 1 if failed else 0
