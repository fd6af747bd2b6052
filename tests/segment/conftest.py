"""Segment fixtures: the three real reports and the hand-written style texts, segmented once."""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from pathlib import Path

import pytest

from luoshi.document import Part, ReportMeta, Text
from luoshi.normalise import normalise
from luoshi.segment import segment

FIXTURES = Path(__file__).parent.parent / "fixtures"


@cache
def segmented(name: str) -> tuple[Text, ReportMeta, list[Part]]:
    """Read ``tests/fixtures/<name>`` through normalise and segment (cached per session)."""
    text = normalise((FIXTURES / name).read_text(encoding="utf-8"))
    meta, parts = segment(text)
    return text, meta, parts


Segmented = Callable[[str], tuple[Text, ReportMeta, list[Part]]]


@pytest.fixture(name="segmented", scope="session")
def segmented_fixture() -> Segmented:
    return segmented
