"""Supervision (督办): orders on a response clock, their append-only timeline, the notification outbox.

An order's state, stage and colour are not stored: they are derived from its events and a
policy (:mod:`luoshi.supervise.stages`). Appending an event counts it on the order, so its version
moves and concurrent writers conflict instead of losing an update.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import JSON, Date, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from luoshi.store.models.base import Base, IdMixin, Versioned
from luoshi.store.models.org import Unit

if TYPE_CHECKING:
    from luoshi.store.models.port import PublicRequest


class SupervisionOrder(IdMixin, Versioned, Base):
    """A supervision item (督办事项): what to fix, who leads, how urgent, on which clock."""

    __tablename__ = "supervision_orders"
    __label__ = "督办事项"

    title: Mapped[str] = mapped_column(String(500))
    detail: Mapped[str] = mapped_column(Text, default="")
    origin: Mapped[str] = mapped_column(String(20))  # task_problem | review | leader | enterprise | other
    level: Mapped[str] = mapped_column(String(10))  # ordinary | major
    policy: Mapped[str] = mapped_column(String(200))  # a built-in policy name or a YAML path
    task_id: Mapped[int | None] = mapped_column(ForeignKey("tasks.id", ondelete="SET NULL"), index=True)
    progress_report_id: Mapped[int | None] = mapped_column(
        ForeignKey("progress_reports.id", ondelete="SET NULL")
    )
    lead_unit_id: Mapped[int] = mapped_column(ForeignKey("units.id", ondelete="RESTRICT"), index=True)
    co_unit_ids: Mapped[list[int]] = mapped_column(JSON, default=list)
    leader: Mapped[str] = mapped_column(String(100), default="")  # the supervising leader (分管领导)
    raised_on: Mapped[date] = mapped_column(Date, index=True)
    raised_by: Mapped[str] = mapped_column(String(100))
    updated_at: Mapped[datetime]
    event_count: Mapped[int] = mapped_column(Integer, default=0)  # timeline length; moves the version
    parent_id: Mapped[int | None] = mapped_column(  # 转办: the city's order this one was handed down from
        ForeignKey("supervision_orders.id", ondelete="CASCADE"), index=True
    )

    lead_unit: Mapped[Unit] = relationship()
    events: Mapped[list[SupervisionEvent]] = relationship(
        back_populates="order", cascade="all, delete-orphan", order_by="SupervisionEvent.id"
    )
    # requests filed through the port that this item answers (their filers confirm its resolution)
    requests: Mapped[list[PublicRequest]] = relationship(back_populates="order", lazy="selectin")


class SupervisionEvent(IdMixin, Base):
    """One entry on an order's timeline; never updated.

    ``ladder_key`` is set for reminders, notices and escalations (order, kind: each step once per
    item) and is unique, so two escalation runs racing each other cannot both record the same rung.
    ``override`` is the office's reason for accepting past a rule (no response on record, 优秀
    after two ladder steps).
    """

    __tablename__ = "supervision_events"
    __label__ = "督办记录"

    order_id: Mapped[int] = mapped_column(ForeignKey("supervision_orders.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(30))
    happened_on: Mapped[date] = mapped_column(Date)
    actor: Mapped[str] = mapped_column(String(100))
    note: Mapped[str] = mapped_column(Text, default="")
    grade: Mapped[str | None] = mapped_column(String(10))
    stage: Mapped[str | None] = mapped_column(String(300))
    due: Mapped[date | None] = mapped_column(Date)
    milestones: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    ladder_key: Mapped[str | None] = mapped_column(String(400), unique=True)
    override: Mapped[str] = mapped_column(Text, default="")
    recorded_at: Mapped[datetime]

    order: Mapped[SupervisionOrder] = relationship(back_populates="events")


class OutboxMessage(IdMixin, Versioned, Base):
    """A notification waiting to go out (or sent). ``key`` makes each message unique.

    Delivery bookkeeping (attempts, errors) is not audited; the events that caused a message are.
    """

    __tablename__ = "outbox"
    __label__ = "待发通知"
    __audited__ = False

    key: Mapped[str] = mapped_column(String(400), unique=True)
    channel: Mapped[str] = mapped_column(String(50), index=True)
    recipient: Mapped[str] = mapped_column(String(500))
    subject: Mapped[str] = mapped_column(String(300))
    body: Mapped[str] = mapped_column(Text)
    order_id: Mapped[int | None] = mapped_column(
        ForeignKey("supervision_orders.id", ondelete="SET NULL"), index=True
    )
    created_at: Mapped[datetime]
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[datetime] = mapped_column(index=True)
    sent_at: Mapped[datetime | None] = mapped_column(index=True)
    last_error: Mapped[str] = mapped_column(String(500), default="")


class TaskAcceptance(IdMixin, Versioned, Base):
    """The office's acceptance (验收销号) of a finished task, with a grade."""

    __tablename__ = "task_acceptances"
    __label__ = "任务验收"

    task_id: Mapped[int] = mapped_column(ForeignKey("tasks.id", ondelete="CASCADE"), unique=True)
    accepted_on: Mapped[date] = mapped_column(Date)
    grade: Mapped[str] = mapped_column(String(10))
    note: Mapped[str] = mapped_column(Text, default="")
    accepted_by: Mapped[str] = mapped_column(String(100))
    recorded_at: Mapped[datetime]


class TaskReturn(IdMixin, Base):
    """The office sends a task reported done back to its unit (退回重办), with the reason; never updated.

    ``after_report_id`` is the newest progress report when it was returned: only a later report
    answers the return (ids, not clocks, order them).
    """

    __tablename__ = "task_returns"
    __label__ = "任务退回"

    task_id: Mapped[int] = mapped_column(ForeignKey("tasks.id", ondelete="CASCADE"), index=True)
    returned_on: Mapped[date] = mapped_column(Date)
    reason: Mapped[str] = mapped_column(Text)
    returned_by: Mapped[str] = mapped_column(String(100))
    after_report_id: Mapped[int | None] = mapped_column(Integer)
    recorded_at: Mapped[datetime]
