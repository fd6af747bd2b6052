"""The injectable clock: services ask it for "now" so tests and ``--as-of`` can set the date.

Below every pipeline stage: store/ (audit times) and supervise/ (derived status) both use it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, timezone, tzinfo
from typing import Protocol

CHINA = timezone(timedelta(hours=8), "CST")  # dates in the ledger are Beijing dates


class Clock(Protocol):
    def now(self) -> datetime:
        """The current moment, timezone-aware."""
        ...

    def today(self) -> date:
        """The current date in China."""
        ...


class SystemClock:
    """The real time."""

    def now(self) -> datetime:
        return datetime.now(UTC)

    def today(self) -> date:
        return self.now().astimezone(CHINA).date()


@dataclass(frozen=True, slots=True)
class FixedClock:
    """A clock stopped at one moment (tests, ``--as-of``)."""

    at: datetime

    @classmethod
    def on(cls, day: date, hour: int = 12) -> FixedClock:
        """Noon (by default) Beijing time on ``day``."""
        return cls(datetime.combine(day, time(hour), tzinfo=CHINA))

    def now(self) -> datetime:
        return self.at

    def today(self) -> date:
        return self.at.astimezone(CHINA).date()


def local_time(moment: datetime, zone: tzinfo = CHINA) -> datetime:
    """A stored moment (kept in UTC; a naive one is taken as UTC) as people read it: Beijing time by
    default, or the zone the web app is configured for (``LUOSHI_DISPLAY_TIMEZONE``)."""
    aware = moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)
    return aware.astimezone(zone)


def clock_for(as_of: date | None) -> Clock:
    """The system clock, or one fixed on ``as_of`` (the CLI's ``--as-of``)."""
    return SystemClock() if as_of is None else FixedClock.on(as_of)
