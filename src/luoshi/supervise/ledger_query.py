"""Ledger filters, search and sort: one query object that pages, the API and exports all apply."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict, dataclass
from datetime import date
from operator import attrgetter
from typing import Any
from urllib.parse import urlencode

from luoshi.supervise.snapshot import TaskRow

SORT_KEYS = ("ordinal", "deadline", "section", "lead_unit", "state", "progress", "latest_on", "overdue_days")
STATE_ORDER = {
    "overdue": 0, "missing": 1, "behind": 2, "not_started": 3, "on_track": 4, "done": 5, "closed": 6,
}  # fmt: skip


@dataclass(frozen=True, slots=True)
class LedgerQuery:
    """What the ledger shows: every field optional; ``q`` is a substring search."""

    q: str = ""
    section: str = ""
    unit: int | None = None
    state: str = ""
    colour: str = ""
    due_from: date | None = None
    due_to: date | None = None
    report: int | None = None
    sort: str = "ordinal"
    desc: bool = False

    def matches(self, row: TaskRow) -> bool:
        return (
            (not self.section or row.section == self.section)
            and (self.unit is None or self.unit in row.unit_ids)
            and (not self.state or row.state == self.state)
            and (not self.colour or row.colour == self.colour)
            and (self.due_from is None or row.deadline >= self.due_from)
            and (self.due_to is None or row.deadline <= self.due_to)
            and (self.report is None or row.report_id == self.report)
            and (not self.q or _found(self.q, row))
        )

    def apply(self, rows: list[TaskRow]) -> list[TaskRow]:
        found = [r for r in rows if self.matches(r)]
        key = self.sort if self.sort in SORT_KEYS else "ordinal"
        return sorted(found, key=_sort_key(key), reverse=self.desc)

    def params(self, **changes: object) -> str:
        """The query string for this query with ``changes`` (for sort links and export links)."""
        values = {**asdict(self), **changes}
        return urlencode({k: _param(v) for k, v in values.items() if v not in (None, "", False)})


def _found(needle: str, row: TaskRow) -> bool:
    haystack = " ".join((row.text, row.indicator, row.section, row.theme, row.lead_unit, *row.co_units))
    return all(word in haystack for word in needle.split())


def _sort_key(key: str) -> Callable[[TaskRow], Any]:
    """The sort key for a column: a plain column (never empty) straight from the row, in C
    (``attrgetter``: some ten thousand rows are sorted again after every write); the others by
    :func:`_sort_value`."""
    if key in ("state", "progress", "latest_on"):
        return lambda r: _sort_value(r, key)
    return attrgetter(key, "id")


def _sort_value(row: TaskRow, key: str) -> tuple[int, object, int]:
    value: object
    if key == "state":
        value = STATE_ORDER.get(row.state, 9)
    elif key in ("progress", "latest_on"):
        raw = getattr(row, key)
        return (1, 0, row.id) if raw is None else (0, raw, row.id)
    else:
        value = getattr(row, key)
    return (0, value, row.id)


def _param(value: object) -> str:
    if value is True:
        return "1"
    return value.isoformat() if isinstance(value, date) else str(value)
