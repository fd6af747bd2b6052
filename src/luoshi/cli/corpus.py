"""``luoshi corpus``: every report in a folder → one table (Parquet or CSV), in parallel, resumable."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from luoshi.cli.options import batch_options, echo_skipped

if TYPE_CHECKING:
    from luoshi.link.corpus import BatchOptions


@click.command()
@batch_options("dataset.parquet 或 .csv")
def corpus(
    folder: Path,
    out: Path,
    workers: int | None,
    work: Path | None,
    vocabulary: Path | None,
    progress: bool,
    scheduler: str | None,
) -> None:
    """Every report in FOLDER → one table (Parquet/CSV), a row per quantity.

    Runs in parallel worker processes, resumes after an interruption (per-report part files in
    OUT.parts/), and skips and lists files it cannot read."""
    from luoshi.link.corpus import build_corpus

    with batch_run(workers, work, vocabulary, progress, scheduler) as options:
        result = build_corpus(folder, out, **options)
    click.echo(
        f"{result.reports} 篇报告 → {result.rows} 行 → {result.out}"
        f"（本次读取 {result.extracted} 篇，沿用 {result.reused} 篇，跳过 {len(result.skipped)} 篇）",
        err=True,
    )
    echo_skipped(result.skipped)


@contextmanager
def batch_run(
    workers: int | None, work: Path | None, vocabulary: Path | None, progress: bool, scheduler: str | None
) -> Iterator[BatchOptions]:
    """The options :func:`~luoshi.cli.options.batch_options` gave, as the batch (``corpus``,
    ``panel``) takes them, with a progress bar on stderr while it runs."""
    with ProgressBar(enabled=progress) as bar:
        yield {
            "workers": workers,
            "work_dir": work,
            "vocabulary": str(vocabulary) if vocabulary else None,
            "scheduler": scheduler,
            "on_plan": bar.start,
            "on_report": bar.step,
        }


class ProgressBar:
    """A bar on stderr, drawn once the count of reports to read is known (nothing when there are none)."""

    def __init__(self, *, enabled: bool) -> None:
        self.enabled = enabled
        self.bar: Any = None

    def start(self, total: int) -> None:
        from tqdm import tqdm

        self.bar = tqdm(total=total, unit="篇", disable=not self.enabled or not total, dynamic_ncols=True)

    def step(self, _: object) -> None:
        if self.bar is not None:
            self.bar.update()

    def __enter__(self) -> ProgressBar:
        return self

    def __exit__(self, *_: object) -> None:
        if self.bar is not None:
            self.bar.close()
