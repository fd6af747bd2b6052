"""``luoshi notify``: compose the day's digests, then send what the outbox holds (throttled,
retried with backoff, never twice); ``luoshi notify failed`` and ``luoshi notify retry``."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from luoshi.cli.options import (
    as_of_date,
    as_of_option,
    db_option,
    emit,
    format_option,
    ledger_session,
    with_ledger,
)

if TYPE_CHECKING:
    from datetime import datetime

    from luoshi.store.ledger import Ledger
    from luoshi.supervise.notify.config import NotifyConfig
    from luoshi.supervise.notify.delivery import DeliveryReport
    from luoshi.supervise.notify.outbox import QueueReport

config_option = click.option(
    "--config", "config_path", type=click.Path(path_type=Path), default=None, help="通知配置 YAML"
)


def notify_config(path: Path | None, db_url: str | None) -> NotifyConfig:
    """``path``, else ``notify.yaml`` in the data folder, else the log channel only."""
    from luoshi.config import load_settings
    from luoshi.errors import ValidationError
    from luoshi.supervise.notify.config import load_notify_config

    if path is not None and not path.is_file():
        raise ValidationError(f"找不到通知配置：{path}")
    return load_notify_config(path or load_settings(database_url=db_url).data_dir / "notify.yaml")


@click.group(invoke_without_command=True)
@config_option
@click.option("--limit", type=int, default=None, help="本次最多发送条数")
@click.option("--no-compose", is_flag=True, help="只发送已排队的通知，不生成当日汇总")
@db_option
@as_of_option
@format_option()
@click.pass_context
def notify(
    ctx: click.Context,
    config_path: Path | None,
    limit: int | None,
    no_compose: bool,
    db_url: str | None,
    as_of: datetime | None,
    fmt: str,
) -> None:
    """Queue the day's digests (once a day) and deliver what is due; failures are retried later."""
    if ctx.invoked_subcommand is not None:
        return
    from luoshi.supervise.notify.delivery import deliver
    from luoshi.supervise.notify.digest import compose, read_day
    from luoshi.supervise.notify.outbox import QueueReport, queue

    config = notify_config(config_path, db_url)
    queued = QueueReport()
    with ledger_session(db_url, actor="notify", as_of=as_of) as ledger:
        if not no_compose:
            day = read_day(ledger, config, as_of_date(as_of) or ledger.clock.today())
            queued = queue(ledger, config, compose(day, config))
            ledger.commit()
        report = deliver(ledger, config, limit=limit)
    _warn(queued, report)
    emit(_rows(queued, report), fmt)


def _rows(queued: QueueReport, report: DeliveryReport) -> list[dict[str, Any]]:
    rows = [{"result": "queued", "count": len(queued.queued), "ids": [r.id for r in queued.queued]}]
    for name in ("sent", "failed", "gave_up", "maybe_sent", "deferred", "skipped"):
        ids = getattr(report, name)
        rows.append({"result": name, "count": len(ids), "ids": ids})
    rows.append({"result": "unknown_channel", "count": report.unknown_channel.total(), "ids": []})
    no_address = sum(len(v) for v in queued.no_address.values())
    rows.append({"result": "no_address", "count": no_address, "ids": []})
    return rows


def _warn(queued: QueueReport, report: DeliveryReport) -> None:
    for channel, names in queued.no_address.items():
        shown = "、".join(names[:5]) + ("等" if len(names) > 5 else "")
        click.echo(f"警告：{len(names)} 条通知在通道 {channel} 上没有地址（{shown}），未排队", err=True)
    for channel, count in report.unknown_channel.items():
        click.echo(
            f"警告：{count} 条通知的通道 {channel} 未配置，仍在队列中（见 luoshi notify failed）", err=True
        )
    if report.maybe_sent:
        click.echo(f"警告：{len(report.maybe_sent)} 条通知发送超时，可能已送达，不会自动重发", err=True)


@notify.command("failed")
@config_option
@with_ledger(reads=True, as_of=False, actor="notify")
@format_option()
def failed_(ledger: Ledger, config_path: Path | None, db_url: str | None, fmt: str) -> None:
    """Messages that gave up, may have been sent (timeout), or wait on a channel not configured."""
    from luoshi.supervise.notify.outbox import failed

    config = notify_config(config_path, db_url)
    rows = [
        {
            "id": r.id,
            "state": t.value,
            "channel": r.channel,
            "recipient": r.recipient,
            "subject": r.subject,
            "attempts": r.attempts,
            "last_error": r.last_error,
        }
        for r, t in failed(ledger, config)
    ]
    emit(rows, fmt, columns=["id", "state", "channel", "recipient", "subject", "attempts", "last_error"])


@notify.command("retry")
@click.argument("ids", nargs=-1, type=int)
@config_option
@with_ledger(as_of=False, by=False, actor="notify")
@format_option()
def retry_(
    ledger: Ledger, ids: tuple[int, ...], config_path: Path | None, db_url: str | None, fmt: str
) -> None:
    """Queue failed messages again with fresh attempts: the IDS given, else every one that gave up."""
    from luoshi.supervise.notify.outbox import retry

    config = notify_config(config_path, db_url)
    requeued = retry(ledger, config, list(ids) or None)
    emit([{"result": "requeued", "count": len(requeued), "ids": requeued}], fmt)
