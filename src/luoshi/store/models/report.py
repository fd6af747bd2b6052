"""A stored report: its versions, text, outline and quantities."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from luoshi.store.models.base import Base, IdMixin


class Report(IdMixin, Base):
    """One version of a region's work report for a year; content is identified by sha256."""

    __tablename__ = "reports"
    __label__ = "报告"
    __table_args__ = (UniqueConstraint("region", "year", "version"),)

    sha256: Mapped[str] = mapped_column(String(64), unique=True)
    region: Mapped[str] = mapped_column(String(100), index=True)
    year: Mapped[int] = mapped_column(Integer, index=True)
    version: Mapped[int] = mapped_column(Integer, default=1)
    level: Mapped[str | None] = mapped_column(String(20))
    title: Mapped[str | None] = mapped_column(String(300))
    delivered_on: Mapped[date | None] = mapped_column(Date)
    speaker: Mapped[str | None] = mapped_column(String(100))
    source: Mapped[str | None] = mapped_column(String(1000))
    format: Mapped[str | None] = mapped_column(String(10))
    demo: Mapped[bool] = mapped_column(Boolean, default=False)
    ingested_at: Mapped[datetime]
    ingested_by: Mapped[str] = mapped_column(String(100))
    unit_id: Mapped[int | None] = mapped_column(  # 上下联动: the unit (a county) whose report it is
        ForeignKey("units.id", ondelete="RESTRICT"), index=True
    )

    text: Mapped[ReportText] = relationship(back_populates="report", cascade="all, delete-orphan")
    parts: Mapped[list[Part]] = relationship(
        back_populates="report", cascade="all, delete-orphan", order_by="Part.id"
    )
    quantities: Mapped[list[Quantity]] = relationship(
        back_populates="report", cascade="all, delete-orphan", order_by="Quantity.ordinal"
    )


class ReportText(Base):
    """The text as read and as cleaned, with the clean → original offset map (int32, little-endian)."""

    __tablename__ = "report_texts"
    __audited__ = False  # large and immutable; the report's own event records the ingest

    report_id: Mapped[int] = mapped_column(ForeignKey("reports.id", ondelete="CASCADE"), primary_key=True)
    original: Mapped[str] = mapped_column(Text)
    clean: Mapped[str] = mapped_column(Text)
    offset_map: Mapped[bytes] = mapped_column(LargeBinary)

    report: Mapped[Report] = relationship(back_populates="text")


class Part(IdMixin, Base):
    """A top-level part (一、二、三、) with its review/plan kind; spans index the clean text."""

    __tablename__ = "parts"
    __audited__ = False

    report_id: Mapped[int] = mapped_column(ForeignKey("reports.id", ondelete="CASCADE"), index=True)
    number: Mapped[int] = mapped_column(Integer)
    title: Mapped[str] = mapped_column(String(500))
    kind: Mapped[str] = mapped_column(String(10))
    year: Mapped[int | None] = mapped_column(Integer)
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)

    report: Mapped[Report] = relationship(back_populates="parts")
    sections: Mapped[list[Section]] = relationship(
        back_populates="part", cascade="all, delete-orphan", order_by="Section.id"
    )


class Section(IdMixin, Base):
    """A numbered section ((一)…(十)) inside a part; spans index the clean text."""

    __tablename__ = "sections"
    __audited__ = False

    part_id: Mapped[int] = mapped_column(ForeignKey("parts.id", ondelete="CASCADE"), index=True)
    number: Mapped[int] = mapped_column(Integer)
    title: Mapped[str] = mapped_column(String(500))
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    themes: Mapped[list[str]] = mapped_column(JSON, default=list)

    part: Mapped[Part] = relationship(back_populates="sections")


class Quantity(IdMixin, Base):
    """One number the report states; ``start``/``end`` index the original text."""

    __tablename__ = "quantities"
    __audited__ = False
    __table_args__ = (
        UniqueConstraint("report_id", "ordinal"),
        Index("ix_quantities_indicator_year", "indicator", "year"),
    )

    report_id: Mapped[int] = mapped_column(ForeignKey("reports.id", ondelete="CASCADE"), index=True)
    ordinal: Mapped[int] = mapped_column(Integer)  # position in the report's list
    part: Mapped[str] = mapped_column(String(10))
    section: Mapped[str | None] = mapped_column(String(500))
    theme: Mapped[str | None] = mapped_column(String(500))
    indicator: Mapped[str] = mapped_column(String(200))
    canonical_indicator: Mapped[str | None] = mapped_column(String(200), index=True)
    metric: Mapped[str] = mapped_column(String(10))
    value: Mapped[float] = mapped_column(Float)
    value_high: Mapped[float | None] = mapped_column(Float)
    unit: Mapped[str] = mapped_column(String(50))
    modifier: Mapped[str] = mapped_column(String(10))
    year: Mapped[int | None] = mapped_column(Integer)
    deadline: Mapped[date | None] = mapped_column(Date)
    headline_target: Mapped[bool] = mapped_column(Boolean, default=False)
    written: Mapped[str] = mapped_column(String(200), default="")  # the number as written
    sentence: Mapped[str] = mapped_column(Text)
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    places: Mapped[list[str]] = mapped_column(JSON, default=list)
    bodies: Mapped[list[str]] = mapped_column(JSON, default=list)

    report: Mapped[Report] = relationship(back_populates="quantities")

    def to_dict(self) -> dict[str, Any]:
        return {c.key: getattr(self, c.key) for c in self.__table__.columns}
