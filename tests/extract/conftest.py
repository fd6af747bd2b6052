"""Fixtures for the extract stage: the scorer (tests/fixtures/score.py) loaded in-process."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

import pytest

FIXTURES = Path(__file__).parent.parent / "fixtures"


@pytest.fixture(scope="session")
def scorer() -> ModuleType:
    """The project's scorer, the same file the quality bars are stated with."""
    spec = importlib.util.spec_from_file_location("luoshi_scorer", FIXTURES / "score.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
