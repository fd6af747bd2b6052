"""Stage 4, extract: quantities and tasks (commitments) from a segmented report.

Public surface: :func:`extract_quantities`, :func:`extract_tasks`.
"""

from __future__ import annotations

from luoshi.document import Part, Quantity, ReportMeta, Task, Text


def extract_quantities(text: Text, parts: list[Part], meta: ReportMeta) -> list[Quantity]:
    """Every number that measures something, with indicator, metric, modifier and span."""
    return []


def extract_tasks(text: Text, parts: list[Part], meta: ReportMeta, quantities: list[Quantity]) -> list[Task]:
    """Every plan clause that commits to an action."""
    return []
