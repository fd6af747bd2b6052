"""Shared fixtures: real texts from tests/fixtures, real databases, real services."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures"
REQUIRE_SERVICES = os.environ.get("LUOSHI_TEST_REQUIRE_SERVICES") == "1"


def skip_or_fail(reason: str) -> None:
    """Skip locally when a service is missing; in CI (LUOSHI_TEST_REQUIRE_SERVICES=1) fail."""
    if REQUIRE_SERVICES:
        pytest.fail(reason)
    pytest.skip(reason)


@pytest.fixture(scope="session")
def fixtures_dir() -> Path:
    return FIXTURES


@pytest.fixture(scope="session")
def example_path() -> Path:
    """The development report: traditional script with pinyin debris (Yangquan 2023)."""
    return FIXTURES / "yangquan-2023.txt"
