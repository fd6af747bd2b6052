"""The outbox: notifications are written in the same transaction as the events that cause them,
then delivered by :func:`deliver` with retries and backoff, never twice.

Delivery claims a message before sending it: the claim counts the attempt and pushes the next
try back by the backoff, and commits under the row's version (optimistic locking). A second
sender that read the same row loses the claim and skips it; once sent, ``sent_at`` is set in its
own commit. Only a crash between sending and that commit can repeat a message, and then the
receiver sees the same idempotency key again.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

from luoshi.errors import ConflictError
from luoshi.store.ledger import Ledger
from luoshi.store.models.supervision import OutboxMessage
from luoshi.supervise.notify.channels import DeliveryError, Message
from luoshi.supervise.notify.config import NotifyConfig

log = logging.getLogger("luoshi.notify")


@dataclass(slots=True)
class DeliveryReport:
    sent: list[int] = field(default_factory=list)
    failed: list[int] = field(default_factory=list)  # will be retried
    gave_up: list[int] = field(default_factory=list)  # reached max_attempts
    skipped: list[int] = field(default_factory=list)  # claimed by another sender


def enqueue(
    ledger: Ledger,
    *,
    key: str,
    channel: str,
    recipient: str,
    subject: str,
    body: str,
    order_id: int | None = None,
) -> OutboxMessage | None:
    """Queue a message; a key already in the outbox is left as it is (returns None)."""
    if ledger.find(OutboxMessage, key=key) is not None:
        return None
    now = ledger.clock.now()
    message = OutboxMessage(
        key=key,
        channel=channel,
        recipient=recipient,
        subject=subject,
        body=body,
        order_id=order_id,
        created_at=now,
        attempts=0,
        next_attempt_at=now,
        last_error="",
    )
    return ledger.add(message)


def notify(
    ledger: Ledger,
    config: NotifyConfig,
    *,
    key: str,
    recipients: list[str],
    subject: str,
    body: str,
    order_id: int | None = None,
) -> list[OutboxMessage]:
    """Queue ``subject``/``body`` for ``recipients`` on every configured channel."""
    queued = []
    for name, channel in config.channels.items():
        if channel.per_recipient:
            targets = [(r, a) for r in recipients if (a := channel.address(r))]
        else:
            targets = [("all", "、".join(dict.fromkeys(recipients)))]
        for who, address in targets:
            row = enqueue(
                ledger,
                key=f"{key}:{name}:{who}",
                channel=name,
                recipient=address,
                subject=subject,
                body=body,
                order_id=order_id,
            )
            if row is not None:
                queued.append(row)
    return queued


def pending(ledger: Ledger, config: NotifyConfig) -> list[OutboxMessage]:
    """Messages not sent, due now, with attempts left."""
    now = ledger.clock.now()
    rows = ledger.all(OutboxMessage, sent_at=None)
    return [r for r in rows if r.next_attempt_at <= now and r.attempts < config.retry.max_attempts]


def deliver(ledger: Ledger, config: NotifyConfig, *, limit: int | None = None) -> DeliveryReport:
    """Send what the outbox holds that is due; commits per message."""
    report = DeliveryReport()
    for row in pending(ledger, config)[:limit]:
        ident = row.id
        channel = config.channels.get(row.channel)
        if channel is None:
            log.warning("outbox %s: channel %s is not configured", ident, row.channel)
            continue
        # a conflict may come from a write to another row (SQLite snapshots): look once more
        if not (_claim(ledger, row, config) or _claim(ledger, row, config)):
            report.skipped.append(ident)
            continue
        try:
            channel.send(Message(row.key, row.recipient, row.subject, row.body), ledger.clock.now())
        except DeliveryError as exc:
            row.last_error = str(exc)[:500]
            _commit_quietly(ledger)
            gave_up = row.attempts >= config.retry.max_attempts
            (report.gave_up if gave_up else report.failed).append(ident)
            log.warning("outbox %s: attempt %s failed: %s", ident, row.attempts, exc)
            continue
        row.sent_at = ledger.clock.now()
        row.last_error = ""
        try:
            ledger.commit()
        except ConflictError:  # cannot happen while claims hold; never resend on our side
            log.error("outbox %s: sent, but marking it sent conflicted", ident)
        report.sent.append(ident)
    return report


def _claim(ledger: Ledger, row: OutboxMessage, config: NotifyConfig) -> bool:
    """Count the attempt and schedule the retry first; False if another sender got there.

    The row is checked again as it is now (a rollback may have reloaded it): the version check
    on the UPDATE then guarantees that nobody changed it between this check and the claim.
    """
    now = ledger.clock.now()
    if row.sent_at is not None or row.next_attempt_at > now or row.attempts >= config.retry.max_attempts:
        return False
    row.attempts += 1
    row.next_attempt_at = now + config.retry.delay(row.attempts)
    try:
        ledger.commit()
    except ConflictError:
        return False
    return True


def _commit_quietly(ledger: Ledger) -> None:
    try:
        ledger.commit()
    except ConflictError:
        log.warning("outbox: recording a failed attempt conflicted")
