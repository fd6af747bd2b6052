"""Tasks: plan clauses that commit to an action, with or without a number."""

from __future__ import annotations

from luoshi.document import Part, Quantity, ReportMeta, Task, Text


def extract_tasks(
    text: Text, parts: list[Part], meta: ReportMeta, quantities: list[Quantity]
) -> list[Task]:
    """Every plan clause that commits to an action."""
    return []
