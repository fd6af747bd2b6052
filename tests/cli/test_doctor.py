"""``luoshi doctor``: a healthy deployment passes (exit 0); each broken part is one line to fix (exit 1)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from tests.cli_inprocess import luoshi_captured

from luoshi.supervise.health import calendar_last_year, check_disk

STRONG = "0f3a9c2b7d4e8f1a6b5c0d9e2f7a3b8c"


def doctor(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, list[str]]:
    code, out, err = luoshi_captured(capsys, "doctor", *args)
    assert "Traceback" not in err
    return code, out.strip().splitlines()


@pytest.fixture
def production(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """A production environment with a strong secret and its own data folder."""
    data = tmp_path / "data"
    data.mkdir()
    monkeypatch.setenv("LUOSHI_DATA_DIR", str(data))
    monkeypatch.setenv("LUOSHI_ENV", "production")
    monkeypatch.setenv("LUOSHI_SECRET_KEY", STRONG)
    return data


def a_year_covered() -> str:
    return date(calendar_last_year() - 1, 6, 1).isoformat()


def test_doctor_passes_on_a_fresh_migrated_database(
    capsys: pytest.CaptureFixture[str], production: Path, migrated_db_url: str
) -> None:
    code, lines = doctor(capsys, "--db", migrated_db_url, "--as-of", a_year_covered())
    assert code == 0, lines
    assert len(lines) == 7 and all(line.startswith("正常") for line in lines)


def test_doctor_names_each_problem_on_one_line_and_exits_1(
    capsys: pytest.CaptureFixture[str], production: Path, monkeypatch: pytest.MonkeyPatch, db_url: str
) -> None:
    """No migration, a weak secret, a calendar ending this year and a broken notify config."""
    monkeypatch.setenv("LUOSHI_SECRET_KEY", "changeme")
    (production / "notify.yaml").write_text("channels: [unclosed\n", encoding="utf-8")
    this_year = date(calendar_last_year(), 3, 1).isoformat()
    code, lines = doctor(capsys, "--db", db_url, "--as-of", this_year)
    assert code == 1
    failing = [line for line in lines if line.startswith("需处理")]
    assert len(failing) == 4, lines
    for fix in (
        "luoshi db upgrade",
        "LUOSHI_SECRET_KEY",
        f"不含 {calendar_last_year() + 1} 年",
        "notify.yaml",
    ):
        assert sum(fix in line for line in failing) == 1, fix


def test_doctor_reports_an_unreachable_database_without_a_traceback(
    capsys: pytest.CaptureFixture[str], production: Path
) -> None:
    url = "postgresql+psycopg://nobody@127.0.0.1:1/none?connect_timeout=2"
    code, lines = doctor(capsys, "--db", url, "--as-of", a_year_covered(), "--format", "json")
    assert code == 1 and "数据库无法连接" in "\n".join(lines) and "nobody" not in "\n".join(lines)


def test_doctor_refuses_a_data_folder_that_is_missing(
    capsys: pytest.CaptureFixture[str], production: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LUOSHI_DATA_DIR", str(tmp_path / "missing"))
    code, lines = doctor(capsys, "--db", f"sqlite:///{tmp_path / 'x.sqlite3'}", "--as-of", a_year_covered())
    assert code == 1 and [line for line in lines if "不存在" in line and "数据目录" in line]


def test_disk_check_fails_below_the_minimum_free_space(tmp_path: Path) -> None:
    assert check_disk(tmp_path, minimum=1).ok
    low = check_disk(tmp_path, minimum=1 << 60)
    assert not low.ok and "扩容" in low.message
