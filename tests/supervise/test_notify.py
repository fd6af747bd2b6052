"""Notification channels against a real local SMTP server and HTTP receivers; config; limits."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from email import message_from_bytes
from email.header import decode_header, make_header
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from tests.supervise.notify_stubs import self_signed, tls_smtp

from luoshi.errors import ValidationError
from luoshi.supervise.notify.channels import (
    DeliveryError,
    LogChannel,
    Message,
    RateLimited,
    SmtpChannel,
    WebhookChannel,
    WebhookFormat,
)
from luoshi.supervise.notify.config import PerItem, load_notify_config, parse_notify_config
from luoshi.supervise.notify.limits import Rate, RateLimiter, clip_bytes, split_bytes

if TYPE_CHECKING:
    from tests.supervise.conftest import Received

NOW = datetime(2023, 3, 7, 1, 0, tzinfo=UTC)
MESSAGE = Message(
    "order:1:reminder:respond:x", "市发展改革委", "【催办】园区供电", "反馈办理情况已逾期1个工作日"
)
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


@pytest.mark.parametrize("security", ["starttls", "ssl"])
def test_tls_certificates_are_verified_a_self_signed_one_is_refused(tmp_path: Path, security: str) -> None:
    """Rule: TLS is verified by default; a self-signed certificate for another name never gets the mail."""
    cert, key = self_signed(tmp_path, "evil.example")
    with tls_smtp(cert, key, implicit=security == "ssl") as (port, got):
        channel = SmtpChannel(
            host="127.0.0.1", port=port, sender="a@b.cn", security=security, username="u", password="secret"
        )
        with pytest.raises(DeliveryError, match="证书校验失败"):
            channel.send(MESSAGE, NOW)
    assert got == []


@pytest.mark.parametrize("security", ["starttls", "ssl"])
def test_an_intranet_ca_file_is_the_documented_way_to_trust_a_private_certificate(
    tmp_path: Path, security: str
) -> None:
    cert, key = self_signed(tmp_path, "mail.intranet", san="IP:127.0.0.1")
    with tls_smtp(cert, key, implicit=security == "ssl") as (port, got):
        trusting = SmtpChannel(host="127.0.0.1", port=port, sender="a@b.cn", security=security, ca_file=cert)
        trusting.send(MESSAGE, NOW)
        with pytest.raises(DeliveryError, match="证书校验失败"):
            SmtpChannel(host="127.0.0.1", port=port, sender="a@b.cn", security=security).send(MESSAGE, NOW)
    assert len(got) == 1


def test_plain_json_webhook_carries_the_idempotency_key(http_receiver: Receiver) -> None:
    url, got = http_receiver()
    WebhookChannel(url=url).send(MESSAGE, NOW)
    [(headers, body)] = got.items
    assert headers["idempotency-key"] == MESSAGE.key
    assert json.loads(body) == {
        "key": MESSAGE.key,
        "recipient": "市发展改革委",
        "subject": "【催办】园区供电",
        "body": "反馈办理情况已逾期1个工作日",
    }


def test_robots_post_markdown_and_mention_the_units_liaison(http_receiver: Receiver) -> None:
    """Rule: WeCom mentions go in mentioned_mobile_list (text posts), DingTalk's in at.atMobiles."""
    url, got = http_receiver()
    mobiles = {"市发展改革委": "13800000001"}
    WebhookChannel(url=url, format=WebhookFormat.WECOM).send(MESSAGE, NOW)
    WebhookChannel(url=url, format=WebhookFormat.WECOM, msgtype="text", mobiles=mobiles).send(MESSAGE, NOW)
    WebhookChannel(url=url, format=WebhookFormat.DINGTALK, mobiles=mobiles).send(MESSAGE, NOW)
    markdown, text, ding = (json.loads(body) for _, body in got.items)
    assert markdown["msgtype"] == "markdown" and markdown["markdown"]["content"].startswith(
        "**【催办】园区供电**"
    )
    assert text["text"]["mentioned_mobile_list"] == ["13800000001"]
    assert ding["at"]["atMobiles"] == ["13800000001"] and "@13800000001" in ding["markdown"]["text"]
    assert ding["markdown"]["title"] == "【催办】园区供电"


@pytest.mark.parametrize(("msgtype", "limit"), [("text", 2048), ("markdown", 4096)])
@pytest.mark.parametrize("fmt", [WebhookFormat.WECOM, WebhookFormat.DINGTALK])
def test_robot_content_is_clipped_to_its_byte_limit(fmt: WebhookFormat, msgtype: str, limit: int) -> None:
    """Rule: a robot post never exceeds WeCom's limits (text 2,048 bytes, markdown 4,096)."""
    channel = WebhookChannel(url="http://x", format=fmt, msgtype=msgtype, mobiles={"市发展改革委": "138"})
    message = Message("k", "市发展改革委", "【催办】" + "长" * 320, "正文" * 2000)
    payload = channel.payload(message)
    content = payload[msgtype].get("content") or payload[msgtype]["text"]
    assert limit - 8 < len(content.encode("utf-8")) <= limit


def test_robot_errors_and_rate_limit_answers(http_receiver: Receiver) -> None:
    bad_url, _ = http_receiver(reply=b'{"errcode": 310000, "errmsg": "keywords not in content"}')
    with pytest.raises(DeliveryError, match="310000"):
        WebhookChannel(url=bad_url, format=WebhookFormat.WECOM).send(MESSAGE, NOW)
    for fmt, busy in [
        (WebhookFormat.WECOM, b'{"errcode": 45009}'),
        (WebhookFormat.DINGTALK, b'{"errcode": 130101}'),
    ]:
        busy_url, _ = http_receiver(reply=busy)
        with pytest.raises(RateLimited):
            WebhookChannel(url=busy_url, format=fmt).send(MESSAGE, NOW)


def test_dingtalk_signature(http_receiver: Receiver) -> None:
    url, got = http_receiver()
    WebhookChannel(url=url, format=WebhookFormat.DINGTALK, secret="SEC123").send(MESSAGE, NOW)
    path = got.items[0][0]["path"]
    assert f"timestamp={int(NOW.timestamp() * 1000)}" in path and "&sign=" in path


def test_log_channel_appends_lines(tmp_path: Path) -> None:
    channel = LogChannel(path=tmp_path / "notify.log")
    channel.send(MESSAGE, NOW)
    channel.send(MESSAGE, NOW)
    lines = (tmp_path / "notify.log").read_text(encoding="utf-8").splitlines()
    assert len(lines) == 2 and "市发展改革委" in lines[0] and "【催办】" in lines[0]


def test_config_file_and_bad_config(tmp_path: Path) -> None:
    path = tmp_path / "notify.yaml"
    path.write_text(
        "office: 市委督查室\nretry: {max_attempts: 3, backoff_seconds: 60}\n"
        "messages: {per_item: none, due_soon_days: 5, link: 'https://duban.example.gov.cn/'}\n"
        "liaisons: {市工信局: '13800000002'}\nchannels:\n"
        "  mail: {type: smtp, host: 127.0.0.1, port: 2525, sender: a@b.cn, to: {市工信局: gx@b.cn},\n"
        "         security: ssl, ca_file: ca.pem}\n"
        "  robot: {type: webhook, format: wecom, url: 'http://127.0.0.1:9/x'}\n"
        "  ding: {type: webhook, format: dingtalk, url: 'http://127.0.0.1:9/y', rate: {count: 5}}\n",
        encoding="utf-8",
    )
    config = load_notify_config(path)
    assert set(config.channels) == {"mail", "robot", "ding"} and config.office == "市委督查室"
    mail, robot, ding = config.channels.values()
    assert mail.address("市工信局") == "gx@b.cn"
    assert isinstance(mail, SmtpChannel) and mail.ca_file == tmp_path / "ca.pem"
    assert isinstance(robot, WebhookChannel) and robot.mobiles == {"市工信局": "13800000002"}
    assert robot.rate == Rate(20, 60.0) and ding.rate == Rate(5, 60.0)  # robots default to 20 a minute
    assert robot.pause_seconds == 60 and ding.pause_seconds == 600
    assert config.messages.per_item is PerItem.NONE and config.messages.due_soon_days == 5
    assert config.messages.link == "https://duban.example.gov.cn"
    assert config.retry.delay(1) == timedelta(seconds=60) and config.retry.delay(3) == timedelta(seconds=240)
    assert set(load_notify_config(None).channels) == {"log"}
    for bad, message in [
        ({"channels": {"x": {"type": "fax"}}}, "fax"),
        ({"channels": {"x": {"type": "smtp", "host": "h"}}}, "sender"),
        ({"channels": {"x": {"type": "smtp", "host": "h", "sender": "s", "security": "tls"}}}, "tls"),
        ({"channels": {"x": {"type": "webhook", "url": "u", "format": "telegram"}}}, "telegram"),
        ({"messages": {"per_item": "everyone"}}, "everyone"),
    ]:
        with pytest.raises(ValidationError, match=message):
            parse_notify_config(bad)


class Ticks:
    """A monotonic clock the test moves by hand."""

    def __init__(self) -> None:
        self.t = 1000.0

    def __call__(self) -> float:
        return self.t


def test_rate_limiter_allows_count_sends_in_any_window() -> None:
    """Rule: at most ``count`` sends in any window; the next waits until the oldest leaves it."""
    ticks = Ticks()
    limiter = RateLimiter(Rate(3, 60.0), monotonic=ticks)
    for _ in range(3):
        assert limiter.wait() == 0
        limiter.record()
        ticks.t += 10
    assert limiter.wait() == pytest.approx(30.0)  # the first send leaves the window at 1060
    ticks.t += 30
    assert limiter.wait() == 0
    limiter.pause(600)
    assert limiter.wait() == pytest.approx(600)
    assert RateLimiter(Rate(0), monotonic=ticks).wait() == 0  # 0: unlimited


def test_split_and_clip_keep_utf8_whole_and_under_the_limit() -> None:
    text = "\n".join(f"- 第{i}项 市工信局 已逾期{i}个工作日" for i in range(300))
    parts = split_bytes(text, 1000)
    assert len(parts) > 1 and all(len(p.encode("utf-8")) <= 1000 for p in parts)
    assert "\n".join(parts) == text  # cut at line breaks, nothing lost
    assert all(len(p.encode()) <= 100 for p in split_bytes("长" * 500, 100))
    assert clip_bytes("长" * 10, 10) == "长长…" and clip_bytes("ab", 10) == "ab"
