"""The ledger (台账): tasks with targets and deadlines, their milestones, assignments and progress."""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    Float,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from luoshi.store.models.base import Base, IdMixin, Versioned
from luoshi.store.models.org import Unit

if TYPE_CHECKING:
    from luoshi.store.models.report import Report


class Task(IdMixin, Versioned, Base):
    """A ledger row: a plan commitment with its target, deadline and reporting cadence."""

    __tablename__ = "tasks"
    __label__ = "任务"
    __table_args__ = (UniqueConstraint("report_id", "ordinal"),)

    report_id: Mapped[int] = mapped_column(ForeignKey("reports.id", ondelete="CASCADE"), index=True)
    ordinal: Mapped[int] = mapped_column(Integer)  # position in the report's task list
    text: Mapped[str] = mapped_column(Text)
    part: Mapped[str] = mapped_column(String(10))
    section: Mapped[str | None] = mapped_column(String(500), index=True)
    theme: Mapped[str | None] = mapped_column(String(500))
    verb: Mapped[str] = mapped_column(String(20), default="")
    start: Mapped[int] = mapped_column(Integer)  # original offsets of the clause
    end: Mapped[int] = mapped_column(Integer)
    places: Mapped[list[str]] = mapped_column(JSON, default=list)
    bodies: Mapped[list[str]] = mapped_column(JSON, default=list)
    deadline: Mapped[date] = mapped_column(Date, index=True)
    deadline_source: Mapped[str] = mapped_column(String(10))  # text | year_end | manual | fengong
    main_quantity_id: Mapped[int | None] = mapped_column(ForeignKey("quantities.id", ondelete="SET NULL"))
    target_value: Mapped[float | None] = mapped_column(Float)
    target_value_high: Mapped[float | None] = mapped_column(Float)
    target_unit: Mapped[str | None] = mapped_column(String(50))
    target_modifier: Mapped[str | None] = mapped_column(String(10))
    indicator: Mapped[str | None] = mapped_column(String(200))
    cadence: Mapped[str] = mapped_column(String(10), default="monthly")  # monthly | quarterly | none
    due_day: Mapped[int] = mapped_column(Integer, default=5)  # report due on this day after the period
    starts_on: Mapped[date] = mapped_column(Date)  # the period the target is measured over
    quantity_ids: Mapped[list[int]] = mapped_column(JSON, default=list)
    leader: Mapped[str | None] = mapped_column(String(100))  # 牵头领导 (a post) named by the breakdown
    year: Mapped[int | None] = mapped_column(Integer, index=True)  # the ledger year (结转: the next one)
    origin_id: Mapped[int | None] = mapped_column(  # the earlier year's task this one continues
        ForeignKey("tasks.id", ondelete="SET NULL"), index=True
    )
    # 转办: the higher level's task this one was handed down from, and the unit (a county) it went to
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("tasks.id", ondelete="CASCADE"), index=True)
    handed_to_id: Mapped[int | None] = mapped_column(ForeignKey("units.id", ondelete="RESTRICT"))

    milestones: Mapped[list[Milestone]] = relationship(
        back_populates="task", cascade="all, delete-orphan", order_by="Milestone.due"
    )
    assignments: Mapped[list[Assignment]] = relationship(back_populates="task", cascade="all, delete-orphan")
    progress: Mapped[list[ProgressReport]] = relationship(
        back_populates="task", cascade="all, delete-orphan", order_by="ProgressReport.id"
    )
    report: Mapped[Report] = relationship(viewonly=True)  # reports are due from its adoption

    def copy(self, **changes: object) -> Task:
        """A new, unsaved task with this one's columns (lists copied; not its id or version) and
        ``changes`` on top: a task carried into the next year (结转) or handed down (转办)."""
        values = {
            c.key: list(v) if isinstance(v := getattr(self, c.key), list) else v
            for c in self.__table__.columns
            if c.key not in ("id", "version")
        }
        return Task(**(values | changes))


class Milestone(IdMixin, Versioned, Base):
    """A dated step of a task (optionally with a value to reach by then)."""

    __tablename__ = "milestones"
    __label__ = "节点"

    task_id: Mapped[int] = mapped_column(ForeignKey("tasks.id", ondelete="CASCADE"), index=True)
    title: Mapped[str] = mapped_column(String(500))
    due: Mapped[date] = mapped_column(Date)
    target_value: Mapped[float | None] = mapped_column(Float)
    done_on: Mapped[date | None] = mapped_column(Date)

    task: Mapped[Task] = relationship(back_populates="milestones")


class Assignment(IdMixin, Versioned, Base):
    """A unit responsible for a task: lead (牵头) or co (配合); proposed until confirmed."""

    __tablename__ = "assignments"
    __label__ = "责任分工"
    __table_args__ = (UniqueConstraint("task_id", "unit_id"),)

    task_id: Mapped[int] = mapped_column(ForeignKey("tasks.id", ondelete="CASCADE"), index=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id", ondelete="RESTRICT"), index=True)
    role: Mapped[str] = mapped_column(String(10))  # lead | co
    confirmed: Mapped[bool] = mapped_column(Boolean, default=False)
    source: Mapped[str] = mapped_column(String(10))  # auto | manual | fengong (the breakdown)
    reason: Mapped[str] = mapped_column(String(500), default="")
    assigned_by: Mapped[str] = mapped_column(String(100))
    assigned_at: Mapped[datetime]
    confirmed_by: Mapped[str | None] = mapped_column(String(100))
    confirmed_at: Mapped[datetime | None]

    task: Mapped[Task] = relationship(back_populates="assignments")
    unit: Mapped[Unit] = relationship()


class ProgressReport(IdMixin, Versioned, Base):
    """What a unit reported for a period: value to date, narrative, problems, evidence."""

    __tablename__ = "progress_reports"
    __label__ = "进展报告"

    task_id: Mapped[int] = mapped_column(ForeignKey("tasks.id", ondelete="CASCADE"), index=True)
    period: Mapped[str] = mapped_column(String(10), index=True)  # 2023-05 | 2023-Q2 | 2023-05-14
    as_of: Mapped[date] = mapped_column(Date)  # the day the figures describe
    value: Mapped[float | None] = mapped_column(Float)
    narrative: Mapped[str] = mapped_column(Text, default="")
    problems: Mapped[str] = mapped_column(Text, default="")
    done: Mapped[bool] = mapped_column(Boolean, default=False)  # the unit declares the task complete
    reporter: Mapped[str] = mapped_column(String(100))
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("units.id", ondelete="SET NULL"))
    reported_at: Mapped[datetime]
    demo: Mapped[bool] = mapped_column(Boolean, default=False)
    percent: Mapped[float | None] = mapped_column(Float)  # self-assessed share done, 0–100
    percent_checked: Mapped[float | None] = mapped_column(Float)  # the office's accepted or corrected figure
    percent_checked_by: Mapped[str | None] = mapped_column(String(100))
    percent_checked_on: Mapped[date | None] = mapped_column(Date)
    percent_check_note: Mapped[str | None] = mapped_column(Text)  # why the office corrected (or confirmed) it

    task: Mapped[Task] = relationship(back_populates="progress")
    evidence: Mapped[list[Evidence]] = relationship(
        back_populates="progress_report", cascade="all, delete-orphan", order_by="Evidence.id"
    )


class Evidence(IdMixin, Base):
    """A file attached to a progress report, stored by content hash under the data folder."""

    __tablename__ = "evidence"
    __label__ = "佐证材料"

    progress_report_id: Mapped[int] = mapped_column(
        ForeignKey("progress_reports.id", ondelete="CASCADE"), index=True
    )
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    name: Mapped[str] = mapped_column(String(255))
    size: Mapped[int] = mapped_column(Integer)
    media_type: Mapped[str] = mapped_column(String(100))
    uploaded_by: Mapped[str] = mapped_column(String(100))
    uploaded_at: Mapped[datetime]

    progress_report: Mapped[ProgressReport] = relationship(back_populates="evidence")
