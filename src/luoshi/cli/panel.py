"""``luoshi panel``: a folder of reports (and communiqués) → the region × year × headline-indicator
panel of targets, outcomes and verdicts (Parquet or CSV), in parallel, resumable."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from luoshi.cli.options import batch_options, echo_batch

if TYPE_CHECKING:
    from luoshi.link.corpus import BatchOptions


@click.command()
@batch_options("panel.parquet 或 .csv")
def panel(folder: Path, out: Path, options: BatchOptions) -> None:
    """Reports (and 统计公报) in FOLDER → one row per region, year and headline indicator.

    Each row: the headline target (value, 左右/以上/以内), last year's actual, the outcome (the
    next year's report and/or the communiqué on the year), the verdict, and the source spans."""
    from luoshi.link.panel import build_panel

    result = build_panel(folder, out, **options)
    echo_batch(result, result.files, "份", "文件")
