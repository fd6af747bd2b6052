"""Fixtures for link tests."""

from __future__ import annotations

import pytest

from luoshi.link.vocabulary import Vocabulary, load_vocabulary


@pytest.fixture(scope="session")
def vocab() -> Vocabulary:
    return load_vocabulary()
