"""``luoshi panel``: a folder of reports (and communiqués) → the region × year × headline-indicator
panel of targets, outcomes and verdicts (Parquet or CSV), in parallel, resumable."""

from __future__ import annotations

from pathlib import Path

import click

from luoshi.cli.corpus import ProgressBar


@click.command()
@click.argument("folder", type=click.Path(path_type=Path))
@click.option("--out", "out", type=click.Path(path_type=Path), required=True, help="panel.parquet 或 .csv")
@click.option("--workers", type=int, default=None, help="Worker processes (default: all cores).")
@click.option(
    "--work",
    "work",
    type=click.Path(path_type=Path),
    default=None,
    help="Folder for per-file part files (default: OUT.parts/); a rerun reuses them.",
)
@click.option("--vocabulary", type=click.Path(path_type=Path), default=None, help="Extra indicator YAML.")
@click.option("--progress/--no-progress", default=True, help="Progress bar on stderr.")
@click.option(
    "--scheduler",
    default=None,
    help="A Dask scheduler's address (tcp://HOST:8786): run on that cluster instead of local processes.",
)
def panel(
    folder: Path,
    out: Path,
    workers: int | None,
    work: Path | None,
    vocabulary: Path | None,
    progress: bool,
    scheduler: str | None,
) -> None:
    """Reports (and 统计公报) in FOLDER → one row per region, year and headline indicator.

    Each row: the headline target (value, 左右/以上/以内), last year's actual, the outcome (the
    next year's report and/or the communiqué on the year), the verdict, and the source spans."""
    from luoshi.link.panel import build_panel

    with ProgressBar(enabled=progress) as bar:
        result = build_panel(
            folder,
            out,
            workers=workers,
            work_dir=work,
            vocabulary=str(vocabulary) if vocabulary else None,
            scheduler=scheduler,
            on_plan=bar.start,
            on_report=bar.step,
        )
    click.echo(
        f"{result.files} 份文件 → {result.rows} 行 → {result.out}"
        f"（本次读取 {result.extracted} 份，沿用 {result.reused} 份，跳过 {len(result.skipped)} 份）",
        err=True,
    )
    for path, why in result.skipped:
        click.echo(f"跳过 {path}: {why}", err=True)
