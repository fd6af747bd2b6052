"""Deadlines stated in plan text (8月底前, 年内, 上半年 …), anchored to the plan year."""

from __future__ import annotations

from datetime import date


def deadline_in(text: str, year: int | None) -> date | None:
    """The deadline a clause states, as a date in ``year``; None when it states none."""
    return None
