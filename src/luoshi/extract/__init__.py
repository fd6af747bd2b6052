"""Stage 4, extract: quantities and tasks (commitments) from a segmented report.

Public surface: :func:`extract_quantities`, :func:`extract_tasks`.
"""

from __future__ import annotations

from luoshi.extract.quantities import extract_quantities
from luoshi.extract.tasks import extract_tasks

__all__ = ["extract_quantities", "extract_tasks"]
