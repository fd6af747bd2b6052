"""Real report files written by the tests themselves."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.ingest.samples import write_docx


@pytest.fixture
def docx_file(tmp_path: Path) -> Path:
    return write_docx(tmp_path / "report.docx")
