"""Sending what the outbox holds: throttled per channel, retried with backoff, never twice.

Delivery claims a message before sending it: the claim counts the attempt and pushes the next
try back by the backoff, and commits under the row's version (optimistic locking). A second
sender that read the same row loses the claim and skips it; once sent, ``sent_at`` is set in its
own commit. Only a crash between sending and that commit can repeat a message, and then the
receiver sees the same idempotency key again.

Each channel has a :class:`RateLimiter` at its published rate. When the window is full the run
waits (up to ``max_wait_seconds``) or leaves the channel's messages for the next run; a
rate-limit answer gives the attempt back and pauses the channel. A timeout after the request went
out marks the message "maybe sent" (not resent on its own; ``luoshi notify failed`` lists it).
Transport and the outbox's bookkeeping (due, sent) always run on the real clock, whatever date
the ledger is read as of.
"""

from __future__ import annotations

import logging
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from luoshi.errors import ConflictError
from luoshi.store.ledger import Ledger
from luoshi.store.models.supervision import OutboxMessage
from luoshi.supervise.notify.channels import Channel, DeliveryError, MaybeSent, Message, RateLimited
from luoshi.supervise.notify.config import NotifyConfig
from luoshi.supervise.notify.limits import RateLimiter
from luoshi.supervise.notify.outbox import MAYBE_SENT, pending, real_now

log = logging.getLogger("luoshi.notify")
RATE_LIMIT_TRIES = 3  # rate-limit answers one message may get in one run before its channel is left


@dataclass(slots=True)
class DeliveryReport:
    sent: list[int] = field(default_factory=list)
    failed: list[int] = field(default_factory=list)  # will be retried
    gave_up: list[int] = field(default_factory=list)  # reached max_attempts
    maybe_sent: list[int] = field(default_factory=list)  # timed out after sending: not resent
    deferred: list[int] = field(default_factory=list)  # channel throttled or paused: next run
    skipped: list[int] = field(default_factory=list)  # claimed by another sender
    unknown_channel: Counter[str] = field(default_factory=Counter)  # queued for a channel not configured
    rate_limited: int = 0  # rate-limit answers received (the attempts were given back)


@dataclass
class Transport:
    """How delivery meets the world: the real clock, sleeping, and one limiter per channel, whose
    windows are measured on ``monotonic`` (tests pass a clock that ``sleep`` moves on)."""

    now: Callable[[], datetime] = real_now
    sleep: Callable[[float], None] = time.sleep
    monotonic: Callable[[], float] = time.monotonic
    limiters: dict[str, RateLimiter] = field(default_factory=dict)

    def limiter(self, name: str, channel: Channel) -> RateLimiter:
        return self.limiters.setdefault(name, RateLimiter(channel.rate, self.monotonic))


def deliver(
    ledger: Ledger, config: NotifyConfig, *, limit: int | None = None, transport: Transport | None = None
) -> DeliveryReport:
    """Send what the outbox holds that is due; commits per message."""
    transport = transport or Transport()
    report = DeliveryReport()
    held: set[str] = set()  # channels left for the next run
    for row in pending(ledger, config, transport.now())[:limit]:
        channel = config.channels.get(row.channel)
        if channel is None:
            report.unknown_channel[row.channel] += 1
        elif row.channel in held:
            report.deferred.append(row.id)
        elif not _deliver_one(ledger, config, row, channel, transport, report):
            held.add(row.channel)
            report.deferred.append(row.id)
    return report


def _deliver_one(
    ledger: Ledger,
    config: NotifyConfig,
    row: OutboxMessage,
    channel: Channel,
    transport: Transport,
    report: DeliveryReport,
) -> bool:
    """Send one message, waiting for its channel if need be; False to leave the channel for now."""
    limiter = transport.limiter(row.channel, channel)
    for _ in range(RATE_LIMIT_TRIES):
        wait = limiter.wait()
        if wait > config.max_wait_seconds:
            return False
        if wait > 0:
            transport.sleep(wait)
        # a conflict may come from a write to another row (SQLite snapshots): look once more
        now = transport.now()
        if not (_claim(ledger, row, config, now) or _claim(ledger, row, config, now)):
            report.skipped.append(row.id)
            return True
        try:
            channel.send(Message(row.key, row.recipient, row.subject, row.body), transport.now())
        except RateLimited as exc:
            limiter.record()
            limiter.pause(channel.pause_seconds)
            report.rate_limited += 1
            _give_back(ledger, row, str(exc), transport.now())
            continue
        except DeliveryError as exc:
            limiter.record()
            _failed(ledger, config, row, exc, report, transport.now())
            return True
        limiter.record()
        _sent(ledger, row, "", transport.now())
        report.sent.append(row.id)
        return True
    return False


def _failed(
    ledger: Ledger,
    config: NotifyConfig,
    row: OutboxMessage,
    exc: DeliveryError,
    report: DeliveryReport,
    now: datetime,
) -> None:
    if isinstance(exc, MaybeSent):
        _sent(ledger, row, f"{MAYBE_SENT}：{exc}", now)
        report.maybe_sent.append(row.id)
        log.info("outbox %s: %s", row.id, exc)
        return
    row.last_error = str(exc)[:500]
    _commit_quietly(ledger)
    gave_up = row.attempts >= config.retry.max_attempts
    (report.gave_up if gave_up else report.failed).append(row.id)
    log.info("outbox %s: attempt %s failed: %s", row.id, row.attempts, exc)


def _sent(ledger: Ledger, row: OutboxMessage, note: str, now: datetime) -> None:
    row.sent_at = now
    row.last_error = note[:500]
    try:
        ledger.commit()
    except ConflictError:  # cannot happen while claims hold; never resend on our side
        log.error("outbox %s: sent, but marking it sent conflicted", row.id)


def _claim(ledger: Ledger, row: OutboxMessage, config: NotifyConfig, now: datetime) -> bool:
    """Count the attempt and schedule the retry first; False if another sender got there.

    The row is checked again as it is now (a rollback may have reloaded it): the version check
    on the UPDATE then guarantees that nobody changed it between this check and the claim.
    """
    if row.sent_at is not None or row.next_attempt_at > now or row.attempts >= config.retry.max_attempts:
        return False
    row.attempts += 1
    row.next_attempt_at = now + config.retry.delay(row.attempts)
    try:
        ledger.commit()
    except ConflictError:
        return False
    return True


def _give_back(ledger: Ledger, row: OutboxMessage, error: str, now: datetime) -> None:
    """A rate-limit answer: the attempt does not count and the message is due again at once."""
    row.attempts -= 1
    row.next_attempt_at = now
    row.last_error = error[:500]
    _commit_quietly(ledger)


def _commit_quietly(ledger: Ledger) -> None:
    try:
        ledger.commit()
    except ConflictError:
        log.warning("outbox: recording an attempt conflicted")
