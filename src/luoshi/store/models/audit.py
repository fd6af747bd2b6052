"""The audit trail: one append-only row per change (who, when, what, before → after)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from luoshi.store.models.base import Base, IdMixin


class AuditEvent(IdMixin, Base):
    """A change to one row. Written by the session's flush hook; never updated or deleted."""

    __tablename__ = "audit_events"
    __audited__ = False
    __label__ = "审计记录"
    __table_args__ = (Index("ix_audit_events_entity", "entity", "entity_id"),)

    at: Mapped[datetime] = mapped_column(index=True)
    actor: Mapped[str] = mapped_column(String(100))
    entity: Mapped[str] = mapped_column(String(50))  # table name
    entity_id: Mapped[int] = mapped_column(Integer)
    task_id: Mapped[int | None] = mapped_column(Integer, index=True)  # the task it belongs to, if any
    action: Mapped[str] = mapped_column(String(10))  # insert | update | delete
    before: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    after: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    note: Mapped[str] = mapped_column(String(500), default="")
