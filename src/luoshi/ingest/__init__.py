"""Stage 1, ingest: a published report file (txt / html / docx / pdf) → its text layer.

Public surface: :func:`read_source`, :class:`Source`.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from luoshi.errors import InputError


@dataclass(frozen=True, slots=True)
class Source:
    """The text of a report as published, before any cleaning."""

    text: str
    format: str  # txt | html | docx | pdf
    path: str | None = None


def read_source(path: str | Path) -> Source:
    """Read a report file. Raises :class:`InputError` with a one-line reason when it cannot."""
    p = Path(path)
    if not p.is_file():
        raise InputError(f"找不到文件: {p}")
    text = p.read_bytes().decode("utf-8-sig", errors="replace")
    if not text.strip():
        raise InputError(f"文件为空: {p}")
    return Source(text=text, format="txt", path=str(p))
