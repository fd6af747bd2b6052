"""``luoshi notify``: send what the outbox holds (retries with backoff, never twice)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from luoshi.cli.options import as_of_option, db_option, emit, format_option, ledger_session

if TYPE_CHECKING:
    from datetime import datetime

    from luoshi.supervise.notify.config import NotifyConfig


def notify_config(path: Path | None, db_url: str | None) -> NotifyConfig:
    """``path``, else ``notify.yaml`` in the data folder, else the log channel only."""
    from luoshi.config import load_settings
    from luoshi.errors import ValidationError
    from luoshi.supervise.notify.config import load_notify_config

    if path is not None and not path.is_file():
        raise ValidationError(f"找不到通知配置：{path}")
    return load_notify_config(path or load_settings(database_url=db_url).data_dir / "notify.yaml")


@click.command()
@click.option("--config", "config_path", type=click.Path(path_type=Path), default=None, help="通知配置 YAML")
@click.option("--limit", type=int, default=None, help="本次最多发送条数")
@db_option
@as_of_option
@format_option()
def notify(
    config_path: Path | None, limit: int | None, db_url: str | None, as_of: datetime | None, fmt: str
) -> None:
    """Deliver the queued notifications that are due; failed ones are retried later with backoff."""
    from luoshi.supervise.notify.outbox import deliver

    config = notify_config(config_path, db_url)
    with ledger_session(db_url, actor="notify", as_of=as_of) as ledger:
        report = deliver(ledger, config, limit=limit)
    rows = [
        {"result": name, "count": len(ids), "ids": ids}
        for name, ids in [
            ("sent", report.sent),
            ("failed", report.failed),
            ("gave_up", report.gave_up),
            ("skipped", report.skipped),
        ]
    ]
    emit(rows, fmt)
