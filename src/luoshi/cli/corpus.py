"""``luoshi corpus``: every report in a folder → one table (Parquet or CSV), in parallel, resumable."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click


@click.command()
@click.argument("folder", type=click.Path(path_type=Path))
@click.option("--out", "out", type=click.Path(path_type=Path), required=True, help="dataset.parquet 或 .csv")
@click.option("--workers", type=int, default=None, help="Worker processes (default: all cores).")
@click.option(
    "--work",
    "work",
    type=click.Path(path_type=Path),
    default=None,
    help="Folder for per-report part files (default: OUT.parts/); a rerun reuses them.",
)
@click.option("--vocabulary", type=click.Path(path_type=Path), default=None, help="Extra indicator YAML.")
@click.option("--progress/--no-progress", default=True, help="Progress bar on stderr.")
@click.option(
    "--scheduler",
    default=None,
    help="A Dask scheduler's address (tcp://HOST:8786): run on that cluster instead of local processes.",
)
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

    with ProgressBar(enabled=progress) as bar:
        result = build_corpus(
            folder,
            out,
            workers=workers,
            work_dir=work,
            vocabulary=str(vocabulary) if vocabulary else None,
            on_plan=bar.start,
            on_report=bar.step,
            scheduler=scheduler,
        )
    click.echo(
        f"{result.reports} 篇报告 → {result.rows} 行 → {result.out}"
        f"（本次读取 {result.extracted} 篇，沿用 {result.reused} 篇，跳过 {len(result.skipped)} 篇）",
        err=True,
    )
    for path, why in result.skipped:
        click.echo(f"跳过 {path}: {why}", err=True)


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
