"""Stage 3, segment: report metadata, parts (review/plan), sections, paragraphs, sentences, clauses.

Public surface: :func:`segment`.
"""

from __future__ import annotations

from luoshi.document import Part, ReportMeta, Text
from luoshi.segment.outline import outline


def segment(text: Text) -> tuple[ReportMeta, list[Part]]:
    """Find the report's metadata and its outline in ``text.clean`` (clean-text coordinates)."""
    return outline(text.clean)
