"""Which report years the ledger holds (the year picker, the default year)."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from luoshi.store.models import Report, Task


def ledger_years(session: Session) -> list[int]:
    """Every year that has a report or a task (a carried task opens the next year), ascending."""
    found = set(session.scalars(select(Task.year).distinct())) | set(
        session.scalars(select(Report.year).distinct())
    )
    return sorted(int(y) for y in found if y is not None)


def default_year(years: list[int], this_year: int) -> int:
    """The latest year adopted by ``this_year`` (a ledger looked at in June 2023 shows 2023 even when
    2024's plan is loaded); the earliest when all are later; ``this_year`` for an empty ledger."""
    earlier = [y for y in years if y <= this_year]
    if earlier:
        return max(earlier)
    return min(years) if years else this_year
