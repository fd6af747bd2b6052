"""The outbox: each notice is queued once per configured channel, then delivered by
:func:`luoshi.supervise.notify.delivery.deliver` with retries, throttling and backoff, never twice.

Channels are chosen when notices are queued by ``luoshi notify`` (with the notify file in hand),
not when an item is escalated: escalation only records the rung. Every text is clipped to its
column, so no item's data can make the batch fail. A message that gave up, or may have been sent
(a timeout), stays in the table: :func:`failed` lists it and :func:`retry` queues it again.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import UTC, datetime
from enum import StrEnum

from luoshi.errors import ValidationError
from luoshi.store.ledger import Ledger
from luoshi.store.models.supervision import OutboxMessage
from luoshi.supervise.notify.config import NotifyConfig
from luoshi.supervise.notify.digest import Notice
from luoshi.supervise.notify.limits import clip_chars, split_bytes

MAYBE_SENT = "可能已送达"  # last_error of a sent row whose answer never came


def real_now() -> datetime:
    """The outbox keeps time on the real clock (queued, due, sent), never on an ``--as-of`` date."""
    return datetime.now(UTC)


def _width(column: str) -> int:
    length = OutboxMessage.__table__.c[column].type.length  # type: ignore[attr-defined]
    return int(length)


def enqueue(
    ledger: Ledger,
    *,
    key: str,
    channel: str,
    recipient: str,
    subject: str,
    body: str,
    order_id: int | None = None,
    now: datetime | None = None,
) -> OutboxMessage | None:
    """Queue a message, its texts clipped to their columns; a key already queued is left (None)."""
    key = clip_chars(key, _width("key"))
    if ledger.find(OutboxMessage, key=key) is not None:
        return None
    now = now or real_now()
    message = OutboxMessage(
        key=key,
        channel=clip_chars(channel, _width("channel")),
        recipient=clip_chars(recipient, _width("recipient")),
        subject=clip_chars(subject, _width("subject")),
        body=body,
        order_id=order_id,
        created_at=now,
        attempts=0,
        next_attempt_at=now,
        last_error="",
    )
    return ledger.add(message)


@dataclass(slots=True)
class QueueReport:
    queued: list[OutboxMessage] = field(default_factory=list)
    no_address: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))  # channel → names


def queue(
    ledger: Ledger, config: NotifyConfig, notices: list[Notice], *, now: datetime | None = None
) -> QueueReport:
    """Queue each notice on every configured channel; count the recipients a channel cannot reach.

    A robot's long post is split into parts under its size limit (``（1/2）`` in the subject); the
    first part carries the notice's key, so queuing the notice again adds nothing.
    """
    report = QueueReport()
    for notice in notices:
        for name, channel in config.channels.items():
            address = channel.address(notice.recipient) if channel.per_recipient else notice.recipient
            if not address:
                report.no_address[name].append(notice.recipient)
                continue
            base = f"{notice.key}:{name}:{address}" if channel.per_recipient else f"{notice.key}:{name}"
            if ledger.find(OutboxMessage, key=clip_chars(base, _width("key"))) is not None:
                continue
            parts = split_bytes(notice.body, channel.part_bytes) if channel.part_bytes else [notice.body]
            for n, part in enumerate(parts, 1):
                mark = f"（{n}/{len(parts)}）" if len(parts) > 1 else ""
                key = base if n == 1 else f"{base}#{n}"
                subject = clip_chars(notice.subject, _width("subject") - len(mark)) + mark
                row = enqueue(
                    ledger, key=key, channel=name, recipient=address, subject=subject, body=part,
                    order_id=notice.order_id, now=now,
                )  # fmt: skip
                if row is not None:
                    report.queued.append(row)
    return report


class Trouble(StrEnum):
    """Why a message needs a person: it gave up, it may have been sent, or its channel is gone."""

    GAVE_UP = "gave_up"
    MAYBE_SENT = "maybe_sent"
    UNKNOWN_CHANNEL = "unknown_channel"


def trouble(row: OutboxMessage, config: NotifyConfig) -> Trouble | None:
    """The one rule for a message that will not go out (again) on its own."""
    if row.sent_at is not None:
        return Trouble.MAYBE_SENT if row.last_error.startswith(MAYBE_SENT) else None
    if row.channel not in config.channels:
        return Trouble.UNKNOWN_CHANNEL
    return Trouble.GAVE_UP if row.attempts >= config.retry.max_attempts else None


def failed(ledger: Ledger, config: NotifyConfig) -> list[tuple[OutboxMessage, Trouble]]:
    """Every message that gave up, may have been sent, or waits on a channel not configured."""
    rows = ledger.all(OutboxMessage, sent_at=None) + [
        r for r in ledger.all(OutboxMessage) if r.sent_at is not None and r.last_error
    ]
    found = [(r, t) for r in rows if (t := trouble(r, config)) is not None]
    return sorted(found, key=lambda pair: pair[0].id)


def retry(
    ledger: Ledger, config: NotifyConfig, ids: list[int] | None = None, *, now: datetime | None = None
) -> list[int]:
    """Queue failed messages again now, with fresh attempts (``ids`` None: every one that gave up).

    A message that may have been sent is resent only when named by its id.
    """
    troubles = {r.id: (r, t) for r, t in failed(ledger, config)}
    if ids is None:
        chosen = [r for r, t in troubles.values() if t is Trouble.GAVE_UP]
    else:
        missing = [i for i in ids if i not in troubles or troubles[i][1] is Trouble.UNKNOWN_CHANNEL]
        if missing:
            raise ValidationError(f"这些通知不在失败列表中或通道未配置：{', '.join(map(str, missing))}")
        chosen = [troubles[i][0] for i in ids]
    now = now or real_now()
    for row in chosen:
        row.attempts, row.next_attempt_at, row.sent_at, row.last_error = 0, now, None, ""
    ledger.flush()
    return [r.id for r in chosen]


def pending(ledger: Ledger, config: NotifyConfig, now: datetime) -> list[OutboxMessage]:
    """Messages not sent, due ``now``, with attempts left (oldest first)."""
    rows = ledger.all(OutboxMessage, sent_at=None, order_by="id")
    return [r for r in rows if r.next_attempt_at <= now and r.attempts < config.retry.max_attempts]
