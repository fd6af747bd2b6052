"""Notification settings (a YAML file): channels, who the office and the leader are, retry backoff.

Without a file, notifications go to the log channel only. See ``docs/supervision.md``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path
from typing import Any

from luoshi.errors import ValidationError
from luoshi.supervise.notify.channels import (
    Channel,
    LogChannel,
    SmtpChannel,
    WebhookChannel,
    WebhookFormat,
)


@dataclass(frozen=True, slots=True)
class Retry:
    max_attempts: int = 5
    backoff: timedelta = timedelta(minutes=5)
    factor: float = 2.0
    max_backoff: timedelta = timedelta(days=1)

    def delay(self, attempts: int) -> timedelta:
        """Wait after the ``attempts``-th failed try: backoff × factor^(attempts−1), capped."""
        return min(self.backoff * (self.factor ** max(attempts - 1, 0)), self.max_backoff)


@dataclass(slots=True)
class NotifyConfig:
    channels: dict[str, Channel] = field(default_factory=lambda: {"log": LogChannel()})
    office: str = "督查室"  # who "office" is in the ladder's notify lists
    leader: str = "分管领导"  # the supervising leader when an order names none
    retry: Retry = field(default_factory=Retry)


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
        raise ValidationError("通知配置须为映射（channels, office, leader, retry）")
    raw_channels = data.get("channels") or {"log": {"type": "log"}}
    if not isinstance(raw_channels, dict):
        raise ValidationError("channels 须为 名称 → 设置 的映射")
    retry = data.get("retry") or {}
    return NotifyConfig(
        channels={str(name): _channel(str(name), raw, base) for name, raw in raw_channels.items()},
        office=str(data.get("office", "督查室")),
        leader=str(data.get("leader", "分管领导")),
        retry=Retry(
            max_attempts=int(retry.get("max_attempts", 5)),
            backoff=timedelta(seconds=float(retry.get("backoff_seconds", 300))),
            factor=float(retry.get("factor", 2.0)),
            max_backoff=timedelta(seconds=float(retry.get("max_backoff_seconds", 86400))),
        ),
    )


def _channel(name: str, raw: Any, base: Path) -> Channel:
    if not isinstance(raw, dict):
        raise ValidationError(f"通道 {name} 的设置须为映射")
    kind = raw.get("type")
    try:
        if kind == "log":
            path = raw.get("path")
            return LogChannel(name=name, path=base / path if path else None)
        if kind == "smtp":
            return SmtpChannel(
                name=name,
                host=str(raw["host"]),
                port=int(raw.get("port", 25)),
                sender=str(raw["sender"]),
                to={str(k): str(v) for k, v in (raw.get("to") or {}).items()},
                username=raw.get("username"),
                password=raw.get("password"),
                security=str(raw.get("security", "none")),
                timeout=float(raw.get("timeout", 10)),
            )
        if kind == "webhook":
            return WebhookChannel(
                name=name,
                url=str(raw["url"]),
                format=WebhookFormat(str(raw.get("format", "json"))),
                secret=raw.get("secret"),
                timeout=float(raw.get("timeout", 10)),
            )
    except KeyError as exc:
        raise ValidationError(f"通道 {name} 缺少 {exc.args[0]}") from None
    except ValueError as exc:
        raise ValidationError(f"通道 {name} 的设置无效：{exc}") from None
    raise ValidationError(f"通道 {name} 的类型 {kind!r} 无效（可选：log/smtp/webhook）")
