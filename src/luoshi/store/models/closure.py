"""Closed means closed: deadline extensions (延期申请) and reopened acceptances (撤销销号).

Both are facts kept for good: an extension keeps the old date, the new one, the unit's reason and
the office's decision; a reopening keeps the acceptance it undid, with the office's reason.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, Date, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from luoshi.store.models.base import Base, IdMixin, Versioned


class DeadlineExtension(IdMixin, Versioned, Base):
    """A unit's request to move a task's deadline or an item's timetable, and the office's decision.

    Exactly one of ``task_id`` / ``order_id`` is set. ``state`` is pending, approved or refused.
    """

    __tablename__ = "deadline_extensions"
    __label__ = "延期申请"

    task_id: Mapped[int | None] = mapped_column(ForeignKey("tasks.id", ondelete="CASCADE"), index=True)
    order_id: Mapped[int | None] = mapped_column(
        ForeignKey("supervision_orders.id", ondelete="CASCADE"), index=True
    )
    old_due: Mapped[date] = mapped_column(Date)
    new_due: Mapped[date] = mapped_column(Date)
    milestones: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)  # items: new nodes
    reason: Mapped[str] = mapped_column(Text)
    requested_by: Mapped[str] = mapped_column(String(100))
    requested_on: Mapped[date] = mapped_column(Date)
    state: Mapped[str] = mapped_column(String(10), default="pending")
    decided_by: Mapped[str] = mapped_column(String(100), default="")
    decided_on: Mapped[date | None] = mapped_column(Date)
    decision_note: Mapped[str] = mapped_column(Text, default="")
    recorded_at: Mapped[datetime]


class TaskReopening(IdMixin, Base):
    """The office reopens an accepted task (撤销销号), with its reason; keeps the acceptance undone."""

    __tablename__ = "task_reopenings"
    __label__ = "撤销销号"

    task_id: Mapped[int] = mapped_column(ForeignKey("tasks.id", ondelete="CASCADE"), index=True)
    reopened_on: Mapped[date] = mapped_column(Date)
    reason: Mapped[str] = mapped_column(Text)
    reopened_by: Mapped[str] = mapped_column(String(100))
    accepted_on: Mapped[date] = mapped_column(Date)
    grade: Mapped[str] = mapped_column(String(10))
    accepted_by: Mapped[str] = mapped_column(String(100))
    acceptance_note: Mapped[str] = mapped_column(Text, default="")
    recorded_at: Mapped[datetime]
