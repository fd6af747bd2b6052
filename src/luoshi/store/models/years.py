"""The seam between years: year-end decisions (完成/未完成/结转), frozen year reviews, restated links."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, Float, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from luoshi.store.models.base import Base, IdMixin, Versioned


class YearDecision(IdMixin, Versioned, Base):
    """What the office decided at the year's end for a task not 销号: done (accepted late),
    undone (with a reason) or carried (结转, ``carried_task_id`` is its task in the next year)."""

    __tablename__ = "year_decisions"
    __label__ = "年终认定"

    task_id: Mapped[int] = mapped_column(ForeignKey("tasks.id", ondelete="CASCADE"), unique=True)
    year: Mapped[int] = mapped_column(Integer, index=True)
    decision: Mapped[str] = mapped_column(String(10))  # done | undone | carried
    reason: Mapped[str] = mapped_column(Text, default="")
    decided_by: Mapped[str] = mapped_column(String(100))
    decided_on: Mapped[date] = mapped_column(Date)
    carried_task_id: Mapped[int | None] = mapped_column(ForeignKey("tasks.id", ondelete="SET NULL"))
    recorded_at: Mapped[datetime]


class YearClosure(IdMixin, Base):
    """A closed year: its review, scores and decisions frozen as canonical JSON with its SHA-256."""

    __tablename__ = "year_closures"
    __label__ = "年度关账"

    year: Mapped[int] = mapped_column(Integer, unique=True)
    as_of: Mapped[date] = mapped_column(Date)
    document: Mapped[str] = mapped_column(Text)  # canonical JSON (sorted keys, no spaces)
    sha256: Mapped[str] = mapped_column(String(64))
    closed_by: Mapped[str] = mapped_column(String(100))
    closed_at: Mapped[datetime]


class TaskLink(IdMixin, Versioned, Base):
    """A proposed link: a new report's task that restates a task carried into its year."""

    __tablename__ = "task_links"
    __label__ = "跨年关联"
    __table_args__ = (UniqueConstraint("task_id", "carried_id"),)

    task_id: Mapped[int] = mapped_column(ForeignKey("tasks.id", ondelete="CASCADE"), index=True)
    carried_id: Mapped[int | None] = mapped_column(  # gone once confirmed: merged into ``task_id``
        ForeignKey("tasks.id", ondelete="SET NULL"), index=True
    )
    origin_id: Mapped[int | None] = mapped_column(ForeignKey("tasks.id", ondelete="SET NULL"))
    year: Mapped[int] = mapped_column(Integer, index=True)
    similarity: Mapped[float] = mapped_column(Float)
    state: Mapped[str] = mapped_column(String(10), default="proposed")  # proposed | confirmed | rejected
    decided_by: Mapped[str] = mapped_column(String(100), default="")
    decided_on: Mapped[date | None] = mapped_column(Date)
