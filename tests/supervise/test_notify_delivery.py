"""The outbox end to end: digests composed from the ledger, queued per channel, delivered within
each receiver's rate limit, exactly once, and never lost (a local SMTP server and robot stubs)."""

from __future__ import annotations

import json
import threading
from collections import Counter
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from email import message_from_bytes
from email.header import decode_header, make_header
from typing import TYPE_CHECKING

from tests.supervise.notify_stubs import Robot, SteppedClock, robot_stub

from luoshi.clock import FixedClock
from luoshi.store.db import Database
from luoshi.store.ledger import Ledger
from luoshi.store.models import Unit
from luoshi.store.models.supervision import OutboxMessage
from luoshi.supervise.escalation import escalate
from luoshi.supervise.notify.channels import SmtpChannel, WebhookChannel, WebhookFormat
from luoshi.supervise.notify.config import NotifyConfig, Retry, parse_notify_config
from luoshi.supervise.notify.delivery import DeliveryReport, Transport, deliver
from luoshi.supervise.notify.digest import Notice, compose, read_day
from luoshi.supervise.notify.limits import Rate
from luoshi.supervise.notify.outbox import QueueReport, Trouble, enqueue, failed, queue, retry
from luoshi.supervise.orders import raise_order

if TYPE_CHECKING:
    from tests.supervise.conftest import LedgerOn, Received

Receiver = Callable[..., tuple[str, "Received"]]
RAISED = date(2023, 3, 1)
DAY = date(2023, 3, 7)  # overdue by a few working days: 催办 and 通报, not yet the leader


def notices(n: int, recipient: str = "市工信局") -> list[Notice]:
    return [Notice(f"n{i}", recipient, f"【督办提醒】{i}", f"正文{i}") for i in range(n)]


def robot_config(url: str, **kw: object) -> NotifyConfig:
    raw = {"type": "webhook", "format": "wecom", "url": url, **kw}
    return parse_notify_config({"channels": {"robot": raw}, "max_wait_seconds": 5})


def send_all(
    on: LedgerOn, config: NotifyConfig, day: date = DAY, transport: Transport | None = None
) -> tuple[QueueReport, DeliveryReport]:
    """What ``luoshi notify`` does: compose the day, queue it, deliver."""
    with on(day) as ledger:
        queued = queue(ledger, config, compose(read_day(ledger, config, day), config))
    with on(day) as ledger:
        return queued, deliver(ledger, config, transport=transport)


def stepped() -> tuple[SteppedClock, Transport]:
    """A clock that only delivery's sleeps move on, and the transport that sleeps on it."""
    clock = SteppedClock()
    return clock, Transport(sleep=clock.sleep, monotonic=clock.monotonic)


def add_units(ledger: Ledger, n: int) -> list[str]:
    names = [f"第{i:02d}单位" for i in range(n)]
    for i, name in enumerate(names):
        ledger.add(
            Unit(code=f"u{i:02d}", name=name, kind="department", aliases=[], keywords=[], position=10 + i)
        )
    ledger.flush()
    return names


def test_200_overdue_items_in_30_units_make_32_digests_each_delivered_once_within_the_limits(
    on: LedgerOn, smtp_server: tuple[int, Received]
) -> None:
    """Done-when: 30 unit digests + office and leader summaries, on email and two rate-limited robots."""
    port, mails = smtp_server
    with on(RAISED) as ledger:
        units = add_units(ledger, 30)
        for i in range(200):
            raise_order(ledger, title=f"督办事项{i:03d}", lead=f"u{i % 30:02d}", detail="按期反馈")
    clock, transport = stepped()  # the robots' 20 a minute, waited out on the stepped clock
    wecom, ding = (
        Robot(limit=20, window=60, clock=clock.monotonic),
        Robot(limit=20, window=60, clock=clock.monotonic),
    )
    with robot_stub(wecom) as wecom_url, robot_stub(ding) as ding_url:
        rate = {"count": 20, "per_seconds": 60}
        to = {name: f"x{i}@example.gov.cn" for i, name in enumerate([*units, "督查室", "分管领导"])}
        config = parse_notify_config({
            "channels": {
                "mail": {"type": "smtp", "host": "127.0.0.1", "port": port, "sender": "db@b.cn", "to": to},
                "wecom": {"type": "webhook", "format": "wecom", "url": wecom_url, "rate": rate},
                "ding": {"type": "webhook", "format": "dingtalk", "url": ding_url, "rate": rate},
            }
        })  # fmt: skip
        queued, report = send_all(on, config, transport=transport)
        again = send_all(
            on, config, transport=transport
        )  # the same day once more: nothing new, nothing twice
    assert len(queued.queued) == 3 * 32 and not queued.no_address
    assert len(report.sent) == 96 and report.rate_limited == 0 and not report.deferred
    assert again[0].queued == [] and again[1].sent == []
    subjects = Counter(
        str(make_header(decode_header(message_from_bytes(raw)["Subject"])))[:6] for _, raw in mails.items
    )
    assert subjects == {"【督办提醒】": 30, "【督办汇总】": 1, "【呈阅】分管": 1}
    assert len({envelope["to"] for envelope, _ in mails.items}) == 32
    for robot in (wecom, ding):
        contents = [json.loads(body)["markdown"] for _, body in robot.posts]
        assert len(robot.posts) == 32 and robot.refused == 0  # never over 20 in any window
        assert len({json.dumps(c, ensure_ascii=False) for c in contents}) == 32
    assert clock.slept and clock.at >= 60  # each robot's 21st post waited for its window
    with on(DAY) as ledger:
        assert {row.attempts for row in ledger.all(OutboxMessage)} == {1}


def test_a_rate_limit_answer_pauses_the_channel_and_spends_no_attempt(on: LedgerOn) -> None:
    """Rule: errcode 45009 gives the attempt back and pauses the channel; nothing is lost."""
    clock, transport = stepped()
    robot = Robot(limit=3, window=1.5, clock=clock.monotonic)
    with robot_stub(robot) as url:
        config = robot_config(url, rate={"count": 0}, pause_seconds=1.5)  # we do not know its limit
        with on(DAY) as ledger:
            queue(ledger, config, notices(8))
        with on(DAY) as ledger:
            report = deliver(ledger, config, transport=transport)
            rows = ledger.all(OutboxMessage)
    assert len(report.sent) == 8 and robot.refused >= 1 and report.rate_limited == robot.refused
    assert clock.slept == [1.5] * robot.refused  # each refusal paused the channel for pause_seconds
    assert [r.attempts for r in rows] == [1] * 8 and len(robot.posts) == 8


def test_a_throttled_channel_waits_for_the_next_run_when_the_wait_is_too_long(on: LedgerOn) -> None:
    """Rule: a full window longer than max_wait_seconds leaves the rest queued, attempts untouched."""
    robot = Robot()
    with robot_stub(robot) as url:
        config = robot_config(url, rate={"count": 2, "per_seconds": 60})
        with on(DAY) as ledger:
            queue(ledger, config, notices(5))
        with on(DAY) as ledger:
            report = deliver(ledger, config)
            assert [r.attempts for r in ledger.all(OutboxMessage)] == [1, 1, 0, 0, 0]
    assert (len(report.sent), len(report.deferred), len(robot.posts)) == (2, 3, 2)


def test_nothing_is_lost_after_an_outage_longer_than_the_retry_window(on: LedgerOn) -> None:
    """Rule: messages that gave up are listed and requeued, then sent once each."""
    robot = Robot(down=True)
    with robot_stub(robot) as url:
        config = robot_config(url)
        config.retry = Retry(max_attempts=2, backoff=timedelta(0))
        with on(DAY) as ledger:
            queue(ledger, config, notices(4))
        with on(DAY) as ledger:
            reports = [deliver(ledger, config) for _ in range(3)]
        assert [len(r.gave_up) for r in reports] == [0, 4, 0]
        robot.down = False
        with on(DAY) as ledger:
            assert deliver(ledger, config).sent == []  # gave up: not sent on its own
            listed = failed(ledger, config)
            assert [t for _, t in listed] == [Trouble.GAVE_UP] * 4
            assert retry(ledger, config) == [r.id for r, _ in listed]
        with on(DAY) as ledger:
            assert len(deliver(ledger, config).sent) == 4
            assert failed(ledger, config) == []
    assert sorted(json.loads(body)["markdown"]["content"] for _, body in robot.posts) == sorted(
        f"**【督办提醒】{i}**\n正文{i}" for i in range(4)
    )


def test_a_timeout_is_maybe_sent_said_so_and_not_resent_on_its_own(on: LedgerOn) -> None:
    robot = Robot(delay=0.6)
    with robot_stub(robot) as url:
        config = robot_config(url, timeout=0.2)
        with on(DAY) as ledger:
            queue(ledger, config, notices(1))
        with on(DAY) as ledger:
            report = deliver(ledger, config)
            assert deliver(ledger, config).sent == []
            [(row, why)] = failed(ledger, config)
        assert len(report.maybe_sent) == 1 and why is Trouble.MAYBE_SENT and "可能已送达" in row.last_error
        with on(DAY) as ledger:
            assert retry(ledger, config) == []  # resent only when a person names it
            assert retry(ledger, config, [row.id]) == [row.id]
        robot.delay = 0
        with on(DAY) as ledger:
            assert len(deliver(ledger, config).sent) == 1
    assert len(robot.posts) == 2


def test_transport_uses_the_real_clock_whatever_day_the_ledger_is_read_as_of(
    on: LedgerOn, http_receiver: Receiver, smtp_server: tuple[int, Received]
) -> None:
    """Rule: DingTalk's signature timestamp and the email's Date are now, not the --as-of date."""
    url, got = http_receiver()
    port, mails = smtp_server
    config = NotifyConfig(
        channels={
            "ding": WebhookChannel(url=url, format=WebhookFormat.DINGTALK, secret="SEC"),
            "mail": SmtpChannel(host="127.0.0.1", port=port, sender="a@b.cn", to={"市工信局": "gx@b.cn"}),
        }
    )
    with on(date(2023, 5, 20)) as ledger:
        queue(ledger, config, notices(1))
    with on(date(2023, 5, 20)) as ledger:
        assert len(deliver(ledger, config).sent) == 2
    stamp = int(got.items[0][0]["path"].split("timestamp=")[1].split("&")[0]) / 1000
    assert abs(stamp - datetime.now(UTC).timestamp()) < 300
    sent_on = message_from_bytes(mails.items[0][1])["Date"]
    assert str(datetime.now(UTC).year) in sent_on and "2023" not in sent_on


def test_unknown_channels_and_missing_addresses_are_counted_not_repeated(
    on: LedgerOn, http_receiver: Receiver
) -> None:
    url, _ = http_receiver()
    config = NotifyConfig(
        channels={
            "robot": WebhookChannel(url=url, name="robot"),
            "mail": SmtpChannel(host="127.0.0.1", port=1, sender="a@b.cn", to={"市工信局": "gx@b.cn"}),
        }
    )
    with on(DAY) as ledger:
        queued = queue(ledger, config, [*notices(1), Notice("x", "平定县", "s", "b")])
        for i in range(3):
            enqueue(ledger, key=f"old{i}", channel="fax", recipient="r", subject="s", body="b")
    assert dict(queued.no_address) == {"mail": ["平定县"]} and len(queued.queued) == 3
    with on(DAY) as ledger:
        report = deliver(ledger, NotifyConfig(channels={"robot": config.channels["robot"]}))
        assert report.unknown_channel == Counter({"fax": 3, "mail": 1})
        assert [t for _, t in failed(ledger, config)].count(Trouble.UNKNOWN_CHANNEL) == 3


def test_a_320_character_title_does_not_stop_the_batch(on: LedgerOn, http_receiver: Receiver) -> None:
    """Rule: subjects are clipped to outbox.subject (300) and robot text to 2,048 bytes (PostgreSQL too)."""
    url, got = http_receiver()
    config = NotifyConfig(
        channels={"wecom": WebhookChannel(url=url, name="wecom", format=WebhookFormat.WECOM, msgtype="text")}
    )
    with on(RAISED) as ledger:
        raise_order(ledger, title="长" * 320, lead="gxj", leader="李副市长")
        raise_order(ledger, title="园区供电", lead="fgw")
    with on(date(2023, 3, 13), actor="system") as ledger:
        assert len({t.order_id for t in escalate(ledger, config)}) == 2
    queued, report = send_all(on, config, date(2023, 3, 13))
    assert len(report.sent) == len(queued.queued) >= 5 and not report.failed
    with on(date(2023, 3, 13)) as ledger:
        assert max(len(r.subject) for r in ledger.all(OutboxMessage)) == 300
    contents = [json.loads(body)["text"]["content"] for _, body in got.items]
    assert max(len(c.encode("utf-8")) for c in contents) <= 2048
    assert any("园区供电" in c for c in contents) and any("长" * 100 in c for c in contents)


def test_a_long_digest_is_split_into_robot_posts_under_the_limit(
    on: LedgerOn, http_receiver: Receiver
) -> None:
    url, got = http_receiver()
    config = NotifyConfig(
        channels={"wecom": WebhookChannel(url=url, name="wecom", format=WebhookFormat.WECOM)}
    )
    with on(RAISED) as ledger:
        for i in range(60):
            raise_order(ledger, title=f"事项{i:02d}" + "说明" * 20, lead="gxj", detail="详" * 80)
    _, report = send_all(on, config)
    posts = [json.loads(body)["markdown"]["content"] for _, body in got.items]
    unit = [p for p in posts if "【督办提醒】市工信局" in p]
    assert len(unit) > 1 and all(len(p.encode("utf-8")) <= 4096 for p in posts)
    assert f"（1/{len(unit)}）" in unit[0] and all(f"事项{i:02d}" in "".join(unit) for i in range(60))
    assert len(report.sent) == len(posts)


def test_failed_delivery_is_retried_after_the_backoff_and_sent_once(
    on: LedgerOn, http_receiver: Receiver
) -> None:
    url, got = http_receiver(fail_first=1)
    config = NotifyConfig(
        channels={"hook": WebhookChannel(url=url, name="hook")}, retry=Retry(3, timedelta(minutes=10))
    )
    now = [datetime(2026, 3, 7, 9, 0, tzinfo=UTC)]
    transport = Transport(now=lambda: now[0])
    with on(DAY) as ledger:
        queue(ledger, config, notices(1), now=now[0])
    with on(DAY) as ledger:
        first = deliver(ledger, config, transport=transport)
        second = deliver(ledger, config, transport=transport)  # the retry is not due yet
    assert (len(first.failed), first.sent, second.sent, second.failed) == (1, [], [], [])
    with on(DAY) as ledger:
        [row] = ledger.all(OutboxMessage)
        assert row.attempts == 1 and "503" in row.last_error and row.sent_at is None
        now[0] += timedelta(minutes=11)
        assert len(deliver(ledger, config, transport=transport).sent) == 1
        assert deliver(ledger, config, transport=transport).sent == []
    assert len(got.items) == 1 and got.items[0][0]["idempotency-key"] == "n0:hook"


def test_concurrent_senders_never_send_a_message_twice(seeded: Database, http_receiver: Receiver) -> None:
    url, got = http_receiver()
    config = NotifyConfig(channels={"hook": WebhookChannel(url=url, name="hook")})
    clock = FixedClock.on(DAY)
    with seeded.ledger(actor="t", clock=clock) as ledger:
        queue(ledger, config, notices(30))

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


def test_rate_defaults_follow_the_published_robot_limits() -> None:
    config = robot_config("http://x")
    assert config.channels["robot"].rate == Rate(20, 60.0)
