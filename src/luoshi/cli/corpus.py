"""``luoshi corpus``: every report in a folder → one table (Parquet or CSV), in parallel, resumable."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from luoshi.cli.options import batch_options, echo_batch

if TYPE_CHECKING:
    from luoshi.link.corpus import BatchOptions


@click.command()
@batch_options("dataset.parquet 或 .csv")
def corpus(folder: Path, out: Path, options: BatchOptions) -> None:
    """Every report in FOLDER → one table (Parquet/CSV), a row per quantity.

    Runs in parallel worker processes, resumes after an interruption (per-report part files in
    OUT.parts/), and skips and lists files it cannot read."""
    from luoshi.link.corpus import build_corpus

    result = build_corpus(folder, out, **options)
    echo_batch(result, result.reports, "篇", "报告")
