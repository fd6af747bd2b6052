"""Moved to :mod:`luoshi.clock` (below store/ and supervise/). Kept only so branches written before
the move still import; new code imports ``luoshi.clock``. Delete once no caller is left."""

from __future__ import annotations

from luoshi.clock import CHINA, Clock, FixedClock, SystemClock, clock_for

__all__ = ["CHINA", "Clock", "FixedClock", "SystemClock", "clock_for"]
