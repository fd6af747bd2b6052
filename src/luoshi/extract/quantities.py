"""Quantities: every number the report states, with indicator, metric, modifier and span."""

from __future__ import annotations

from luoshi.document import Part, Quantity, ReportMeta, Text


def extract_quantities(text: Text, parts: list[Part], meta: ReportMeta) -> list[Quantity]:
    """Every number that measures something, with indicator, metric, modifier and span."""
    return []
