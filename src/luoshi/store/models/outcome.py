"""Outcomes a user enters where no stored report states them (统计公报, 部门报送 …), with their source."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Float, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from luoshi.store.models.base import Base, IdMixin, Versioned


class Outcome(IdMixin, Versioned, Base):
    """A region's actual value of one indicator for one year; verdicts are derived on read."""

    __tablename__ = "outcomes"
    __label__ = "实际数"
    __table_args__ = (UniqueConstraint("region", "year", "indicator", "metric"),)

    region: Mapped[str] = mapped_column(String(100), index=True)
    year: Mapped[int] = mapped_column(Integer)
    indicator: Mapped[str] = mapped_column(String(200))
    metric: Mapped[str] = mapped_column(String(10))  # level | growth | share … (document.Metric)
    value: Mapped[float] = mapped_column(Float)
    unit: Mapped[str] = mapped_column(String(50))
    source: Mapped[str] = mapped_column(Text)  # where the figure comes from; required
    entered_by: Mapped[str] = mapped_column(String(100))
    entered_at: Mapped[datetime]
