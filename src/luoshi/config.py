"""One settings object; the only place that reads the environment (``LUOSHI_*``, then ``.env``)."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import AliasChoices, Field, PositiveInt, field_validator, model_validator
from pydantic import ValidationError as PydanticError
from pydantic_settings import BaseSettings, SettingsConfigDict

from luoshi.errors import ValidationError

MIN_SECRET = 32  # characters a production signing key must have
PLACEHOLDER_SECRETS = frozenset({"changeme", "change-me", "secret", "please-change-me"})


class Settings(BaseSettings):
    """Every setting, validated here; each field is read from ``LUOSHI_<NAME>`` (``LUOSHI_ENV`` for
    ``environment``)."""

    model_config = SettingsConfigDict(
        env_prefix="LUOSHI_", env_file=".env", env_file_encoding="utf-8", extra="ignore", frozen=True,
        populate_by_name=True,
    )  # fmt: skip

    data_dir: Path = Field(default_factory=lambda: Path.cwd() / "data")
    database_url: str = ""
    max_input_bytes: PositiveInt = 50 * 1024 * 1024  # larger report files are refused
    secret_key: str = ""
    environment: Literal["development", "production"] = Field(
        default="development", validation_alias=AliasChoices("environment", "LUOSHI_ENV")
    )
    today: date | None = None  # a fixed "today" for demos and tests, set at start-up; never in production
    token_days: PositiveInt = 90  # API tokens expire after this many days
    login_failures_per_account: PositiveInt = 5  # failed logins per user name per window
    login_failures_per_address: PositiveInt = 20  # failed logins per client address per window
    login_window_seconds: PositiveInt = 300
    forwarded_allow_ips: str = (
        ""  # proxies whose X-Forwarded-For is trusted (comma-separated); none by default
    )
    log_format: Literal["text", "json"] = "text"  # "json": one JSON object per log line
    metrics_token: str = ""  # /metrics answers only a bearer of this token; empty: /metrics is off
    display_timezone: str = "Asia/Shanghai"  # times are stored in UTC and shown in this zone
    port_per_address: PositiveInt = 5  # 诉求 port: requests a day from one client address
    port_per_contact: PositiveInt = 3  # 诉求 port: requests a day from one phone number or e-mail
    port_retention_days: PositiveInt = 1095  # filers' contacts are erased this long after filing, once ended
    print_office: str = ""  # 发文机关 on printed documents; empty: 〈region〉人民政府督查室 from the ledger
    print_code: str = ""  # 机关代字 of the 发文字号; empty: the region's first character + 政督
    print_contact: str = ""  # 附注 on printed documents, e.g. 联系人：张三，电话：0353-2020000

    @field_validator("display_timezone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError(f"未知的时区“{value}”（例如 Asia/Shanghai）") from None
        return value

    @property
    def resolved_database_url(self) -> str:
        return self.database_url or f"sqlite:///{self.data_dir / 'luoshi.sqlite3'}"

    @model_validator(mode="after")
    def _production_rules(self) -> Settings:
        if self.environment != "production":
            return self
        if self.secret_key and (len(self.secret_key) < MIN_SECRET or self.secret_key in PLACEHOLDER_SECRETS):
            raise ValueError(f"生产环境的 LUOSHI_SECRET_KEY 须为不少于 {MIN_SECRET} 个随机字符")
        if self.today is not None:
            raise ValueError("生产环境不得设置 LUOSHI_TODAY（固定日期只用于演示和测试）")
        return self


def load_settings(**overrides: object) -> Settings:
    """Settings from the environment (LUOSHI_*), with explicit overrides on top; one clear line if invalid."""
    try:
        return Settings(**{k: v for k, v in overrides.items() if v is not None})  # type: ignore[arg-type]
    except PydanticError as exc:
        raise ValidationError(_one_line(exc)) from None


def _one_line(exc: PydanticError) -> str:
    first = exc.errors()[0]
    field = str(first["loc"][0]) if first["loc"] else ""
    name = "LUOSHI_ENV" if field == "environment" else f"LUOSHI_{field.upper()}"
    message = str(first["msg"]).removeprefix("Value error, ")
    return f"设置 {name} 无效：{message}" if field else f"设置无效：{message}"
