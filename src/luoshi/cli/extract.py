"""``luoshi extract``: read reports and print their quantities (or tasks)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from luoshi.pipeline import read_report


@click.command()
@click.argument("path", type=click.Path(path_type=Path))
@click.option(
    "--format", "fmt", type=click.Choice(["json", "jsonl", "csv", "table", "xlsx"]), default="table"
)
@click.option("--tasks", is_flag=True, help="List tasks (commitments) instead of quantities.")
def extract(path: Path, fmt: str, tasks: bool) -> None:
    """Extract every quantity (or task) from a report file."""
    report = read_report(path)
    items = [t.to_dict() for t in report.tasks] if tasks else [q.to_dict() for q in report.quantities]
    json.dump({"report": report.meta_dict(), "items": items}, sys.stdout, ensure_ascii=False)
    sys.stdout.write("\n")
