"""Per-report row functions for corpus tests: top-level, so they pickle to worker processes."""

from __future__ import annotations

import re
from typing import Any

from luoshi.ingest import read_source

_NUMBER = re.compile(r"\d+(?:\.\d+)?")


def number_rows(path: str, vocabulary: str | None = None) -> list[dict[str, Any]]:
    """One row per number in the file's text (read as the pipeline reads it)."""
    text = read_source(path).text
    return [
        {"part": "review", "indicator": "n", "value": float(m.group()), "start": m.start(), "end": m.end()}
        for m in _NUMBER.finditer(text)
    ]


def failing_rows(path: str, vocabulary: str | None = None) -> list[dict[str, Any]]:
    """Fails on files whose name says so, like a bug that one odd report triggers."""
    if "boom" in path:
        raise RuntimeError("unexpected")
    return number_rows(path, vocabulary)
