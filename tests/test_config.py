from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

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


@pytest.mark.parametrize("key", ["a", "abq", "x" * 31, "changeme"])
def test_production_refuses_a_secret_key_shorter_than_32(monkeypatch: pytest.MonkeyPatch, key: str) -> None:
    """In production a signing key under 32 characters (or a placeholder) is refused, in one line."""
    monkeypatch.setenv("LUOSHI_ENV", "production")
    monkeypatch.setenv("LUOSHI_SECRET_KEY", key)
    with pytest.raises(ValidationError, match="LUOSHI_SECRET_KEY") as caught:
        load_settings()
    assert "32" in str(caught.value) and "\n" not in str(caught.value)


def test_a_long_key_in_production_and_a_short_one_in_development_are_accepted(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("LUOSHI_ENV", "production")
    monkeypatch.setenv("LUOSHI_SECRET_KEY", "k" * 32)
    assert load_settings().secret_key == "k" * 32
    monkeypatch.setenv("LUOSHI_ENV", "development")
    monkeypatch.setenv("LUOSHI_SECRET_KEY", "abq")
    assert load_settings().secret_key == "abq"


@pytest.mark.parametrize(
    ("name", "raw"),
    [("LUOSHI_ENV", "prod"), ("LUOSHI_TODAY", "2023-02-30"), ("LUOSHI_TOKEN_DAYS", "0")],
)
def test_every_setting_is_validated_in_one_place(
    monkeypatch: pytest.MonkeyPatch, name: str, raw: str
) -> None:
    monkeypatch.setenv(name, raw)
    with pytest.raises(ValidationError, match=name):
        load_settings()


def test_a_fixed_day_is_refused_in_production(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LUOSHI_ENV", "production")
    monkeypatch.setenv("LUOSHI_SECRET_KEY", "k" * 40)
    monkeypatch.setenv("LUOSHI_TODAY", "2023-03-01")
    with pytest.raises(ValidationError, match="LUOSHI_TODAY"):
        load_settings()


def test_serve_refuses_to_start_with_a_short_production_key(tmp_path: Path) -> None:
    """``LUOSHI_ENV=production LUOSHI_SECRET_KEY=abq luoshi serve`` exits 2 with one line (it started)."""
    env = {
        **os.environ,
        "LUOSHI_ENV": "production",
        "LUOSHI_SECRET_KEY": "abq",
        "LUOSHI_DATA_DIR": str(tmp_path),
    }
    done = subprocess.run(
        [sys.executable, "-m", "luoshi", "serve", "--port", "0"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 2 and "LUOSHI_SECRET_KEY" in done.stderr and "Traceback" not in done.stderr


def test_every_setting_is_documented() -> None:
    """Each field of Settings appears, by its environment variable, in docs/security.md."""
    from luoshi.config import Settings

    docs = (Path(__file__).parents[1] / "docs" / "security.md").read_text(encoding="utf-8")
    for field in Settings.model_fields:
        name = "LUOSHI_ENV" if field == "environment" else f"LUOSHI_{field.upper()}"
        assert f"`{name}`" in docs, name
