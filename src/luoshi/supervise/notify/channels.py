"""Delivery channels: log, SMTP email, and webhooks (plain JSON, WeCom and DingTalk group robots).

A channel sends one :class:`Message` or raises :class:`DeliveryError` — or one of its two kinds:
:class:`RateLimited` (the receiver said "too fast": pause the channel, the attempt does not count)
and :class:`MaybeSent` (a timeout after the request went out: it may have arrived, so it is not
resent on its own). Every message carries an idempotency key: webhooks get it as the
``Idempotency-Key`` header, email as its ``Message-ID``; the group robots have no such key.
``now`` is always the real time (signatures, the email's ``Date``), never a ``--as-of`` date.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import ssl
import sys
import urllib.parse
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from pathlib import Path
from typing import Any, Protocol, TextIO

from luoshi.supervise.notify.limits import Rate, clip_bytes, clip_chars

ROBOT_RATE = Rate(20, 60.0)  # 企业微信 and 钉钉 group robots: 20 messages a minute
RATE_LIMIT_ERRCODES = frozenset({45009, 130101})  # WeCom "api freq out of limit", DingTalk "send too fast"
TEXT_BYTES = 2048  # WeCom text content
MARKDOWN_BYTES = 4096  # WeCom markdown content (used for DingTalk too)
HEADROOM = 512  # bytes a robot post keeps for its title and @mentions


class DeliveryError(Exception):
    """A message could not be delivered this time (it will be retried)."""


class RateLimited(DeliveryError):
    """The receiver refused for sending too fast; the message was not delivered."""


class MaybeSent(DeliveryError):
    """The request went out but no answer came in time: the message may have arrived."""


@dataclass(frozen=True, slots=True)
class Message:
    key: str  # idempotency key, unique per message
    recipient: str  # an address (email) or the names it concerns (webhook, log), joined by 、
    subject: str
    body: str


class Channel(Protocol):
    name: str
    per_recipient: bool  # one message per addressed recipient (email) or one for all (group robot)
    rate: Rate  # the receiver's published limit
    pause_seconds: float  # how long to hold off after a rate-limit answer

    @property
    def part_bytes(self) -> int | None:
        """Longer bodies are split into parts of this many bytes (None: never)."""
        ...

    def address(self, recipient: str) -> str | None:
        """Where ``recipient`` (a unit or person) is reached on this channel; None if nowhere."""
        ...

    def send(self, message: Message, now: datetime) -> None: ...


@dataclass
class LogChannel:
    """Writes one line per message to a file (appending) or to stderr."""

    name: str = "log"
    path: Path | None = None
    per_recipient: bool = False
    stream: TextIO | None = None
    rate: Rate = field(default_factory=Rate)
    pause_seconds: float = 0.0
    part_bytes: int | None = None

    def address(self, recipient: str) -> str | None:
        return recipient

    def send(self, message: Message, now: datetime) -> None:
        line = f"{now.isoformat(timespec='seconds')} → {message.recipient}: {message.subject}｜{message.body}"
        line = line.replace("\n", " ")
        if self.path is not None:
            with self.path.open("a", encoding="utf-8") as handle:
                handle.write(line + "\n")
        else:
            print(line, file=self.stream or sys.stderr)


@dataclass
class SmtpChannel:
    """Email through an SMTP server (plain, STARTTLS or SSL), one message per recipient.

    TLS certificates are always verified against the system's CAs, or against ``ca_file`` (an
    intranet CA) when it is set; there is no switch that turns verification off.
    """

    host: str
    port: int
    sender: str
    name: str = "email"
    to: dict[str, str] = field(default_factory=dict)  # unit/person name → email address
    username: str | None = None
    password: str | None = None
    security: str = "none"  # none | starttls | ssl
    ca_file: Path | None = None
    timeout: float = 10.0
    per_recipient: bool = True
    rate: Rate = field(default_factory=Rate)
    pause_seconds: float = 60.0
    part_bytes: int | None = None

    def address(self, recipient: str) -> str | None:
        return self.to.get(recipient)

    def tls_context(self) -> ssl.SSLContext:
        return ssl.create_default_context(cafile=str(self.ca_file) if self.ca_file else None)

    def send(self, message: Message, now: datetime) -> None:
        import smtplib

        mail = self.mail(message, now)
        try:
            smtp = self.connect()
        except (OSError, smtplib.SMTPException) as exc:
            raise DeliveryError(f"SMTP {self.host}:{self.port}: {_reason(exc)}") from exc
        with smtp:
            try:
                smtp.send_message(mail)
            except TimeoutError as exc:
                raise MaybeSent(f"SMTP {self.host}:{self.port}: 发送时超时，可能已送达") from exc
            except (OSError, smtplib.SMTPException) as exc:
                raise DeliveryError(f"SMTP {self.host}:{self.port}: {exc}") from exc

    def connect(self) -> Any:
        """An open, logged-in connection (TLS verified when security is starttls or ssl)."""
        import smtplib

        if self.security == "ssl":
            smtp: smtplib.SMTP = smtplib.SMTP_SSL(
                self.host, self.port, timeout=self.timeout, context=self.tls_context()
            )
        else:
            smtp = smtplib.SMTP(self.host, self.port, timeout=self.timeout)
        try:
            if self.security == "starttls":
                smtp.starttls(context=self.tls_context())
            if self.username:
                smtp.login(self.username, self.password or "")
        except BaseException:
            smtp.close()
            raise
        return smtp

    def mail(self, message: Message, now: datetime) -> Any:
        from email.message import EmailMessage
        from email.utils import format_datetime

        mail = EmailMessage()
        mail["From"] = self.sender
        mail["To"] = message.recipient
        mail["Subject"] = message.subject
        mail["Date"] = format_datetime(now)
        mail["Message-ID"] = f"<{hashlib.sha256(message.key.encode()).hexdigest()[:32]}@luoshi>"
        mail.set_content(message.body)
        return mail


def _reason(exc: BaseException) -> str:
    if isinstance(exc, ssl.SSLCertVerificationError):
        return f"证书校验失败（{exc.verify_message}）；内网 CA 请在 ca_file 中配置"
    return str(exc)


class WebhookFormat(StrEnum):
    JSON = "json"  # {"key", "recipient", "subject", "body"}
    WECOM = "wecom"  # 企业微信群机器人
    DINGTALK = "dingtalk"  # 钉钉群机器人 (optionally signed with its secret)


@dataclass
class WebhookChannel:
    """An HTTP POST of the message as JSON, in a plain or a group-robot format.

    Robots post markdown by default (``msgtype: text`` for plain text); ``mobiles`` maps a unit
    or person to its liaison's mobile number, @mentioned in the post (WeCom only in text posts).
    """

    url: str
    name: str = "webhook"
    format: WebhookFormat = WebhookFormat.JSON
    secret: str | None = None  # DingTalk 加签
    msgtype: str = "markdown"  # markdown | text (robots)
    mobiles: dict[str, str] = field(default_factory=dict)
    timeout: float = 10.0
    per_recipient: bool = False
    rate: Rate = field(default_factory=Rate)
    pause_seconds: float = 60.0
    client: Any = field(default=None, init=False, repr=False, compare=False)  # one httpx.Client, kept

    @property
    def robot(self) -> bool:
        return self.format is not WebhookFormat.JSON

    @property
    def content_bytes(self) -> int:
        return TEXT_BYTES if self.msgtype == "text" else MARKDOWN_BYTES

    @property
    def part_bytes(self) -> int | None:
        return self.content_bytes - HEADROOM if self.robot else None

    def address(self, recipient: str) -> str | None:
        return recipient

    def payload(self, message: Message) -> dict[str, Any]:
        if not self.robot:
            return {
                "key": message.key,
                "recipient": message.recipient,
                "subject": message.subject,
                "body": message.body,
            }
        mobiles = [m for name in message.recipient.split("、") if (m := self.mobiles.get(name))]
        if self.format is WebhookFormat.WECOM:
            return self._wecom(message, mobiles)
        return self._dingtalk(message, mobiles)

    def _wecom(self, message: Message, mobiles: list[str]) -> dict[str, Any]:
        if self.msgtype == "text":
            content = clip_bytes(f"{message.subject}\n{message.body}", TEXT_BYTES)
            return {"msgtype": "text", "text": {"content": content, "mentioned_mobile_list": mobiles}}
        content = clip_bytes(f"**{message.subject}**\n{message.body}", MARKDOWN_BYTES)
        return {"msgtype": "markdown", "markdown": {"content": content}}

    def _dingtalk(self, message: Message, mobiles: list[str]) -> dict[str, Any]:
        at = {"atMobiles": mobiles, "isAtAll": False}
        mention = " ".join(f"@{m}" for m in mobiles)  # DingTalk shows the @ only when the text has it
        if self.msgtype == "text":
            content = clip_bytes(f"{message.subject}\n{message.body}", TEXT_BYTES - len(mention) - 1)
            return {"msgtype": "text", "text": {"content": f"{content}\n{mention}".rstrip()}, "at": at}
        text = clip_bytes(f"### {message.subject}\n{message.body}", MARKDOWN_BYTES - len(mention) - 2)
        title = clip_chars(message.subject, 64)
        return {"msgtype": "markdown", "markdown": {"title": title, "text": f"{text}\n\n{mention}"}, "at": at}

    def send(self, message: Message, now: datetime) -> None:
        import httpx

        body = json.dumps(self.payload(message), ensure_ascii=False).encode("utf-8")
        key = urllib.parse.quote(message.key, safe=":/#@._-")  # headers are ASCII
        headers = {"Content-Type": "application/json; charset=utf-8", "Idempotency-Key": key}
        if self.client is None:
            self.client = httpx.Client(timeout=self.timeout)
        try:
            response = self.client.post(self.signed_url(now), content=body, headers=headers)
        except (httpx.ReadTimeout, httpx.WriteTimeout) as exc:
            raise MaybeSent(f"webhook {self.name}: 等待回复超时，可能已送达") from exc
        except httpx.HTTPError as exc:
            raise DeliveryError(f"webhook {self.name}: {exc}") from exc
        if response.status_code == 429:
            raise RateLimited(f"webhook {self.name}: HTTP 429")
        if response.status_code >= 300:
            raise DeliveryError(f"webhook {self.name}: HTTP {response.status_code}")
        if self.robot:
            _check_robot_reply(self.name, response.text)

    def signed_url(self, now: datetime) -> str:
        """The URL, with DingTalk's timestamp and HMAC-SHA256 signature when a secret is set."""
        if self.format is not WebhookFormat.DINGTALK or not self.secret:
            return self.url
        timestamp = str(int(now.timestamp() * 1000))
        digest = hmac.new(self.secret.encode(), f"{timestamp}\n{self.secret}".encode(), hashlib.sha256)
        sign = urllib.parse.quote_plus(base64.b64encode(digest.digest()))
        joiner = "&" if "?" in self.url else "?"
        return f"{self.url}{joiner}timestamp={timestamp}&sign={sign}"


def _check_robot_reply(name: str, text: str) -> None:
    """Group robots answer HTTP 200 with ``{"errcode": N}``; anything but 0 is a failure."""
    try:
        reply = json.loads(text)
    except ValueError:
        raise DeliveryError(f"webhook {name}: 回复不是 JSON") from None
    if not isinstance(reply, dict):
        raise DeliveryError(f"webhook {name}: {reply}")
    if reply.get("errcode", 0) in RATE_LIMIT_ERRCODES:
        raise RateLimited(f"webhook {name}: {reply}")
    if reply.get("errcode", 0) != 0:
        raise DeliveryError(f"webhook {name}: {reply}")
