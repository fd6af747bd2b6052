"""What ``/metrics`` reads from the ledger on each scrape: outbox depth and failures, overdue work,
the last backup. Computed from stored facts with the same rules the pages use."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from luoshi.store.ledger import Ledger
from luoshi.store.models.supervision import OutboxMessage
from luoshi.supervise.notify.config import NotifyConfig
from luoshi.supervise.notify.outbox import failed

BACKUPS = "backups"  # nightly backups go to <data dir>/backups (docs/deploy.md)


@dataclass(frozen=True, slots=True)
class Gauges:
    outbox_pending: int  # not sent yet (including those that gave up)
    outbox_failed: int  # gave up, may have been sent, or wait on a channel not configured
    overdue_tasks: int
    overdue_orders: int
    last_backup: float | None  # Unix time of the newest file in the backup folder


def backups_in(data_dir: Path) -> Path:
    return data_dir / BACKUPS


def last_backup(data_dir: Path) -> float | None:
    """When the newest backup file was written; None when there is none."""
    folder = backups_in(data_dir)
    files = [p for p in folder.iterdir() if p.is_file() and p.suffix != ".partial"] if folder.is_dir() else []
    times = [p.stat().st_mtime for p in files]
    return max(times, default=None)


def read_gauges(ledger: Ledger, *, today: date, config: NotifyConfig, data_dir: Path) -> Gauges:
    from luoshi.supervise.orders import list_orders
    from luoshi.supervise.review import build_review
    from luoshi.supervise.status import State

    review = build_review(ledger, as_of=today)
    return Gauges(
        outbox_pending=ledger.count(OutboxMessage, sent_at=None),
        outbox_failed=len(failed(ledger, config)),
        overdue_tasks=sum(t.status.state is State.OVERDUE for t in review.tasks),
        overdue_orders=sum(o.status.overdue > 0 for o in list_orders(ledger, as_of=today)),
        last_backup=last_backup(data_dir),
    )
