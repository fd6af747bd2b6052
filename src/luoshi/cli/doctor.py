"""``luoshi doctor``: check a deployment and print what to fix, one line per check."""

from __future__ import annotations

import sys
from datetime import datetime
from pathlib import Path

import click

from luoshi.cli.options import as_of_date, as_of_option, db_option, emit, format_option
from luoshi.config import Settings
from luoshi.errors import ValidationError


@click.command()
@db_option
@click.option(
    "--notify-config",
    type=click.Path(path_type=Path),
    default=None,
    help="通知配置（默认数据目录/notify.yaml）",
)
@as_of_option
@format_option("table", "json")
def doctor(db_url: str | None, notify_config: Path | None, as_of: datetime | None, fmt: str) -> None:
    """Check the database, migrations, calendar, data folder, secret, notify config and disk.

    Prints one line per check; exits 1 when any needs fixing.
    """
    from luoshi.clock import clock_for
    from luoshi.supervise.health import doctor as run

    today = clock_for(as_of_date(as_of)).today()
    settings, problem = _settings(db_url)
    checks = run(settings, today, notify_config=notify_config, settings_problem=problem)
    if fmt == "json":
        emit([{"check": c.name, "ok": c.ok, "message": c.message} for c in checks], fmt)
    else:
        click.echo("\n".join(c.line() for c in checks))
    if not all(c.ok for c in checks):
        sys.exit(1)


def _settings(db_url: str | None) -> tuple[Settings, str | None]:
    """The settings, or — when production's rules refuse them — the same read as development, with
    the refusal as the problem to report (doctor diagnoses; it does not stop at the first fault)."""
    from luoshi.config import load_settings

    try:
        return load_settings(database_url=db_url), None
    except ValidationError as exc:
        return load_settings(database_url=db_url, environment="development"), str(exc)
