"""Delivery channels: log, SMTP email, and webhooks (plain JSON, WeCom and DingTalk group robots).

A channel sends one :class:`Message` or raises :class:`DeliveryError`. Every message carries an
idempotency key: webhooks get it as the ``Idempotency-Key`` header, email as its ``Message-ID``,
so a receiver can drop a copy if a crash ever makes the outbox send twice.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import sys
import urllib.parse
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from pathlib import Path
from typing import Any, Protocol, TextIO


class DeliveryError(Exception):
    """A message could not be delivered this time (it will be retried)."""


@dataclass(frozen=True, slots=True)
class Message:
    key: str  # idempotency key, unique per message
    recipient: str  # an address (email) or the names it concerns (webhook, log)
    subject: str
    body: str


class Channel(Protocol):
    name: str
    per_recipient: bool  # one message per addressed recipient (email) or one for all (group robot)

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
    """Email through an SMTP server (plain, STARTTLS or SSL), one message per recipient."""

    host: str
    port: int
    sender: str
    name: str = "email"
    to: dict[str, str] = field(default_factory=dict)  # unit/person name → email address
    username: str | None = None
    password: str | None = None
    security: str = "none"  # none | starttls | ssl
    timeout: float = 10.0
    per_recipient: bool = True

    def address(self, recipient: str) -> str | None:
        return self.to.get(recipient)

    def send(self, message: Message, now: datetime) -> None:
        import smtplib
        from email.message import EmailMessage
        from email.utils import format_datetime

        mail = EmailMessage()
        mail["From"] = self.sender
        mail["To"] = message.recipient
        mail["Subject"] = message.subject
        mail["Date"] = format_datetime(now)
        mail["Message-ID"] = f"<{hashlib.sha256(message.key.encode()).hexdigest()[:32]}@luoshi>"
        mail.set_content(message.body)
        smtp_class = smtplib.SMTP_SSL if self.security == "ssl" else smtplib.SMTP
        try:
            with smtp_class(self.host, self.port, timeout=self.timeout) as smtp:
                if self.security == "starttls":
                    smtp.starttls()
                if self.username:
                    smtp.login(self.username, self.password or "")
                smtp.send_message(mail)
        except (OSError, smtplib.SMTPException) as exc:
            raise DeliveryError(f"SMTP {self.host}:{self.port}: {exc}") from exc


class WebhookFormat(StrEnum):
    JSON = "json"  # {"key", "recipient", "subject", "body"}
    WECOM = "wecom"  # 企业微信群机器人
    DINGTALK = "dingtalk"  # 钉钉群机器人 (optionally signed with its secret)


@dataclass
class WebhookChannel:
    """An HTTP POST of the message as JSON, in a plain or a group-robot format."""

    url: str
    name: str = "webhook"
    format: WebhookFormat = WebhookFormat.JSON
    secret: str | None = None  # DingTalk 加签
    timeout: float = 10.0
    per_recipient: bool = False

    def address(self, recipient: str) -> str | None:
        return recipient

    def payload(self, message: Message) -> dict[str, Any]:
        if self.format is WebhookFormat.JSON:
            return {
                "key": message.key,
                "recipient": message.recipient,
                "subject": message.subject,
                "body": message.body,
            }
        content = f"{message.subject}\n{message.body}\n（{message.recipient}）"
        return {"msgtype": "text", "text": {"content": content}}

    def send(self, message: Message, now: datetime) -> None:
        import httpx

        body = json.dumps(self.payload(message), ensure_ascii=False).encode("utf-8")
        headers = {"Content-Type": "application/json; charset=utf-8", "Idempotency-Key": message.key}
        try:
            response = httpx.post(self.signed_url(now), content=body, headers=headers, timeout=self.timeout)
        except httpx.HTTPError as exc:
            raise DeliveryError(f"webhook {self.name}: {exc}") from exc
        if response.status_code >= 300:
            raise DeliveryError(f"webhook {self.name}: HTTP {response.status_code}")
        if self.format is not WebhookFormat.JSON:
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
    if not isinstance(reply, dict) or reply.get("errcode", 0) != 0:
        raise DeliveryError(f"webhook {name}: {reply}")
