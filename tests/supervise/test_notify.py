"""Notifications: channels against a real local SMTP server and HTTP receivers; the outbox's retries."""

from __future__ import annotations

import json
import threading
from collections import Counter
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from email import message_from_bytes
from email.header import decode_header, make_header
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from luoshi.clock import FixedClock
from luoshi.errors import ValidationError
from luoshi.store.db import Database
from luoshi.store.models.supervision import OutboxMessage
from luoshi.supervise.notify.channels import (
    DeliveryError,
    LogChannel,
    Message,
    SmtpChannel,
    WebhookChannel,
    WebhookFormat,
)
from luoshi.supervise.notify.config import NotifyConfig, Retry, load_notify_config, parse_notify_config
from luoshi.supervise.notify.outbox import deliver, enqueue, notify

if TYPE_CHECKING:
    from tests.supervise.conftest import LedgerOn, Received

NOW = datetime(2023, 3, 7, 1, 0, tzinfo=UTC)
MESSAGE = Message("order:1:reminder:respond:x", "市发展改革委", "【催办】园区供电", "反馈办理情况已逾期1天")
Receiver = Callable[..., tuple[str, "Received"]]


def test_smtp_channel_sends_utf8_mail_with_a_stable_message_id(smtp_server: tuple[int, Received]) -> None:
    port, got = smtp_server
    channel = SmtpChannel(host="127.0.0.1", port=port, sender="duban@example.gov.cn")
    channel.send(Message(MESSAGE.key, "fgw@example.gov.cn", MESSAGE.subject, MESSAGE.body), NOW)
    [(envelope, raw)] = got.items
    mail = message_from_bytes(raw)
    assert envelope["to"] == "fgw@example.gov.cn"
    assert str(make_header(decode_header(mail["Subject"]))) == "【催办】园区供电"
    assert "反馈办理情况" in mail.get_payload(decode=True).decode("utf-8")  # type: ignore[union-attr]
    assert mail["Message-ID"].endswith("@luoshi>")


def test_smtp_failure_is_a_delivery_error() -> None:
    channel = SmtpChannel(host="127.0.0.1", port=1, sender="x@example.gov.cn", timeout=2)
    with pytest.raises(DeliveryError, match="SMTP"):
        channel.send(MESSAGE, NOW)


def test_plain_json_webhook_carries_the_idempotency_key(http_receiver: Receiver) -> None:
    url, got = http_receiver()
    WebhookChannel(url=url).send(MESSAGE, NOW)
    [(headers, body)] = got.items
    assert headers["idempotency-key"] == MESSAGE.key
    assert json.loads(body) == {
        "key": MESSAGE.key,
        "recipient": "市发展改革委",
        "subject": "【催办】园区供电",
        "body": "反馈办理情况已逾期1天",
    }


@pytest.mark.parametrize("fmt", [WebhookFormat.WECOM, WebhookFormat.DINGTALK])
def test_group_robot_formats(http_receiver: Receiver, fmt: WebhookFormat) -> None:
    url, got = http_receiver()
    WebhookChannel(url=url, format=fmt).send(MESSAGE, NOW)
    payload = json.loads(got.items[0][1])
    assert set(payload) == {"msgtype", "text"} and payload["msgtype"] == "text"
    assert payload["text"]["content"].startswith("【催办】园区供电\n")


def test_dingtalk_signature_and_robot_errors(http_receiver: Receiver) -> None:
    url, got = http_receiver()
    WebhookChannel(url=url, format=WebhookFormat.DINGTALK, secret="SEC123").send(MESSAGE, NOW)
    path = got.items[0][0]["path"]
    assert f"timestamp={int(NOW.timestamp() * 1000)}" in path and "&sign=" in path
    bad_url, _ = http_receiver(reply=b'{"errcode": 310000, "errmsg": "keywords not in content"}')
    with pytest.raises(DeliveryError, match="310000"):
        WebhookChannel(url=bad_url, format=WebhookFormat.WECOM).send(MESSAGE, NOW)


def test_log_channel_appends_lines(tmp_path: Path) -> None:
    channel = LogChannel(path=tmp_path / "notify.log")
    channel.send(MESSAGE, NOW)
    channel.send(MESSAGE, NOW)
    lines = (tmp_path / "notify.log").read_text(encoding="utf-8").splitlines()
    assert len(lines) == 2 and "市发展改革委" in lines[0] and "【催办】" in lines[0]


def test_config_file_and_bad_config(tmp_path: Path) -> None:
    path = tmp_path / "notify.yaml"
    path.write_text(
        "office: 市委督查室\nretry: {max_attempts: 3, backoff_seconds: 60}\nchannels:\n"
        "  mail: {type: smtp, host: 127.0.0.1, port: 2525, sender: a@b.cn, to: {市工信局: gx@b.cn}}\n"
        "  robot: {type: webhook, format: wecom, url: 'http://127.0.0.1:9/x'}\n",
        encoding="utf-8",
    )
    config = load_notify_config(path)
    assert set(config.channels) == {"mail", "robot"} and config.office == "市委督查室"
    assert config.channels["mail"].address("市工信局") == "gx@b.cn"
    assert config.retry.delay(1) == timedelta(seconds=60) and config.retry.delay(3) == timedelta(seconds=240)
    assert set(load_notify_config(None).channels) == {"log"}
    for bad, message in [
        ({"channels": {"x": {"type": "fax"}}}, "fax"),
        ({"channels": {"x": {"type": "smtp", "host": "h"}}}, "sender"),
        ({"channels": {"x": {"type": "webhook", "url": "u", "format": "telegram"}}}, "telegram"),
    ]:
        with pytest.raises(ValidationError, match=message):
            parse_notify_config(bad)


def _config(url: str, retry: Retry | None = None) -> NotifyConfig:
    return NotifyConfig(channels={"hook": WebhookChannel(url=url, name="hook")}, retry=retry or Retry())


def test_enqueue_is_idempotent_by_key(on: LedgerOn, http_receiver: Receiver) -> None:
    url, _ = http_receiver()
    with on(date(2023, 3, 7)) as ledger:
        first = notify(
            ledger, _config(url), key="k1", recipients=["市工信局", "平定县"], subject="s", body="b"
        )
        again = notify(ledger, _config(url), key="k1", recipients=["市工信局"], subject="s", body="b")
        assert (
            enqueue(ledger, key="k1:hook:all", channel="hook", recipient="r", subject="s", body="b") is None
        )
        assert len(first) == 1 and first[0].recipient == "市工信局、平定县" and again == []
        assert ledger.count(OutboxMessage) == 1


def test_failed_delivery_is_retried_after_the_backoff_and_sent_once(
    on: LedgerOn, http_receiver: Receiver
) -> None:
    url, got = http_receiver(fail_first=1)
    config = _config(url, Retry(max_attempts=3, backoff=timedelta(minutes=10)))
    day = date(2023, 3, 7)
    with on(day) as ledger:
        notify(ledger, config, key="k", recipients=["市工信局"], subject="【催办】x", body="b")
    with on(day) as ledger:
        first = deliver(ledger, config)
        second = deliver(ledger, config)  # the retry is not due yet
    assert (len(first.failed), first.sent, second.sent, second.failed) == (1, [], [], [])
    with on(day) as ledger:
        [row] = ledger.all(OutboxMessage)
        assert row.attempts == 1 and "503" in row.last_error and row.sent_at is None
    later = FixedClock(FixedClock.on(day).at + timedelta(minutes=11))
    with on(day) as ledger:
        ledger.clock = later
        assert len(deliver(ledger, config).sent) == 1
        assert deliver(ledger, config).sent == []
    assert len(got.items) == 1 and got.items[0][0]["idempotency-key"] == "k:hook:all"


def test_delivery_gives_up_after_max_attempts(on: LedgerOn, http_receiver: Receiver) -> None:
    url, got = http_receiver(fail_first=10)
    config = _config(url, Retry(max_attempts=2, backoff=timedelta(0)))
    with on(date(2023, 3, 7)) as ledger:
        notify(ledger, config, key="k", recipients=["市工信局"], subject="s", body="b")
    with on(date(2023, 3, 7)) as ledger:
        reports = [deliver(ledger, config) for _ in range(3)]
    assert [len(r.failed) for r in reports] == [1, 0, 0]
    assert [len(r.gave_up) for r in reports] == [0, 1, 0]
    assert got.items == []


def test_concurrent_senders_never_send_a_message_twice(seeded: Database, http_receiver: Receiver) -> None:
    url, got = http_receiver()
    config = _config(url)
    clock = FixedClock.on(date(2023, 3, 7))
    with seeded.ledger(actor="t", clock=clock) as ledger:
        for i in range(30):
            notify(ledger, config, key=f"k{i}", recipients=["市工信局"], subject=f"s{i}", body="b")

    def sender() -> None:
        with seeded.ledger(actor="sender", clock=clock) as ledger:
            deliver(ledger, config)

    threads = [threading.Thread(target=sender) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    with seeded.ledger(actor="cron", clock=clock) as ledger:
        deliver(ledger, config)  # what contention made a sender skip goes out on the next run
    keys = Counter(headers["idempotency-key"] for headers, _ in got.items)
    assert len(keys) == 30 and set(keys.values()) == {1}
    with seeded.ledger(actor="t", clock=clock) as ledger:
        assert all(row.sent_at is not None for row in ledger.all(OutboxMessage))
