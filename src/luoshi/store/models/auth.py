"""API tokens: bearer credentials for the JSON API, stored only as SHA-256 digests."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from luoshi.store.models.base import Base, IdMixin


class ApiToken(IdMixin, Base):
    """A bearer token for one user; the token is shown once, only its digest is kept."""

    __tablename__ = "api_tokens"
    __label__ = "接口令牌"

    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    digest: Mapped[str] = mapped_column(String(64), unique=True)
    name: Mapped[str] = mapped_column(String(100), default="")
    created_at: Mapped[datetime]
    revoked: Mapped[bool] = mapped_column(default=False)
    expires_at: Mapped[datetime | None]  # None (issued before 0011): created_at + LUOSHI_TOKEN_DAYS


class LoginFailure(IdMixin, Base):
    """One failed sign-in, under a key (``account:<name>`` or ``address:<ip>``): counts shared by workers."""

    __tablename__ = "login_failures"
    __audited__ = False
    __label__ = "登录失败记录"

    key: Mapped[str] = mapped_column(String(200), index=True)
    at: Mapped[datetime] = mapped_column(index=True)
