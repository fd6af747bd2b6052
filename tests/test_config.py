from __future__ import annotations

import pytest

from luoshi.config import load_settings
from luoshi.errors import ValidationError


def test_database_url_defaults_to_sqlite_in_the_data_folder(
    monkeypatch: pytest.MonkeyPatch, tmp_path: object
) -> None:
    monkeypatch.delenv("LUOSHI_DATABASE_URL", raising=False)
    monkeypatch.setenv("LUOSHI_DATA_DIR", str(tmp_path))
    assert load_settings().resolved_database_url == f"sqlite:///{tmp_path}/luoshi.sqlite3"


def test_explicit_override_beats_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LUOSHI_DATABASE_URL", "sqlite:///env.db")
    assert load_settings(database_url="sqlite:///cli.db").resolved_database_url == "sqlite:///cli.db"


@pytest.mark.parametrize("raw", ["abc", "-5", "0", "1.5"])
def test_a_bad_size_limit_is_a_clear_error(monkeypatch: pytest.MonkeyPatch, raw: str) -> None:
    monkeypatch.setenv("LUOSHI_MAX_INPUT_BYTES", raw)
    with pytest.raises(ValidationError, match="LUOSHI_MAX_INPUT_BYTES"):
        load_settings()
