"""One settings object; the only place that reads the environment."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from luoshi.errors import ValidationError


def _default_data_dir() -> Path:
    return Path(os.environ.get("LUOSHI_DATA_DIR") or Path.cwd() / "data")


@dataclass(frozen=True, slots=True)
class Settings:
    data_dir: Path = field(default_factory=_default_data_dir)
    database_url: str = ""
    max_input_bytes: int = 50 * 1024 * 1024  # larger report files are refused
    secret_key: str = ""
    environment: str = "development"  # or "production": placeholder secrets are refused there
    log_format: str = "text"  # or "json": one JSON object per log line
    metrics_token: str = ""  # /metrics answers only a bearer of this token; empty: /metrics is off

    @property
    def resolved_database_url(self) -> str:
        return self.database_url or f"sqlite:///{self.data_dir / 'luoshi.sqlite3'}"


def _positive_int(name: str, raw: str) -> int:
    if not raw.strip().isdigit() or int(raw) <= 0:
        raise ValidationError(f"环境变量 {name} 应为正整数，现为 {raw!r}")
    return int(raw)


def _choice(name: str, allowed: tuple[str, ...]) -> str:
    """The variable's value, one of ``allowed`` (the first when unset)."""
    raw = os.environ.get(name) or allowed[0]
    if raw not in allowed:
        raise ValidationError(f"环境变量 {name} 应为 {' 或 '.join(allowed)}，现为 {raw!r}")
    return raw


def load_settings(**overrides: object) -> Settings:
    """Settings from the environment (LUOSHI_*), with explicit overrides on top."""
    env = {
        "database_url": os.environ.get("LUOSHI_DATABASE_URL", ""),
        "secret_key": os.environ.get("LUOSHI_SECRET_KEY", ""),
        "environment": os.environ.get("LUOSHI_ENV", "development"),
        "metrics_token": os.environ.get("LUOSHI_METRICS_TOKEN", ""),
        "log_format": _choice("LUOSHI_LOG_FORMAT", ("text", "json")),
    }
    if size := os.environ.get("LUOSHI_MAX_INPUT_BYTES"):
        env["max_input_bytes"] = _positive_int("LUOSHI_MAX_INPUT_BYTES", size)  # type: ignore[assignment]
    env.update({k: v for k, v in overrides.items() if v is not None})  # type: ignore[misc]
    return Settings(**env)  # type: ignore[arg-type]
