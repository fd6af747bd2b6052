from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from tests.cli_inprocess import luoshi_text


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "luoshi", *args], capture_output=True, text=True, timeout=120
    )


def test_extract_json_has_report_and_items(example_path: Path) -> None:
    out = run_cli("extract", str(example_path), "--format", "json")
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    assert set(data) == {"report", "items"}
    assert data["report"]["sha256"]


def test_missing_file_is_one_line_and_exit_2(tmp_path: Path) -> None:
    out = luoshi_text("extract", str(tmp_path / "nope.txt"), "--format", "json")
    assert out.returncode == 2
    assert "Traceback" not in out.stderr
    assert len(out.stderr.strip().splitlines()) == 1


HEAVY = (
    "opencc",
    "openpyxl",
    "docx",
    "pypdf",
    "selectolax",
    "tqdm",
    "charset_normalizer",
    "cn2an",
    "sqlalchemy",
)


def test_start_up_imports_nothing_heavy() -> None:
    for args in (["--help"], ["extract", "--help"]):
        out = subprocess.run(
            [sys.executable, "-X", "importtime", "-m", "luoshi", *args],
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert out.returncode == 0, out.stderr
        imported = {line.rsplit("|", 1)[-1].strip().split(".")[0] for line in out.stderr.splitlines()}
        assert not imported & set(HEAVY), imported & set(HEAVY)
        assert "extract" in out.stdout


@pytest.mark.slow
def test_a_reader_that_goes_away_does_not_undo_the_work(example_path: Path, tmp_path: Path) -> None:
    """`luoshi ingest … | head`: the broken pipe must not roll back what the command stored."""
    db = f"sqlite:///{tmp_path / 'ledger.sqlite3'}"
    proc = subprocess.Popen(
        [sys.executable, "-m", "luoshi", "ingest", str(example_path), "--db", db, "--format", "json"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert proc.stdout is not None
    proc.stdout.close()  # the reader is gone before the command writes a byte
    _, err = proc.communicate(timeout=120)
    assert proc.returncode == 0, err
    assert "Traceback" not in err
    listed = run_cli("reports", "--db", db, "--format", "json")
    assert listed.returncode == 0, listed.stderr
    assert len(json.loads(listed.stdout)) == 1
