"""Notification settings (a YAML file): channels, who the office and the leader are, what is sent
(digests, per-item messages), retry backoff and throttling.

Without a file, notifications go to the log channel only. See ``docs/supervision.md``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta
from enum import StrEnum
from pathlib import Path
from typing import Any

from luoshi.errors import ValidationError
from luoshi.supervise.notify.channels import (
    ROBOT_RATE,
    Channel,
    LogChannel,
    SmtpChannel,
    WebhookChannel,
    WebhookFormat,
)
from luoshi.supervise.notify.limits import Rate

ROBOT_PAUSE = {WebhookFormat.WECOM: 60.0, WebhookFormat.DINGTALK: 600.0}  # DingTalk: 限流10分钟


@dataclass(frozen=True, slots=True)
class Retry:
    max_attempts: int = 5
    backoff: timedelta = timedelta(minutes=5)
    factor: float = 2.0
    max_backoff: timedelta = timedelta(days=1)

    def delay(self, attempts: int) -> timedelta:
        """Wait after the ``attempts``-th failed try: backoff × factor^(attempts−1), capped."""
        return min(self.backoff * (self.factor ** max(attempts - 1, 0)), self.max_backoff)


class PerItem(StrEnum):
    LEADER = "leader"  # a message per item only when it is escalated to the leader (default)
    ALL = "all"  # a message per item for every rung of the ladder, to the rung's circle
    NONE = "none"  # digests only


@dataclass(frozen=True, slots=True)
class Messages:
    """What is sent: daily digests, and which ladder rungs get a message of their own."""

    digest: bool = True  # one digest per unit per day, one summary for the office and each leader
    per_item: PerItem = PerItem.LEADER
    due_soon_days: int = 3  # "due soon" in a digest: due within this many days (the policy's kind)
    link: str = ""  # the web app's address, for links to the item page (/items/ID)
    lookback_days: int = 7  # ladder events this recent get their per-item message


@dataclass(slots=True)
class NotifyConfig:
    channels: dict[str, Channel] = field(default_factory=lambda: {"log": LogChannel()})
    office: str = "督查室"  # who "office" is in the ladder's notify lists
    leader: str = "分管领导"  # the supervising leader when an order names none
    retry: Retry = field(default_factory=Retry)
    messages: Messages = field(default_factory=Messages)
    max_wait_seconds: float = 90.0  # wait this long for a throttled channel, else leave it for the next run


def load_notify_config(path: Path | None) -> NotifyConfig:
    """The config in ``path``; the defaults (log channel) when ``path`` is None or missing."""
    if path is None or not path.is_file():
        return NotifyConfig()
    import yaml

    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except yaml.YAMLError as exc:
        raise ValidationError(f"通知配置不是有效的 YAML：{exc}".splitlines()[0]) from None
    return parse_notify_config(data, base=path.parent)


def parse_notify_config(data: Any, *, base: Path = Path()) -> NotifyConfig:
    if not isinstance(data, dict):
        raise ValidationError("通知配置须为映射（channels, office, leader, retry, messages）")
    raw_channels = data.get("channels") or {"log": {"type": "log"}}
    if not isinstance(raw_channels, dict):
        raise ValidationError("channels 须为 名称 → 设置 的映射")
    liaisons = _mapping(data.get("liaisons"), "liaisons")
    try:
        return NotifyConfig(
            channels={str(k): _channel(str(k), raw, base, liaisons) for k, raw in raw_channels.items()},
            office=str(data.get("office", "督查室")),
            leader=str(data.get("leader", "分管领导")),
            retry=_retry(_mapping(data.get("retry"), "retry")),
            messages=_messages(_mapping(data.get("messages"), "messages")),
            max_wait_seconds=float(data.get("max_wait_seconds", 90)),
        )
    except (TypeError, ValueError) as exc:
        raise ValidationError(f"通知配置的设置无效：{exc}") from None


def _mapping(raw: Any, what: str) -> dict[str, Any]:
    if raw is None:
        return {}
    if not isinstance(raw, dict):
        raise ValidationError(f"{what} 须为映射")
    return {str(k): v for k, v in raw.items()}


def _retry(raw: dict[str, Any]) -> Retry:
    return Retry(
        max_attempts=int(raw.get("max_attempts", 5)),
        backoff=timedelta(seconds=float(raw.get("backoff_seconds", 300))),
        factor=float(raw.get("factor", 2.0)),
        max_backoff=timedelta(seconds=float(raw.get("max_backoff_seconds", 86400))),
    )


def _messages(raw: dict[str, Any]) -> Messages:
    return Messages(
        digest=bool(raw.get("digest", True)),
        per_item=PerItem(str(raw.get("per_item", "leader"))),
        due_soon_days=int(raw.get("due_soon_days", 3)),
        link=str(raw.get("link", "")).rstrip("/"),
        lookback_days=int(raw.get("lookback_days", 7)),
    )


def _rate(raw: Any, default: Rate) -> Rate:
    if raw is None:
        return default
    raw = _mapping(raw, "rate")
    return Rate(int(raw.get("count", 0)), float(raw.get("per_seconds", 60)))


def _channel(name: str, raw: Any, base: Path, liaisons: dict[str, Any]) -> Channel:
    if not isinstance(raw, dict):
        raise ValidationError(f"通道 {name} 的设置须为映射")
    kind = raw.get("type")
    try:
        if kind == "log":
            path = raw.get("path")
            return LogChannel(name=name, path=base / path if path else None)
        if kind == "smtp":
            return _smtp(name, raw, base)
        if kind == "webhook":
            return _webhook(name, raw, liaisons)
    except KeyError as exc:
        raise ValidationError(f"通道 {name} 缺少 {exc.args[0]}") from None
    except (TypeError, ValueError) as exc:
        raise ValidationError(f"通道 {name} 的设置无效：{exc}") from None
    raise ValidationError(f"通道 {name} 的类型 {kind!r} 无效（可选：log/smtp/webhook）")


def _smtp(name: str, raw: dict[str, Any], base: Path) -> SmtpChannel:
    security = str(raw.get("security", "none"))
    if security not in ("none", "starttls", "ssl"):
        raise ValueError(f"security {security!r}（可选：none/starttls/ssl）")
    ca_file = raw.get("ca_file")
    return SmtpChannel(
        name=name,
        host=str(raw["host"]),
        port=int(raw.get("port", 25)),
        sender=str(raw["sender"]),
        to={str(k): str(v) for k, v in (raw.get("to") or {}).items()},
        username=raw.get("username"),
        password=raw.get("password"),
        security=security,
        ca_file=base / str(ca_file) if ca_file else None,
        timeout=float(raw.get("timeout", 10)),
        rate=_rate(raw.get("rate"), Rate()),
    )


def _webhook(name: str, raw: dict[str, Any], liaisons: dict[str, Any]) -> WebhookChannel:
    fmt = WebhookFormat(str(raw.get("format", "json")))
    msgtype = str(raw.get("msgtype", "markdown"))
    if msgtype not in ("markdown", "text"):
        raise ValueError(f"msgtype {msgtype!r}（可选：markdown/text）")
    robot = fmt is not WebhookFormat.JSON
    mobiles = liaisons | _mapping(raw.get("mobiles"), "mobiles")
    return WebhookChannel(
        name=name,
        url=str(raw["url"]),
        format=fmt,
        secret=raw.get("secret"),
        msgtype=msgtype,
        mobiles={k: str(v) for k, v in mobiles.items()},
        timeout=float(raw.get("timeout", 10)),
        rate=_rate(raw.get("rate"), ROBOT_RATE if robot else Rate()),
        pause_seconds=float(raw.get("pause_seconds", ROBOT_PAUSE.get(fmt, 60.0))),
    )
