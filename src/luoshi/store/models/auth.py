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
