"""Holiday schedules imported into the ledger (one row per year; a re-import replaces it, audited)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from luoshi.store.models.base import Base, IdMixin, Versioned


class HolidaySchedule(IdMixin, Versioned, Base):
    """A year's holidays and make-up working days, as ``luoshi calendar import`` read them."""

    __tablename__ = "holiday_schedules"
    __label__ = "节假日安排"

    year: Mapped[int] = mapped_column(Integer, unique=True)
    title: Mapped[str] = mapped_column(Text)
    holidays: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)  # name, start, end (ISO)
    workdays: Mapped[list[str]] = mapped_column(JSON, default=list)  # ISO dates of 调休上班
    imported_by: Mapped[str] = mapped_column(String(100))
    imported_at: Mapped[datetime]
